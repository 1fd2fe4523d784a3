#!/usr/bin/env python3
"""Runs a command with its standard error on a pseudo-terminal, as a
developer's shell would, and prints what it wrote there with the control
characters made visible: <CR> for a carriage return, <EL> for "erase to the
end of the line" (ESC [ K). Standard output stays a pipe, printed as is.
Exits with the command's status.

    pty-run.py COMMAND [ARGS...]
"""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
env = dict(os.environ, TERM="xterm", COLUMNS="100")
env.pop("CI", None)
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=slave, env=env)
os.close(slave)
chunks = []
while True:
    try:
        data = os.read(master, 4096)
    except OSError:
        break
    if not data:
        break
    chunks.append(data)
out = proc.stdout.read()
status = proc.wait()
tty = b"".join(chunks).decode("utf-8", "replace")
tty = tty.replace("\r\n", "\n").replace("\r", "<CR>").replace("\x1b[K", "<EL>")
sys.stdout.write(out.decode("utf-8", "replace"))
sys.stdout.write("--- terminal ---\n" + tty + "\n--- end ---\n")
sys.exit(status)
