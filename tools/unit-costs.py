#!/usr/bin/env python3
"""Write build/unit-costs.json (the time-left estimate's cost model) from a store's manifests.

Usage: tools/unit-costs.py <artifacts folder> "<source: machine, commit, config>" [run log] > build/unit-costs.json

With a run log (the plain output of one run), only the units that run built are counted, so one recorded run is the model.

Each unit's recorded seconds go to its cost class (the unit id with seed numbers as "seed*" and any "@variant" removed;
the mean per class) and to its stage (the mean per stage, the fallback for a class never recorded).
"""
import json, os, re, sys
from collections import defaultdict

root, source = sys.argv[1], sys.argv[2]
ran = None
if len(sys.argv) > 3:
    ran = {m.group(1) for m in (re.match(r"\[\d+/\d+\] ran (\S+) in ", l) for l in open(sys.argv[3], errors="replace")) if m}
classes, stages = defaultdict(list), defaultdict(list)
for stage_dir in sorted(os.listdir(os.path.join(root, "store"))):
    for key in os.listdir(os.path.join(root, "store", stage_dir)):
        path = os.path.join(root, "store", stage_dir, key, "manifest.json")
        try:
            m = json.load(open(path))
        except (OSError, ValueError):
            continue
        if m["stage"] == "Report" or (ran is not None and m["unit_id"] not in ran):
            continue
        unit = re.sub(r"seed\d+", "seed*", m["unit_id"].split("@")[0])
        classes[unit].append(m["seconds"])
        stages[m["stage"]].append(m["seconds"])
mean = lambda v: round(sum(v) / len(v), 3)
json.dump({"source": source, "classes": {k: mean(v) for k, v in sorted(classes.items())},
           "stages": {k: mean(v) for k, v in sorted(stages.items())}}, sys.stdout, indent=0, ensure_ascii=False)
print()
