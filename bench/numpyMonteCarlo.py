"""NumPy side of `npm run bench`: the same Monte Carlo estimators, single-threaded, in the
strongest formulations a NumPy user would write, each timed (best of 3 repetitions).

Reads a JSON list of cases on stdin ({"name", "statistic", "u", "b", "samples"}) and prints, for
each, the noisy values per second of every formulation and of the best one ("perSec"): draw the
normals, add u + b·xi, take the medians (or the majority votes), and reduce to mean and variance.
Every formulation's mean must agree with the textbook one-liner's (the first) within 6 standard
errors, or the script exits with an error: a formulation fast because it computes something else
must not become the baseline.

Formulations:
- median, rows: np.median over axis 1 of an (n, M) array (the usual one-liner);
- median, row partition: np.partition(x, k, axis=1)[:, k];
- median, column layout: an (M, n) array, then a min/max network for M = 3, np.partition along
  axis 0 otherwise (contiguous rows of n values, preallocated buffers, in-place adds);
- vote, rows: sign of the sum of signs over axis 1;
- vote, counting positives in the column layout: sign(2·#(x > 0) − M) (no zeros occur: the
  entries are continuous);
- in chunks: one preallocated buffer of 2^14 or 2^16 values refilled (it stays in cache, every pass
  over it cheap), summing each chunk's statistic and its square: the column layouts above, the row
  partition, and for the vote the count of draws above −u_i/b (the comparison without the
  multiply-add). Each chunked formulation runs on NumPy's default bit generator (PCG64) and on
  SFC64, its fastest (about 14% more normals per second here): a user after speed picks it.

The limit on this side is the normals alone, drawn into a preallocated buffer: one large buffer,
or a cache-sized one refilled, on either bit generator (the fastest of the four).
"""
import json
import sys
import time

import numpy as np


def timed(function, repetitions=3):
    """The best of `repetitions` wall-clock timings of function(), and its last result."""
    best = float("inf")
    result = None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def reduce(stat):
    return float(stat.mean()), float(stat.var(ddof=1))


def median_rows(rng, u, b, n):
    x = u + b * rng.standard_normal((n, u.size))
    return reduce(np.median(x, axis=1))


def median_row_partition(rng, u, b, n):
    k = u.size // 2
    x = u + b * rng.standard_normal((n, u.size))
    return reduce(np.partition(x, k, axis=1)[:, k])


def shifted_by(b, centres):
    """fill(buffer): the normals in it become noisy values centres + b·xi, in place."""

    def fill(buffer):
        buffer *= b
        buffer += centres

    return fill


def median_of_columns(buffer):
    if buffer.shape[0] == 3:
        a, c, d = buffer
        low = np.minimum(a, c)
        high = np.maximum(a, c)
        np.minimum(high, d, out=high)
        np.maximum(low, high, out=low)
        return low
    return np.partition(buffer, buffer.shape[0] // 2, axis=0)[buffer.shape[0] // 2]


def median_of_rows(buffer):
    k = buffer.shape[1] // 2
    return np.partition(buffer, k, axis=1)[:, k]


def vote_of_columns(buffer, thresholds=0.0):
    """sign(2·#(x > threshold) − M) per column: with thresholds −u_i/b, on the normals themselves."""
    return np.sign(2 * np.count_nonzero(buffer > thresholds, axis=0) - buffer.shape[0]).astype(np.float64)


def whole_columns(rng, u, b, buffer, statistic):
    """The column layout over all n replicates at once: one (M, n) buffer, preallocated."""
    rng.standard_normal(out=buffer)
    shifted_by(b, u[:, None])(buffer)
    return reduce(statistic(buffer))


CHUNK_SIZES = (1 << 14, 1 << 16)
BIT_GENERATORS = {"PCG64": np.random.PCG64, "SFC64": np.random.SFC64}


def in_chunks(rng, n, per_chunk, layout, M, fill, statistic):
    """Sum and sum of squares of `statistic` over n replicates, drawn `per_chunk` at a time into one buffer.

    A chunk of `count` replicates is (M, count) in the column layout, (count, M) in the row
    layout; fill(buffer) turns the normals in it into noisy values in place (or leaves them, for a
    statistic that compares them itself).
    """
    shape_of = (lambda count: (M, count)) if layout == "columns" else (lambda count: (count, M))
    chunk = np.empty(shape_of(per_chunk))
    total = 0.0
    squares = 0.0
    for start in range(0, n, per_chunk):
        count = min(per_chunk, n - start)
        buffer = chunk if count == per_chunk else np.empty(shape_of(count))
        rng.standard_normal(out=buffer)
        fill(buffer)
        stat = statistic(buffer)
        total += float(stat.sum())
        squares += float(np.square(stat).sum())
    mean = total / n
    return mean, (squares - n * mean * mean) / (n - 1)


def chunked_formulations(statistic, u, b, n):
    """Every chunked formulation of `statistic`, as (name, run(rng)), for each chunk size."""
    M = u.size
    thresholds = (-u / b)[:, None]
    if statistic == "median":
        kinds = {
            "column layout (min/max network for M = 3, partition on axis 0)": ("columns", shifted_by(b, u[:, None]), median_of_columns),
            "np.partition on rows": ("rows", shifted_by(b, u), median_of_rows),
        }
    else:
        kinds = {
            "counting positives, column layout": ("columns", shifted_by(b, u[:, None]), vote_of_columns),
            "counting draws above −u_i/b, column layout": (
                "columns",
                lambda buffer: None,
                lambda buffer: vote_of_columns(buffer, thresholds),
            ),
        }
    out = {}
    for size in CHUNK_SIZES:
        per_chunk = max(1, size // M)
        for kind, (layout, fill, reduce_chunk) in kinds.items():
            out[f"{kind} in chunks of 2^{size.bit_length() - 1}"] = (
                lambda rng, per_chunk=per_chunk, layout=layout, fill=fill, reduce_chunk=reduce_chunk: in_chunks(
                    rng, n, per_chunk, layout, M, fill, reduce_chunk
                )
            )
    return out


def vote_rows(rng, u, b, n):
    x = u + b * rng.standard_normal((n, u.size))
    return reduce(np.sign(np.sign(x).sum(axis=1)))


def normals_only(rng, n, buffer):
    rng.standard_normal(out=buffer)


def normals_in_chunks(rng, n, chunk):
    for _ in range(n // chunk.size):
        rng.standard_normal(out=chunk)


cases = json.load(sys.stdin)
generators = {name: np.random.Generator(bit_generator(1)) for name, bit_generator in BIT_GENERATORS.items()}
rng = generators["PCG64"]
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
            "column layout (min/max network for M = 3, partition on axis 0)": lambda: whole_columns(rng, u, b, buffer, median_of_columns),
        }
    else:
        formulations = {
            "sign of the sum of signs on rows": lambda: vote_rows(rng, u, b, n),
            "counting positives, column layout": lambda: whole_columns(rng, u, b, buffer, vote_of_columns),
        }
    for name, run in chunked_formulations(case["statistic"], u, b, n).items():
        for generator_name, generator in generators.items():
            formulations[f"{name}, {generator_name}"] = lambda run=run, generator=generator: run(generator)
    per_sec = {}
    moments = {}
    for name, run in formulations.items():
        seconds, moments[name] = timed(run)
        per_sec[name] = values / seconds
    # A formulation that were faster by computing something else must not become the baseline:
    # every one's mean agrees with the first (the textbook one-liner) within 6 standard errors of
    # the difference of two independent means.
    reference_mean, reference_variance = next(iter(moments.values()))
    for name, (mean, _) in moments.items():
        if abs(mean - reference_mean) > 6 * (2 * reference_variance / n) ** 0.5:
            sys.exit(f"{case['name']}: {name} gives mean {mean}, the textbook formulation {reference_mean}")
    best = max(per_sec, key=per_sec.get)
    out.append({"name": case["name"], "perSec": per_sec[best], "best": best, "formulations": per_sec})
    del buffer
# The physical limit on this side: the normals alone, drawn into a preallocated buffer, one large
# or a cache-sized one refilled, on either bit generator, whichever is fastest.
limit_buffer = np.empty(1 << 22)
limit_chunk = np.empty(1 << 16)
limits = {}
for generator_name, generator in generators.items():
    limits[f"Generator({generator_name}).standard_normal(out=...) into one buffer of 2^22"] = limit_buffer.size / timed(
        lambda generator=generator: normals_only(generator, limit_buffer.size, limit_buffer)
    )[0]
    limits[f"Generator({generator_name}).standard_normal(out=...) refilling a buffer of 2^16"] = limit_buffer.size / timed(
        lambda generator=generator: normals_in_chunks(generator, limit_buffer.size, limit_chunk)
    )[0]
fastest = max(limits, key=limits.get)
out.append({"name": "normals only", "perSec": limits[fastest], "best": fastest, "formulations": limits})
print(json.dumps(out))
