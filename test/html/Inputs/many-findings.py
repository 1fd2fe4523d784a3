"""Makes a project of N findings from the SARIF file of a run on the
examples: the examples copied into directories d000, d001, ..., and the
run's results repeated for each copy (the paths and fingerprints made
those of the copy) until there are N. Writes OUT.sarif and the copies
under ROOT.

  many-findings.py RUN.sarif EXAMPLES_DIR ROOT N OUT.sarif
"""
import copy
import json
import os
import shutil
import sys

run_sarif, examples, root, n, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), \
    sys.argv[5]
log = json.load(open(run_sarif))
run = log["runs"][0]
template = run["results"]
results = []
k = 0
while len(results) < n:
    d = "d%03d" % k
    os.makedirs(os.path.join(root, d), exist_ok=True)
    for name in os.listdir(examples):
        if name.endswith(".c"):
            shutil.copy(os.path.join(examples, name), os.path.join(root, d, name))

    def move(obj):
        if isinstance(obj, dict):
            if obj.get("uriBaseId") == "SRCROOT":
                obj["uri"] = d + "/" + obj["uri"]
            for v in obj.values():
                move(v)
        elif isinstance(obj, list):
            for v in obj:
                move(v)
    for r in template[:n - len(results)]:
        r = copy.deepcopy(r)
        move(r)
        fp = "%032x:0" % (len(results) + 1)
        r["fingerprints"] = {"atomicsTidy/v1": fp}
        r["partialFingerprints"] = {"atomicsTidy/v1": fp}
        results.append(r)
    k += 1
run["results"] = results
run["originalUriBaseIds"]["SRCROOT"]["uri"] = "file://" + os.path.abspath(root) + "/"
json.dump(log, open(out, "w"), indent=1)
