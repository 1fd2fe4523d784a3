"""The benchmark's C code: one generator for all of it.

Two products, both deterministic (the same arguments give the same files,
so that two runs measure the same code):

- scaling units (`SCALING_AXES`): one translation unit that grows along one
  axis (functions, operations per function, call depth, branching), for
  `atomics-tidy-bench scaling`;
- a project (`write_project`): several translation units with a
  compile_commands.json, the default corpus of `atomics-tidy-bench run`,
  with what real code has around its atomics (system headers, ordinary
  functions) and something for every atomics-* check to look at: read-
  modify-writes before loads, message passing with barriers, pairing
  comments (some stale, some naming a function in another file), the
  deprecated qatomic_mb_* operations.

Every unit includes test/Inputs/qemu/atomic.h, the QEMU API as the lit
tests know it; `compile_flags()` gives the flags that find it.

Barriers are spread through the generated bodies so that each read-modify-
write meets a bounded number of loads: the findings then grow linearly with
the size, and the time measures the analysis rather than the printing of a
quadratic output.
"""

import json
import os
import random

from atomics_tidy_run.toolchain import SOURCE_ROOT

QEMU_INPUTS = os.path.join(SOURCE_ROOT, "test", "Inputs", "qemu")
GLOBALS = 6
GLOBAL_NAMES = ", ".join("g%d" % i for i in range(GLOBALS))
HEADER = '#include "atomic.h"\nint %s;\n' % GLOBAL_NAMES


def compile_flags():
    """The flags every generated unit compiles with (for the host: the
    checks' answers do not depend on the target, and the project corpus
    includes the host's C library headers)."""
    return ["-std=gnu11", "-I", QEMU_INPUTS]


class Ops:
    """A deterministic stream of operation statements for every check:
    read-modify-writes, relaxed and acquire loads, stores (missing-rmw-
    barrier), barriers with pairing comments (unpaired-barrier, pairing-
    comment), now and then a deprecated qatomic_mb_read (deprecated-mb).
    `partners` is how many functions f0, f1, ... the unit defines, for the
    comments to name."""

    def __init__(self, seed, partners):
        self.rng = random.Random(seed)
        self.partners = partners

    def __call__(self, ind):
        r = self.rng
        g = "g%d" % r.randrange(GLOBALS)
        x = r.random()
        if x < 0.35:
            return "%sqatomic_%s(&%s, 1);" % (ind, r.choice(("add", "or", "sub")), g)
        if x < 0.65:
            return "%s(void)qatomic_read(&%s);" % (ind, g)
        if x < 0.75:
            return "%s(void)qatomic_load_acquire(&%s);" % (ind, g)
        if x < 0.80:
            return "%sqatomic_store_release(&%s, 1);" % (ind, g)
        if x < 0.85:
            # A pairing comment that names a function of this unit.
            kind = r.choice(("wmb", "rmb"))
            other = "rmb" if kind == "wmb" else "wmb"
            return "%s/* Pairs with smp_%s() in f%d(). */\n%ssmp_%s();" % (
                ind, other, r.randrange(self.partners), ind, kind)
        if x < 0.87:
            return "%s(void)qatomic_mb_read(&%s);" % (ind, g)
        return "%sqatomic_set(&%s, 1);" % (ind, g)


def body_ops(ops, n, ind="  "):
    """n operations: every eighth under an if (so the CFG has blocks),
    every sixteenth a full barrier."""
    lines = []
    for i in range(n):
        if i % 16 == 15:
            lines.append(ind + "smp_mb();")
        elif i % 8 == 7:
            lines.append("%sif (arg & %d) {" % (ind, 1 << (i % 5)))
            lines.append(ops(ind + "  "))
            lines.append(ind + "}")
        else:
            lines.append(ops(ind))
    return lines


def unit_functions(n):
    """n functions, each calling an earlier one between its barriers: the
    caller's pending RMWs meet the callee's first loads, the callee's
    pending RMWs the caller's load after the call."""
    ops, rng, out = Ops(1, n), random.Random(2), [HEADER]
    for f in range(n):
        out.append("int f%d(int arg)\n{" % f)
        out += [ops("  ") for _ in range(3)]
        out.append("  smp_mb();")
        out += [ops("  ") for _ in range(3)]
        if f:
            out.append("  if (arg & 1)")
            out.append("    f%d(arg >> 1);" % rng.randrange(f))
        out.append("  (void)qatomic_read(&g%d);" % (f % GLOBALS))
        out.append("  smp_mb();")
        out += [ops("  ") for _ in range(3)]
        out += ["  return 0;", "}"]
    return "\n".join(out) + "\n"


def unit_ops(n, functions=50):
    """`functions` functions of n operations each."""
    ops, out = Ops(3, functions), [HEADER]
    for f in range(functions):
        out.append("int f%d(int arg)\n{" % f)
        out += body_ops(ops, n) + ["  return 0;", "}"]
    return "\n".join(out) + "\n"


def unit_depth(n):
    """A chain f0 -> f1 -> ... -> f(n-1). Each function returns with its
    RMW pending, which its caller's load after the call pairs with, and
    starts with a load that its caller's pending RMWs would pair with (its
    caller has none there: the findings per level stay bounded)."""
    out = [HEADER]
    for f in range(n):
        def g(k):
            return "g%d" % ((f + k) % GLOBALS)
        out.append("int f%d(int arg);" % (f + 1))
        out.append("int f%d(int arg)\n{" % f)
        out.append("  (void)qatomic_read(&%s);" % g(0))
        out.append("  smp_mb();")
        if f + 1 < n:
            out.append("  f%d(arg);" % (f + 1))
        out.append("  (void)qatomic_read(&%s);" % g(1))
        out.append("  /* Pairs with smp_rmb() in f%d(). */" % ((f + 1) % n))
        out.append("  smp_wmb();")
        # The full barrier that keeps the pending RMWs of the levels below
        # from reaching this one's callers: without it the findings (and
        # their notes along the call path) grow with the square of the depth.
        out.append("  smp_mb();")
        out.append("  qatomic_inc(&%s);" % g(2))
        out.append("  (void)qatomic_load_acquire(&%s);" % g(3))
        out += ["  return 0;", "}"]
    return "\n".join(out) + "\n"


def unit_branching(n):
    """n diamonds nested two deep in one function: 3^n paths through it
    (only an analysis that does not follow paths one by one stays fast),
    with a barrier after each diamond so that the findings stay per
    diamond."""
    out = [HEADER, "int f0(int arg)\n{"]
    for i in range(n):
        def g(k):
            return "g%d" % ((i + k) % GLOBALS)
        out += ["  if (arg & %d) {" % (1 << (i % 7)),
                "    qatomic_inc(&%s);" % g(0),
                "    if (arg & %d) {" % (1 << ((i + 3) % 7)),
                "      (void)qatomic_read(&%s);" % g(1),
                "    } else {",
                "      smp_mb();",
                "    }",
                "  } else {",
                "    (void)qatomic_load_acquire(&%s);" % g(2),
                "    qatomic_or(&%s, 2);" % g(1),
                "  }",
                "  (void)qatomic_read(&%s);" % g(3),
                "  /* Pairs with smp_rmb() in f0(). */",
                "  smp_wmb();",
                "  smp_mb();"]
    out += ["  return 0;", "}"]
    return "\n".join(out) + "\n"


# axis: (generator, what its size counts)
SCALING_AXES = {
    "functions": (unit_functions, "functions"),
    "ops": (unit_ops, "operations per function (50 functions)"),
    "depth": (unit_depth, "call depth"),
    "branching": (unit_branching, "nested if/else diamonds in one function"),
}


# ---------------------------------------------------------------------------
# The project corpus
# ---------------------------------------------------------------------------

SHARED_HEADER = """\
/* Generated by tools/atomics-tidy-bench: what the units share. */
#ifndef BENCH_SHARED_H
#define BENCH_SHARED_H
#include "atomic.h"

typedef struct Ring {
    unsigned head, tail;
    int ready;
    int data[64];
} Ring;

typedef struct Event {
    unsigned value;
    int waiters;
    int shutting_down;
} Event;

extern int bench_state[%(files)d];
extern int %(globals)s;
%(decls)s
#endif
"""

ORDINARY = """\
static size_t count_words_%(k)d(const char *s)
{
    size_t n = 0;
    int in_word = 0;
    for (; *s; s++) {
        if (isspace((unsigned char)*s)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            n++;
        }
    }
    return n;
}

static int parse_list_%(k)d(const char *s, long *out, int max)
{
    int n = 0;
    char *end;
    while (*s && n < max) {
        long v = strtol(s, &end, 0);
        if (end == s) {
            return -1;
        }
        out[n++] = v;
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

int report_%(k)d(FILE *f, const char *text)
{
    long values[16];
    int n = parse_list_%(k)d(text, values, 16);
    char buf[128];
    snprintf(buf, sizeof(buf), "%%zu words, %%d values", count_words_%(k)d(text), n);
    return fputs(buf, f) < 0 ? -1 : n;
}
"""

UNIT = """\
/* Generated by tools/atomics-tidy-bench: unit %(k)d of %(files)d. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shared.h"

%(ordinary)s
/* Message passing: the producer's smp_wmb() pairs with the consumer's
 * smp_rmb() in the next unit (the whole-program database finds it). */
void produce_%(k)d(Ring *r, int v)
{
    r->data[r->head %% 64] = v;
    /* Pairs with smp_rmb() in consume_%(next)d(). */
    smp_wmb();
    qatomic_set(&r->head, r->head + 1);
}

int consume_%(k)d(Ring *r)
{
    unsigned head = qatomic_read(&r->head);
    if (head == r->tail) {
        return -1;
    }
    /* Pairs with smp_wmb() in produce_%(prev)d(). */
    smp_rmb();
    return r->data[r->tail++ %% 64];
}

/* QEMU's qemu_event_reset() before the fix: the RMW is not a full
 * barrier, so the load after it can be satisfied first. */
void event_reset_%(k)d(Event *ev)
{
    qatomic_or(&ev->value, 1);
    if (qatomic_read(&ev->waiters)) {
        bench_state[%(k)d]++;
    }
}

/* The fixed version. */
void event_reset_fixed_%(k)d(Event *ev)
{
    qatomic_or(&ev->value, 1);
    smp_mb__after_rmw();
    if (qatomic_read(&ev->waiters)) {
        bench_state[%(k)d]++;
    }
}

int event_wait_%(k)d(Event *ev)
{
    /* Deprecated: not ordered with the seq-cst operations. */
    if (qatomic_mb_read(&ev->value) == 1) {
        return 0;
    }
    qatomic_store_release(&ev->shutting_down, 0);
    /* Pairs with smp_wmb() in no_such_function_%(k)d(). */
    smp_rmb();
    return qatomic_load_acquire(&ev->shutting_down);
}
%(extra)s"""


def _extra_functions(k, functions):
    """`functions` functions of mixed operations, in the style of the
    scaling units."""
    ops, out = Ops(1000 + k, functions), []
    for f in range(functions):
        out.append("int unit%d_f%d(int arg)\n{" % (k, f))
        out += body_ops(ops, 24)
        out += ["  return arg;", "}", ""]
    # The pairing comments name f0, f1, ...: unit 0 defines them, the
    # other units know them through the whole-program database (without
    # it, their comments that name them go unchecked).
    if k == 0:
        out += ["int f%d(int arg) { return unit0_f%d(arg); }" % (f, f)
                for f in range(functions)]
    return "\n".join(out) + "\n"


def write_project(directory, files=40, functions=12):
    """Writes `files` units (unit_K.c), shared.h and compile_commands.json
    into `directory`; returns the paths of the units."""
    os.makedirs(directory, exist_ok=True)
    decls = "\n".join("int f%d(int arg);" % f for f in range(functions))
    with open(os.path.join(directory, "shared.h"), "w") as h:
        h.write(SHARED_HEADER % {"files": files, "decls": decls,
                                 "globals": GLOBAL_NAMES})
    paths, entries = [], []
    for k in range(files):
        text = UNIT % {"k": k, "files": files, "next": (k + 1) % files,
                       "prev": (k - 1) % files,
                       "ordinary": ORDINARY % {"k": k},
                       "extra": _extra_functions(k, functions)}
        if k == 0:
            text += "int bench_state[%d];\nint %s;\n" % (files, GLOBAL_NAMES)
        path = os.path.join(directory, "unit_%d.c" % k)
        with open(path, "w") as f:
            f.write(text)
        paths.append(path)
        entries.append({"directory": directory, "file": path,
                        "arguments": ["cc"] + compile_flags()
                        + ["-c", path, "-o", path[:-2] + ".o"]})
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    return paths
