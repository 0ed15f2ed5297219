"""Serve a Python aggregation function to `medmean check --command`.

    from medmean_serve import serve

    def aggregate(x):            # x: ndarray of shape (M, d), one row per worker
        return np.median(x, axis=0)

    serve(aggregate)             # for --rule weighted-mean: def aggregate(x, weights)

medmean writes one request per line on stdin, {"id": n, "vectors": [[...], ...]} (with "weights":
[...] for the weighted mean), and reads one reply per line on stdout: {"id": n, "result": [...]},
or {"id": n, "error": "..."} when the function raised. NaN and ±Infinity in a result are written
as Python's json writes them, and medmean reports them as non-finite values. Requests carry −0 as
-0.0, so the function sees the sign of zero.

`dtype` is the array type the function receives: under `medmean check --dtype float32`, pass
dtype=numpy.float32 (every value sent is a float32, so the conversion is exact). A result may be
any array-like, a NumPy array or a PyTorch tensor (on any device).
"""
import json
import sys

import numpy as np


def _as_array(result):
    if hasattr(result, "detach"):  # a PyTorch tensor
        result = result.detach().cpu().numpy()
    return np.asarray(result, dtype=np.float64).reshape(-1)


def serve(fn, dtype=np.float64, stdin=None, stdout=None):
    """Answer medmean's requests with fn(x) (or fn(x, weights)) until stdin closes."""
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    for line in stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            x = np.asarray(request["vectors"], dtype=dtype)
            if "weights" in request:
                result = fn(x, np.asarray(request["weights"], dtype=np.int64))
            else:
                result = fn(x)
            reply = {"id": request["id"], "result": _as_array(result).tolist()}
        except Exception as error:  # the checker reports it as a failed call
            reply = {"id": request["id"], "error": f"{type(error).__name__}: {error}"}
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()
