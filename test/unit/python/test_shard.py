"""tools/atomics_tidy_run/shard.py: the slice of a CI job matrix."""

import argparse

import pytest

from atomics_tidy_run import shard


FILES = ["b.c", "a.c", "e.c", "d.c", "c.c", "g.c", "f.c"]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 10])
def test_slices_cover_every_file_once(n):
    slices = [shard.of(FILES, (i, n)) for i in range(1, n + 1)]
    taken = [f for s in slices for f in s]
    assert sorted(taken) == sorted(FILES)
    assert len(taken) == len(set(taken))


def test_slice_does_not_depend_on_the_order_of_the_list():
    assert shard.of(FILES, (2, 3)) == shard.of(sorted(FILES), (2, 3))
    assert shard.of(FILES, (2, 3)) == ["b.c", "e.c"]


def test_no_shard_is_every_file():
    assert shard.of(FILES, None) == FILES


@pytest.mark.parametrize("text,expected", [("1/1", (1, 1)), ("3/4", (3, 4))])
def test_parse(text, expected):
    assert shard.parse(text) == expected


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/2/3", "", "-1/2"])
def test_parse_errors_name_the_argument(text):
    with pytest.raises(argparse.ArgumentTypeError) as e:
        shard.parse(text)
    assert "'%s' is not I/N" % text in str(e.value)
