"""The HTML report: a directory of static pages that works offline, from
file:// as from any web server (no CDN, no external fonts or scripts).

    DIR/index.html             every finding: counts by check, by file and by
                               function, a filter box, new against the baseline
    DIR/findings/<id>.html     one page per finding (<id>: its fingerprint)

Each page is self-contained: the style sheet and the script
(html_assets/: the index's script or a finding page's) are inlined, and a Content-Security-Policy lets the page run
only that script (by its SHA-256), so text from the analysed code can never
become markup or script. Every text from the code, the file names and the
messages is escaped besides.

The data is a SARIF log (html_model.py reads it): the one `atomics-tidy-run
--html DIR` builds for its findings, or the files of an earlier run
(`atomics-tidy-run html`). docs/html-report.md is the user documentation.
"""

import base64
import hashlib
import html
import os
import re

from . import html_model
from .errors import ToolError

_ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "html_assets")
CONTEXT = 2             # lines shown around a marked line
MERGE_GAP = 6           # marked lines this close share one excerpt

_CHECK_TITLES = {
    "atomics-missing-rmw-barrier": "read-modify-write without a full barrier",
    "atomics-deprecated-mb": "deprecated mb operation",
    "atomics-unpaired-barrier": "barrier without a partner",
    "atomics-pairing-comment": "stale pairing comment",
}
_ROLE_LABELS = {
    "write": "writes", "write-barrier": "writes, with its barrier", "barrier": "barrier",
    "load": "loads", "elsewhere": "in another file",
}


def esc(text):
    return html.escape("" if text is None else str(text), quote=True)


def _asset(name):
    with open(os.path.join(_ASSETS, name), encoding="utf-8") as f:
        return f.read()


def _sha256(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


class _Page:
    """The frame every page shares: the style sheet, and the script of the
    kind of page ("index" or "page"), inlined and allowed by their hashes."""

    def __init__(self, kind):
        # The style sheet without its comments and runs of white space: it
        # is in every page.
        css = re.sub(r"/\*.*?\*/", "", _asset("report.css"), flags=re.S)
        self.css = re.sub(r"\s+", " ", css).strip()
        self.js = _asset(kind + ".js")
        self.csp = ("default-src 'none'; style-src '%s'; script-src '%s'; img-src data:; "
                    "base-uri 'none'; form-action 'none'"
                    % (_sha256(self.css), _sha256(self.js)))

    def render(self, title, body, subtitle=""):
        return "".join([
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n" % esc(self.csp),
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<meta name=\"referrer\" content=\"no-referrer\">\n",
            "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n" % (esc(title), self.css),
            "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n",
            "<header class=\"top\"><h1>%s</h1>%s</header>\n" % (
                esc(title), "<p>%s</p>" % subtitle if subtitle else ""),
            "<main id=\"main\">\n", body, "\n</main>\n",
            "<script>%s</script>\n</body>\n</html>\n" % self.js])


# -- source excerpts -----------------------------------------------------------

def _hit_span(text, col, end_col):
    """The 0-based [start, end) of the characters a place flags on its line:
    its range, else the name or token at its column."""
    start = max(col - 1, 0)
    if start >= len(text):
        return len(text), len(text)
    if end_col and end_col - 1 > start:
        return start, min(end_col - 1, len(text))
    m = re.compile(r"[A-Za-z_]\w*|\S").match(text, start)
    return (start, m.end()) if m else (start, start + 1)


def _code_line(no, text, marks):
    """One line of an excerpt; `marks`: [(place, label)] on this line."""
    if marks:
        spans = sorted(_hit_span(text, p.col, p.end_col if p.end_line == p.line else 0)
                       for p, _ in marks)
        out, pos = [], 0
        for s, e in spans:
            if s < pos:
                continue
            out.append(esc(text[pos:s]))
            out.append("<span class=\"hit\">%s</span>" % esc(text[s:e]))
            pos = e
        out.append(esc(text[pos:]))
        labels = ",".join(str(p.number) for p, _ in marks if p.number)
        gutter = "\u25b6%s" % labels
        said = "; ".join(label for _, label in marks if label)
        return ("<span class=\"l marked\"><span class=\"no\">%d</span><span class=\"gut\" "
                "title=\"%s\">%s</span><span class=\"src\">%s</span><span class=\"sr\"> "
                "(marked: %s)</span></span>" % (no, esc(said), esc(gutter), "".join(out), esc(said)))
    return ("<span class=\"l\"><span class=\"no\">%d</span><span class=\"gut\"></span>"
            "<span class=\"src\">%s</span></span>" % (no, esc(text)))


def excerpt(report, places, labels=None):
    """A <pre> of the lines around `places` (all in one file, in order),
    marked; from the file when it is as the run saw it, else the snippets
    the SARIF holds."""
    labels = labels or {}
    rel = places[0].rel
    src = report.excerpt_source(rel)
    by_line = {}
    for p in places:
        by_line.setdefault(p.line, []).append((p, labels.get(id(p), p.message)))
    rows = []
    if src is not None:
        lines = sorted(by_line)
        wanted = set()
        for l in lines:
            wanted.update(range(max(l - CONTEXT, 1), min(l + CONTEXT, len(src.lines)) + 1))
        prev = None
        for no in sorted(wanted):
            if prev is not None and no != prev + 1:
                rows.append("<span class=\"l gap\"><span class=\"no\">\u22ee</span></span>")
            rows.append(_code_line(no, src.line(no) or "", by_line.get(no)))
            prev = no
    else:
        for no in sorted(by_line):
            p = by_line[no][0][0]
            rows.append(_code_line(no, p.snippet or "", by_line[no]))
    caption = "%s, line%s %s" % (rel, "s" if len(by_line) > 1 else "",
                                 ", ".join(str(l) for l in sorted(by_line)))
    return ("<pre class=\"code\" aria-label=\"%s\"><code>%s</code></pre>"
            % (esc(caption), "".join(rows)))


def _groups(places):
    """Consecutive places of one file close to each other, to share an
    excerpt."""
    out = []
    for p in places:
        if out and out[-1][-1].rel == p.rel and abs(p.line - out[-1][-1].line) <= MERGE_GAP:
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _where(p):
    return "<span class=\"mono\">%s</span>" % esc(p.where())


def _steps(report, item, places, labels=None):
    """The places as a numbered list of what they say, each run of nearby
    places followed by its excerpt. A note is shown where
    Report.shown_places says (its place, the places it names), or as text
    alone."""
    out, pending, group = [], [], []

    def flush():
        if pending:
            out.append("<ol class=\"steps\">%s</ol>" % "".join(pending))
            del pending[:]
        for g in _groups(group):
            out.append(excerpt(report, g, labels))
        del group[:]
    for p in places:
        shown = [q for q in report.shown_places(item, p) if q.rel]
        if group and (not shown or shown[0].rel != group[-1].rel or
                      abs(shown[0].line - group[-1].line) > MERGE_GAP):
            flush()
        text = (labels or {}).get(id(p), p.message)
        where = ", ".join(q.where() for q in shown) if shown else p.where()
        pending.append("<li value=\"%d\">%s <span class=\"muted mono\">(%s)</span></li>"
                       % (p.number, esc(text), esc(where)))
        group.extend(shown)
    flush()
    return "".join(out)


def _diff(fix):
    if fix.diff is None:
        parts = []
        for rel, reps in fix.files:
            for _, _, text, line, col in reps:
                parts.append("%s:%s:%s: insert or replace with %r" % (rel, line, col, text))
        return ("<p>%s</p><pre class=\"code\"><code>%s</code></pre>"
                "<p class=\"hint\">The source files are not as the run saw them, so the "
                "fix is shown as its edits.</p>" % (esc(fix.description), esc("\n".join(parts))))
    rows = []
    for line in fix.diff.splitlines():
        # The + and - say it; the colours repeat it.
        cls = ""
        if line.startswith("+") and not line.startswith("+++"):
            cls = "add"
        elif line.startswith("-") and not line.startswith("---"):
            cls = "del"
        elif line.startswith("@@"):
            cls = "hunk"
        rows.append("<span class=\"l %s\">%s</span>" % (cls, esc(line)))
    return ("<p>%s</p><pre class=\"code diff\" aria-label=\"the fix as a unified diff\">"
            "<code>%s</code></pre>" % (esc(fix.description), "".join(rows)))


def _fixes(item):
    if not item.fixes:
        return ""
    return "<h2 id=\"fix\">The fix-it</h2>" + "".join(_diff(f) for f in item.fixes)


def _badge(item):
    if item.state == "new":
        return "<span class=\"badge new\">new</span>"
    if item.state == "unchanged":
        return "<span class=\"badge old\">in baseline</span>"
    return ""


def _all_notes(item):
    """The diagnostic as clang-tidy prints it (without the excerpts)."""
    lines = ["%s: %s: %s [%s]" % (item.place.where() if item.place else "", item.level,
                                  item.message, item.check)]
    for n in item.notes:
        lines.append("%s: note: %s" % (n.where(), n.message))
    return ("<details><summary>The diagnostic as text</summary><pre class=\"code\"><code>%s"
            "</code></pre></details>" % esc("\n".join(lines)))


# -- the pages of each check ---------------------------------------------------

def _race_body(report, item, race):
    one, two = item.threads()
    k = 1
    for p in one:
        p.number = k
        k += 1
    for group in two:
        for p in group:
            p.number = k
            k += 1
    labels = {id(item.place): "the read-modify-write '%s' on '%s'" % (race["op"], race["x"])}
    fn1 = item.function or "this thread's function"
    out = []
    out.append(_litmus(item, race, fn1))
    out.append("<div class=\"cols\">")
    out.append("<section class=\"thread one\" aria-labelledby=\"t1\"><h2 id=\"t1\">Thread 1: "
               "<code>%s</code></h2><p>The read-modify-write of <code>%s</code>, and the "
               "%s of <code>%s</code> that can pass it.</p>%s</section>"
               % (esc(fn1), esc(race["x"]), esc(race["kind"]), esc(race["y"]),
                  _steps(report, item, one, labels)))
    parts = []
    for k, group in enumerate(two, 1):
        if len(two) > 1:
            parts.append("<h3>Partner %d%s</h3>" % (k, (": <code>%s</code>" % esc(
                html_model.partner_function(group))) if html_model.partner_function(group)
                else ""))
        parts.append(_steps(report, item, group))
    out.append("<section class=\"thread two\" aria-labelledby=\"t2\"><h2 id=\"t2\">Thread 2: "
               "<code>%s</code></h2><p>Writes <code>%s</code>, orders that write before its "
               "later loads, and loads <code>%s</code>.</p>%s</section>"
               % (esc(race["partner"]), esc(race["y"]), esc(race["x"]),
                  "".join(parts) or "<p class=\"hint\">The notes do not show the partner "
                  "(see the diagnostic below).</p>"))
    out.append("</div>")
    out.append(_fixes(item))
    return "".join(out)


def _litmus(item, race, fn1):
    return (
        "<section class=\"outcome\" aria-labelledby=\"outcome\"><h2 id=\"outcome\">The "
        "outcome both threads can observe</h2>"
        "<table class=\"litmus\"><thead><tr><th scope=\"col\"></th><th scope=\"col\">Thread 1 "
        "(<code>%s</code>)</th><th scope=\"col\">Thread 2 (<code>%s</code>)</th></tr></thead>"
        "<tbody><tr><th scope=\"row\">first</th><td>read-modify-write <code>%s</code> of "
        "<code>%s</code></td><td>writes <code>%s</code></td></tr>"
        "<tr><th scope=\"row\">between</th><td><strong>no full barrier</strong></td>"
        "<td>a barrier orders its write before its load</td></tr>"
        "<tr><th scope=\"row\">then</th><td>%s of <code>%s</code>: reads the <strong>old"
        "</strong> value</td><td>load of <code>%s</code>: reads the <strong>old</strong> value"
        "</td></tr></tbody></table>"
        "<p>Both threads can read the old values: thread 1's load of <code>%s</code> can be "
        "satisfied before its read-modify-write's store is visible, so it misses thread 2's "
        "write, while thread 2's load of <code>%s</code> misses thread 1's read-modify-write. "
        "Each waits for the other (QEMU's 2020 and 2023 hangs on Arm had this shape). A full "
        "barrier after the read-modify-write (the fix-it below) makes at least one of them see "
        "the other's update.</p></section>"
        % (esc(fn1), esc(race["partner"]), esc(race["op"]), esc(race["x"]), esc(race["y"]),
           esc(race["kind"]), esc(race["y"]), esc(race["x"]), esc(race["y"]), esc(race["x"])))


def _deprecated_body(report, item, dep):
    _number(item)
    item.place.message = "'%s' used here" % dep["old"]
    out = ["<h2>The use</h2>", _steps(report, item, item.places())]
    if dep.get("new"):
        out.append("<h2>The replacement</h2><p><code>%s</code> becomes <code>%s</code>, as "
                   "QEMU's own migration did: the deprecated operations do not take part in "
                   "the total order of sequentially consistent operations.</p>"
                   % (esc(dep["old"]), esc(dep["new"])))
    else:
        out.append("<h2>The replacement</h2><p>No replacement is configured for "
                   "<code>%s</code>.</p>" % esc(dep["old"]))
    out.append(_fixes(item) or "<h2>The fix-it</h2><p>None: the notes above say why.</p>")
    return "".join(out)


def _a(noun):
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _number(item):
    for k, p in enumerate(item.places(), 1):
        p.number = k


def _pairing_body(report, item):
    _number(item)
    out = []
    unp, stale = item.unpaired(), item.stale_comment()
    graph = report.pairing_graph()
    me = graph.node_of(item)
    # A stale comment's operation may have an unpaired-barrier finding of
    # its own: it says what the operation orders and its closest candidate.
    related = [it for it in (me.items if me else []) if it is not item]
    if stale and not unp:
        unp_item = next((it for it in related if it.unpaired()), None)
    else:
        unp_item = None
    if item.place and unp:
        item.place.message = "the %s '%s'" % (unp["what"], unp["name"])
    elif item.place and stale:
        item.place.message = "the pairing comment"
    out.append("<h2>The operation</h2>")
    out.append(_steps(report, item, [p for p in item.places()
                                     if not html_model._CANDIDATE.match(p.message)]))
    orders = unp or (unp_item.unpaired() if unp_item else None)
    if orders:
        out.append("<h2>What it orders</h2><p><code>%s</code> (%s) %s.</p>"
                   "<p>Its partner would be %s that %s; there is none in %s.</p>"
                   % (esc(orders["name"]), esc(_a(orders["what"])), esc(orders["orders"]),
                      esc(_a(orders["missing"])), esc(orders["wants"]), esc(orders["scope"])))
        if unp_item:
            out.append("<p class=\"hint\">From <a href=\"%s\">its own finding</a>.</p>"
                       % esc(unp_item.page))
    if stale:
        out.append("<h2>What the comment says</h2><p>It names <code>%s</code> as the partner "
                   "of this %s, but %s.</p>"
                   % (esc(stale["target"]), esc(stale["what"]), esc(stale["why"])))
    for it in related:
        st = it.stale_comment()
        if st and not stale:
            out.append("<p>A comment names <code>%s</code> as its partner: <a href=\"%s\">"
                       "stale</a>, %s.</p>" % (esc(st["target"]), esc(it.page), esc(st["why"])))
    source = unp_item or item
    cands = source.candidates()
    if cands:
        out.append("<h2>The closest candidate%s</h2>" % ("s" if len(cands) > 1 else ""))
        for note, c in cands:
            out.append("<p>%s <code>%s</code> in <code>%s</code>%s: %s.</p>" % (
                esc(c["what"][:1].upper() + c["what"][1:]), esc(c["name"]), esc(c["function"]),
                " at <span class=\"mono\">%s</span>" % esc(c["at"]) if c["at"] else "",
                esc(c["why"])))
            for g in _groups(report.shown_places(source, note)):
                out.append(excerpt(report, g))
    elif orders:
        out.append("<p class=\"hint\">No candidate came close.</p>")
    out.append("<h2 id=\"neighbourhood\">The pairing neighbourhood</h2>")
    out.append(_graph(report, item, unp))
    out.append(_fixes(item))
    return "".join(out)


def _node_text(n):
    """The two lines of a node's box in the graph."""
    if n.kind == "function":
        return ("%s()" % n.name, "named by a comment" + (", line %d" % n.line if n.line else ""))
    return ("%s" % n.name, "%s%s" % (n.what, ", line %d" % n.line if n.line else ""))


def _node_words(n):
    """A node as the text equivalent names it."""
    if n.kind == "function":
        return "function %s%s" % (n.name, " (%s)" % n.where() if n.rel else "")
    return "%s in %s%s" % (n.label(), n.function or "?", " (%s)" % n.where() if n.rel else "")


def _graph(report, item, unp):
    """The pairing neighbourhood of the finding's function as an SVG and
    as a list (its text equivalent): the function's operations that the
    findings are about (this one marked), in a box on the left; the
    operations of other functions and files that they name as closest
    candidates, that name them, and the functions their comments name, in
    boxes on the right; an edge per candidate or comment, an arrow from the
    operation without a partner, labelled with why it does not pair."""
    hood = report.pairing_graph().neighbourhood(item)
    if hood is None:
        return "<p class=\"hint\">The finding does not say which operation it is about.</p>"
    me, mine, others, edges = hood
    more = max(len(edges) - html_model.MAX_EDGES, 0)
    edges = edges[:html_model.MAX_EDGES]
    shown = {id(e.src) for e in edges} | {id(e.dst) for e in edges} | {id(me)}
    mine = [n for n in mine if id(n) in shown or n.items]
    others = [n for n in others if id(n) in shown]
    missing = None
    if not any(e.src is me for e in edges):
        what = (unp or {}).get("missing") or "partner"
        missing = "no %s in %s" % (what, (unp or {}).get("scope") or "the code")
    fn = me.function or "?"
    # Geometry: two columns of boxes, a header row per function, a row per
    # operation.
    width, col_w, left_x, head_h, row_h, gap = 1000, 320, 70, 26, 44, 18
    right_x = width - col_w - 10
    rows = {}           # id(node) -> (x, y of the row's middle, side)
    parts = []

    def box(x, y, title, nodes, cls):
        h = head_h + row_h * len(nodes)
        parts.append("<g class=\"fn %s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                     "rx=\"6\"/><text class=\"head\" x=\"%d\" y=\"%d\">%s</text></g>"
                     % (cls, x, y, col_w, h, x + 10, y + 18, esc(_clip(title, 38))))
        for k, n in enumerate(nodes):
            ry = y + head_h + k * row_h
            line1, line2 = _node_text(n)
            this = n is me
            if this:
                line1 = "\u25b6 " + line1 + " (this finding)"
            # An operation's own finding first (not its comment's).
            link = None if this else next(
                iter(sorted((it for it in n.items if it is not item),
                            key=lambda it: it.check != "atomics-unpaired-barrier")), None)
            row = ("<g class=\"node%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>"
                   "<text x=\"%d\" y=\"%d\">%s</text><text class=\"sub\" x=\"%d\" y=\"%d\">%s"
                   "</text></g>" % (" this" if this else "", x + 6, ry + 3, col_w - 12, row_h - 6,
                                   x + 14, ry + 20, esc(_clip(line1, 38)), x + 14, ry + 36,
                                   esc(_clip(line2, 40))))
            if link is not None:
                row = "<a href=\"%s\">%s</a>" % (esc(link.page), row)
            parts.append(row)
            rows[id(n)] = (x, ry + row_h / 2)
        return y + h

    def groups(nodes):
        out = []
        for n in nodes:
            key = (n.kind, n.function, n.rel) if n.kind == "operation" else (n.kind, n.name, n.rel)
            if out and out[-1][0] == key:
                out[-1][1].append(n)
            else:
                out.append((key, [n]))
        return out
    y_left = box(left_x, 10, "%s%s" % (fn, " \u00b7 " + me.rel if me.rel else ""), mine, "home")
    y = 10
    for (kind, name, rel), nodes in groups(others):
        if kind == "function":
            title = "%s%s" % (nodes[0].name, " \u00b7 " + nodes[0].rel if nodes[0].rel else "")
        else:
            title = "%s%s" % (name or "?", " \u00b7 " + rel if rel else "")
        y = box(right_x, y, title, nodes, "other") + gap
    if missing:
        parts.append("<g class=\"node missing\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                     "height=\"%d\" rx=\"6\"/><text x=\"%d\" y=\"%d\">%s</text></g>"
                     % (right_x, y, col_w, row_h, right_x + 10, y + 27,
                        esc(_clip(missing, 40))))
        rows["missing"] = (right_x, y + row_h / 2)
        y += row_h + gap
    height = max(y_left + 10, y) + 10
    labels_at = []

    def label_y(want):
        # Labels of edges that cross the same height move apart.
        yy = want
        while any(abs(yy - o) < 17 for o in labels_at):
            yy += 17
        labels_at.append(yy)
        return yy
    drawn, labels = [], []
    for k, e in enumerate(edges, 1):
        # An edge leaves a row above its middle and arrives below it, so
        # that two operations that name each other get two curves.
        x1, y1 = rows[id(e.src)]
        x2, y2 = rows[id(e.dst)]
        y1, y2 = y1 - 7, y2 + 7
        left1, left2 = x1 == left_x, x2 == left_x
        if left1 and left2:
            # Within the function: a loop on the left of its box.
            sx, ex = left_x + 6, left_x + 6
            d = "M%d %d C %d %d, %d %d, %d %d" % (sx, y1, sx - 55, y1, ex - 55, y2, ex, y2)
            lx, ly, anchor = 4, (y1 + y2) / 2, "start"
        else:
            sx = x1 + col_w - 6 if left1 else x1 + 6
            ex = x2 + col_w - 6 if left2 else x2 + 6
            mid = (sx + ex) / 2
            d = "M%d %d C %d %d, %d %d, %d %d" % (sx, y1, mid, y1, mid, y2, ex, y2)
            lx, ly, anchor = mid, label_y((y1 + y2) / 2 - 4), "middle"
        why = ("%s: %s" % ("closest candidate" if e.kind == "candidate" else "named by the "
                           "comment", e.why))
        parts.append("<g class=\"edge %s\"><title>%d. %s</title><path class=\"broken\" d=\"%s\" "
                     "marker-end=\"url(#g-arrow)\"/></g>" % (e.kind, k, esc(why), d))
        # Over every edge (drawn after them all).
        labels.append("<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">\u2715 %d: %s"
                      "</text>" % (lx, ly, anchor, k, esc(_clip(e.why, 36))))
        drawn.append(e)
    if missing:
        x1, y1 = rows[id(me)]
        x2, y2 = rows["missing"]
        sx, ex = x1 + col_w - 6, x2 + 6
        mid = (sx + ex) / 2
        parts.append("<g class=\"edge missing\"><path class=\"broken\" d=\"M%d %d C %d %d, %d %d, "
                     "%d %d\" marker-end=\"url(#g-arrow)\"/></g>" % (sx, y1, mid, y1, mid, y2, ex, y2))
        labels.append("<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">\u2715 "
                      "nothing pairs with it</text>" % (mid, label_y((y1 + y2) / 2 - 4)))
    parts.append("<g class=\"labels\">%s</g>" % "".join(labels))
    # The text equivalent: every edge as a sentence, with links to the
    # findings it comes from.
    items = []
    for k, e in enumerate(drawn, 1):
        link = ("" if e.item is item else
                " (<a href=\"%s\">its finding</a>)" % esc(e.item.page))
        items.append("<li value=\"%d\">%s %s %s: %s%s</li>" % (
            k, esc(_node_words(e.src)),
            "has as its closest candidate" if e.kind == "candidate" else
            "has a comment that names", esc(_node_words(e.dst)), esc(e.why), link))
    if missing:
        items.append("<li>%s: %s, nothing pairs with it</li>" % (esc(_node_words(me)),
                                                                  esc(missing)))
    for n in mine:
        if not any(e.src is n for e in drawn) and n is not me:
            its = next(iter(n.items), None)
            items.append("<li>%s: no candidate came close%s</li>" % (
                esc(_node_words(n)), " (<a href=\"%s\">its finding</a>)" % esc(its.page)
                if its is not None and its is not item else ""))
    if more:
        items.append("<li>and %d more edge%s, not drawn</li>" % (more, "s" if more > 1 else ""))
    title = "The pairing neighbourhood of %s: %s" % (fn, me.label())
    said = ["%d operation%s of %s without a partner" % (len(mine), "" if len(mine) == 1 else "s",
                                                      fn)]
    if drawn:
        said.append("%d edge%s from an operation to its closest candidate or to the function "
                    "its comment names, with why they do not pair" % (
                        len(drawn), "" if len(drawn) == 1 else "s"))
    if missing:
        said.append("this one has no candidate (%s)" % missing)
    desc = "; ".join(said) + "; the list below the graph says each"
    svg = ("<svg class=\"graph\" role=\"img\" aria-labelledby=\"g-title\" "
           "aria-describedby=\"g-desc\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
           "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"g-title\">%s</title>"
           "<desc id=\"g-desc\">%s</desc><defs><marker id=\"g-arrow\" viewBox=\"0 0 10 10\" "
           "refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
           "<path d=\"M0 0 L10 5 L0 10 z\"/></marker></defs>%s</svg>"
           % (width, height, width, height, esc(title), esc(desc), "".join(parts)))
    return ("<figure class=\"graph\">%s<figcaption><p>The same as text:</p>"
            "<ol class=\"graph-text\" id=\"graph-text\">%s</ol></figcaption></figure>"
            % (svg, "".join(items)))


def _clip(text, n):
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def _generic_body(report, item):
    _number(item)
    if item.place and not item.place.message:
        item.place.message = "the %s here" % item.level
    return "<h2>Where</h2>" + _steps(report, item, item.places()) + _fixes(item)


def finding_page(page, report, item, prev_item, next_item):
    race = item.race()
    dep = item.deprecated()
    if race:
        body = _race_body(report, item, race)
    elif dep:
        body = _deprecated_body(report, item, dep)
    elif item.check in ("atomics-unpaired-barrier", "atomics-pairing-comment"):
        body = _pairing_body(report, item)
    else:
        body = _generic_body(report, item)
    nav = ["<nav class=\"crumbs\" aria-label=\"findings\"><a rel=\"index\" href=\"../index.html\">"
           "All findings</a>"]
    if prev_item:
        nav.append("<a rel=\"prev\" href=\"%s\">\u2190 previous</a>" % esc(prev_item.page))
    if next_item:
        nav.append("<a rel=\"next\" href=\"%s\">next \u2192</a>" % esc(next_item.page))
    nav.append(" <span class=\"keys\">keys: <kbd>n</kbd> next, <kbd>p</kbd> previous, "
               "<kbd>u</kbd> all findings</span></nav>")
    head = ("<p class=\"message\">%s <strong>%s</strong>: %s</p>"
            "<p class=\"muted\"><code>%s</code> \u00b7 %s%s%s%s</p>"
            % (_badge(item), esc(item.level), esc(item.message), esc(item.check),
               _where(item.place) if item.place else "",
               " \u00b7 in <code>%s</code>" % esc(item.function) if item.function else "",
               " \u00b7 fingerprint <span class=\"mono\">%s</span>" % esc(item.fingerprint)
               if item.fingerprint else "",
               " \u00b7 reported by %d translation units" % item.tus if item.tus > 1 else ""))
    title = "%s: %s" % (_CHECK_TITLES.get(item.check, item.check),
                        item.place.where() if item.place else "")
    return page.render(title, "".join(nav) + head + body + _all_notes(item),
                       esc(item.rule_short))


# -- the index -----------------------------------------------------------------

def _count_table(caption, rows, key):
    body = "".join(
        "<tr><td><button class=\"pick\" type=\"button\" data-q=\"%s\">%s</button>%s</td>"
        "<td class=\"n\">%d</td>%s</tr>" % (
            esc("%s:%s" % (key, name)), esc(name or "(unknown)"),
            " <span class=\"muted\">%s</span>" % esc(extra) if extra else "", n,
            "<td class=\"n\">%d</td>" % new if new is not None else "")
        for name, n, new, extra in rows)
    new_col = "<th scope=\"col\">new</th>" if rows and rows[0][2] is not None else ""
    return ("<table><caption class=\"sr\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\">findings</th>%s</tr></thead><tbody>%s</tbody></table>"
            % (esc(caption), esc(key), new_col, body))


def _counts(items, attr, baseline_used, extra=None):
    out = {}
    for it in items:
        k = getattr(it, attr) or ""
        n, new = out.get(k, (0, 0))
        out[k] = (n + 1, new + (it.state == "new"))
    rows = sorted(out.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(k, n, new if baseline_used else None, (extra or {}).get(k, ""))
            for k, (n, new) in rows]


def index_page(page, report):
    items = report.items
    files = {it.rel for it in items if it.rel}
    new = sum(it.state == "new" for it in items)
    head = "<p>%d finding%s in %d file%s" % (len(items), "" if len(items) == 1 else "s",
                                             len(files), "" if len(files) == 1 else "s")
    if report.baseline_used:
        head += ": <strong>%d new</strong>, %d in the baseline" % (
            new, sum(it.state == "unchanged" for it in items))
    head += ".</p>"
    if not report.successful:
        head += ("<p><strong>The run failed</strong>: its findings may be incomplete.</p>"
                 "<ul>%s</ul>" % "".join("<li>%s: <pre class=\"code\"><code>%s</code></pre></li>"
                                         % (esc(l), esc(m)) for m, l in report.notifications
                                         if l == "error"))
    shorts = {it.check: _CHECK_TITLES.get(it.check, "") for it in items}
    counts = ("<div class=\"counts\">"
              "<section aria-labelledby=\"by-check\"><h2 id=\"by-check\">By check</h2>%s</section>"
              "<section aria-labelledby=\"by-file\"><h2 id=\"by-file\">By file</h2>%s</section>"
              "<section aria-labelledby=\"by-fn\"><h2 id=\"by-fn\">By function</h2>%s</section>"
              "</div>" % (
                  _count_table("findings by check", _counts(items, "check", report.baseline_used,
                                                            shorts), "check"),
                  _fold(_count_table("findings by file", _counts(items, "rel",
                                                                 report.baseline_used), "file")),
                  _fold(_count_table("findings by function",
                                     _counts(items, "function", report.baseline_used),
                                     "function"))))
    filt = ("<div class=\"filter\" role=\"search\"><label for=\"filter\">Filter</label>"
            "<input id=\"filter\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" "
            "placeholder=\"words, check:NAME, file:PATH, function:NAME%s\" "
            "aria-describedby=\"filter-help\">"
            "<span id=\"shown\" role=\"status\" aria-live=\"polite\">%d finding%s</span></div>"
            "<p id=\"filter-help\" class=\"keys\">keys: <kbd>/</kbd> filter, <kbd>Esc</kbd> "
            "clear, <kbd>j</kbd>/<kbd>k</kbd> or <kbd>\u2193</kbd>/<kbd>\u2191</kbd> move "
            "between findings, <kbd>Enter</kbd> open</p>"
            % (", is:new" if report.baseline_used else "", len(items),
               "" if len(items) == 1 else "s"))
    rows = []
    for it in items:
        state = {"new": "new", "unchanged": "in baseline"}.get(it.state, "")
        rows.append(
            "<tr data-n=\"%d\" data-check=\"%s\" data-file=\"%s\" data-function=\"%s\" "
            "data-state=\"%s\" data-where=\"%s\"><td class=\"n\">%d</td>%s"
            "<td><code>%s</code></td><td class=\"mono\">%s</td><td>%s</td>"
            "<td class=\"msg\"><a class=\"go\" href=\"findings/%s\">%s</a></td></tr>" % (
                it.number, esc(it.check), esc(it.rel), esc(it.function or ""),
                esc(it.state or ""), esc("%s:%09d" % (it.rel, it.line)), it.number,
                "<td>%s</td>" % (_badge(it) if state else "") if report.baseline_used else "",
                esc(it.check),
                esc("%s:%d" % (it.rel, it.line)), esc(it.function or ""), esc(it.page),
                esc(it.message)))

    def th(label, key):
        return ("<th scope=\"col\"><button class=\"sort\" type=\"button\" data-key=\"%s\">%s"
                "</button></th>" % (key, label))
    table = ("<h2 id=\"all\">Findings</h2><table id=\"findings\"><caption class=\"sr\">every "
             "finding; the column headers sort</caption><thead><tr>%s%s%s%s%s%s</tr></thead>"
             "<tbody>%s</tbody></table>" % (
                 th("#", "n"), th("state", "state") if report.baseline_used else "",
                 th("check", "check"), th("where", "where"),
                 th("function", "function"), "<th scope=\"col\">message</th>", "".join(rows)))
    if not items:
        table = "<h2 id=\"all\">Findings</h2><p>No findings.</p>"
    sub = "project root %s" % esc(report.root or "?")
    if report.tool_version:
        sub += " \u00b7 atomics-tidy %s" % esc(report.tool_version)
    if report.clang_tidy_version:
        sub += " \u00b7 clang-tidy of %s" % esc(report.clang_tidy_version)
    return page.render("atomics-tidy report", head + counts + filt + table, sub)


def _fold(table):
    return "<details><summary>Show the list</summary>%s</details>" % table


# -- writing -------------------------------------------------------------------

def write(log, out_dir, root=None, baseline=None):
    """Writes the report of the SARIF log `log` into `out_dir` (made if
    missing; the pages of an earlier report there are replaced). Returns
    the Report."""
    report = html_model.Report(log, root, baseline)
    page = _Page("page")
    pages_dir = os.path.join(out_dir, "findings")
    try:
        os.makedirs(pages_dir, exist_ok=True)
        for name in os.listdir(pages_dir):
            if re.fullmatch(r"[0-9a-f]+-\d+\.html|\d+\.html", name):
                os.remove(os.path.join(pages_dir, name))
        items = report.items
        for k, it in enumerate(items):
            text = finding_page(page, report, it, items[k - 1] if k else None,
                                items[k + 1] if k + 1 < len(items) else None)
            _write(os.path.join(pages_dir, it.page), text)
        _write(os.path.join(out_dir, "index.html"), index_page(_Page("index"), report))
    except OSError as e:
        raise ToolError("cannot write the HTML report in %s: %s" % (out_dir, e.strerror))
    return report


def _write(path, text):
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
