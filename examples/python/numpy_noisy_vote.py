"""Noisy SIGNSGD's server step with NumPy, served to medmean check-noisy.

    medmean check-noisy --rule noisy-sign-vote --scale 0.5 --command "python3 examples/python/numpy_noisy_vote.py"

Every worker's value gets its own N(0, b²) draw before its sign, and the server takes the majority
vote. The generator is seeded from MEDMEAN_SEED (medmean check-noisy's --seed), so a run replays.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from medmean_serve import serve  # noqa: E402

B = 0.5
rng = np.random.default_rng(int(os.environ.get("MEDMEAN_SEED", "0")))

serve(lambda x: np.sign(np.sum(np.sign(x + B * rng.standard_normal(x.shape)), axis=0)))
