"""A NumPy coordinate-wise median behind medmean's newline-delimited JSON protocol.

    npx medmean check --rule median --command "python3 examples/python/numpy_median.py"

Each request is one line {"id": <int>, "vectors": [[...d numbers...], ... M rows]}; each
response is one line {"id": <same id>, "result": [...d numbers...]}. numpy.median averages the
two middle values for an even count, medmean's default (--even average).
"""
import json
import sys

import numpy as np


def aggregate(vectors: np.ndarray) -> np.ndarray:
    return np.median(vectors, axis=0)


for line in sys.stdin:
    request = json.loads(line)
    vectors = np.asarray(request["vectors"], dtype=np.float64)
    result = aggregate(vectors)
    sys.stdout.write(json.dumps({"id": request["id"], "result": result.tolist()}) + "\n")
    sys.stdout.flush()
