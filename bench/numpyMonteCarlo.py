"""NumPy side of `npm run bench`: the same Monte Carlo estimators, single-threaded.

Reads a JSON list of cases on stdin ({"name", "statistic", "u", "b", "samples"}) and prints, for
each, the noisy values per second of: draw N×M normals, add u + b·ξ, take the row medians (or
the sign of the sum of signs), and reduce to mean and variance. Best of 3 repetitions.
"""
import json
import sys
import time

import numpy as np

cases = json.load(sys.stdin)
rng = np.random.default_rng(1)
out = []
for case in cases:
    u = np.asarray(case["u"], dtype=np.float64)
    n = int(case["samples"])
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        x = u + case["b"] * rng.standard_normal((n, u.size))
        if case["statistic"] == "median":
            stat = np.median(x, axis=1)
        else:
            stat = np.sign(np.sign(x).sum(axis=1))
        float(stat.mean()), float(stat.var(ddof=1))
        best = min(best, time.perf_counter() - start)
    out.append({"name": case["name"], "perSec": n * u.size / best})
print(json.dumps(out))
