"""The whole-program database: an SQLite file whose tables lib/FactsSchema.sql
defines (that file is the format's only definition; docs/database.md shows
it with queries).

The checks write each translation unit's facts into it themselves, one
transaction per unit (lib/FactsWriter.h), and read it through indexed
queries (lib/FactsDatabase.h). What the tools do with a database is here:
create one from the schema, say what a file is (ours, of this version; of
an older one; damaged; someone else's), copy the contents of several into
one (merge, and a build's final step), in one transaction.
"""

import os
import sqlite3

from .errors import ToolError

# lib/FactsSchema.sql, in the source tree and in the installed layout alike
# (tools/../lib/).
SCHEMA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "lib", "FactsSchema.sql")
REBUILD = "rebuild it with 'atomics-tidy-db build'"
SQLITE_MAGIC = b"SQLite format 3\0"
JSON_MAGIC = b'{"format":"atomics-tidy-database"'
# How long to wait for another process's transaction (a clang-tidy writing
# a unit, an update) before giving up, in seconds.
PATIENCE = 600


def _pragma(text, name):
    import re
    m = re.search(r"^PRAGMA %s = (\d+);" % name, text, re.M)
    if not m:
        raise ToolError("%s sets no %s" % (SCHEMA, name))
    return int(m.group(1))


def schema():
    """The schema's text, its version and its application id."""
    try:
        with open(SCHEMA) as f:
            text = f.read()
    except OSError as e:
        raise ToolError("cannot read the database schema %s: %s"
                        % (SCHEMA, e.strerror))
    return text, _pragma(text, "user_version"), _pragma(text, "application_id")


class NotCurrent(ToolError):
    """A file that is not a database of this version: `kind` says what it is
    ('missing', 'json', 'foreign', 'older', 'newer', 'damaged')."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def _open(path, mode):
    uri = "file:%s?mode=%s" % (path.replace("%", "%25").replace(
        "?", "%3f").replace("#", "%23"), mode)
    try:
        db = sqlite3.connect(uri, uri=True, timeout=PATIENCE,
                             isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as e:
        raise ToolError("cannot open the database %s: %s" % (path, e))
    return db


def _log_is_empty(path):
    try:
        return os.path.getsize(path + "-wal") == 0
    except FileNotFoundError:
        return True


def connect(path, readonly=False):
    """A connection in autocommit mode (transactions are explicit), with
    foreign keys on (deleting a unit deletes its records)."""
    db = _open(path, "ro" if readonly else "rwc")
    if readonly:
        try:
            db.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError as e:
            # In a location this user cannot write, SQLite cannot make the
            # files of the write-ahead log that a reader needs; when the
            # log holds nothing, the file is the whole database and reads
            # as it is (as lib/Sqlite.cpp reads it).
            db.close()
            if not _log_is_empty(path):
                raise ToolError("cannot read the database %s: %s" % (path, e))
            db = _open(path, "ro&immutable=1")
    return db


def identify(path):
    """Raises NotCurrent unless PATH is a database of this schema's version;
    returns its schema version."""
    _, version, app_id = schema()
    if not os.path.exists(path):
        raise NotCurrent("missing", "%s: no such database" % path)
    try:
        with open(path, "rb") as f:
            head = f.read(len(JSON_MAGIC))
    except OSError as e:
        raise ToolError("cannot read the database %s: %s" % (path, e.strerror))
    if head == JSON_MAGIC:
        raise NotCurrent("json", "%s is a database of an earlier atomics-tidy "
                         "(a JSON file); %s" % (path, REBUILD))
    if not head.startswith(SQLITE_MAGIC):
        raise NotCurrent("foreign", "%s is not an atomics-tidy database (not "
                         "an SQLite file)" % path)
    try:
        db = connect(path, readonly=True)
        try:
            found_id = db.execute("PRAGMA application_id").fetchone()[0]
            found = db.execute("PRAGMA user_version").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        raise NotCurrent("damaged", "%s is damaged (%s); %s"
                         % (path, e, REBUILD))
    if found_id != app_id:
        raise NotCurrent("foreign", "%s is an SQLite file of another program, "
                         "not an atomics-tidy database" % path)
    if found < version:
        raise NotCurrent("older", "%s has version %d of the database schema, "
                         "this atomics-tidy reads version %d; %s"
                         % (path, found, version, REBUILD))
    if found > version:
        raise NotCurrent("newer", "%s has version %d of the database schema, "
                         "written by a newer atomics-tidy; this one reads "
                         "version %d" % (path, found, version))
    return found


def create(path):
    """A new, empty database at PATH (which must not exist), in write-ahead
    log mode: the clang-tidy processes of a build write into it at once."""
    text, _, _ = schema()
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript("BEGIN;\n" + text + "\nCOMMIT;")
    except sqlite3.Error as e:
        db.close()
        raise ToolError("cannot create the database %s: %s" % (path, e))
    return db


def tables(db, schema_name="main"):
    """The tables, in the order the schema creates them (each after the
    tables it refers to)."""
    return [r[0] for r in db.execute(
        "SELECT name FROM %s.sqlite_master WHERE type = 'table' "
        "ORDER BY rowid" % schema_name)]


def _copy(db, source):
    """Copies every row of the attached database SOURCE into main, giving
    each record a new id and the rows that refer to it that id (the
    schema's foreign keys say which columns refer to which table)."""
    base = {}
    for table in tables(db, source):
        columns = [r[1] for r in db.execute(
            "PRAGMA %s.table_info(%s)" % (source, table))]
        refers = {r[3]: r[2] for r in db.execute(
            "PRAGMA %s.foreign_key_list(%s)" % (source, table))}
        if "id" in columns:
            base[table] = db.execute(
                "SELECT IFNULL(MAX(id), 0) FROM main.%s" % table).fetchone()[0]
        values = []
        for c in columns:
            if c == "id":
                values.append("id + %d" % base[table])
            elif c in refers:
                values.append("%s + %d" % (c, base[refers[c]]))
            else:
                values.append(c)
        db.execute("INSERT INTO main.%s(%s) SELECT %s FROM %s.%s" % (
            table, ", ".join(columns), ", ".join(values), source, table))


def fill(db, sources):
    """Replaces the contents of DB (a connection) with those of the
    databases SOURCES, in one transaction: a reader sees the old contents
    or the new ones. A file in two of them is an error (shards are
    disjoint)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM units")
        for i, path in enumerate(sources):
            name = "source%d" % i
            db.execute("ATTACH DATABASE ? AS %s" % name, (path,))
            both = db.execute(
                "SELECT file FROM %s.units WHERE file IN "
                "(SELECT file FROM main.units) ORDER BY file" % name).fetchall()
            if both:
                raise ToolError("%s: %s is already in another of the "
                                "databases merged; shards must be disjoint"
                                % (path, both[0][0]))
            _copy(db, name)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        for i in range(len(sources)):
            try:
                db.execute("DETACH DATABASE source%d" % i)
            except sqlite3.Error:
                pass


def install(built, path):
    """Makes the database BUILT (a complete new one) the database at PATH:
    copied into it in one transaction when PATH is a database of this
    version (a process reading it meanwhile sees the old one or the new
    one); otherwise it takes PATH's place. Removes BUILT."""
    try:
        identify(path)
        current = True
    except NotCurrent as e:
        if e.kind in ("foreign", "newer"):
            raise ToolError("%s; not replacing it: remove it or give "
                            "another -o" % e)
        current = False
    if current:
        db = connect(path)
        try:
            fill(db, [built])
            # Folds what it can of the log into the file, without waiting:
            # a reader may hold the old snapshot for long (clangd holds one
            # until it next needs the database), and a checkpoint that
            # waits for it would stop this build and every writer.
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            db.close()
        remove(built)
    else:
        # Nothing can be reading PATH as a database of this version; a
        # write-ahead log of an earlier file would be read as this one's.
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        os.replace(built, path)


def finish(db):
    """Folds the write-ahead log into the file and closes DB: the database
    is then one file, to copy or to publish."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def remove(path):
    for p in (path, path + "-wal", path + "-shm", path + "-journal"):
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass
