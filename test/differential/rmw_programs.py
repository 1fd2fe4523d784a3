#!/usr/bin/env python3
"""Differential testing of atomics-missing-rmw-barrier against a brute-force
oracle.

Random small C programs are generated in a structured form of their own,
emitted as C (many programs to a file, so that one clang-tidy run analyses
hundreds of them), and given to the check. The same structured form is
lowered to a control-flow graph of this file's own making, on which an
oracle explores every path (see Oracle) and computes the pairs
(read-modify-write, load) that the check must report. The two sets must be
equal.

Subcommands:
  generate --seed S --programs N --out DIR
      writes rmw_NNNN.c (PER_FILE programs each) and expected_NNNN.json
      (the oracle's pairs, by line:col of the operations).
  check --seed S --programs N --clang-tidy PATH --module PATH --inputs DIR
        [--clang PATH] [-j J] [--keep DIR] [--self-test] [--partners]
      generates into a temporary directory (DIR with --keep), compiles each
      file, runs the check (with RequirePartner off: the oracle knows
      nothing of partners) and compares its pairs with the oracle's. Then
      the fix-its: applies them (--fix) to a copy, checks that it compiles,
      that the barriers are exactly where FixModel says the check puts
      them, that a re-run agrees with the oracle on the fixed programs, and
      that every read-modify-write still reported got a "no fix-it" note in
      the first run. Prints
        programs: N, findings: expected E, reported R, mismatches: M
        fix-its: I barriers inserted, ..., fix-it problems: P
      and the details of every mismatch and problem. Exit status: 0 when
      all agree, 1 on a mismatch or a fix-it problem, 2 when a tool fails
      (clang-tidy crashes, a compiler error in a generated file).
      --self-test removes one expected pair before comparing (or invents
      one when there are none): the run must then report exactly one
      mismatch, which proves that the comparison can fail.
      --partners runs the check with its defaults, which report a pair
      only when the translation unit holds its store-buffering partner
      (see Partners): each program gets variables of its own, so that its
      partners are its own functions; a pair with a partner outside every
      function that can be on its path must be reported, one with none
      outside the RMW's and the load's functions must not; the fix-its are
      left to the run without --partners. Prints
        programs: N, findings: expected E (and M more that may be; U pairs
        without a partner), reported R, mismatches: K
  oracle-selftest --seed S --programs N
      compares the oracle with a word-for-word one that follows whole
      pending sets (exponential: programs too big for it are skipped).
  minimise --seed S --program I ...(as check)
      shrinks program I of seed S, statement by statement, to a smaller one
      on which the check and the oracle still disagree, and prints it.

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

PER_FILE = 200  # programs per generated file: one clang-tidy run each
CHECK = "atomics-missing-rmw-barrier"
# The oracle computes every (read-modify-write, load) pair that can be
# reordered: the check runs with RequirePartner off, in which it reports
# every such pair too, whether or not another thread writes the loaded
# variable and then loads the RMW's. With --partners (class Partners) the
# check keeps its defaults and the oracle sorts the pairs by their partners.
TIDY_CONFIG = "{CheckOptions: {%s.RequirePartner: false}}" % CHECK
GLOBALS = ["g%d" % i for i in range(6)]

# ---------------------------------------------------------------------------
# The operations. A program's operations are its "sites", numbered; each
# site is a Site. Every kind below is one macro of test/Inputs/qemu/atomic.h
# (or a builtin), with what the check must make of it:
#   rmw       seq-cst read-modify-write: becomes pending
#   rload     qatomic_read: relaxed load, conflicts with a pending RMW
#   aload     qatomic_load_acquire: load-acquire, conflicts too (acquire
#             orders what follows it, not the store of the RMW before it)
#   scload    __atomic_load_n(.., __ATOMIC_SEQ_CST): neither
#   rstore    qatomic_set: irrelevant
#   mb, mb_after, mb_before, setmb: full barriers (qatomic_set_mb is a
#             store-release followed by smp_mb())
# ---------------------------------------------------------------------------

LOADS = ("rload", "aload")
BARRIERS = ("mb", "mb_after", "mb_before", "setmb")
# qatomic_inc() etc. are cast to void by the header: statements only.
RMW_VOID = ("inc", "dec", "add", "sub", "and", "or", "xor")
RMW_VALUE = ("fetch_add", "fetch_sub", "fetch_or", "fetch_and", "fetch_xor",
             "fetch_inc", "fetch_dec", "add_fetch", "or_fetch", "inc_fetch",
             "dec_fetch", "xchg", "cmpxchg")
RMW_UNARY = ("inc", "dec", "fetch_inc", "fetch_dec", "inc_fetch", "dec_fetch")
LOAD_NOTE = {"rload": "relaxed load", "aload": "load-acquire"}


class Site:
    """One operation of a program. operand: the value operand of a binary
    read-modify-write, an int or an ('op', site) load evaluated before it."""
    __slots__ = ("kind", "var", "form", "operand")

    def __init__(self, kind, var, form=None, operand=None):
        self.kind, self.var, self.form, self.operand = kind, var, form, operand

    def is_value(self):
        return self.kind in ("rload", "aload", "scload") or (
            self.kind == "rmw" and self.form in RMW_VALUE)

    def macro(self):
        if self.kind == "rmw":
            return "qatomic_" + self.form
        return {"rload": "qatomic_read", "aload": "qatomic_load_acquire",
                "scload": "__atomic_load_n", "rstore": "qatomic_set",
                "mb": "smp_mb", "mb_after": "smp_mb__after_rmw",
                "mb_before": "smp_mb__before_rmw",
                "setmb": "qatomic_set_mb"}[self.kind]


# Expressions and statements are tuples, first element the kind:
#   ('bit', m)              (arg & m): unknown, no effect
#   ('const', v)            literal: the CFG folds it, and so does the oracle
#   ('op', site)            an operation used as a value or statement
#   ('cmp', site, text)     (op > 0) and the like
#   ('call', f, arg)        call of the program's function f (index)
#   ('ext', k, arg)         call of an external function (no body here)
#   ('and', a, b) ('or', a, b) ('not', a) ('tern', c, a, b)
#   ('comma', a, b)         ((void)a, b)
#   ('sexpr', stmts, last)  GNU statement expression ({ stmts; last; })
#                           (last may be None in a statement context)
# Statements:
#   ('expr', e) ('if', c, then, els_or_None, braces) ('while', c, body)
#   ('do', body, c) ('for', counter, mask, body) ('forever', body)
#   ('switch', ctrl_or_None, [(value_or_'default', body)]) ('break',)
#   ('continue',) ('return', e_or_None) ('goto', label) ('label', label)
#   ('block', body)


class Program:
    def __init__(self, index, seed):
        self.index = index
        self.seed = seed
        self.prefix = "p%d_" % index
        self.sites = []       # Site, by number
        self.functions = []   # bodies (statement lists)
        self.n_ext = 0

    def fname(self, f):
        return "%sf%d" % (self.prefix, f)

    def ename(self, k):
        return "%sext%d" % (self.prefix, k)


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


class Generator:
    """Random programs. Deterministic: program I of seed S is always the
    same, whatever the number of programs asked for."""

    MAX_DEPTH = 2  # nesting of compound statements

    def __init__(self, seed, index):
        self.rng = random.Random(seed * 1000003 + index)
        self.p = Program(index, seed)
        r = self.rng
        self.p.n_ext = r.randint(0, 2)
        # Few variables, so that same-location pairs (not findings) are
        # frequent too.
        self.vars = r.sample(GLOBALS, r.randint(2, 4))
        self.nfuncs = r.choice((1, 2, 2, 3, 3, 4, 5, 6))
        self.counter = 0

    def pick(self, weighted):
        total = sum(w for _, w in weighted)
        x = self.rng.uniform(0, total)
        for item, w in weighted:
            x -= w
            if x <= 0:
                return item
        return weighted[-1][0]

    def site(self, kind=None, value=False):
        r = self.rng
        if kind is None:
            if value:
                kind = self.pick([("rmw", 3), ("rload", 4), ("aload", 2),
                                  ("scload", 1)])
            else:
                kind = self.pick([("rmw", 30), ("rload", 18), ("aload", 10),
                                  ("scload", 4), ("rstore", 4), ("mb", 4),
                                  ("mb_after", 4), ("mb_before", 2),
                                  ("setmb", 3)])
        var = r.choice(self.vars)
        form = operand = None
        if kind == "rmw":
            form = r.choice(RMW_VALUE if value else RMW_VOID + RMW_VALUE)
            if form not in RMW_UNARY and form != "cmpxchg":
                # Now and then a load as the value operand: it is evaluated
                # before the read-modify-write.
                operand = (r.randint(1, 7) if r.random() < 0.85 else
                           self.site(r.choice(LOADS), value=True))
        n = len(self.p.sites)
        self.p.sites.append(Site(kind, var, form, operand))
        return ("op", n)

    # -- expressions --------------------------------------------------------

    def leaf(self, allow_calls=True):
        r = self.rng
        choice = self.pick([("bit", 35), ("op", 30), ("cmp", 8),
                            ("call", 8 if allow_calls else 0),
                            ("ext", 2 if self.p.n_ext and allow_calls else 0)])
        if choice == "bit":
            return ("bit", r.choice((1, 2, 4, 8, 16, 32)))
        if choice == "op":
            return self.site(value=True)
        if choice == "cmp":
            return ("cmp", self.site(value=True)[1], r.choice(("> 0", "< 2")))
        if choice == "call":
            return ("call", r.randrange(self.nfuncs), self.call_arg())
        return ("ext", r.randrange(self.p.n_ext), ("bit", 3))

    def call_arg(self):
        if self.rng.random() < 0.8:
            return ("bit", self.rng.choice((3, 7, 12)))
        return self.site(value=True)

    def expr(self, depth, sexpr_ok=True):
        """A value (int) expression."""
        if depth >= 2:
            return self.leaf()
        r = self.rng
        kind = self.pick([("leaf", 45), ("and", 12), ("or", 12), ("not", 5),
                          ("tern", 8), ("comma", 6),
                          ("sexpr", 5 if sexpr_ok else 0)])
        if kind == "leaf":
            return self.leaf()
        if kind in ("and", "or"):
            return (kind, self.expr(depth + 1), self.expr(depth + 1))
        if kind == "not":
            return ("not", self.expr(depth + 1))
        if kind == "tern":
            return ("tern", self.expr(depth + 1), self.expr(depth + 1),
                    self.expr(depth + 1))
        if kind == "comma":
            lhs = self.site() if r.random() < 0.8 else self.leaf()
            return ("comma", lhs, self.expr(depth + 1))
        return self.sexpr(value=True)

    def sexpr(self, value):
        n = self.rng.randint(1, 2)
        body = [self.simple_stmt() for _ in range(n)]
        last = self.expr(2) if value or self.rng.random() < 0.5 else None
        return ("sexpr", body, last)

    # -- statements ---------------------------------------------------------

    def simple_stmt(self):
        """What a statement expression holds: operations, calls, a plain if."""
        r = self.rng
        x = r.random()
        if x < 0.75:
            return ("expr", self.site())
        if x < 0.85:
            return ("expr", ("call", r.randrange(self.nfuncs), self.call_arg()))
        return ("if", ("bit", r.choice((1, 2, 4))), [("expr", self.site())],
                None, r.random() < 0.5)

    def guarded(self, s):
        """A jump, usually under an if: an unconditional one makes the code
        after it dead, which is allowed but tells less."""
        if self.rng.random() < 0.75:
            return ("if", self.expr(1, sexpr_ok=False), [s], None,
                    self.rng.random() < 0.5)
        return s

    def stmts(self, n, depth, ctx):
        return [self.stmt(depth, ctx) for _ in range(n)]

    def body(self, depth, ctx):
        return self.stmts(self.rng.randint(1, 2), depth + 1, ctx)

    def stmt(self, depth, ctx):
        r = self.rng
        opts = [("op", 45), ("call", 9), ("ext", 2 if self.p.n_ext else 0),
                ("exprstmt", 6), ("sexpr", 3)]
        if depth < self.MAX_DEPTH:
            opts += [("if", 12), ("while", 3), ("do", 3), ("for", 3),
                     ("forever", 1), ("switch", 3), ("block", 1)]
        if ctx["loop"] or ctx["switch"]:
            opts.append(("break", 4))
        if ctx["loop"]:
            opts.append(("continue", 2))
        if ctx["labels"]:
            opts.append(("goto", 5))
        opts.append(("return", 3))
        kind = self.pick(opts)
        if kind == "op":
            return ("expr", self.site())
        if kind == "call":
            return ("expr", ("call", r.randrange(self.nfuncs), self.call_arg()))
        if kind == "ext":
            return ("expr", ("ext", r.randrange(self.p.n_ext), ("bit", 3)))
        if kind == "exprstmt":
            # Short-circuits, ternaries, commas for their effects only.
            form = r.choice(("and", "or", "tern", "comma"))
            if form == "tern":
                return ("expr", ("tern", self.expr(1), self.expr(1),
                                 self.expr(1)))
            if form == "comma":
                return ("expr", ("comma", self.site(), self.expr(1)))
            return ("expr", (form, self.expr(1), self.expr(1)))
        if kind == "sexpr":
            return ("expr", self.sexpr(value=False))
        if kind == "if":
            then = self.body(depth, ctx)
            els = self.body(depth, ctx) if r.random() < 0.4 else None
            return ("if", self.expr(0), then, els, r.random() < 0.7)
        loop_ctx = dict(ctx, loop=True, switch=False)
        if kind == "while":
            return ("while", self.expr(0), self.body(depth, loop_ctx))
        if kind == "do":
            cond = ("const", 0) if r.random() < 0.3 else self.expr(0)
            return ("do", self.body(depth, loop_ctx), cond)
        if kind == "for":
            self.counter += 1
            return ("for", "i%d" % self.counter, r.choice((1, 3, 7)),
                    self.body(depth, loop_ctx))
        if kind == "forever":
            body = self.body(depth, loop_ctx)
            # The way out: a break somewhere in the body's top level.
            body.insert(r.randint(0, len(body)),
                        ("if", self.expr(1), [("break",)], None, True))
            return ("forever", body)
        if kind == "switch":
            values = r.sample(range(8), r.randint(1, 4))
            if r.random() < 0.5:
                values.insert(r.randint(0, len(values)), "default")
            sw_ctx = dict(ctx, switch=True)
            cases = []
            for v in values:
                body = self.stmts(r.randint(0, 2), depth + 1, sw_ctx)
                if r.random() < 0.6:
                    body.append(("break",))  # else: fall through
                cases.append((v, body))
            if not cases[-1][1]:
                cases[-1][1].append(("break",))  # a label needs a statement
            ctrl = self.site(value=True) if r.random() < 0.2 else None
            return ("switch", ctrl, cases)
        if kind == "block":
            return ("block", self.body(depth, ctx))
        if kind == "break":
            return self.guarded(("break",))
        if kind == "continue":
            return self.guarded(("continue",))
        if kind == "goto":
            return self.guarded(("goto", r.choice(ctx["labels"])))
        # return
        value = self.expr(1, sexpr_ok=False) if r.random() < 0.3 else None
        return self.guarded(("return", value))

    def function(self):
        r = self.rng
        labels = ["L%d" % i for i in range(r.choice((0, 0, 0, 1, 2)))]
        ctx = {"loop": False, "switch": False, "labels": labels}
        body = self.stmts(r.randint(1, 5), 0, ctx)
        # Labels go between top-level statements, so that the gotos above
        # (anywhere in the function) jump forwards or backwards.
        for name in labels:
            body.insert(r.randint(0, len(body)), ("label", name))
        body.append(("return", ("const", 0)))
        return body

    def program(self):
        for _ in range(self.nfuncs):
            self.p.functions.append(self.function())
        return self.p


def generate_program(seed, index):
    return Generator(seed, index).program()


def functions_called(x, out):
    """The functions (with a body) that x calls, in its sub-expressions and
    statement expressions too."""
    if isinstance(x, list):
        for y in x:
            functions_called(y, out)
    elif isinstance(x, tuple) and x:
        if x[0] == "call":
            out.add(x[1])
        for y in x[1:]:
            functions_called(y, out)
    return out


# ---------------------------------------------------------------------------
# Emitter: C text. Every operation's macro name is preceded by a marker
# "\0site\1" while the text is built; the markers are then removed and their
# line:col recorded, which is where clang-tidy reports the operation.
# Every statement that holds an operation ends its line, so that fix-its
# (which add "smp_mb__after_rmw();" on a new line after the statement) only
# insert whole lines.
# ---------------------------------------------------------------------------


def sexpr_after(e):
    """A statement expression ("sexpr", statements, value) whose value is
    discarded can have statements after its value: the barriers FixModel
    puts there, as a 4th element."""
    return e[3] if len(e) > 3 else []


class Emitter:
    def __init__(self, prog):
        self.p = prog
        self.lines = []

    def mark(self, site):
        return "\0%d.%d\1" % (self.p.index, site)

    def op(self, site):
        s = self.p.sites[site]
        m = self.mark(site) + s.macro()
        if s.kind == "rmw":
            args = "&" + s.var
            if s.form == "cmpxchg":
                args += ", 0, 1"
            elif s.form not in RMW_UNARY:
                args += ", " + (str(s.operand) if isinstance(s.operand, int)
                                else self.expr(s.operand, 0))
            return "%s(%s)" % (m, args)
        if s.kind == "scload":
            return "%s(&%s, __ATOMIC_SEQ_CST)" % (m, s.var)
        if s.kind in LOADS:
            return "%s(&%s)" % (m, s.var)
        if s.kind in ("rstore", "setmb"):
            return "%s(&%s, 1)" % (m, s.var)
        return m + "()"

    def expr(self, e, ind):
        k = e[0]
        if k == "bit":
            return "(arg & %d)" % e[1]
        if k == "const":
            return str(e[1])
        if k == "op":
            return self.op(e[1])
        if k == "cmp":
            return "(%s %s)" % (self.op(e[1]), e[2])
        if k == "call":
            return "%s(%s)" % (self.p.fname(e[1]), self.expr(e[2], ind))
        if k == "ext":
            return "%s(%s)" % (self.p.ename(e[1]), self.expr(e[2], ind))
        if k in ("and", "or"):
            return "(%s %s %s)" % (self.expr(e[1], ind),
                                   "&&" if k == "and" else "||",
                                   self.expr(e[2], ind))
        if k == "not":
            return "!" + self.expr(e[1], ind)
        if k == "tern":
            return "(%s ? %s : %s)" % tuple(self.expr(x, ind) for x in e[1:])
        if k == "comma":
            return "((void)%s, %s)" % (self.expr(e[1], ind),
                                       self.expr(e[2], ind))
        if k == "sexpr":
            saved, self.lines = self.lines, []
            for s in e[1]:
                self.stmt(s, ind + 1)
            if e[2] is not None:
                self.line(ind + 1, self.expr(e[2], ind + 1) + ";")
            for s in sexpr_after(e):
                self.stmt(s, ind + 1)
            inner, self.lines = self.lines, saved
            return "({\n" + "\n".join(inner) + "\n" + "  " * ind + "})"
        raise ValueError(k)

    def line(self, ind, text):
        self.lines.append("  " * ind + text)

    def expr_stmt(self, e, ind):
        if e[0] == "op" and not self.p.sites[e[1]].is_value():
            self.line(ind, self.expr(e, ind) + ";")
        elif e[0] in ("call", "ext"):
            self.line(ind, self.expr(e, ind) + ";")
        else:
            self.line(ind, "(void)" + self.expr(e, ind) + ";")

    def block(self, body, ind, braces=True):
        """The body of an if/else: braced, or one simple statement on the
        next line (then no fix-it can go after it)."""
        if braces or not simple_body(body):
            self.lines[-1] += " {"
            for s in body:
                self.stmt(s, ind + 1)
            self.line(ind, "}")
            return True
        self.stmt(body[0], ind + 1)
        return False

    def stmt(self, s, ind):
        k = s[0]
        if k == "expr":
            self.expr_stmt(s[1], ind)
        elif k == "if":
            self.line(ind, "if (%s)" % self.expr(s[1], ind))
            braced = self.block(s[2], ind, s[4])
            if s[3] is not None:
                if braced:
                    self.lines[-1] += " else"
                else:
                    self.line(ind, "else")
                self.block(s[3], ind, s[4])
        elif k == "while":
            self.line(ind, "while (%s)" % self.expr(s[1], ind))
            self.block(s[2], ind)
        elif k == "do":
            self.line(ind, "do")
            self.block(s[1], ind)
            self.lines[-1] += " while (%s);" % self.expr(s[2], ind)
        elif k == "for":
            self.line(ind, "for (int {0} = 0; {0} < (arg & {1}); {0}++)"
                      .format(s[1], s[2]))
            self.block(s[3], ind)
        elif k == "forever":
            self.line(ind, "for (;;)")
            self.block(s[1], ind)
        elif k == "switch":
            ctrl = "arg" if s[1] is None else self.op(s[1][1])
            self.line(ind, "switch (%s & 7) {" % ctrl)
            for v, body in s[2]:
                self.line(ind + 1, "default:" if v == "default"
                          else "case %d:" % v)
                for b in body:
                    self.stmt(b, ind + 2)
            self.line(ind, "}")
        elif k == "break":
            self.line(ind, "break;")
        elif k == "continue":
            self.line(ind, "continue;")
        elif k == "return":
            self.line(ind, "return %s;" % (
                "0" if s[1] is None else self.expr(s[1], ind)))
        elif k == "goto":
            self.line(ind, "goto %s;" % s[1])
        elif k == "label":
            self.lines.append("%s:;" % s[1])
        elif k == "block":
            self.line(ind, "{")
            for b in s[1]:
                self.stmt(b, ind + 1)
            self.line(ind, "}")
        else:
            raise ValueError(k)

    def program(self):
        p = self.p
        self.lines.append("/* program %d of seed %d */" % (p.index, p.seed))
        if getattr(p, "own_globals", None):
            self.lines.append("int %s;" % ", ".join(p.own_globals))
        for f in range(len(p.functions)):
            self.lines.append("int %s(int arg);" % p.fname(f))
        for k in range(p.n_ext):
            self.lines.append("int %s(int);" % p.ename(k))
        for f, body in enumerate(p.functions):
            self.lines.append("int %s(int arg)" % p.fname(f))
            self.lines.append("{")
            for s in body:
                self.stmt(s, 1)
            self.lines.append("}")
        return "\n".join(self.lines) + "\n"


FILE_HEADER = """\
/* Generated by test/differential/rmw_programs.py: do not edit. */
#include "atomic.h"
int %s;
""" % ", ".join(GLOBALS)

MARK = re.compile("\0([0-9]+)\\.([0-9]+)\1")


def strip_markers(text):
    """Removes the markers; returns the text and {(program, site): (line,
    col)} with clang's 1-based line and byte column."""
    out, where = [], {}
    for lineno, line in enumerate(text.split("\n"), 1):
        clean, pos = [], 0
        for m in MARK.finditer(line):
            clean.append(line[pos:m.start()])
            col = sum(len(c) for c in clean) + 1
            where[(int(m.group(1)), int(m.group(2)))] = (lineno, col)
            pos = m.end()
        clean.append(line[pos:])
        out.append("".join(clean))
    return "\n".join(out), where


# ---------------------------------------------------------------------------
# Oracle
# ---------------------------------------------------------------------------


class Oracle:
    """Every path of a program, brute force.

    The program is lowered to a graph of nodes (an operation, a call, a
    branch, a function's exit) that follows C's evaluation order: operands
    before the operation, the left of && || ?: and , before the right, the
    right only where C evaluates it, a call's argument before its body.
    Every condition is unknown (both ways possible), except literal
    constants, which clang's CFG folds too.

    The semantics: a path's pending set is the read-modify-writes executed
    since its last full barrier, and a weaker load of Y while some RMW on
    X != Y is pending gives the pair (RMW, load). A pair involves one RMW,
    and an RMW is in a path's pending set whatever else is in it, so the
    oracle follows each path once per RMW, asking only "is this RMW still
    pending here?": its state is one RMW (tracked since it was executed,
    until a full barrier) or None. At each RMW a path goes on both with what
    it tracked and tracking the new one. This gives exactly the pairs of the
    set semantics with no merging of paths, while the number of states stays
    small (following whole sets is exponential in the number of RMWs,
    through recursion especially).

    Since what a path can do next depends only on where it is and on that
    state, handling every reachable (node, state) pair once covers every
    path: loops are unrolled as often as they give a new state (a bounded
    unrolling could only find fewer). A call enters the callee with the
    caller's state and comes back with each state the callee can return
    with, per (function, entry state) context, along valid paths only (a
    call returns to its own call site), to any depth of recursion.
    Every function is a starting point, with nothing pending.
    """

    def __init__(self, prog):
        self.p = prog
        self.kind, self.arg, self.succ = [], [], []
        self.entry = []
        self.function_of = []  # node -> the function whose body it is in
        for f, body in enumerate(prog.functions):
            self.entry.append(self.lower_function(body))
            self.function_of += [f] * (len(self.kind) - len(self.function_of))

    # -- lowering -----------------------------------------------------------

    def node(self, kind, arg=None, succ=()):
        self.kind.append(kind)
        self.arg.append(arg)
        self.succ.append(list(succ))
        return len(self.kind) - 1

    def lower_function(self, body):
        exit_ = self.node("exit")
        labels = {}
        for s in body:
            if s[0] == "label":
                labels[s[1]] = self.node("nop")
        ctx = {"exit": exit_, "break": None, "continue": None,
               "labels": labels}
        return self.stmts(body, exit_, ctx)

    def stmts(self, body, nxt, ctx):
        for s in reversed(body):
            nxt = self.stmt(s, nxt, ctx)
        return nxt

    def stmt(self, s, nxt, ctx):
        k = s[0]
        if k == "expr":
            return self.value(s[1], nxt)
        if k == "if":
            then = self.stmts(s[2], nxt, ctx)
            els = self.stmts(s[3], nxt, ctx) if s[3] is not None else nxt
            return self.cond(s[1], then, els)
        if k == "while":
            head = self.node("nop")
            body = self.stmts(s[2], head, dict(ctx, **{"break": nxt,
                                                       "continue": head}))
            self.succ[head] = [self.cond(s[1], body, nxt)]
            return head
        if k == "do":
            head, test = self.node("nop"), self.node("nop")
            body = self.stmts(s[1], test, dict(ctx, **{"break": nxt,
                                                       "continue": test}))
            self.succ[head] = [body]
            self.succ[test] = [self.cond(s[2], head, nxt)]
            return head
        if k == "for":
            # The counter's test is unknown: the body runs any number of
            # times. The increment is where continue goes.
            head, inc = self.node("nop"), self.node("nop")
            body = self.stmts(s[3], inc, dict(ctx, **{"break": nxt,
                                                      "continue": inc}))
            self.succ[inc] = [head]
            self.succ[head] = [body, nxt]
            return head
        if k == "forever":
            head = self.node("nop")
            body = self.stmts(s[1], head, dict(ctx, **{"break": nxt,
                                                       "continue": head}))
            self.succ[head] = [body]
            return head
        if k == "switch":
            inner = dict(ctx, **{"break": nxt})
            entries, fall = [], nxt
            for v, body in reversed(s[2]):
                fall = self.stmts(body, fall, inner)  # falls into the next
                entries.append(fall)
            dispatch = self.node("nop", succ=entries)
            if not any(v == "default" for v, _ in s[2]):
                self.succ[dispatch].append(nxt)
            return self.value(s[1], dispatch) if s[1] else dispatch
        if k == "break":
            return ctx["break"]
        if k == "continue":
            return ctx["continue"]
        if k == "return":
            return (self.value(s[1], ctx["exit"]) if s[1] is not None
                    else ctx["exit"])
        if k == "goto":
            return ctx["labels"][s[1]]
        if k == "label":
            lab = ctx["labels"][s[1]]
            self.succ[lab] = [nxt]
            return lab
        if k == "block":
            return self.stmts(s[1], nxt, ctx)
        raise ValueError(k)

    def op(self, site, nxt):
        n = self.node("op", site, [nxt])
        operand = self.p.sites[site].operand
        if isinstance(operand, tuple):
            return self.value(operand, n)
        return n

    def value(self, e, nxt):
        """Evaluates e for its effects, then goes to nxt."""
        k = e[0]
        if k in ("bit", "const"):
            return nxt
        if k == "op":
            return self.op(e[1], nxt)
        if k == "cmp":
            return self.op(e[1], nxt)
        if k == "call":
            return self.value(e[2], self.node("call", e[1], [nxt]))
        if k == "ext":  # No body here: does nothing (the default option).
            return self.value(e[2], nxt)
        if k == "and":
            return self.cond(e[1], self.value(e[2], nxt), nxt)
        if k == "or":
            return self.cond(e[1], nxt, self.value(e[2], nxt))
        if k == "not":
            return self.value(e[1], nxt)
        if k == "tern":
            return self.cond(e[1], self.value(e[2], nxt),
                             self.value(e[3], nxt))
        if k == "comma":
            return self.value(e[1], self.value(e[2], nxt))
        if k == "sexpr":
            nxt = self.stmts(sexpr_after(e), nxt, None)
            if e[2] is not None:
                nxt = self.value(e[2], nxt)
            return self.stmts(e[1], nxt, None)
        raise ValueError(k)

    def cond(self, e, t, f):
        """Evaluates e, then goes to t where it can be true, to f where it
        can be false."""
        k = e[0]
        if k == "const":
            return t if e[1] else f
        if k in ("bit", "op", "cmp", "call", "ext"):
            return self.value(e, self.node("nop", succ=[t, f]))
        if k == "and":
            return self.cond(e[1], self.cond(e[2], t, f), f)
        if k == "or":
            return self.cond(e[1], t, self.cond(e[2], t, f))
        if k == "not":
            return self.cond(e[1], f, t)
        if k == "tern":
            return self.cond(e[1], self.cond(e[2], t, f), self.cond(e[3], t, f))
        if k == "comma":
            return self.value(e[1], self.cond(e[2], t, f))
        if k == "sexpr":
            return self.stmts(e[1], self.cond(e[2], t, f), None)
        raise ValueError(k)

    def returning(self):
        """The functions with a path from entry to return."""
        can = set()
        while True:
            more = set()
            for f, entry in enumerate(self.entry):
                if f in can:
                    continue
                seen, stack = {entry}, [entry]
                while stack:
                    n = stack.pop()
                    if self.kind[n] == "exit":
                        more.add(f)
                        break
                    if self.kind[n] == "call" and self.arg[n] not in can:
                        continue
                    for s in self.succ[n]:
                        if s not in seen:
                            seen.add(s)
                            stack.append(s)
            if not more:
                return can
            can |= more

    # -- exploration --------------------------------------------------------

    NOTHING = None  # the state with nothing pending
    budget = float("inf")

    def apply(self, site, state):
        """The states after the operation at site."""
        s = self.p.sites[site]
        if s.kind == "rmw":
            return (state, site)  # keep tracking; or track this one
        if s.kind in LOADS:
            if state is not None and self.p.sites[state].var != s.var:
                self.findings.add((state, site))
            return (state,)
        if s.kind in BARRIERS:
            return (None,)
        return (state,)

    def run(self, starts=None):
        """The set of (rmw site, load site) findings (from the (function,
        state) contexts in starts; by default every function with nothing
        pending).

        A worklist over (context, node, state) triples, a context being a
        (function, state at its entry) pair: each triple is reached by some
        valid path, and is handled once. A call starts the callee's context
        for the caller's state, and continues after the call with every
        state that context returns with, including those found later."""
        self.findings = set()
        if starts is None:  # every function, nothing pending
            starts = [(f, self.NOTHING) for f in range(len(self.entry))]
        exits = {}    # context -> the states it returns with
        callers = {}  # context -> the (context, call node) that entered it
        seen = set()
        work = []

        def reach(ctx, n, state):
            if (ctx, n, state) not in seen:
                if len(seen) >= self.budget:
                    raise OverflowError("more than %d states" % self.budget)
                seen.add((ctx, n, state))
                work.append((ctx, n, state))

        def start(ctx):
            if ctx not in exits:
                exits[ctx], callers[ctx] = set(), set()
                reach(ctx, self.entry[ctx[0]], ctx[1])

        for ctx in starts:
            start(ctx)
        while work:
            ctx, n, state = work.pop()
            k = self.kind[n]
            if k == "exit":
                exits[ctx].add(state)
                for caller, call in callers[ctx]:
                    for s in self.succ[call]:
                        reach(caller, s, state)
                continue
            if k == "call":
                callee = (self.arg[n], state)
                start(callee)
                callers[callee].add((ctx, n))
                for after in list(exits[callee]):
                    for s in self.succ[n]:
                        reach(ctx, s, after)
                continue
            for after in (self.apply(self.arg[n], state) if k == "op"
                          else (state,)):
                for s in self.succ[n]:
                    reach(ctx, s, after)
        return self.findings


class EarlyLoads(Oracle):
    """The loads each function can perform from its entry before any full
    barrier (through its callees too): what a call in an RMW's statement
    can do after the RMW, where a barrier after the statement comes too
    late."""

    ENTRY = "entry"  # the state: no barrier since the function's entry

    def __init__(self, prog):
        super().__init__(prog)
        self.cache = {}

    def apply(self, site, state):
        s = self.p.sites[site]
        if s.kind in LOADS and state == self.ENTRY:
            self.findings.add(site)
        if s.kind in BARRIERS:
            return (None,)
        return (state,)

    def of(self, f):
        if f not in self.cache:
            self.cache[f] = set(self.run([(f, self.ENTRY)]))
        return self.cache[f]


class SetOracle(Oracle):
    """The semantics word for word: the state is the whole pending set.
    Exponential, so only for cross-checking Oracle on small programs
    (the oracle-selftest subcommand)."""

    NOTHING = frozenset()

    def __init__(self, prog, budget):
        super().__init__(prog)
        self.budget = budget

    def apply(self, site, state):
        s = self.p.sites[site]
        if s.kind == "rmw":
            return (state | {site},)
        if s.kind in LOADS:
            for r in state:
                if self.p.sites[r].var != s.var:
                    self.findings.add((r, site))
        if s.kind in BARRIERS:
            return (frozenset(),)
        return (state,)


# ---------------------------------------------------------------------------
# Store-buffering partners (lib/StoreBuffering.h), for --partners
# ---------------------------------------------------------------------------

# The operations that are ordering points (lib/OrderingFacts.cpp, pairRoles):
# every one with a memory order stronger than relaxed, and the barriers.
POINTS = ("rmw", "scload", "aload", "setmb") + BARRIERS
FULL_BARRIERS = BARRIERS  # setmb is a store that is also a full barrier
LOAD_KINDS = ("rload", "aload", "scload")   # loads, not an RMW's read
WRITE_KINDS = ("rmw", "rstore", "setmb")
CALL_DEPTH = 2  # the checks' default CallDepth


def own_globals(prog):
    """Gives the program variables of its own ("p3_g0"), so that its
    partners are its own functions: with the file's shared g0..g5 nearly
    every pair would have a partner in one of the other programs."""
    for site in prog.sites:
        if not site.var.startswith(prog.prefix):
            site.var = prog.prefix + site.var
    prog.own_globals = sorted({site.var for site in prog.sites})
    return prog


class Partners:
    """The store-buffering partners of a program, as the check finds them
    in its translation unit: an ordering point P of a function whose
    before-set (what some path from the function's entry leads from to P)
    and after-set (what some path from P leads to) are its accesses, and a
    call's accesses are those of the callee and of what it calls, CALL_DEPTH
    levels deep. P is a partner of (RMW of X, then load of Y) when a load
    of X (not an RMW's read) is after it and
      - P writes Y itself, as a seq-cst RMW or a store that is a full
        barrier (qatomic_set_mb), or
      - P is a full barrier, or a seq-cst operation on X or Y, and Y is
        written before it, and that write or the load of X is one of P's
        function's own operations (not only a callee's).
    A partner in a function on the RMW's own path does not count; which
    path the check follows is its own business, so a pair must be reported
    when a partner is outside every function that can be on a path (the
    callers, transitively, of the RMW's and of the load's function), and
    may be when one is outside the two functions every path holds."""

    def __init__(self, oracle):
        o = self.o = oracle
        p = o.p
        n_f = len(o.entry)
        self.calls = [set() for _ in range(n_f)]
        own = [set() for _ in range(n_f)]  # (var, "load" | "write")
        for n, k in enumerate(o.kind):
            f = o.function_of[n]
            if k == "call":
                self.calls[f].add(o.arg[n])
            elif k == "op":
                own[f] |= self.accesses_of(p.sites[o.arg[n]])
        # A call's accesses: the callee's, and its callees' (two levels).
        self.reach = []
        for f in range(n_f):
            r = set(own[f])
            for g in self.calls[f]:
                r |= own[g]
                if CALL_DEPTH > 2:
                    raise NotImplementedError("CALL_DEPTH > 2")
            self.reach.append(r)
        self.callers = [set() for _ in range(n_f)]
        for f in range(n_f):
            for g in self.calls[f]:
                self.callers[g].add(f)
        # Each point: (function, kind, variable, before-set, after-set).
        self.points = []
        preds = [[] for _ in o.kind]
        for n, ss in enumerate(o.succ):
            for t in ss:
                preds[t].append(n)
        for n, k in enumerate(o.kind):
            if k != "op" or p.sites[o.arg[n]].kind not in POINTS:
                continue
            site = p.sites[o.arg[n]]
            before_nodes = self.walk(n, preds)
            after_nodes = self.walk(n, o.succ)
            self.points.append((
                o.function_of[n], site.kind, site.var,
                self.accesses(before_nodes, n), self.accesses(after_nodes, n),
                self.accesses(before_nodes, n, calls=False),
                self.accesses(after_nodes, n, calls=False)))

    @staticmethod
    def accesses_of(site):
        out = set()
        if site.kind in LOAD_KINDS:
            out.add((site.var, "load"))
        if site.kind in WRITE_KINDS:
            out.add((site.var, "write"))
        return out

    def walk(self, start, edges):
        """The nodes some path leads to from start along edges, but start:
        a point's own access is not in its sets, even in a loop (its
        location is the point's own)."""
        seen, stack = {start}, list(edges[start])
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            stack.extend(edges[n])
        seen.discard(start)
        return seen

    def accesses(self, nodes, point, calls=True):
        """The accesses of `nodes`: their operations', and (`calls`) those
        their calls reach."""
        o, out = self.o, set()
        for n in nodes:
            if o.kind[n] == "op":
                out |= self.accesses_of(o.p.sites[o.arg[n]])
            elif o.kind[n] == "call" and calls:
                out |= self.reach[o.arg[n]]
        return out

    def functions(self, x, y):
        """The functions holding a partner of (RMW of x, load of y)."""
        out = set()
        for f, kind, var, before, after, own_before, own_after in self.points:
            if (x, "load") not in after:
                continue
            if var == y and kind in ("rmw", "setmb"):
                out.add(f)
            elif (kind in FULL_BARRIERS or
                  (kind in ("rmw", "scload") and var in (x, y))) and \
                    (y, "write") in before and \
                    ((y, "write") in own_before or (x, "load") in own_after):
                out.add(f)
        return out

    def ancestors(self, f):
        seen, stack = {f}, [f]
        while stack:
            for c in self.callers[stack.pop()]:
                if c not in seen:
                    seen.add(c)
                    stack.append(c)
        return seen

    def classify(self, rmw, load):
        """("must" | "may" | "no") for the oracle's pair (rmw, load)."""
        o, p = self.o, self.o.p
        at = {o.arg[n]: o.function_of[n] for n, k in enumerate(o.kind)
              if k == "op"}
        f_rmw, f_load = at[rmw], at[load]
        partners = self.functions(p.sites[rmw].var, p.sites[load].var)
        if partners - (self.ancestors(f_rmw) | self.ancestors(f_load)):
            return "must"
        if partners - {f_rmw, f_load}:
            return "may"
        return "no"


def cmd_oracle_selftest(args):
    """Oracle against SetOracle on the programs that SetOracle can finish."""
    same = skipped = differ = 0
    for i in range(args.programs):
        p = generate_program(args.seed, i)
        try:
            literal = SetOracle(p, budget=200000).run()
        except OverflowError:
            skipped += 1
            continue
        if Oracle(p).run() == literal:
            same += 1
        else:
            differ += 1
            print("program %d differs" % i)
    print("oracle self-test: %d programs agree, %d differ, %d too big for "
          "the set oracle" % (same, differ, skipped))
    return 1 if differ else 0


# ---------------------------------------------------------------------------
# Files of programs
# ---------------------------------------------------------------------------


class GeneratedFile:
    """Programs in one C file, with the oracle's answer. With partners, each
    program has variables of its own and the answer is the pairs that must
    be reported (expected) and those that may (may_report)."""

    def __init__(self, programs, partners=False):
        self.partners = partners
        if partners:
            programs = [own_globals(p) for p in programs]
        self.programs = {p.index: p for p in programs}
        parts, self.ranges = [FILE_HEADER], {}
        line = FILE_HEADER.count("\n") + 1
        for p in programs:
            text = Emitter(p).program()
            n = text.count("\n")
            self.ranges[p.index] = (line, line + n - 1)
            line += n
            parts.append(text)
        self.text, self.where = strip_markers("".join(parts))
        self.info = {pos: key for key, pos in self.where.items()}
        # Expected pairs ((rmw line, col), (load line, col)) -> program.
        self.expected = {}
        self.may_report = set()
        self.without_partner = 0
        for p in programs:
            oracle = Oracle(p)
            pairs = oracle.run()
            which = Partners(oracle) if partners else None
            for r, l in pairs:
                key = (self.where[(p.index, r)], self.where[(p.index, l)])
                verdict = which.classify(r, l) if which else "must"
                if verdict == "must":
                    self.expected[key] = p.index
                if verdict != "no":
                    self.may_report.add(key)
                else:
                    self.without_partner += 1

    @classmethod
    def generate(cls, seed, first, count, partners=False):
        return cls([generate_program(seed, i)
                    for i in range(first, first + count)], partners)

    def site(self, pos):
        """The Site at a line:col, or None."""
        key = self.info.get(pos)
        return self.programs[key[0]].sites[key[1]] if key else None

    def program_of_line(self, line):
        for index, (a, b) in self.ranges.items():
            if a <= line <= b:
                return index
        return None

    def program_text(self, index):
        a, b = self.ranges[index]
        return "\n".join(self.text.split("\n")[a - 1:b])

    def json(self):
        return {"programs": [
            {"index": i, "lines": list(self.ranges[i]),
             "pairs": sorted([list(r) + list(l) for (r, l), j in
                              self.expected.items() if j == i])}
            for i in self.programs]}


def files_for(programs):
    return [(first, min(PER_FILE, programs - first))
            for first in range(0, programs, PER_FILE)]


def cmd_generate(args):
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for n, (first, count) in enumerate(files_for(args.programs)):
        g = GeneratedFile.generate(args.seed, first, count)
        with open(os.path.join(args.out, "rmw_%04d.c" % n), "w") as f:
            f.write(g.text)
        with open(os.path.join(args.out, "expected_%04d.json" % n), "w") as f:
            json.dump(g.json(), f, indent=1)
        total += len(g.expected)
    print("programs: %d, expected findings: %d, files in %s"
          % (args.programs, total, args.out))
    return 0


# ---------------------------------------------------------------------------
# The fix-its, modelled: where the check's planFix() puts
# "smp_mb__after_rmw();" for a warned RMW. It climbs from the RMW through
# expressions to the statement that holds it; when that statement is in a
# block ({...}, a statement expression's too) or follows a case label, the
# barrier goes on a new line after it, at its indentation; when it is a
# condition, a loop header, a return or an unbraced if branch, there is no
# fix-it; nor when a load that the warning names is written inside that
# statement (the barrier would come after it). One barrier per statement.
# ---------------------------------------------------------------------------


def all_sites(x, out):
    """Every site written inside x (expressions, statements, lists)."""
    if isinstance(x, list):
        for y in x:
            all_sites(y, out)
    elif isinstance(x, tuple) and x:
        if x[0] in ("op", "cmp"):
            out.add(x[1])
        for y in x[1:]:
            all_sites(y, out)
    return out


def own_rmw_sites(prog, e, out):
    """The RMW sites that expression e evaluates as part of its statement
    (those in a statement expression's statements belong to those)."""
    if not isinstance(e, tuple):
        return out
    if e[0] in ("op", "cmp"):
        s = prog.sites[e[1]]
        if s.kind == "rmw":
            out.add(e[1])
        own_rmw_sites(prog, s.operand, out)
    elif e[0] == "sexpr":
        # The value, where it is used: a barrier after it would take its
        # place, so it goes after the statement that uses the value.
        own_rmw_sites(prog, e[2], out)
    else:
        for x in e[1:]:
            own_rmw_sites(prog, x, out)
    return out


def simple_body(body):
    """Whether an if branch can be written without braces (Emitter.block
    does so when the program says braces=False)."""
    return len(body) == 1 and body[0][0] in (
        "expr", "break", "continue", "return", "goto")


class FixModel:
    def __init__(self, prog, warned):
        import copy
        self.early = EarlyLoads(prog)
        self.p = copy.copy(prog)
        self.p.sites = list(prog.sites)
        self.warned = warned
        self.p.functions = [self.stmts(b, True) for b in prog.functions]

    def barrier(self):
        self.p.sites.append(Site("mb_after", None))
        return ("expr", ("op", len(self.p.sites) - 1))

    def stmts(self, body, in_block):
        out = []
        for s in body:
            out.append(self.stmt(s))
            # (A statement that is a statement expression has its value's
            # barrier inside: see stmt().)
            if s[0] == "expr" and in_block and s[1][0] != "sexpr" \
                    and self.fixed(s):
                out.append(self.barrier())
        return out

    def fixed(self, s):
        """Whether a warned RMW of statement s gets its fix-it: none of its
        loads is in the statement, nor can a function called in it perform
        one before a full barrier."""
        inside = None
        for r in own_rmw_sites(self.p, s[1], set()):
            if r in self.warned:
                if inside is None:
                    inside = all_sites(s, set())
                    for site in list(inside):  # operands are inside too
                        all_sites(self.p.sites[site].operand, inside)
                    for f in functions_called(s, set()):
                        inside |= self.early.of(f)
                if not self.warned[r] & inside:
                    return True
        return False

    def stmt(self, s):
        k = s[0]
        if k == "expr" and s[1][0] == "sexpr":
            # (void)({ ...; value; }): the value is discarded, so the
            # barrier of an RMW in it goes right after it, in the braces.
            e = s[1]
            last = self.expr(e[2])
            after = []
            if last is not None and self.fixed(("expr", last)):
                after.append(self.barrier())
            return ("expr", ("sexpr", self.stmts(e[1], True), last, after))
        if k == "expr":
            return ("expr", self.expr(s[1]))
        if k == "if":
            braced = s[4] or not simple_body(s[2])
            els = None
            if s[3] is not None:
                els = self.stmts(s[3], s[4] or not simple_body(s[3]))
            return ("if", self.expr(s[1]), self.stmts(s[2], braced), els,
                    s[4])
        if k == "while":
            return ("while", self.expr(s[1]), self.stmts(s[2], True))
        if k == "do":
            return ("do", self.stmts(s[1], True), self.expr(s[2]))
        if k == "for":
            return s[:3] + (self.stmts(s[3], True),)
        if k in ("forever", "block"):
            return (k, self.stmts(s[1], True))
        if k == "switch":
            return ("switch", s[1],
                    [(v, self.stmts(b, True)) for v, b in s[2]])
        if k == "return" and s[1] is not None:
            return ("return", self.expr(s[1]))
        return s

    def expr(self, e):
        if not isinstance(e, tuple):
            return e
        if e[0] == "sexpr":
            return ("sexpr", self.stmts(e[1], True), self.expr(e[2]))
        return tuple(self.expr(x) for x in e)


# ---------------------------------------------------------------------------
# Running the tools
# ---------------------------------------------------------------------------

DIAG = re.compile(r"^(.*):(\d+):(\d+): (warning|error|note|fatal error): "
                  r"(.*?)(?: \[([\w.,-]+)\])?$")
WARNING = re.compile(r"seq-cst read-modify-write '(\w+)' on '(\w+)' is not "
                     r"a full barrier")
LOAD = re.compile(r"(relaxed load|load-acquire) of '(\w+)' here(?:, on a "
                  r"later pass of a loop: it comes before the "
                  r"read-modify-write in the code)?(; acquire "
                  r"orders the accesses after it, not the store before it)?$")
CRASH = ("PLEASE submit a bug report", "Stack dump", "Assertion",
         "LLVM ERROR", "Segmentation fault")


class ToolFailure(Exception):
    pass


class Tools:
    def __init__(self, args):
        self.clang_tidy = args.clang_tidy
        self.module = args.module
        self.inputs = args.inputs
        self.clang = args.clang or os.path.join(
            os.path.dirname(os.path.realpath(args.clang_tidy)), "clang")
        # With --partners the check runs with its defaults (RequirePartner).
        self.config = [] if getattr(args, "partners", False) else \
            ["--config=" + TIDY_CONFIG]

    @staticmethod
    def flags_for(inputs):
        """The compiler flags of the generated files (test/Inputs is
        `inputs`); tools/atomics-tidy-fuzz uses them too."""
        return ["-std=gnu11", "-I", os.path.join(inputs, "qemu"),
                "-ffreestanding", "--target=aarch64-linux-gnu",
                "-fno-caret-diagnostics", "-fno-color-diagnostics"]

    def flags(self):
        return self.flags_for(self.inputs)

    def run(self, cmd, what):
        try:
            r = subprocess.run(cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        except OSError as e:
            raise ToolFailure("%s: cannot run %s: %s" % (what, cmd[0], e))
        out = r.stdout + r.stderr
        if r.returncode != 0 or any(c in out for c in CRASH):
            raise ToolFailure("%s failed (exit status %d): %s\n%s" % (
                what, r.returncode, " ".join(cmd), out[-4000:]))
        return r.stdout

    def compile(self, path):
        self.run([self.clang, "-fsyntax-only"] + self.flags() + [path],
                 "clang -fsyntax-only " + os.path.basename(path))

    def tidy(self, path, fix=False):
        cmd = [self.clang_tidy, "--load=" + self.module] + self.config + \
            ["-checks=-*," + CHECK, "--quiet"]
        if fix:
            cmd.append("--fix")
        out = self.run(cmd + [path, "--"] + self.flags(),
                       "clang-tidy " + os.path.basename(path))
        return parse_diagnostics(out, path)


def parse_diagnostics(out, path):
    """The warnings of the check, in order, each a dict with its position,
    the RMW's name and variable, the loads of its notes, and whether it got
    a "no fix-it" note."""
    warnings = []
    for line in out.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        file, l, c, sev, msg, tag = m.groups()
        pos = (int(l), int(c))
        if sev in ("error", "fatal error"):
            raise ToolFailure("error in %s: %s" % (path, line))
        if sev == "warning":
            if tag != CHECK:
                raise ToolFailure("unexpected warning: " + line)
            w = WARNING.match(msg)
            if not w:
                raise ToolFailure("unexpected warning text: " + line)
            warnings.append({"pos": pos, "name": w.group(1),
                             "var": w.group(2), "loads": [], "nofix": None})
        elif sev == "note" and warnings:
            n = LOAD.match(msg)
            if n:
                warnings[-1]["loads"].append(
                    (pos, n.group(1), n.group(2), bool(n.group(3))))
            elif "no fix-it because" in msg and pos == warnings[-1]["pos"]:
                warnings[-1]["nofix"] = msg
    return warnings


def describe(g, pos):
    s = g.site(pos)
    if s is None:
        return "%d:%d (no operation there)" % pos
    return "%d:%d %s(&%s)" % (pos[0], pos[1], s.macro(), s.var)


def compare(g, warnings):
    """The differences between the oracle and the check on one file: a
    list of (program, text), and the number of pairs reported."""
    reported = set()
    problems = []
    for w in warnings:
        s = g.site(w["pos"])
        if s is None or s.kind != "rmw" or s.macro() != w["name"] or \
                s.var != w["var"]:
            problems.append((g.program_of_line(w["pos"][0]),
                             "warning at %s names '%s' on '%s'" % (
                                 describe(g, w["pos"]), w["name"], w["var"])))
        for pos, kind, var, acquire_text in w["loads"]:
            reported.add((w["pos"], pos))
            s = g.site(pos)
            if s is None or s.kind not in LOADS or LOAD_NOTE[s.kind] != kind \
                    or s.var != var or acquire_text != (kind == "load-acquire"):
                problems.append((g.program_of_line(pos[0]),
                                 "note at %s says '%s of %s'" % (
                                     describe(g, pos), kind, var)))
    problems = list(dict.fromkeys(problems))  # once each, in order
    expected = set(g.expected)
    # Without partners may_report is expected: the sets must be equal.
    wrong = (expected - reported) | (reported - g.may_report)
    for pair in sorted(wrong):
        if pair in expected:
            side = "expected only"
        elif pair in g.may_report or not g.partners:
            side = "reported only"
        else:
            side = "reported only, and no partner outside the RMW's and " \
                   "the load's functions"
        problems.append((g.program_of_line(pair[0][0]), "%s: %s -> %s" % (
            side, describe(g, pair[0]), describe(g, pair[1]))))
    return problems, len(reported)


def first_difference(a, b):
    """Where two texts first differ, as a few lines of each."""
    la, lb = a.split("\n"), b.split("\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<end>"
        y = lb[i] if i < len(lb) else "<end>"
        if x != y:
            return ("line %d:\n  expected: %s\n  got:      %s"
                    % (i + 1, x, y))
    return "no difference"


def check_fixes(tools, g, warnings, path, fixdir):
    """Applies the fix-its to a copy of the file and checks: that it
    compiles; that the barriers went where FixModel says; that a re-run
    reports exactly what the oracle says of the fixed programs; and that
    every RMW still reported got a "no fix-it" note before. Returns
    (problems, barriers inserted)."""
    fixed = os.path.join(fixdir, os.path.basename(path))
    shutil.copyfile(path, fixed)
    tools.tidy(fixed, fix=True)
    with open(fixed) as f:
        fixed_text = f.read()
    inserted = fixed_text.count("\n") - g.text.count("\n")
    try:
        tools.compile(fixed)
    except ToolFailure as e:
        return ["the fixed file does not compile: %s" % e], inserted
    warned = {}  # program -> {RMW site: the load sites of its notes}
    for w in warnings:
        key = g.info.get(w["pos"])
        if key:
            loads = {g.info.get(pos, (None, None))[1] for pos, *_ in w["loads"]}
            warned.setdefault(key[0], {})[key[1]] = loads
    models = [FixModel(p, warned.get(i, {})) for i, p in g.programs.items()]
    model = GeneratedFile([m.p for m in models])
    if model.text != fixed_text:
        return ["the fix-its are not where expected (%s), %s" % (
            fixed, first_difference(model.text, fixed_text))], inserted
    problems = []
    rerun = tools.tidy(fixed)
    for p, text in compare(model, rerun)[0]:
        problems.append("after --fix, program %s: %s\n%s" % (
            p, text, model.program_text(p) if p is not None else ""))
    nofix = {g.info.get(w["pos"]) for w in warnings if w["nofix"]}
    for w in rerun:
        key = model.info.get(w["pos"])
        if key is None or key in nofix:
            continue  # (no operation there: compare() said so above)
        problems.append("after --fix, program %s: still reported: %s, which "
                        "had %s in the first run\n%s" % (
                            key[0], describe(model, w["pos"]),
                            "no warning" if key not in
                            {g.info.get(x["pos"]) for x in warnings}
                            else "a fix-it", model.program_text(key[0])))
    return problems, inserted


def check_file(tools, g, path, fixdir):
    """Runs everything on one file; returns a result dict."""
    res = {"failure": None, "warnings": [], "fix": [], "inserted": 0}
    try:
        tools.compile(path)
        res["warnings"] = tools.tidy(path)
        # The fix-its are those of every reordering (a barrier inserted
        # for one finding can make a partner of another): checked without
        # partners.
        if not g.partners:
            res["fix"], res["inserted"] = check_fixes(
                tools, g, res["warnings"], path, fixdir)
    except ToolFailure as e:
        res["failure"] = str(e)
    return res


def cmd_check(args):
    tools = Tools(args)
    work = args.keep or tempfile.mkdtemp(prefix="rmw-differential-")
    fixdir = os.path.join(work, "fixed")
    os.makedirs(fixdir, exist_ok=True)
    files = []
    for n, (first, count) in enumerate(files_for(args.programs)):
        g = GeneratedFile.generate(args.seed, first, count, args.partners)
        path = os.path.join(work, "rmw_%04d.c" % n)
        with open(path, "w") as f:
            f.write(g.text)
        files.append((g, path))
    if args.self_test:
        # Perturb the oracle's answer once: the comparison must notice.
        g = files[0][0]
        if g.expected:
            pair = min(g.expected)
            del g.expected[pair]
            g.may_report.discard(pair)
        else:
            g.expected[((1, 1), (1, 1))] = min(g.programs)

    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(
            lambda f: check_file(tools, f[0], f[1], fixdir),
            files))

    failures = [r["failure"] for r in results if r["failure"]]
    # Only the programs of files that went through count: a summary must
    # not look complete when a tool failed.
    checked = sum(len(g.programs) for (g, _), r in zip(files, results)
                  if not r["failure"])
    expected = reported = mismatches = may = unpartnered = 0
    fix_problems = []
    for (g, path), r in zip(files, results):
        if r["failure"]:
            continue
        problems, n = compare(g, r["warnings"])
        expected += len(g.expected)
        may += len(g.may_report)
        unpartnered += g.without_partner
        reported += n
        by_program = {}
        for p, text in problems:
            by_program.setdefault(p, []).append(text)
        for p, texts in sorted(by_program.items(), key=lambda x: x[0] or -1):
            mismatches += len(texts)
            print("MISMATCH in program %s of seed %d (%s):" % (
                p, args.seed, os.path.basename(path)))
            for t in texts:
                print("  " + t)
            if p is not None:
                print(g.program_text(p))
        fix_problems += r["fix"]
    for p in fix_problems:
        print("FIX-IT PROBLEM: " + p)
    for f in failures:
        print("TOOL FAILURE: " + f)
    if args.partners:
        print("programs: %d, findings: expected %d (and %d more that may "
              "be; %d pairs without a partner), reported %d, mismatches: %d"
              % (checked, expected, may - expected, unpartnered, reported,
                 mismatches))
    else:
        print("programs: %d, findings: expected %d, reported %d, "
              "mismatches: %d" % (checked, expected, reported, mismatches))
        print("fix-its: %d barriers inserted, %d warnings without fix-it, "
              "fix-it problems: %d" % (
                  sum(r["inserted"] for r in results),
                  sum(1 for r in results for w in r["warnings"]
                      if w["nofix"]),
                  len(fix_problems)))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        return 2
    return 1 if mismatches or fix_problems else 0


# ---------------------------------------------------------------------------
# Minimising a disagreement
# ---------------------------------------------------------------------------


def disagrees(tools, prog, workdir):
    """Whether the check and the oracle disagree on prog alone."""
    g = GeneratedFile([prog])
    path = os.path.join(workdir, "min.c")
    with open(path, "w") as f:
        f.write(g.text)
    try:
        tools.compile(path)
        return bool(compare(g, tools.tidy(path))[0])
    except (ToolFailure, KeyError):
        return False  # a goto whose label went, for example


def candidates(prog):
    """Smaller variants of prog: without a statement, or with a compound
    statement replaced by a part of it."""
    import copy

    def shrink_list(body):
        for i in range(len(body)):
            yield body[:i] + body[i + 1:]
        for i, s in enumerate(body):
            for sub in shrink_stmt(s):
                yield body[:i] + sub + body[i + 1:]

    def shrink_expr(e):
        """Parts of e with the same role."""
        if e[0] in ("and", "or", "comma", "tern", "not"):
            for x in e[1:]:
                yield x
        if e[0] not in ("bit", "const"):
            yield ("bit", 1)

    def shrink_stmt(s):
        k = s[0]
        if k == "if":
            yield s[2]
            if s[3]:
                yield s[3]
                yield [("if", s[1], s[2], None, s[4])]
            for b in shrink_list(s[2]):
                yield [("if", s[1], b, s[3], s[4])]
            if s[3]:
                for b in shrink_list(s[3]):
                    yield [("if", s[1], s[2], b, s[4])]
            for c in shrink_expr(s[1]):
                yield [("if", c, s[2], s[3], s[4])]
        elif k in ("while", "do"):
            body, cond = (2, 1) if k == "while" else (1, 2)
            yield [x for x in s[body] if x[0] not in ("break", "continue")]
            for b in shrink_list(s[body]):
                t = list(s)
                t[body] = b
                yield [tuple(t)]
            for c in shrink_expr(s[cond]):
                t = list(s)
                t[cond] = c
                yield [tuple(t)]
        elif k in ("for", "forever", "block"):
            body = {"for": 3, "forever": 1, "block": 1}[k]
            yield [x for x in s[body] if x[0] not in ("break", "continue")]
            for b in shrink_list(s[body]):
                t = list(s)
                t[body] = b
                yield [tuple(t)]
        elif k == "switch":
            for i in range(len(s[2])):
                if len(s[2]) > 1:
                    yield [("switch", s[1], s[2][:i] + s[2][i + 1:])]
                for b in shrink_list(s[2][i][1]):
                    cases = list(s[2])
                    cases[i] = (cases[i][0], b or [("break",)])
                    yield [("switch", s[1], cases)]
        elif k == "expr" and s[1][0] not in ("op", "bit"):
            e = s[1]
            if e[0] == "sexpr":
                yield e[1] + ([("expr", e[2])] if e[2] else [])
            elif e[0] in ("call", "ext"):
                yield [("expr", e[2])] if e[2][0] != "bit" else []
            else:
                for part in e[1:]:
                    if isinstance(part, tuple) and part[0] != "bit":
                        yield [("expr", part)]

    for f in range(len(prog.functions)):
        for body in shrink_list(prog.functions[f]):
            q = copy.copy(prog)
            q.functions = list(prog.functions)
            q.functions[f] = body
            yield q


def cmd_minimise(args):
    tools = Tools(args)
    prog = generate_program(args.seed, args.program)
    work = tempfile.mkdtemp(prefix="rmw-minimise-")
    try:
        if not disagrees(tools, prog, work):
            print("no disagreement on program %d of seed %d"
                  % (args.program, args.seed))
            return 0
        progress = True
        while progress:
            progress = False
            for q in candidates(prog):
                if disagrees(tools, q, work):
                    prog, progress = q, True
                    break
        g = GeneratedFile([prog])
        print(g.text)
        path = os.path.join(work, "min.c")
        with open(path, "w") as f:
            f.write(g.text)
        for _, text in compare(g, tools.tidy(path))[0]:
            print(text)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--seed", type=int, required=True)
    g.add_argument("--programs", type=int, required=True)
    g.add_argument("--out", required=True)
    for name in ("check", "minimise"):
        c = sub.add_parser(name)
        c.add_argument("--seed", type=int, required=True)
        if name == "check":
            c.add_argument("--programs", type=int, required=True)
            c.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
            c.add_argument("--keep", help="generate into this directory and "
                           "keep it")
            c.add_argument("--self-test", action="store_true")
            c.add_argument("--partners", action="store_true",
                           help="the check with its defaults: a pair only "
                           "with a store-buffering partner (each program "
                           "with variables of its own)")
        else:
            c.add_argument("--program", type=int, required=True)
        c.add_argument("--clang-tidy", required=True)
        c.add_argument("--module", required=True)
        c.add_argument("--inputs", required=True,
                       help="test/Inputs (holds qemu/atomic.h)")
        c.add_argument("--clang", help="default: beside clang-tidy")
    o = sub.add_parser("oracle-selftest")
    o.add_argument("--seed", type=int, required=True)
    o.add_argument("--programs", type=int, required=True)
    args = ap.parse_args(argv)
    return {"generate": cmd_generate, "check": cmd_check,
            "minimise": cmd_minimise,
            "oracle-selftest": cmd_oracle_selftest}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
