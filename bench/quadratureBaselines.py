"""The exact engine's baselines for `npm run bench`: E[median(u_i + b*xi_i)] and Var for Gaussian xi
by what a SciPy or mpmath user would write, the order-statistic density (43) integrated with
scipy.integrate.quad (double precision) and with mpmath.quad at 30 digits (the reference).

Reads a JSON list of points ({"u", "b"}) on stdin; prints, per point, each tool's seconds per
point (best of 3) and its mean and variance (mpmath's as strings, at full precision).
"""
import itertools
import json
import sys
import time

import mpmath
from scipy import integrate
from scipy.special import ndtr


def density_terms(u):
    """(i, J, K) of (43): node i at the median, J below it, K above it."""
    M = len(u)
    n = (M - 1) // 2
    for i in range(M):
        others = [k for k in range(M) if k != i]
        for J in itertools.combinations(others, n):
            yield i, J, [k for k in others if k not in J]


def scipy_moments(u, b):
    terms = list(density_terms(u))
    inv = 1.0 / b
    norm = 0.3989422804014327 * inv

    def h(z):
        total = 0.0
        for i, J, K in terms:
            p = norm * 2.718281828459045 ** (-0.5 * ((z - u[i]) * inv) ** 2)
            for j in J:
                p *= ndtr((z - u[j]) * inv)
            for k in K:
                p *= ndtr((u[k] - z) * inv)
            total += p
        return total

    m1 = integrate.quad(lambda z: z * h(z), -float("inf"), float("inf"), epsabs=0, epsrel=1e-12, limit=200)[0]
    m2 = integrate.quad(lambda z: z * z * h(z), -float("inf"), float("inf"), epsabs=0, epsrel=1e-12, limit=200)[0]
    return m1, m2 - m1 * m1


def mpmath_moments(u, b):
    mpmath.mp.dps = 30
    terms = list(density_terms(u))
    b = mpmath.mpf(b)

    def h(z):
        total = mpmath.mpf(0)
        for i, J, K in terms:
            p = mpmath.npdf(z, u[i], b)
            for j in J:
                p *= mpmath.ncdf(z, u[j], b)
            for k in K:
                p *= 1 - mpmath.ncdf(z, u[k], b)
            total += p
        return total

    cuts = sorted(set([-mpmath.inf, *u, mpmath.inf]))
    m1 = mpmath.quad(lambda z: z * h(z), cuts)
    m2 = mpmath.quad(lambda z: z * z * h(z), cuts)
    return m1, m2 - m1 * m1


def timed(function, repetitions):
    best = float("inf")
    result = None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


out = []
for point in json.load(sys.stdin):
    u, b = [float(v) for v in point["u"]], float(point["b"])
    scipy_seconds, (scipy_mean, scipy_variance) = timed(lambda: scipy_moments(u, b), 3)
    mp_seconds, (mp_mean, mp_variance) = timed(lambda: mpmath_moments(u, b), 1)
    out.append({
        "u": u, "b": b,
        "scipySeconds": scipy_seconds, "scipyMean": scipy_mean, "scipyVariance": scipy_variance,
        "mpmathSeconds": mp_seconds, "mpmathMean": mpmath.nstr(mp_mean, 25), "mpmathVariance": mpmath.nstr(mp_variance, 25),
    })
print(json.dumps(out))
