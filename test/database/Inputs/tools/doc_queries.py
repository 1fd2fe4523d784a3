"""Runs the sqlite3 commands shown in a Markdown file (its ```sh blocks that
start with 'sqlite3'), in the current directory, printing '== query N'
before each one's output: what a reader of the docs would see."""

import re
import subprocess
import sys

text = open(sys.argv[1]).read()
blocks = [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.S)
          if b.lstrip().startswith("sqlite3 ")]
if not blocks:
    sys.exit("doc_queries.py: no sqlite3 command in %s" % sys.argv[1])
for n, command in enumerate(blocks, 1):
    print("== query %d" % n)
    sys.stdout.flush()
    r = subprocess.run(["bash", "-c", command], stderr=subprocess.STDOUT,
                       stdout=subprocess.PIPE, text=True)
    sys.stdout.write(r.stdout)
    if r.returncode:
        print("exit status %d" % r.returncode)
