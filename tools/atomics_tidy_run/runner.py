"""Runs clang-tidy once per chosen compile command, in parallel.

Each run exports its diagnostics to a YAML file of its own (the driver reads
them; clang-tidy's text output is not parsed). A run's outcome is one of:

- ok: clang-tidy finished (its findings are in the YAML);
- compile errors: clang-tidy reported errors compiling the file (exit 1 and
  error diagnostics in the YAML): the file's analysis is incomplete;
- crashed: killed by a signal, or printed LLVM's crash banner or a
  sanitizer's report (a build with ATOMICS_TIDY_SANITIZE=ON);
- failed: any other non-zero exit (clang-tidy's message is kept).
"""

import concurrent.futures
import os
import signal
import subprocess
import time

CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump:",
                 "ERROR: AddressSanitizer:", "ERROR: LeakSanitizer:",
                 ": runtime error: ")


class Result:
    def __init__(self, file, yaml_path, returncode, stdout, stderr, elapsed):
        self.file = file
        self.yaml_path = yaml_path
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.elapsed = elapsed

    def crashed(self):
        if self.returncode < 0:
            return True
        return self.returncode != 0 and any(m in self.stderr for m in CRASH_MARKERS)

    def signal_name(self):
        sig = -self.returncode if self.returncode < 0 else (
            self.returncode - 128 if self.returncode > 128 else None)
        if sig is None:
            return "exit status %d" % self.returncode
        try:
            return "signal %d, %s" % (sig, signal.Signals(sig).name)
        except ValueError:
            return "signal %d" % sig


def _run_one(cmd, file, yaml_path, env=None):
    start = time.monotonic()
    try:
        p = subprocess.run(cmd + ["--export-fixes=%s" % yaml_path, file],
                           stdin=subprocess.DEVNULL, capture_output=True,
                           env=dict(os.environ, **env) if env else None)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except OSError as e:
        rc, out, err = 127, b"", str(e).encode()
    return Result(file, yaml_path, rc, out.decode("utf-8", "replace"),
                  err.decode("utf-8", "replace"), time.monotonic() - start)


def run_all(tasks, jobs, progress, label, environment=None):
    """`tasks`: (command without the file, file, yaml path). Returns the
    results in task order; `progress.advance(label(file))` after each.
    `environment(yaml path)`: what a run adds to its environment."""
    results = [None] * len(tasks)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_run_one, cmd, f, y, environment(y) if environment else None): i
                   for i, (cmd, f, y) in enumerate(tasks)}
        try:
            for fut in concurrent.futures.as_completed(futures):
                i = futures[fut]
                results[i] = fut.result()
                progress.advance(label(results[i].file))
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return results


def default_jobs():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
