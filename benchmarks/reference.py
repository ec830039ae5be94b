"""Plain-Python references: the models of mctools' Monte Carlo kernels, written with loops.

Each function simulates the same model as its mctools namesake with the ``random`` module and
explicit loops over replicates, generations and samples (no numpy), as one would first write
it, and keeps what the kernel returns. ``run.py`` times them per unit of work to show what
vectorisation buys. They are benchmarks, not tested models: use mctools for results.
"""

from __future__ import annotations

import math
import random
from itertools import accumulate


def _categorical(rand: random.Random, cumulative: list[float]) -> int:
    """Index drawn from cumulative probabilities, by a linear scan."""
    u = rand.random()
    for k, edge in enumerate(cumulative):
        if u < edge:
            return k
    return len(cumulative) - 1


def _expit(z: float) -> float:
    """The logistic function, without overflow."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def gaussian_refit(sample_size, generations, *, replicates, ddof=1, seed=0):
    """Fit N(mu, sigma^2) to ``sample_size`` draws from the previous fit, ``generations`` times."""
    rand = random.Random(seed)
    paths = []
    for _ in range(replicates):
        mu, sigma, path = 0.0, 1.0, [(0.0, 1.0)]
        for _ in range(generations):
            xs = [rand.gauss(mu, sigma) for _ in range(sample_size)]
            mu = sum(xs) / sample_size
            sigma = math.sqrt(sum((x - mu) ** 2 for x in xs) / (sample_size - ddof))
            path.append((mu, sigma))
        paths.append(path)
    return paths


def wright_fisher(p0, population, generations, *, replicates, mutation=0.0, record_every=1, seed=0):
    """Each offspring copies a random parent's type, or with probability ``mutation`` takes a uniform type."""
    rand, types = random.Random(seed), len(p0)
    cumulative = list(accumulate(p0))
    histories = []
    for _ in range(replicates):
        parents, history = None, [list(p0)]
        for t in range(1, generations + 1):
            offspring = []
            for _ in range(population):
                if rand.random() < mutation:
                    offspring.append(rand.randrange(types))
                elif parents is None:  # generation 1 samples the expected composition p0
                    offspring.append(_categorical(rand, cumulative))
                else:
                    offspring.append(parents[rand.randrange(population)])
            parents = offspring
            if t % record_every == 0:
                counts = [0] * types
                for k in parents:
                    counts[k] += 1
                history.append([c / population for c in counts])
        histories.append(history)
    return histories


def _feedback(x: float, alpha: float) -> float:
    """f(x) = x^a / (x^a + (1 - x)^a), as sigma(a logit x)."""
    if x <= 0.0 or x >= 1.0:
        return x
    return _expit(alpha * (math.log(x) - math.log1p(-x)))


def polya_urn(initial, draws, *, replicates, exponent=1.0, seed=0):
    """Shares of colour 0 after each draw of a generalised Pólya urn."""
    rand, (a, b) = random.Random(seed), initial
    paths = []
    for _ in range(replicates):
        count, shares = float(a), [a / (a + b)]
        for n in range(draws):
            if rand.random() < _feedback(shares[-1], exponent):
                count += 1
            shares.append(count / (a + b + n + 1))
        paths.append(shares)
    return paths


def lock_in_estimate(initial, draws, *, replicates, exponent=2.0, seed=0):
    """Share of urns in which colour 0 leads after ``draws`` draws (no history kept)."""
    rand, (a, b) = random.Random(seed), initial
    wins = 0
    for _ in range(replicates):
        count = float(a)
        for n in range(draws):
            if rand.random() < _feedback(count / (a + b + n), exponent):
                count += 1
        wins += count / (a + b + draws) > 0.5
    return wins / replicates


def simulate_round(proposal_share, skill, bar, proposals, *, replicates, seed=0):
    """Proposals, funded proposals and their summed quality per area, for each round."""
    rand, k = random.Random(seed), len(proposal_share)
    cumulative = list(accumulate(proposal_share))
    shrink = [s / (1 + s) for s in skill]
    spread = [1 / math.sqrt(s) for s in skill]
    bars = [float(bar)] * k if isinstance(bar, int | float) else list(bar)
    rounds = []
    for _ in range(replicates):
        counts, funded, quality = [0] * k, [0] * k, [0.0] * k
        for _ in range(proposals):
            area = _categorical(rand, cumulative)
            theta = rand.gauss(0.0, 1.0)
            signal = theta + spread[area] * rand.gauss(0.0, 1.0)
            counts[area] += 1
            if shrink[area] * signal > bars[area]:
                funded[area] += 1
                quality[area] += theta
        rounds.append((counts, funded, quality))
    return rounds


def _bandit_step(rand, q, last, t, eps, temp, tau, period):
    """The arm chosen at step t, the mode, and whether it was a scheduled probe."""
    arms = len(q)
    mode = max(range(arms), key=q.__getitem__)
    choice = mode
    if temp > 0:  # softmax over the estimates at the cooled temperature
        cooled, u = temp / (1 + t / tau), rand.random()
        weights = [math.exp(max((v - q[mode]) / cooled, -1e4)) for v in q]
        total, acc, choice = sum(weights), 0.0, arms - 1
        for k, w in enumerate(weights[:-1]):  # the first arm whose cumulative probability reaches u
            acc += w / total
            if u <= acc:
                choice = k
                break
    if rand.random() < eps:
        choice = rand.randrange(arms)
    probe = period > 0 and (t + 1) % period == 0
    if probe:  # the arm other than the mode tried least recently
        choice = min((k for k in range(arms) if k != mode), key=last.__getitem__)
    return choice, mode, probe


def simulate_bandit(means, *, epsilon, temperature, anneal, period, step_size, probe_step_size, noise_sd, seed=0):
    """Agents with recency-weighted estimates, one strategy per replicate (lists of parameters)."""
    rand, arms = random.Random(seed), len(means[0])
    runs = []
    for eps, temp, tau, per in zip(epsilon, temperature, anneal, period, strict=True):
        q, last = list(means[0]), [0] * arms
        choices, rewards, regrets, modes, bests = [], [], [], [], []
        for t, mu in enumerate(means):
            choice, mode, probe = _bandit_step(rand, q, last, t, eps, temp, tau, per)
            reward = mu[choice] + noise_sd * rand.gauss(0.0, 1.0)
            q[choice] += (probe_step_size if probe else step_size) * (reward - q[choice])
            last[choice] = t + 1
            choices.append(choice)
            rewards.append(reward)
            regrets.append(max(mu) - mu[choice])
            modes.append(mode)
            bests.append(max(range(arms), key=mu.__getitem__))
        runs.append((choices, rewards, regrets, modes, bests))
    return runs


def log_population(fitness, probabilities, generations, *, replicates, seed=0):
    """ln N_t of each strategy along i.i.d. random years shared by the strategies."""
    rand = random.Random(seed)
    cumulative = list(accumulate(probabilities))
    log_w = [[math.log(w) if w > 0 else -math.inf for w in row] for row in fitness]
    paths = []
    for _ in range(replicates):
        log_n, path = [0.0] * len(fitness), []
        for _ in range(generations):
            year = _categorical(rand, cumulative)
            log_n = [value + row[year] for value, row in zip(log_n, log_w, strict=True)]
            path.append(log_n)
        paths.append(path)
    return paths


def _poisson(rand: random.Random, lam: float) -> int:
    """Poisson(lam): multiplication for lam < 10, else Hörmann's PTRS (numpy's own method)."""
    if lam < 10:
        k, product, limit = 0, rand.random(), math.exp(-lam)
        while product > limit:
            k += 1
            product *= rand.random()
        return k
    slam, loglam = math.sqrt(lam), math.log(lam)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    log_alpha, vr = math.log(1.1239 + 1.1328 / (b - 3.4)), 0.9277 - 3.6224 / (b - 2)
    while True:
        u, v = rand.random() - 0.5, rand.random()
        us = 0.5 - abs(u)
        k = math.floor((2 * a / us + b) * u + lam + 0.43)
        if us >= 0.07 and v <= vr:
            return k
        if k < 0 or (us < 0.013 and v > us):
            continue
        if math.log(v) + log_alpha - math.log(a / (us * us) + b) <= -lam + k * loglam - math.lgamma(k + 1):
            return k


def branching_process(mean_offspring, generations, *, replicates, founders=1, ceiling=10**9, seed=0):
    """Z_{t+1} ~ Poisson(m Z_t), capped at ``ceiling``."""
    rand = random.Random(seed)
    paths = []
    for _ in range(replicates):
        z, path = founders, [founders]
        for _ in range(generations):
            z = min(_poisson(rand, mean_offspring * z), ceiling)
            path.append(z)
        paths.append(path)
    return paths


def simulated_annealing(rewards, schedule, start, *, replicates, seed=0):
    """Metropolis walkers on a line proposing x +- 1, cooled along ``schedule``."""
    rand, size = random.Random(seed), len(rewards)
    paths = []
    for _ in range(replicates):
        x, path = start, [start]
        for temperature in schedule:
            y = x + 2 * rand.randrange(2) - 1
            if 0 <= y < size and rand.random() < math.exp(min(0.0, (rewards[y] - rewards[x]) / temperature)):
                x = y
            path.append(x)
        paths.append(path)
    return paths


def _solve(matrix, vector):
    """Solve a small linear system by Gaussian elimination with partial pivoting."""
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for i in range(n):
        pivot = max(range(i, n), key=lambda r: abs(a[r][i]))
        a[i], a[pivot] = a[pivot], a[i]
        for r in range(i + 1, n):
            factor = a[r][i] / a[i][i]
            for c in range(i, n + 1):
                a[r][c] -= factor * a[i][c]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (a[i][n] - sum(a[i][c] * x[c] for c in range(i + 1, n))) / a[i][i]
    return x


def regression_refit(features, samples, generations, *, replicates, noise=1.0, seed=0):
    """||w_n - w*||^2 of least squares refitted to labels from its previous generation (replace)."""
    rand = random.Random(seed)
    errors = []
    for _ in range(replicates):
        x = [[rand.gauss(0.0, 1.0) for _ in range(features)] for _ in range(samples)]
        gram = [[sum(row[i] * row[j] for row in x) for j in range(features)] for i in range(features)]
        truth = [rand.gauss(0.0, 1.0) for _ in range(features)]
        w, error = truth, [0.0]
        for _ in range(generations):
            y = [sum(a * b for a, b in zip(row, w, strict=True)) + noise * rand.gauss(0.0, 1.0) for row in x]
            moment = [sum(row[i] * label for row, label in zip(x, y, strict=True)) for i in range(features)]
            w = _solve(gram, moment)
            error.append(sum((a - b) ** 2 for a, b in zip(w, truth, strict=True)))
        errors.append(error)
    return errors


def learning_by_doing(days, *, learning, forgetting, temperature, novice, max_experience, replicates, seed=0):
    """Two activities paying 1 at mastery; softmax choice, practice and forgetting, one agent at a time."""
    rand, cap = random.Random(seed), max_experience
    table = [1 - (1 - novice) * (1 - learning) ** e for e in range(cap + 1)]
    runs = []
    for _ in range(replicates):
        for phi in forgetting:
            e, choices, history = [0, 0], [], [(0, 0)]
            for _ in range(days):
                values = [table[e[0]], table[e[1]]]
                top = max(values)
                weights = [math.exp((v - top) / temperature) for v in values]
                k = 0 if rand.random() * sum(weights) <= weights[0] else 1
                e[k] = min(e[k] + 1, cap)
                if rand.random() < phi:
                    e[1 - k] = max(e[1 - k] - 1, 0)
                choices.append(k)
                history.append((e[0], e[1]))
            runs.append((choices, history))
    return runs


def _cloudiness(u: float, sunny: float) -> float:
    return u / (2 * sunny) if u < sunny else 0.5 + (u - sunny) / (2 * (1 - sunny))


def _islander(weather, forgets, table, cap, start, growth, catchability, requirement, reserve):
    """One islander (one grid cell) along one island's weather: (starved_on, stock, e_h, e_f, hunting share)."""
    e_h, e_f = start
    stock, larder, alive, starved_on = 1.0, reserve, True, math.inf
    days, hunted, alive_days = len(weather), 0, 0
    for day, (c, (forget_h, forget_f)) in enumerate(zip(weather, forgets, strict=True)):
        h, f = table[e_h], table[e_f]
        hunt_value, fish_value = h * (1 - c) * stock, f * c
        hunt = hunt_value > fish_value
        take = catchability * hunt_value if hunt and alive else 0.0
        stock = max(stock + growth * stock * (1 - stock) - take, 0.0)
        if not alive:
            continue
        if day >= days - 100:
            hunted, alive_days = hunted + hunt, alive_days + 1
        larder = min(larder + (hunt_value if hunt else fish_value) - requirement, reserve)
        if larder < 0:
            alive, starved_on = False, day + 1
            continue
        if hunt:
            e_h, e_f = min(e_h + 1, cap), max(e_f - 1, 0) if forget_f else e_f
        else:
            e_h, e_f = max(e_h - 1, 0) if forget_h else e_h, min(e_f + 1, cap)
    return starved_on, stock, e_h, e_f, hunted / alive_days if alive_days else math.nan


def simulate_island(
    days,
    *,
    cells,
    novice,
    max_experience,
    start,
    growth,
    catchability,
    requirement,
    reserve,
    sunny=0.75,
    replicates,
    seed=0,
):
    """The hunting-or-fishing islander; ``cells`` lists (learning, forgetting) pairs sharing each island's weather."""
    rand = random.Random(seed)
    results = []
    for _ in range(replicates):
        weather = [_cloudiness(rand.random(), sunny) for _ in range(days)]
        uniforms = [(rand.random(), rand.random()) for _ in range(days)]
        for learning, phi in cells:
            table = [1 - (1 - novice) * (1 - learning) ** e for e in range(max_experience + 1)]
            forgets = [(u < phi, v < phi) for u, v in uniforms]
            results.append(
                _islander(weather, forgets, table, max_experience, start, growth, catchability, requirement, reserve)
            )
    return results


def bernoulli_cusum(p, p0, p1, threshold, steps, *, replicates, step=0.01, seed=0):
    """Alarm times of the CUSUM with log-likelihood ratios rounded to ``step`` nats (whole streams)."""
    rand = random.Random(seed)
    one, zero = round(math.log(p1 / p0) / step), round((math.log1p(-p1) - math.log1p(-p0)) / step)
    size = max(1, math.ceil(threshold / step - 1e-9))
    alarms = []
    for _ in range(replicates):
        s, alarm = 0, math.inf
        for t in range(steps):
            s = max(0, s + (one if rand.random() < p else zero))
            if s >= size and alarm == math.inf:
                alarm = t + 1
        alarms.append(alarm)
    return alarms


def information_cascade(accuracy, agents, *, replicates, seed=0):
    """Agents follow their signal until revealed signals differ by two, then copy the majority."""
    rand = random.Random(seed)
    runs = []
    for _ in range(replicates):
        revealed, start, actions = 0, agents, []
        for i in range(agents):
            good = rand.random() < accuracy
            if abs(revealed) >= 2:
                start = min(start, i)
                actions.append(int(revealed > 0))
            else:
                actions.append(int(good))
                revealed += 1 if good else -1
        runs.append((actions, start))
    return runs


def output_share(share, separation, quality_ratio, policy, *, samples, seed=0):
    """Fraction of images on which the generator draws a dog (policies "map" and "quality")."""
    rand, d = random.Random(seed), separation
    prior = math.log(share / (1 - share))
    ratio = 1.0 if policy == "map" else quality_ratio
    dogs = 0
    for _ in range(samples):
        x = (d / 2 if rand.random() < share else -d / 2) + rand.gauss(0.0, 1.0)
        rho = _expit(d * x + prior)
        dogs += rho > (1 - rho) * ratio
    return dogs / samples
