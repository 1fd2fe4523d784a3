"""Gives a csmith program atomic operations for the checks to look at.

csmith's programs use no atomics. This rewrites some of the program's
accesses to its scalar integer globals into qatomic_*/__atomic_* operations
(`g_1 = e;` becomes `qatomic_set(&g_1, (e));`, `g_1 += e;` a seq-cst
read-modify-write, `x = g_1;` a relaxed load) and inserts more operations
and barriers between the statements of its functions: read-modify-writes
followed by relaxed or acquire loads (atomics-missing-rmw-barrier), the
deprecated qatomic_mb_read()/qatomic_mb_set() (atomics-deprecated-mb),
acquire/release operations and barriers (atomics-unpaired-barrier) and
"Pairs with" comments naming the program's functions, or functions that do
not exist (atomics-pairing-comment). Every change is a statement on its own
or the whole of an expression statement, so the program still compiles.

csmith prints one statement a line, and a function's body between a "{"
and a "}" in column 0: that is all this relies on.
"""

import random
import re

# csmith's globals: `static [volatile] [const] TYPE g_N ...`; only plain
# scalar integers are used (no arrays, pointers, structs, const, volatile).
GLOBAL = re.compile(r"^static (u?int(?:8|16|32|64)_t) (g_\d+) = [^{]*;")
FUNCTION = re.compile(r"^static [^=;]*\b(func_\d+)\(")
ASSIGN = re.compile(r"^(\s*)(g_\d+) (=|\+=|-=|&=|\|=|\^=) (.*);$")
INCDEC = re.compile(r"^(\s*)(?:(g_\d+)(\+\+|--)|(\+\+|--)(g_\d+));$")
READ = re.compile(r"^(\s*)([^=;]*[^=!<>+\-*/%&|^ ]) = (g_\d+);$")
RMW_OF = {"+=": "qatomic_add", "-=": "qatomic_sub", "&=": "qatomic_and",
          "|=": "qatomic_or", "^=": "qatomic_xor"}

# What may be inserted between statements: {g} and {h} are globals, {f} a
# function name, {n} a small number; a comment goes on the line above. The names are in both headers the
# programs may include (test/Inputs/qemu/atomic.h, the runtime header).
INSERTS = [
    ("qatomic_inc(&{g});", 6),
    ("qatomic_fetch_add(&{g}, {n});", 4),
    ("(void)qatomic_xchg(&{g}, {n});", 2),
    ("(void)qatomic_cmpxchg(&{g}, 0, {n});", 2),
    ("__atomic_fetch_or(&{g}, {n}, __ATOMIC_SEQ_CST);", 2),
    ("(void)qatomic_read(&{h});", 6),
    ("(void)qatomic_load_acquire(&{h});", 3),
    ("(void)__atomic_load_n(&{h}, __ATOMIC_RELAXED);", 2),
    ("qatomic_set(&{g}, {n});", 3),
    ("qatomic_store_release(&{g}, {n});", 3),
    ("(void)qatomic_rcu_read(&{h});", 1),
    ("(void)qatomic_mb_read(&{g});", 2),
    ("qatomic_mb_set(&{g}, {n});", 2),
    ("smp_mb();", 2),
    ("smp_mb__after_rmw();", 1),
    ("smp_wmb();", 2),
    ("/* Pairs with smp_wmb() in {f}(). */\nsmp_rmb();", 2),
    ("/* Pairs with qatomic_load_acquire() in {f}(). */\nqatomic_store_release(&{g}, {n});", 1),
    ("__atomic_thread_fence(__ATOMIC_RELEASE);", 1),
    ("barrier();", 1),
]


def _pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for item, w in weighted:
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


def atomize(text, seed, include, density=0.3):
    """The program `text` with atomics (see above), deterministic for a
    seed; `include` is the #include line of the atomics header. Returns
    (text, number of operations added or rewritten)."""
    rng = random.Random(seed)
    lines = text.split("\n")
    scalars = [m.group(2) for m in map(GLOBAL.match, lines) if m]
    functions = sorted({m.group(1) for m in map(FUNCTION.match, lines) if m})
    out, changed, in_body = [], 0, False
    for line in lines:
        if line.startswith('#include "csmith.h"'):
            out += [line, include]
            continue
        if line.startswith("{"):
            in_body = True
        elif line.rstrip() == "}":
            in_body = False
        if not (in_body and scalars and line.rstrip().endswith(";")):
            out.append(line)
            continue
        if rng.random() < density:
            rewritten = _rewrite(line, set(scalars))
            if rewritten != line:
                line = rewritten
                changed += 1
        out.append(line)
        if rng.random() < density:
            indent = line[:len(line) - len(line.lstrip())]
            op = _pick(rng, INSERTS).format(
                g=rng.choice(scalars), h=rng.choice(scalars),
                n=rng.randint(1, 7),
                f=rng.choice(functions + ["func_999"]) if functions else "func_999")
            out += [indent + l for l in op.split("\n")]
            changed += 1
    return "\n".join(out), changed


def _rewrite(line, scalars):
    m = ASSIGN.match(line)
    if m and m.group(2) in scalars:
        ind, g, op, e = m.groups()
        if op == "=":
            return "%sqatomic_set(&%s, (%s));" % (ind, g, e)
        return "%s%s(&%s, (%s));" % (ind, RMW_OF[op], g, e)
    m = INCDEC.match(line)
    if m:
        g = m.group(2) or m.group(5)
        op = m.group(3) or m.group(4)
        if g in scalars:
            return "%sqatomic_%s(&%s);" % (m.group(1), "inc" if op == "++" else "dec", g)
    m = READ.match(line)
    if m and m.group(3) in scalars:
        return "%s%s = qatomic_read(&%s);" % m.groups()
    return line
