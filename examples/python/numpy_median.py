"""Coordinate-wise median with NumPy, served to medmean check.

    medmean check --rule median --max-abs 1e300 --command "python3 examples/python/numpy_median.py"

np.median averages the two middle values of an even count as (a + b) / 2, which overflows for two
values near the largest double: without --max-abs the check reports that overflow.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from medmean_serve import serve  # noqa: E402

serve(lambda x: np.median(x, axis=0))
