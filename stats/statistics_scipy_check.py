#!/usr/bin/python3
"""Recomputes every figure statistics_grid prints with scipy and statsmodels, independently of
Boost.Math and of stats/statistics.cc, and fails when any differs by more than 1e-9 (absolute;
relative for numbers larger than 1 in magnitude, such as t quantiles at df = 1), or when a
significance decision differs.

Usage: statistics_scipy_check.py PATH/TO/statistics_grid
Run with Debian's /usr/bin/python3 (python3-scipy, python3-statsmodels).
"""

import math
import subprocess
import sys
import warnings

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest
from statsmodels.stats.weightstats import DescrStatsW

TOLERANCE = 1e-9


class Checker:
    def __init__(self):
        self.worst = {}  # kind -> (difference, line)
        self.failures = []
        self.cases = {}

    def close(self, kind, ours, theirs, line, what):
        ours, theirs = float(ours), float(theirs)
        difference = abs(ours - theirs)
        allowed = TOLERANCE * max(1.0, abs(theirs))
        scaled = difference / max(1.0, abs(theirs))
        if not np.isfinite(theirs) or scaled > self.worst.get(kind, (-1.0, ""))[0]:
            self.worst[kind] = (scaled, f"{what}: ours {ours!r}, scipy {theirs!r} in: {line[:120]}")
        if not (difference <= allowed):
            self.failures.append(f"{kind} {what}: ours {ours!r}, independent {theirs!r}, "
                                 f"difference {difference:.3g}: {line[:160]}")

    def same(self, kind, ours, theirs, line, what):
        if ours != theirs:
            self.failures.append(f"{kind} {what}: ours {ours!r}, independent {theirs!r}: {line[:160]}")

    def count(self, kind):
        self.cases[kind] = self.cases.get(kind, 0) + 1


def t_upper_quantile(tail, df):
    """The t quantile with upper tail probability `tail`.

    scipy 1.10's t.isf (cdflib's cdft, a root search) is accurate to only about 1e-9 relative:
    for df = 1, tail = 0.0005 it gives 636.61924943 where the closed form 1/tan(0.0005·π) is
    636.6192487687196. So its answer is polished by Newton steps on scipy's t.sf and t.pdf
    (Cephes' incomplete beta, accurate to a few ulps), still without Boost.
    """
    t = float(stats.t.isf(tail, df))
    for _ in range(4):
        t += (float(stats.t.sf(t, df)) - tail) / float(stats.t.pdf(t, df))
    return t


def wilson(count, nobs, level):
    low, high = proportion_confint(count, nobs, alpha=1 - level, method="wilson")
    return float(low), float(high)


def check_line(c, line):
    f = line.split()
    kind = f[0]
    c.count(kind)
    if kind == "z":
        level, z = map(float, f[1:3])
        c.close(kind, z, stats.norm.isf((1 - level) / 2), line, "z")
    elif kind == "t":
        level, df, t = map(float, f[1:4])
        tail = (1 - level) / 2
        c.close(kind, t, t_upper_quantile(tail, df), line, "t")
        # Closed forms: df = 1 is Cauchy, t = 1/tan(π·tail); df = 2: t = (1−2a)/√(2a(1−a)).
        if df == 1:
            c.close(kind, t, 1 / math.tan(math.pi * tail), line, "t, df 1 closed form")
        if df == 2:
            c.close(kind, t, (1 - 2 * tail) / math.sqrt(2 * tail * (1 - tail)), line,
                    "t, df 2 closed form")
    elif kind == "wilson":
        x, n = int(f[1]), int(f[2])
        level, p, lower, upper = map(float, f[3:7])
        low, high = wilson(x, n, level)
        c.close(kind, p, x / n, line, "p")
        c.close(kind, lower, low, line, "lower")
        c.close(kind, upper, high, line, "upper")
        if not (0 <= lower <= p <= upper <= 1):
            c.failures.append(f"wilson outside [0, 1] or not around p: {line}")
        if x == 0 and lower != 0:
            c.failures.append(f"wilson lower bound not exactly 0 at x = 0: {line}")
        if x == n and upper != 1:
            c.failures.append(f"wilson upper bound not exactly 1 at x = n: {line}")
    elif kind == "mean":
        level = float(f[1])
        n = int(f[2])
        mean, sd, lower, upper = map(float, f[3:7])
        values = np.array([float(v) for v in f[7:]])
        c.same(kind, len(values), n, line, "n")
        their_mean = float(np.mean(values))
        their_sd = float(np.std(values, ddof=1))
        c.close(kind, mean, their_mean, line, "mean")
        c.close(kind, sd, their_sd, line, "sd")
        half_width = t_upper_quantile((1 - level) / 2, n - 1) * their_sd / math.sqrt(n)
        low, high = their_mean - half_width, their_mean + half_width
        c.close(kind, lower, low, line, "lower")
        c.close(kind, upper, high, line, "upper")
    elif kind == "weighted":
        level = float(f[1])
        k = int(f[2])
        strata = [(float(f[3 + 3 * i]), int(f[4 + 3 * i]), int(f[5 + 3 * i])) for i in range(k)]
        p, deff, neff, lower, upper = map(float, f[3 + 3 * k:8 + 3 * k])
        # One weight and one 0/1 outcome per answer.
        w = np.concatenate([np.full(n, wt) for wt, _, n in strata])
        y = np.concatenate([np.r_[np.ones(x), np.zeros(n - x)] for _, x, n in strata])
        their_p = float(np.average(y, weights=w))
        their_neff = float(w.sum() ** 2 / (w ** 2).sum())
        their_deff = len(w) / their_neff
        low, high = wilson(their_p * their_neff, their_neff, level)
        c.close(kind, p, their_p, line, "p")
        c.close(kind, deff, their_deff, line, "deff")
        c.close(kind, neff, their_neff, line, "n_eff")
        c.close(kind, lower, max(0.0, low), line, "lower")
        c.close(kind, upper, min(1.0, high), line, "upper")
        if len(set(wt for wt, _, n in strata if n > 0)) == 1:
            c.same(kind, deff, 1.0, line, "deff of equal weights")
    elif kind == "design":
        level = float(f[1])
        k = int(f[2])
        strata = [(int(f[3 + 3 * i]), int(f[4 + 3 * i]), int(f[5 + 3 * i])) for i in range(k)]
        p, deff, neff, lower, upper = map(float, f[3 + 3 * k:8 + 3 * k])
        # Each respondent weighs their stratum's frame size over its respondents (not
        # normalised: only ratios matter); statsmodels' weighted mean of the 0/1 outcomes.
        w = np.concatenate([np.full(r, n / r) for n, r, _ in strata if r > 0])
        y = np.concatenate([np.r_[np.ones(x), np.zeros(r - x)] for _, r, x in strata if r > 0])
        their_p = float(DescrStatsW(y, weights=w).mean)
        their_neff = float(w.sum() ** 2 / (w ** 2).sum())
        their_deff = len(w) * float((w ** 2).sum()) / float(w.sum()) ** 2
        low, high = wilson(their_p * their_neff, their_neff, level)
        c.close(kind, p, their_p, line, "p")
        c.close(kind, deff, their_deff, line, "deff")
        c.close(kind, neff, their_neff, line, "n_eff")
        c.close(kind, lower, max(0.0, low), line, "lower")
        c.close(kind, upper, min(1.0, high), line, "upper")
    elif kind == "kish":
        k = int(f[1])
        w = np.array([float(v) for v in f[2:2 + k]])
        deff, neff = map(float, f[2 + k:4 + k])
        # Kish: deff = 1 + CV² of the weights (population variance).
        c.close(kind, deff, 1 + np.var(w) / np.mean(w) ** 2, line, "deff")
        c.close(kind, neff, w.sum() ** 2 / (w ** 2).sum(), line, "n_eff")
    elif kind == "change":
        x1, n1, x2, n2 = map(int, f[1:5])
        difference, z, p_value = map(float, f[5:8])
        significant = f[8] == "1"
        c.close(kind, difference, x2 / n2 - x1 / n1, line, "difference")
        pooled = (x1 + x2) / (n1 + n2)
        if 0 < pooled < 1:
            their_z, their_p = proportions_ztest(np.array([x2, x1]), np.array([n2, n1]))
            c.close(kind, z, their_z, line, "z")
            c.close(kind, p_value, their_p, line, "p-value")
            c.same(kind, significant, bool(their_p < 0.05), line, "significant")
            # The same test as a 2×2 Pearson χ² without continuity correction (χ² = z²).
            table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
            chi2, chi2_p, _, _ = stats.chi2_contingency(table, correction=False)
            c.close(kind, z * z, chi2, line, "z² against χ²")
            c.close(kind, p_value, chi2_p, line, "p-value against χ²")
        else:
            # Every answer alike in both periods: no change, by the API's contract.
            c.same(kind, (z, p_value, significant), (0.0, 1.0, False), line, "no-variance case")
    elif kind == "meanchange":
        n1 = int(f[1])
        m1, s1 = map(float, f[2:4])
        n2 = int(f[4])
        m2, s2 = map(float, f[5:7])
        difference, t, df, p_value = map(float, f[7:11])
        significant = f[11] == "1"
        their = stats.ttest_ind_from_stats(m2, s2, n2, m1, s1, n1, equal_var=False)
        v1, v2 = s1 * s1 / n1, s2 * s2 / n2
        their_df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
        c.close(kind, difference, m2 - m1, line, "difference")
        c.close(kind, t, their.statistic, line, "t")
        c.close(kind, df, their_df, line, "degrees of freedom")
        c.close(kind, p_value, their.pvalue, line, "p-value")
        c.same(kind, significant, bool(their.pvalue < 0.05), line, "significant")
    else:
        c.failures.append(f"unknown line: {line}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    output = subprocess.run([sys.argv[1]], check=True, capture_output=True, text=True).stdout
    c = Checker()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for line in output.splitlines():
            if line.strip():
                check_line(c, line)
    for kind in sorted(c.cases):
        worst = c.worst.get(kind, (0.0, ""))
        print(f"{kind}: {c.cases[kind]} cases, largest difference {worst[0]:.3g} ({worst[1]})")
    if c.failures:
        print(f"{len(c.failures)} difference(s) beyond {TOLERANCE}:", file=sys.stderr)
        for failure in c.failures[:50]:
            print("  " + failure, file=sys.stderr)
        return 1
    if not c.cases:
        print("statistics_grid printed nothing", file=sys.stderr)
        return 1
    print(f"all {sum(c.cases.values())} cases agree within {TOLERANCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
