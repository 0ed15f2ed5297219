"""FedAvg (weights: example counts, fractions or any positive reals) with NumPy, served to medmean check.

    medmean check --rule weighted-mean --max-abs 1e300 --command "python3 examples/python/numpy_fedavg.py"

np.average forms Σ w·v before dividing by Σ w, which overflows near the largest double.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from medmean_serve import serve  # noqa: E402

serve(lambda x, weights: np.average(x, axis=0, weights=weights))
