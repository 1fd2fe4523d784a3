# Recomputes fingerprints from the scheme in docs/ci.md (fingerprint.test).
import hashlib
import json
import os
import sys

root, sarif = sys.argv[1], sys.argv[2]
results = json.load(open(sarif))["runs"][0]["results"]
seen = {}
for r in results:
    loc = r["locations"][0]["physicalLocation"]
    path, line = loc["artifactLocation"]["uri"], loc["region"]["startLine"]
    if path not in ("src/event.c", "src/legacy.c"):
        continue
    text = open(os.path.join(root, path), encoding="utf-8").read().split("\n")[line - 1]
    base = hashlib.sha256("\0".join(["atomics-tidy/v1", r["ruleId"], path, " ".join(text.split()),
                                     r["message"]["text"]]).encode()).hexdigest()[:32]
    index = seen.get((path, base), 0)
    seen[(path, base)] = index + 1
    expected = "%s:%d" % (base, index)
    got = r["fingerprints"]["atomicsTidy/v1"]
    print("%s:%d %s %s" % (path, line, r["ruleId"],
                           "match" if got == expected else "MISMATCH %s != %s" % (got, expected)))
