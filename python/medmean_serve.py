"""Serve a Python aggregation function to `medmean check --command`.

    from medmean_serve import serve

    def aggregate(x):            # x: ndarray of shape (M, d), one row per worker
        return np.median(x, axis=0)

    serve(aggregate)             # for --rule weighted-mean: def aggregate(x, weights)

medmean writes one request per line on stdin, {"id": n, "vectors": [[...], ...]} (with "weights":
[...] for the weighted mean), and reads one reply per line on stdout: {"id": n, "result": [...]},
or {"id": n, "error": "..."} when the function raised. While it serves, anything else written to
stdout (the function's own prints) goes to stderr, so it cannot break a reply.

The function is called as a training loop calls it: x is one array refilled in place from call to
call while its shape stays the same (the caller's gradient buffers), and the caller keeps what
earlier calls returned (momentum, error feedback). The reply says in "mutated", and medmean fails
the call, when the function changed its input in place (x.sort(axis=0), x += noise, or through a
tensor sharing x's memory), returned memory it shares with x (x[0] for one worker: refilling x
then changes the aggregate), or changed an array one of the 16 calls before returned (an output
buffer reused from call to call). A result remembered by the input's identity (a cache keyed on
id(x)) comes back stale, and the check's comparison with the reference fails. NaN and ±Infinity in a result are written
as Python's json writes them, and medmean reports them as non-finite values. Requests carry −0 as
-0.0, so the function sees the sign of zero.

The weights arrive as an int64 array when every weight of the request is an integer (always under
`--weights counts`), else as float64.

`dtype` is the array type the function receives: under `medmean check --dtype float32`, pass
dtype=numpy.float32 (every value sent is a float32, so the conversion is exact). A result may be
any one-dimensional array-like of length d, a NumPy array or a PyTorch tensor (on any device); a result
of another shape ((1, d) from keepdims=True, a scalar from .squeeze() at d = 1) is an error.
"""
import json
import os
import sys

import numpy as np


def _as_array(result):
    if result is None:  # NumPy would read it as NaN, and medmean report a non-finite value
        raise TypeError("the function returned None (a missing return?)")
    if hasattr(result, "detach"):  # a PyTorch tensor
        result = result.detach().cpu().numpy()
    values = np.asarray(result, dtype=np.float64)
    # Flattening would hide a shape the training loop cannot use: (1, d) from keepdims=True, or a
    # scalar from .squeeze() at d = 1.
    if values.ndim != 1:
        raise TypeError(
            f"the function returned an array of shape {values.shape}; the aggregate of x of shape (M, d) has shape (d,)"
        )
    return values


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


KEPT_RESULTS = 16
"""How many earlier results each call is checked against (as medmean check does for modules)."""


def _refilled(previous, values, dtype):
    """`values` as an array: `previous` refilled in place when it has their shape and type, else a new one."""
    fresh = np.asarray(values, dtype=dtype)
    if previous is not None and previous.shape == fresh.shape and previous.dtype == fresh.dtype:
        previous[...] = fresh
        return previous
    return fresh


def _shares_input(result, x):
    """Whether the function returned memory it shares with its input, in words, or None."""
    if hasattr(result, "detach"):  # a PyTorch tensor: only a CPU tensor can share x's memory
        result = result.detach().numpy() if result.device.type == "cpu" else None
    if isinstance(result, np.ndarray) and np.shares_memory(result, x):
        return "returned memory it shares with its input (a view of x), not an array of its own: refilling the input afterwards changes the aggregate"
    return None


def _overwritten(kept):
    """The change to the most recent earlier result that changed, in words, or None."""
    for back, (result, values) in enumerate(kept, start=1):
        now = _as_array(result)
        which = "the previous call" if back == 1 else f"the call {back} calls before"
        if now.shape != values.shape:
            return f"overwrote the array it returned on {which} (its length changed from {values.size} to {now.size}): a caller keeping that aggregate sees it change"
        changed = np.flatnonzero(now.view(np.uint64) != values.view(np.uint64))
        if len(changed) > 0:
            j = int(changed[0])
            return f"overwrote the array it returned on {which} (index {j} changed from {float(values[j])!r} to {float(now[j])!r}): a caller keeping that aggregate sees it change"
    return None


def _reply_channel():
    """A private copy of the process's stdout for the replies, with file descriptor 1 then pointed
    at stderr: whatever the function prints (print, logging to stdout, a C library's printf) goes
    to stderr instead of into the reply stream, where medmean would read it as a broken reply."""
    sys.stdout.flush()
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return replies


def serve(fn, dtype=np.float64, stdin=None, stdout=None):
    """Answer medmean's requests with fn(x) (or fn(x, weights)) until stdin closes.

    Replies go to `stdout` when given; by default to the process's stdout, from which anything
    else written while serving is moved to stderr (a function that prints stays correct)."""
    stdin = sys.stdin if stdin is None else stdin
    stdout = _reply_channel() if stdout is None else stdout
    x = None
    weights = None
    kept = []  # (result, a copy of its values), most recent first
    for line in stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            x = _refilled(x, request["vectors"], dtype)
            x_before = x.copy()
            if "weights" in request:
                # Counts stay integers (np.repeat, integer indexing); real weights stay real.
                integral = all(isinstance(w, int) for w in request["weights"])
                weights = _refilled(weights, request["weights"], np.int64 if integral else np.float64)
                weights_before = weights.copy()
                result = fn(x, weights)
                mutated = _first_change(x_before, x, "vectors") or _first_change(weights_before, weights, "weights")
            else:
                result = fn(x)
                mutated = _first_change(x_before, x, "vectors")
            values = _as_array(result).copy()
            shared = _shares_input(result, x)
            mutated = mutated or shared or _overwritten(kept)
            # A view of x is reported once, here: refilling x would report it again on every call.
            if shared is None:
                kept = [(result, values)] + kept[: KEPT_RESULTS - 1]
            reply = {"id": request["id"], "result": values.tolist()}
            if mutated is not None:
                reply["mutated"] = mutated
        except Exception as error:  # the checker reports it as a failed call
            reply = {"id": request["id"], "error": f"{type(error).__name__}: {error}"}
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()
