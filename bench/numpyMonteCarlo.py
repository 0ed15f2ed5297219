"""NumPy side of `npm run bench`: the same Monte Carlo estimators, single-threaded, in the
strongest formulations a NumPy user would write, each timed (best of 3 repetitions).

Reads a JSON list of cases on stdin ({"name", "statistic", "u", "b", "samples"}) and prints, for
each, the noisy values per second of every formulation and of the best one ("perSec"): draw the
normals, add u + b·xi, take the medians (or the majority votes), and reduce to mean and variance.

Formulations:
- median, rows: np.median over axis 1 of an (n, M) array (the usual one-liner);
- median, row partition: np.partition(x, k, axis=1)[:, k];
- median, column layout: an (M, n) array, then a min/max network for M = 3, np.partition along
  axis 0 otherwise (contiguous rows of n values, preallocated buffers, in-place adds);
- vote, rows: sign of the sum of signs over axis 1;
- vote, counting positives in the column layout: sign(2·#(x > 0) − M) (no zeros occur: the
  entries are continuous).
"""
import json
import sys
import time

import numpy as np


def timed(function, repetitions=3):
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def reduce(stat):
    return float(stat.mean()), float(stat.var(ddof=1))


def median_rows(rng, u, b, n):
    x = u + b * rng.standard_normal((n, u.size))
    reduce(np.median(x, axis=1))


def median_row_partition(rng, u, b, n):
    k = u.size // 2
    x = u + b * rng.standard_normal((n, u.size))
    reduce(np.partition(x, k, axis=1)[:, k])


def median_columns(rng, u, b, n, buffer):
    rng.standard_normal(out=buffer)
    buffer *= b
    buffer += u[:, None]
    if u.size == 3:
        a, c, d = buffer
        low = np.minimum(a, c)
        high = np.maximum(a, c)
        np.minimum(high, d, out=high)
        np.maximum(low, high, out=low)
        reduce(low)
    else:
        reduce(np.partition(buffer, u.size // 2, axis=0)[u.size // 2])


def vote_rows(rng, u, b, n):
    x = u + b * rng.standard_normal((n, u.size))
    reduce(np.sign(np.sign(x).sum(axis=1)))


def vote_counting(rng, u, b, n, buffer):
    rng.standard_normal(out=buffer)
    buffer *= b
    buffer += u[:, None]
    positives = np.count_nonzero(buffer > 0, axis=0)
    reduce(np.sign(2 * positives - u.size).astype(np.float64))


def normals_only(rng, n, buffer):
    rng.standard_normal(out=buffer)


cases = json.load(sys.stdin)
rng = np.random.default_rng(1)
out = []
for case in cases:
    u = np.asarray(case["u"], dtype=np.float64)
    b = float(case["b"])
    n = int(case["samples"])
    values = n * u.size
    buffer = np.empty((u.size, n))
    if case["statistic"] == "median":
        formulations = {
            "np.median on rows": lambda: median_rows(rng, u, b, n),
            "np.partition on rows": lambda: median_row_partition(rng, u, b, n),
            "column layout (min/max network for M = 3, partition on axis 0)": lambda: median_columns(rng, u, b, n, buffer),
        }
    else:
        formulations = {
            "sign of the sum of signs on rows": lambda: vote_rows(rng, u, b, n),
            "counting positives, column layout": lambda: vote_counting(rng, u, b, n, buffer),
        }
    per_sec = {name: values / timed(run) for name, run in formulations.items()}
    best = max(per_sec, key=per_sec.get)
    out.append({"name": case["name"], "perSec": per_sec[best], "best": best, "formulations": per_sec})
# The physical limit on this side: the normals alone, drawn into a preallocated buffer.
limit_buffer = np.empty(1 << 22)
out.append({"name": "normals only", "perSec": limit_buffer.size / timed(lambda: normals_only(rng, limit_buffer.size, limit_buffer)), "best": "Generator.standard_normal(out=...)", "formulations": {}})
print(json.dumps(out))
