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
  entries are continuous);
- the column layouts again in chunks of about 2^16 values (one preallocated (M, c) buffer that
  stays in cache, every pass over it cheap), summing each chunk's statistic and its square.

The limit on this side is the normals alone, drawn into a preallocated buffer: one large buffer,
or a cache-sized one refilled (the faster of the two).
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


CHUNK_VALUES = 1 << 16


def chunk_buffer(u, n):
    return np.empty((u.size, max(1, min(n, CHUNK_VALUES // u.size))))


def in_chunks(rng, u, b, n, chunk, statistic):
    """Sum and sum of squares of `statistic` over n replicates, drawn chunk by chunk into `chunk`."""
    total = 0.0
    squares = 0.0
    for start in range(0, n, chunk.shape[1]):
        count = min(chunk.shape[1], n - start)
        buffer = chunk if count == chunk.shape[1] else np.empty((u.size, count))
        rng.standard_normal(out=buffer)
        buffer *= b
        buffer += u[:, None]
        stat = statistic(buffer)
        total += float(stat.sum())
        squares += float(np.square(stat).sum())
    mean = total / n
    return mean, (squares - n * mean * mean) / (n - 1)


def median_of_columns(buffer):
    if buffer.shape[0] == 3:
        a, c, d = buffer
        low = np.minimum(a, c)
        high = np.maximum(a, c)
        np.minimum(high, d, out=high)
        np.maximum(low, high, out=low)
        return low
    return np.partition(buffer, buffer.shape[0] // 2, axis=0)[buffer.shape[0] // 2]


def vote_of_columns(buffer):
    return np.sign(2 * np.count_nonzero(buffer > 0, axis=0) - buffer.shape[0]).astype(np.float64)


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


def normals_in_chunks(rng, n, chunk):
    for _ in range(n // chunk.size):
        rng.standard_normal(out=chunk)


cases = json.load(sys.stdin)
rng = np.random.default_rng(1)
out = []
for case in cases:
    u = np.asarray(case["u"], dtype=np.float64)
    b = float(case["b"])
    n = int(case["samples"])
    values = n * u.size
    buffer = np.empty((u.size, n))
    chunk = chunk_buffer(u, n)
    if case["statistic"] == "median":
        formulations = {
            "np.median on rows": lambda: median_rows(rng, u, b, n),
            "np.partition on rows": lambda: median_row_partition(rng, u, b, n),
            "column layout (min/max network for M = 3, partition on axis 0)": lambda: median_columns(rng, u, b, n, buffer),
            "column layout in cache-sized chunks": lambda: in_chunks(rng, u, b, n, chunk, median_of_columns),
        }
    else:
        formulations = {
            "sign of the sum of signs on rows": lambda: vote_rows(rng, u, b, n),
            "counting positives, column layout": lambda: vote_counting(rng, u, b, n, buffer),
            "counting positives, column layout in cache-sized chunks": lambda: in_chunks(rng, u, b, n, chunk, vote_of_columns),
        }
    per_sec = {name: values / timed(run) for name, run in formulations.items()}
    best = max(per_sec, key=per_sec.get)
    out.append({"name": case["name"], "perSec": per_sec[best], "best": best, "formulations": per_sec})
# The physical limit on this side: the normals alone, drawn into a preallocated buffer, one large
# or a cache-sized one refilled, whichever is faster.
limit_buffer = np.empty(1 << 22)
limit_chunk = np.empty(CHUNK_VALUES)
limits = {
    "Generator.standard_normal(out=...) into one buffer of 2^22": limit_buffer.size / timed(lambda: normals_only(rng, limit_buffer.size, limit_buffer)),
    "Generator.standard_normal(out=...) refilling a buffer of 2^16": limit_buffer.size / timed(lambda: normals_in_chunks(rng, limit_buffer.size, limit_chunk)),
}
fastest = max(limits, key=limits.get)
out.append({"name": "normals only", "perSec": limits[fastest], "best": fastest, "formulations": limits})
print(json.dumps(out))
