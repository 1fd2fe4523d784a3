"""GitLab's Code Quality report (a subset of Code Climate's issue format),
which GitLab shows in merge requests: one object per finding with
description, check_name, fingerprint, severity and location (path relative
to the repository, first line)."""

import json

_SEVERITY = {"error": "critical", "warning": "major", "remark": "info"}


def build(findings):
    out = []
    for f in findings:
        out.append({
            "type": "issue",
            "description": "%s [%s]" % (f.message, f.check),
            "check_name": f.check,
            "fingerprint": f.fingerprint,
            "severity": _SEVERITY.get(f.level, "major"),
            "categories": ["Bug Risk"],
            "location": {"path": f.relpath,
                         "lines": {"begin": f.loc.line if f.loc else 1}},
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
