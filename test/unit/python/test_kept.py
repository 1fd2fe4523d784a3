"""tools/atomics_tidy_run/kept.py: the digests that decide whether a kept
finding still holds."""

import sqlite3

import pytest

from atomics_tidy_run import kept
from atomics_tidy_run.compdb import Entry


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.c").write_text("int a;\n")
    tool = tmp_path / "clang-tidy"
    tool.write_text("#!/bin/sh\n")
    return tmp_path, src, tool


def entry(src, command="cc -c a.c"):
    return Entry(str(src), str(src / "a.c"),
                 {"directory": str(src), "file": "a.c", "command": command})


def digest(tool, args, e):
    return kept.Inputs([str(tool)], args).of(e)


def test_same_inputs_same_digest(project):
    _, src, tool = project
    assert digest(tool, ["-x"], entry(src)) == digest(tool, ["-x"], entry(src))


def test_compile_command_changes_digest(project):
    _, src, tool = project
    assert (digest(tool, [], entry(src)) !=
            digest(tool, [], entry(src, "cc -DX -c a.c")))


def test_driver_arguments_change_digest(project):
    _, src, tool = project
    assert digest(tool, [], entry(src)) != digest(tool, ["--fix"], entry(src))


@pytest.mark.parametrize("where", ["src", "."])
def test_clang_tidy_file_changes_digest(project, where):
    root, src, tool = project
    before = digest(tool, [], entry(src))
    dotfile = (root / where / ".clang-tidy")
    dotfile.write_text("Checks: '-*,atomics-*'\n")
    with_file = digest(tool, [], entry(src))
    assert with_file != before
    dotfile.write_text("Checks: '-*,atomics-deprecated-mb'\n")
    assert digest(tool, [], entry(src)) not in (before, with_file)


def test_config_file_contents_change_digest(project):
    root, src, tool = project
    config = root / "config.yaml"
    config.write_text("Checks: '-*'\n")
    before = kept.Inputs([str(tool)], [], str(config)).of(entry(src))
    config.write_text("Checks: '-*,atomics-*'\n")
    assert kept.Inputs([str(tool)], [], str(config)).of(entry(src)) != before


def units_db(rows):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE units (file TEXT, analysed INTEGER, facts_digest TEXT)")
    db.executemany("INSERT INTO units VALUES (?, ?, ?)", rows)
    return db


ROWS = [("/p/a.c", 1, "aa"), ("/p/b.c", 2, "bb")]


def test_facts_digest_does_not_depend_on_row_order():
    assert (kept.facts_digest(units_db(ROWS)) ==
            kept.facts_digest(units_db(list(reversed(ROWS)))))


@pytest.mark.parametrize("changed", [
    [("/p/a.c", 1, "aa"), ("/p/b.c", 2, "bc")],   # a unit's facts
    [("/p/a.c", 1, "aa"), ("/p/b.c", 3, "bb")],   # analysed again
    [("/p/a.c", 1, "aa")],                        # a unit gone
])
def test_facts_digest_changes_with_the_facts(changed):
    assert kept.facts_digest(units_db(ROWS)) != kept.facts_digest(units_db(changed))
