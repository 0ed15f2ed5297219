"""PyTorch aggregators served to medmean check, in float32 as they run in training.

    medmean check --rule median --even lower --dtype float32 --command "python3 examples/python/torch_aggregators.py median"
    medmean check --rule mean --dtype float32 --max-abs 1e37 --command "python3 examples/python/torch_aggregators.py mean"
    medmean check --rule sign-vote --one-bit --dtype float32 --command "python3 examples/python/torch_aggregators.py one-bit-vote"

torch.median returns the lower of the two middle values of an even count (--even lower); the
float32 mean overflows for several values near the float32 maximum (hence --max-abs); signSGD's
1-bit compression sends x >= 0 and breaks a tie toward +1 (--one-bit).
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from medmean_serve import serve  # noqa: E402


def median(x):
    return torch.median(torch.from_numpy(x), dim=0).values


def mean(x):
    return torch.from_numpy(x).mean(dim=0)


def one_bit_vote(x):
    bits = (torch.from_numpy(x) >= 0).to(torch.float32)
    total = (2 * bits - 1).sum(dim=0)
    return torch.where(total >= 0, 1.0, -1.0)


AGGREGATORS = {"median": median, "mean": mean, "one-bit-vote": one_bit_vote}

serve(AGGREGATORS[sys.argv[1]], dtype=np.float32)
