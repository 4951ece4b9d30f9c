#!/usr/bin/env python3
"""Compare two artifacts folders unit by unit id: the SHA-256 of every file each unit's manifest lists (byte-identity checks across commits).
Usage: tools/compare-stores.py A B [id-regex]"""
import json, os, re, sys
from collections import Counter
a, b = sys.argv[1], sys.argv[2]
pattern = re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
def units(root):
    out = {}
    idx = os.path.join(root, 'index')
    for f in os.listdir(idx):
        if not f.endswith('.json'): continue
        d = json.load(open(os.path.join(idx, f)))
        uid = f[:-5].replace('~', '/')
        key = d['Key']
        base = os.path.join(root, 'store')
        for stage in os.listdir(base):
            p = os.path.join(base, stage, key, 'manifest.json')
            if os.path.exists(p):
                m = json.load(open(p))
                out[uid] = (stage, {x['name']: x['sha256'] for x in m['files']})
                break
    return out
A, B = units(a), units(b)
same, differ, missing = Counter(), [], []
for uid, (stage, files) in sorted(B.items()):
    if pattern and not pattern.search(uid): continue
    if uid not in A: missing.append(uid); continue
    if A[uid][1] == files: same[stage] += 1
    else: differ.append((uid, sorted(n for n in set(files) | set(A[uid][1]) if files.get(n) != A[uid][1].get(n))))
print('identical per stage:', dict(same), 'total', sum(same.values()))
print('differ:', len(differ))
for uid, names in differ[:40]: print('  ', uid, names)
print('only in B:', len(missing), missing[:10])
