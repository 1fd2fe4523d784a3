"""Rule descriptions for SARIF, read from the checks' pages in docs/.

Each docs/atomics-<name>.md starts with "# atomics-<name>" and a paragraph
that says what the check finds; that paragraph is the rule's
fullDescription, its first sentence the shortDescription, and the whole page
the rule's help (markdown, and as plain text). Checks without a page (other
clang-tidy checks a configuration enables, compiler diagnostics) get a
generic description and a link to clang-tidy's documentation.
"""

import glob
import os
import re


class Rule:
    def __init__(self, rule_id, short, full, markdown, text, help_uri=None):
        self.id = rule_id
        self.short = short
        self.full = full
        self.markdown = markdown
        self.text = text
        self.help_uri = help_uri


def _plain(markdown):
    """Markdown made readable as plain text: no code fences, no backticks,
    links as their text."""
    out = []
    for line in markdown.splitlines():
        if line.strip().startswith("```"):
            continue
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        out.append(line.replace("`", ""))
    return "\n".join(out).strip() + "\n"


def _first_sentence(text):
    # A sentence ends at . ! or ? followed by a space and a capital letter,
    # outside `code`.
    in_code = False
    for i, c in enumerate(text):
        if c == "`":
            in_code = not in_code
        elif (c in ".!?" and not in_code and text[i + 1:i + 2] == " "
              and text[i + 2:i + 3].isupper()):
            return text[:i + 1]
    return text


def parse_page(markdown):
    """(check name, first paragraph) of a docs page, or (None, None)."""
    lines = markdown.splitlines()
    if not lines or not lines[0].startswith("# "):
        return None, None
    name = lines[0][2:].strip()
    para = []
    for line in lines[1:]:
        if not line.strip():
            if para:
                break
            continue
        if line.startswith(("#", "```", "|")):
            if para:
                break
            continue
        para.append(line.strip())
    return name, " ".join(para)


def load(docs_dir, help_uri_base=None):
    rules = {}
    if not docs_dir or not os.path.isdir(docs_dir):
        return rules
    for path in sorted(glob.glob(os.path.join(docs_dir, "atomics-*.md"))):
        with open(path, encoding="utf-8") as f:
            markdown = f.read()
        name, para = parse_page(markdown)
        if not name or not para:
            continue
        full = _plain(para).strip()
        uri = None
        if help_uri_base:
            uri = help_uri_base + ("" if help_uri_base.endswith("/") else "/") + \
                os.path.basename(path)
        rules[name] = Rule(name, _first_sentence(full), full, markdown, _plain(markdown), uri)
    return rules


def generic(check):
    if check.startswith("clang-diagnostic-"):
        flag = check[len("clang-diagnostic-"):]
        text = ("Compiler error." if flag == "error"
                else "Compiler diagnostic -W%s, reported through clang-tidy." % flag)
        return Rule(check, text, text, text, text + "\n")
    group, _, rest = check.partition("-")
    text = "clang-tidy check %s." % check
    uri = None
    if rest and re.fullmatch(r"[a-z0-9.-]+", check) and group != "atomics":
        uri = "https://clang.llvm.org/extra/clang-tidy/checks/%s/%s.html" % (group, rest)
    return Rule(check, text, text, text, text + "\n", uri)
