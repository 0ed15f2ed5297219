"""Serve a Python aggregation function to `medmean check --command`.

    from medmean_serve import serve

    def aggregate(x):            # x: ndarray of shape (M, d), one row per worker
        return np.median(x, axis=0)

    serve(aggregate)             # for --rule weighted-mean: def aggregate(x, weights)

medmean writes one request per line on stdin, {"id": n, "vectors": [[...], ...]} (with "weights":
[...] for the weighted mean), and reads one reply per line on stdout: {"id": n, "result": [...]},
or {"id": n, "error": "..."} when the function raised. When the function changed its input in
place (x.sort(axis=0), x += noise, or through a tensor sharing x's memory), the reply says so in
"mutated", and medmean fails the call: in training code that input is the caller's gradients. NaN and ±Infinity in a result are written
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


def _first_change(before, after, name):
    """The first entry of `after` whose bits differ from `before`, in words, or None."""
    if after.shape != before.shape or after.dtype != before.dtype:
        return f"mutated its input: {name} changed shape or type"
    bits = {2: np.uint16, 4: np.uint32, 8: np.uint64}[before.dtype.itemsize]
    changed = np.argwhere(before.view(bits) != after.view(bits))
    if len(changed) == 0:
        return None
    index = tuple(int(k) for k in changed[0])
    where = "".join(f"[{k}]" for k in index)
    return f"mutated its input: {name}{where} changed from {before[index].item()!r} to {after[index].item()!r}"


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
            x_before = x.copy()
            if "weights" in request:
                weights = np.asarray(request["weights"], dtype=np.int64)
                weights_before = weights.copy()
                result = fn(x, weights)
                mutated = _first_change(x_before, x, "vectors") or _first_change(weights_before, weights, "weights")
            else:
                result = fn(x)
                mutated = _first_change(x_before, x, "vectors")
            reply = {"id": request["id"], "result": _as_array(result).tolist()}
            if mutated is not None:
                reply["mutated"] = mutated
        except Exception as error:  # the checker reports it as a failed call
            reply = {"id": request["id"], "error": f"{type(error).__name__}: {error}"}
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()
