"""Runs tools/atomics-tidy-db and kills it with SIGKILL at a point of its
work with a database, for test/database/faults.test:

  kill-at.py before|after SQL DATABASE TOOL ARGS...

kills the tool just before (or just after) it runs a statement that begins
with SQL on a connection to a file whose name ends with DATABASE (the
output, not the new database a build writes next to it). Python's sqlite3
runs every statement of the tool; this wraps its connections, and changes
nothing else.
"""

import os
import runpy
import signal
import sqlite3
import sys

when, sql, database, tool = sys.argv[1:5]


class Killing(sqlite3.Connection):
    def __init__(self, name, *args, **kwargs):
        super().__init__(name, *args, **kwargs)
        self.watched = name.split("?")[0].endswith(database)

    def execute(self, statement, *args):
        hit = self.watched and statement.startswith(sql)
        if hit and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = super().execute(statement, *args)
        if hit and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result


connect = sqlite3.connect
sqlite3.connect = lambda *a, **k: connect(*a, factory=Killing, **k)
sys.argv = [tool] + sys.argv[5:]
runpy.run_path(tool, run_name="__main__")
