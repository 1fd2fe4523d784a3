"""Shards: one slice of a project's files, for a CI job matrix.

`atomics-tidy-db build --shard I/N` and `atomics-tidy-run --shard I/N` take
the same slice: every N-th file of the sorted list, from the I-th, with I
counted from 1 as GitLab's CI_NODE_INDEX is (GitHub's matrix index + 1).
The list is sorted by path, so every machine takes the same slice whatever
order the compilation database lists the files in.
"""

import argparse


def parse(text):
    """`I/N` as (I, N), 1 <= I <= N; argparse's error otherwise (an
    argparse `type`)."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        i = n = 0
    if not 1 <= i <= n:
        raise argparse.ArgumentTypeError(
            "'%s' is not I/N with 1 <= I <= N (the slice of N to analyse, "
            "as CI_NODE_INDEX/CI_NODE_TOTAL)" % text)
    return i, n


def of(files, shard):
    """The slice SHARD = (I, N) of FILES (None: all of them), in sorted
    order."""
    if shard is None:
        return list(files)
    i, n = shard
    return [f for k, f in enumerate(sorted(files)) if k % n == i - 1]
