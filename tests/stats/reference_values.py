#!/usr/bin/env python3
"""Reference values for stats_test.cpp, from the Python standard library only.

The Student t tail uses the regularized incomplete beta function, evaluated
by the continued fraction of Numerical Recipes (betacf, modified Lentz), and
is cross-checked against the closed form for 2 degrees of freedom. The
bootstrap re-implements std::mt19937_64 (checked against the value the C++
standard requires of its 10000th output) and the rejection mapping of
harness::stats::uniform_index. Run: python3 tests/stats/reference_values.py
"""

import math


def betacf(a, b, x):
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            return h
    raise RuntimeError("betacf did not converge")


def betainc(a, b, x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * betacf(a, b, x) / a
    return 1.0 - front * betacf(b, a, 1.0 - x) / b


def t_two_sided_p(t, df):
    return betainc(df / 2.0, 0.5, df / (df + t * t))


def mean(xs):
    return sum(xs) / len(xs)


def sample_variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def paired_t(d):
    n = len(d)
    t = mean(d) / math.sqrt(sample_variance(d) / n)
    return t, t_two_sided_p(t, n - 1)


def wilcoxon(d):
    nz = [x for x in d if x != 0]
    n = len(nz)
    order = sorted(range(n), key=lambda i: abs(nz[i]))
    ranks = [0.0] * n
    tie_term = 0.0
    i = 0
    while i < n:
        j = i
        while j < n and abs(nz[order[j]]) == abs(nz[order[i]]):
            j += 1
        for q in range(i, j):
            ranks[order[q]] = (i + 1 + j) / 2.0
        tie_term += (j - i) ** 3 - (j - i)
        i = j
    w_plus = sum(r for r, x in zip(ranks, nz) if x > 0)
    mu = n * (n + 1) / 4.0
    var = n * (n + 1) * (2 * n + 1) / 24.0 - tie_term / 48.0
    dist = max(0.0, abs(w_plus - mu) - 0.5)
    z = dist / math.sqrt(var)
    return w_plus, min(1.0, math.erfc(z / math.sqrt(2.0)))


def welch(a, b):
    va, vb = sample_variance(a) / len(a), sample_variance(b) / len(b)
    t = (mean(a) - mean(b)) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return t, df, t_two_sided_p(t, df)


class Mt19937_64:
    def __init__(self, seed):
        self.mt = [0] * 312
        self.mt[0] = seed & 0xFFFFFFFFFFFFFFFF
        for i in range(1, 312):
            prev = self.mt[i - 1]
            self.mt[i] = (6364136223846793005 * (prev ^ (prev >> 62)) + i) \
                & 0xFFFFFFFFFFFFFFFF
        self.index = 312

    def __call__(self):
        if self.index >= 312:
            for i in range(312):
                x = (self.mt[i] & 0xFFFFFFFF80000000) | \
                    (self.mt[(i + 1) % 312] & 0x7FFFFFFF)
                xa = x >> 1
                if x & 1:
                    xa ^= 0xB5026F5AA96619E9
                self.mt[i] = self.mt[(i + 156) % 312] ^ xa
            self.index = 0
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & 0xFFFFFFFFFFFFFFFF


def uniform_index(gen, n):
    rejected = (1 << 64) % n
    x = gen()
    while x > (1 << 64) - 1 - rejected:
        x = gen()
    return x % n


def quantile(sorted_values, q):
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] -
                                            sorted_values[lo])


def bootstrap(d, samples, seed, level=0.95):
    gen = Mt19937_64(seed)
    means = []
    for _ in range(samples):
        s = 0.0
        for _ in range(len(d)):
            s += d[uniform_index(gen, len(d))]
        means.append(s / len(d))
    means.sort()
    tail = (1 - level) / 2
    return quantile(means, tail), quantile(means, 1 - tail)


def main():
    # Self-checks of the two hand-written building blocks.
    gen = Mt19937_64(5489)
    for _ in range(9999):
        gen()
    assert gen() == 9981545732273789042  # required by [rand.predef]
    t = 2 * math.sqrt(3)
    assert abs(t_two_sided_p(t, 2) - (1 - t / math.sqrt(t * t + 2))) < 1e-15

    sleep = [-1.2, -2.4, -1.3, -1.3, 0.0, -1.0, -1.8, -0.8, -4.6, -1.4]
    print("sleep t, p:", repr(paired_t(sleep)))
    print("sleep W+, p:", repr(wilcoxon(sleep)))
    print("sleep bootstrap(999, seed 2024):", repr(bootstrap(sleep, 999, 2024)))

    a = [12, 15, 9, 20, 17, 11, 14, 18]
    b = [10, 14, 10, 16, 13, 11, 12, 13]
    d = [x - y for x, y in zip(a, b)]
    print("integer pairs t, p:", repr(paired_t(d)))
    print("integer pairs W+, p:", repr(wilcoxon(d)))
    print("integer pairs d_z:", repr(mean(d) / math.sqrt(sample_variance(d))))
    print("integer pairs bootstrap(2000, seed 7):", repr(bootstrap(d, 2000, 7)))

    wa = [0.21, 0.25, 0.19, 0.23, 0.22]
    wb = [0.18, 0.20, 0.17, 0.21]
    print("welch t, df, p:", repr(welch(wa, wb)))


if __name__ == "__main__":
    main()
