"""Running a program and measuring it: wall-clock time, and the CPU time
(user + system) of the process and of every descendant it waited for.

On a shared machine the CPU time is the steadier of the two (another
user's load stretches the wall clock, not the work done), so the ratios
are taken between CPU times; the wall clock gives the files per second.
"""

import os
import subprocess
import threading
import time

from atomics_tidy_run.errors import ToolError


class Timed:
    __slots__ = ("returncode", "stdout", "stderr", "wall", "cpu")

    def __init__(self, returncode, stdout, stderr, wall, cpu):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.wall = wall
        self.cpu = cpu


def run(cmd, cwd=None, env=None):
    """Runs `cmd` to completion; a Timed. The output is kept (it is read
    for profiles and clangd's figures)."""
    start = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise ToolError("cannot run %s: %s" % (cmd[0], e.strerror))
    out, err = _drain(p)
    # wait4 gives the child's resource usage, its waited-for descendants
    # included (the database tool's clang-tidy runs).
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return Timed(p.returncode, out.decode("utf-8", "replace"),
                 err.decode("utf-8", "replace"), wall,
                 usage.ru_utime + usage.ru_stime)


def _drain(p):
    """Both pipes to their end, without reaping the process (communicate()
    would wait for it, and the resource usage would be lost)."""
    chunks = {}

    def read(name, stream):
        chunks[name] = stream.read()
        stream.close()
    t = threading.Thread(target=read, args=("err", p.stderr))
    t.start()
    read("out", p.stdout)
    t.join()
    return chunks["out"], chunks["err"]


def checked(cmd, what, cwd=None, env=None):
    """run(), and a ToolError that quotes the program when it fails."""
    r = run(cmd, cwd=cwd, env=env)
    if r.returncode != 0:
        raise ToolError("%s failed (exit status %d): %s\n%s" % (
            what, r.returncode, " ".join(cmd),
            (r.stdout + r.stderr).strip()[-3000:]))
    return r
