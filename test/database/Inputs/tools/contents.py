"""Prints what a whole-program database holds, independent of how it was
written: every row of every table, one per line, sorted, with the row ids
left out and each reference to another row replaced by what that row holds
(a point's unit by the unit's file, a location's point by the point's
contents). Two databases with the same facts print the same text, whether
built at once or merged from shards, whatever ids they gave their rows."""

import json
import sqlite3
import sys


def contents(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    # table -> {column: referenced table}
    refs = {t: {r[3]: r[2] for r in db.execute(
        "PRAGMA foreign_key_list(%s)" % t)} for t in tables}
    columns = {t: [r[1] for r in db.execute("PRAGMA table_info(%s)" % t)]
               for t in tables}
    memo = {}

    def row(table, rowid):
        key = (table, rowid)
        if key not in memo:
            values = db.execute("SELECT * FROM %s WHERE rowid = ?" % table,
                                (rowid,)).fetchone()
            memo[key] = describe(table, values)
        return memo[key]

    def describe(table, values):
        out = {}
        for column, value in zip(columns[table], values):
            if column == "id":
                continue
            if column in refs[table] and value is not None:
                value = row(refs[table][column], value)
            out[column] = value
        return out

    lines = []
    for t in tables:
        for (rowid,) in db.execute("SELECT rowid FROM %s" % t):
            lines.append(t + " " + json.dumps(row(t, rowid), sort_keys=True))
    db.close()
    return sorted(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: contents.py DATABASE")
    sys.stdout.write("".join(line + "\n" for line in contents(sys.argv[1])))
