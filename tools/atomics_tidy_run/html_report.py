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
    if item.place and unp:
        item.place.message = "the %s '%s'" % (unp["what"], unp["name"])
    elif item.place and stale:
        item.place.message = "the pairing comment"
    out.append("<h2>The operation</h2>")
    out.append(_steps(report, item, [p for p in item.places()
                                     if not html_model._CANDIDATE.match(p.message)]))
    if unp:
        out.append("<h2>What it orders</h2><p><code>%s</code> (a %s) %s.</p>"
                   "<p>Its partner would be %s that %s; there is none in %s.</p>"
                   % (esc(unp["name"]), esc(unp["what"]), esc(unp["orders"]),
                      esc(_a(unp["missing"])), esc(unp["wants"]), esc(unp["scope"])))
    if stale:
        out.append("<h2>What the comment says</h2><p>It names <code>%s</code> as the partner "
                   "of this %s, but %s.</p>"
                   % (esc(stale["target"]), esc(stale["what"]), esc(stale["why"])))
    cands = item.candidates()
    if cands:
        out.append("<h2>The closest candidate%s</h2>" % ("s" if len(cands) > 1 else ""))
        for note, c in cands:
            out.append("<p>%s <code>%s</code> in <code>%s</code>%s: %s.</p>" % (
                esc(c["what"][:1].upper() + c["what"][1:]), esc(c["name"]), esc(c["function"]),
                " at <span class=\"mono\">%s</span>" % esc(c["at"]) if c["at"] else "",
                esc(c["why"])))
            for g in _groups(report.shown_places(item, note)):
                out.append(excerpt(report, g))
    elif unp:
        out.append("<p class=\"hint\">No candidate came close.</p>")
    out.append("<h2>The pairing neighbourhood</h2>")
    out.append(_graph(item, unp, stale, cands))
    out.append(_fixes(item))
    return "".join(out)


def _graph(item, unp, stale, cands):
    """An SVG: the operation (in its function), and what it should pair
    with: each candidate with why it fails, or the missing partner."""
    me_name = (unp or {}).get("name") or (stale or {}).get("what") or item.check
    me_fn = item.function or "?"
    others = []
    for _, c in cands:
        others.append(("%s '%s'" % (c["what"], c["name"]), "in %s" % c["function"],
                       c["why"], False))
    if stale:
        others.append(("'%s'" % stale["target"], "named by the comment", stale["why"], True))
    if not others:
        what = (unp or {}).get("missing") or "partner"
        others.append(("no %s" % what, "in %s" % ((unp or {}).get("scope") or "the code"),
                       "nothing pairs with it", True))
    width, box_w, box_h, gap = 900, 300, 54, 24
    height = max(len(others) * (box_h + gap) + gap, box_h + 2 * gap) + 20
    me_y = height / 2 - box_h / 2
    parts = ["<svg class=\"graph\" role=\"img\" aria-labelledby=\"g-title g-desc\" "
             "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">"
             % (width, height, width, height)]
    desc = "; ".join("%s %s: %s" % (a, b, why) for a, b, why, _ in others)
    parts.append("<title id=\"g-title\">%s in %s and what it would pair with</title>"
                 "<desc id=\"g-desc\">%s</desc>" % (esc(me_name), esc(me_fn), esc(desc)))

    def node(x, y, line1, line2, cls):
        return ("<g class=\"node %s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>"
                "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\">%s</text></g>"
                % (cls, x, y, box_w, box_h, x + 10, y + 21, esc(_clip(line1, 36)), x + 10,
                   y + 41, esc(_clip(line2, 36))))
    parts.append(node(10, me_y, me_name, "in %s" % me_fn, "this"))
    for k, (a, b, why, missing) in enumerate(others):
        y = gap + k * (box_h + gap) + 10
        x2 = width - box_w - 10
        parts.append("<path class=\"broken\" d=\"M%d %d C %d %d, %d %d, %d %d\"/>" % (
            10 + box_w, me_y + box_h / 2, 10 + box_w + 80, me_y + box_h / 2, x2 - 80,
            y + box_h / 2, x2, y + box_h / 2))
        parts.append("<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">\u2715 %s"
                     "</text>" % ((10 + box_w + x2) / 2, (me_y + y) / 2 + box_h / 2 - 6,
                                  esc(_clip(why, 40))))
        parts.append(node(x2, y, a, b, "missing" if missing else "candidate"))
    parts.append("</svg>")
    return "".join(parts)


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
