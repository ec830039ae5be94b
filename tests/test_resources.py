"""Logistic growth with harvest, the island's weather, and the learning islander."""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import mctools as mc
from mctools import resources

growths = st.floats(0.001, 1.0)
capacities = st.floats(0.1, 100.0)
catches = st.floats(0.001, 1.0)
shares = st.floats(0.0, 1.0)


@given(growths, capacities, catches, st.floats(0.0, 2.0))
def test_equilibrium_is_a_fixed_point(r, K, q, fraction):
    effort = fraction * r / q
    stock = mc.equilibrium_stock(effort, r, K, q)
    assert mc.logistic_growth(stock, r, K) - q * effort * stock == pytest.approx(0.0, abs=1e-9 * K)
    if fraction >= 1:
        assert stock <= 1e-12 * K  # zero, up to rounding in qE/r


@given(growths, capacities, catches)
def test_no_effort_beats_the_maximum_sustainable_yield(r, K, q):
    effort, stock, best = mc.maximum_sustainable_yield(r, K, q)
    assert best == pytest.approx(r * K / 4) and stock == pytest.approx(K / 2)
    efforts = np.linspace(0.0, 1.5 * r / q, 301)
    assert np.all(mc.sustainable_yield(efforts, r, K, q) <= best * (1 + 1e-12))
    assert mc.sustainable_yield(effort, r, K, q) == pytest.approx(best)


def test_daily_harvest_converges_to_the_equilibrium():
    efforts = np.array([0.0, 0.1, 0.25, 0.4, 0.9])
    stock, harvest = mc.simulate_harvest(0.3, np.repeat(efforts[:, None], 3000, axis=1), 0.05, 2.0, 0.1)
    assert stock.shape == (5, 3001) and harvest.shape == (5, 3000)
    np.testing.assert_allclose(stock[:, -1], mc.equilibrium_stock(efforts, 0.05, 2.0, 0.1), atol=1e-6)
    assert np.all(stock >= 0) and np.all(harvest >= 0)


def test_small_steps_follow_the_ode():
    # dN/dt = rN(1 - N/K) without harvest has the closed form K / (1 + (K/N0 - 1) e^{-rt}).
    r, K, N0, dt, T = 0.3, 1.0, 0.1, 0.001, 10.0
    steps = int(T / dt)
    stock, _ = mc.simulate_harvest(N0, np.zeros(steps), r, K, 0.0, dt=dt)
    exact = K / (1 + (K / N0 - 1) * np.exp(-r * T))
    assert stock[-1] == pytest.approx(exact, rel=1e-3)


def test_over_harvest_takes_no_more_than_there_is():
    stock, harvest = mc.simulate_harvest(1.0, np.full((2, 5), 50.0), 0.1, 1.0, 1.0)
    assert np.all(stock[:, 1:] == 0.0)
    assert harvest[0, 0] == pytest.approx(1.0)  # what was there after growth, not q E N = 50


@given(shares)
def test_cloudiness_cdf_is_a_distribution_with_p_sunny_days(p):
    c = np.linspace(0, 1, 101)
    F = mc.cloudiness_cdf(c, p)
    assert F[0] == 0.0 and F[-1] == pytest.approx(1.0)
    assert mc.cloudiness_cdf(0.5, p) == pytest.approx(p)
    assert np.all(np.diff(F) >= 0)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.75, 1.0])
def test_sampled_cloudiness_follows_its_cdf(p):
    sample = mc.sample_cloudiness((4, 5000), p, rng=2)
    assert sample.shape == (4, 5000)
    result = stats.kstest(sample.ravel(), lambda c: mc.cloudiness_cdf(c, p))
    assert result.pvalue > 1e-4


def test_island_without_prey_scarcity_keeps_the_stock_and_never_starves():
    out = mc.simulate_island(200, learning=0.1, forgetting=[0.1, 0.5], replicates=6, history=True, rng=4)
    assert out["starved_on"].shape == (6, 2)
    assert np.all(np.isinf(out["starved_on"]))
    np.testing.assert_allclose(out["stock_path"], 1.0)
    assert out["hunt"].shape == (6, 2, 200)


def test_island_shares_weather_across_the_grid_and_is_seeded():
    a = mc.simulate_island(50, learning=0.1, forgetting=[0.2, 0.2], replicates=3, history=True, rng=5)
    b = mc.simulate_island(50, learning=0.1, forgetting=[0.2, 0.2], replicates=3, history=True, rng=5)
    np.testing.assert_array_equal(a["hunt"], b["hunt"])
    np.testing.assert_array_equal(a["hunt"][:, 0], a["hunt"][:, 1])  # identical cells, common random numbers


def test_hunting_rule_is_the_threshold():
    out = mc.simulate_island(
        300, learning=0.2, forgetting=0.3, catchability=0.02, growth=0.01, replicates=4, history=True, rng=6
    )
    food, theta, hunt = out["food"], out["threshold"], out["hunt"]
    h, f, stock = out["hunting_skill"], out["fishing_skill"], out["stock_path"]
    np.testing.assert_allclose(theta, h * stock / (h * stock + f))
    # the food of a day is the better of the two returns
    cloud = np.where(hunt, 1 - food / (h * stock), food / f)
    assert np.all((cloud >= -1e-12) & (cloud <= 1 + 1e-12))
    assert np.all(hunt == (cloud < theta + 1e-12))


def test_starved_islanders_stay_dead():
    out = mc.simulate_island(
        400,
        learning=0.02,
        forgetting=0.6,
        novice=0.05,
        growth=0.004,
        catchability=0.01,
        requirement=0.25,
        reserve=5.0,
        replicates=8,
        history=True,
        rng=7,
    )
    dead = np.isfinite(out["starved_on"])
    assert dead.any()
    for i in np.flatnonzero(dead):
        day = int(out["starved_on"][i])
        assert np.all(np.isnan(out["larder"][i, day:]))
        assert not out["hunt"][i, day:].any()


ISLAND = dict(
    learning=np.array([0.05, 0.3])[:, None],
    forgetting=[0.0, 0.4, 0.9],
    novice=0.05,
    max_experience=6,
    start=(3, 5),
    growth=0.05,
    catchability=0.2,
    requirement=0.3,
    reserve=1.5,
)


def test_island_draws_the_same_numbers_in_blocks_of_days(monkeypatch):
    blocks = mc.simulate_island(150, replicates=5, history=True, rng=8, **ISLAND)
    monkeypatch.setattr(resources, "_BLOCK_DAYS", 1)  # draw day by day
    daily = mc.simulate_island(150, replicates=5, history=True, rng=8, **ISLAND)
    for key in blocks:
        np.testing.assert_array_equal(blocks[key], daily[key])


def plain_island(days: int, replicates: int, seed: int, **parameters) -> dict[str, np.ndarray]:
    """The islanders stepped one day at a time by the module's plain ``_island_day`` (the docstring's
    equations), drawing simulate_island's random numbers: its outputs, with history."""
    signature = inspect.signature(mc.simulate_island).parameters
    p = {name: value.default for name, value in signature.items() if value.default is not value.empty} | parameters
    names = ("learning", "forgetting", "novice", "growth", "catchability", "stock0", "requirement", "reserve")
    island = dict(zip(names, np.broadcast_arrays(*(np.asarray(p[k], float) for k in names)), strict=True))
    island["max_experience"] = p["max_experience"]
    shape = (replicates, *island["learning"].shape)
    state = {
        "experience": np.stack([np.broadcast_to(e, shape) for e in p["start"]]),
        "starved_on": np.full(shape, np.inf),
    }
    state |= {"stock": np.broadcast_to(island["stock0"], shape), "larder": np.broadcast_to(island["reserve"], shape)}
    state["alive"], gen, records = np.ones(shape, dtype=bool), np.random.default_rng(seed), []
    for day in range(days):
        u = gen.random((3, replicates, *[1] * (len(shape) - 1)))  # the day's weather, then forgetting
        records.append(
            resources._island_day(day, state, resources._cloudiness_quantile(u[0], p["sunny"]), u[1:], island)
        )
    paths = {key: np.stack([day[key] for day in records], axis=-1) for key in records[0]}
    hunted, alive = (paths[key][..., -100:].sum(axis=-1) for key in ("hunt", "alive"))
    with np.errstate(invalid="ignore", divide="ignore"):
        paths["threshold"] = paths["hunting_skill"] * paths["stock_path"]
        paths["threshold"] /= paths["threshold"] + paths["fishing_skill"]
        share = np.where(alive > 0, hunted / np.maximum(alive, 1), np.nan)
    paths |= {key: np.where(paths["alive"], paths[key], np.nan) for key in paths if key not in ("hunt", "alive")}
    result = {"starved_on": state["starved_on"], "stock": state["stock"], "hunting_share": share}
    return result | dict(zip(("hunting_experience", "fishing_experience"), state["experience"], strict=True)) | paths


def test_the_plain_day_and_the_fast_island_agree_draw_for_draw():
    fast = mc.simulate_island(120, replicates=4, history=True, rng=9, **ISLAND)
    plain = plain_island(120, 4, 9, **ISLAND)
    for key in fast:
        np.testing.assert_array_equal(fast[key], plain[key], err_msg=key)
    assert np.isfinite(fast["starved_on"]).any() and np.isinf(fast["starved_on"]).any()


def per_islander(out: dict) -> np.ndarray:
    """Statistics per islander: starved or not, the final stock, hunting experience and hunting share."""
    starved, share = np.isfinite(out["starved_on"]), np.nan_to_num(out["hunting_share"])
    return np.stack([starved, out["stock"], out["hunting_experience"], share]).reshape(4, -1).astype(float)


def standard_errors_apart(fast: dict, plain: dict) -> np.ndarray:
    a, b = per_islander(fast), per_islander(plain)
    gap, error = np.abs(a.mean(axis=1) - b.mean(axis=1)), np.sqrt((a.var(axis=1) + b.var(axis=1)) / a.shape[1])
    return np.divide(gap, error, out=np.where(gap > 0, np.inf, 0.0), where=error > 0)


def test_the_plain_day_and_the_fast_island_agree_in_distribution():
    # Other seeds: every statistic agrees within 4 standard errors (2000 islanders); a plain day with the
    # learning or the forgetting rate 50% larger is further than that, so the test has power.
    island = ISLAND | {"learning": 0.1, "forgetting": 0.3, "max_experience": 10}
    fast = mc.simulate_island(150, replicates=2000, rng=21, **island)
    assert np.all(standard_errors_apart(fast, plain_island(150, 2000, 22, **island)) < 4)
    for rate in ("learning", "forgetting"):
        apart = standard_errors_apart(fast, plain_island(150, 2000, 22, **island | {rate: 1.5 * island[rate]}))
        assert apart.max() > 4, f"a plain day with the {rate} rate x 1.5 went unnoticed: {apart}"


@settings(max_examples=10)
@given(st.floats(0.0, 0.6), st.integers(0, 2**31 - 1))
def test_one_day_drift_of_fishing_experience(phi, seed):
    # E[change] = (1 - F(θ)) - φ F(θ) away from the bounds of experience.
    n = 20_000
    out = mc.simulate_island(1, learning=0.1, forgetting=phi, start=(30, 10), max_experience=40, replicates=n, rng=seed)
    h, f = mc.skill_curve(30, 0.1, 0.1), mc.skill_curve(10, 0.1, 0.1)
    hunts = mc.cloudiness_cdf(h / (h + f))
    change = out["fishing_experience"] - 10
    assert abs(change.mean() - ((1 - hunts) - phi * hunts)) < 5 * change.std() / np.sqrt(n) + 1e-12


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.logistic_growth(-1.0, 0.1, 1.0), ValueError, "stock must be >= 0"),
        (lambda: mc.logistic_growth(0.5, 0.0, 1.0), ValueError, "growth must be > 0"),
        (lambda: mc.equilibrium_stock(0.5, 0.1, -1.0, 0.1), ValueError, "capacity must be > 0"),
        (lambda: mc.equilibrium_stock(np.nan, 0.1, 1.0, 0.1), ValueError, "effort must be finite"),
        (lambda: mc.sustainable_yield(0.5, 0.1, 1.0, -0.1), ValueError, "catchability must be >= 0"),
        (lambda: mc.maximum_sustainable_yield(0.1, 1.0, 0.0), ValueError, "catchability must be > 0"),
        (lambda: mc.simulate_harvest(0.5, [1.0, -1.0], 0.1, 1.0, 0.1), ValueError, "effort must be >= 0"),
        (lambda: mc.simulate_harvest(0.5, [1.0], 0.1, 1.0, 0.1, dt=0), ValueError, "dt must be > 0"),
        (lambda: mc.cloudiness_cdf(0.5, 1.5), ValueError, "sunny must be <= 1"),
        (lambda: mc.sample_cloudiness(-3), ValueError, "shape must be >= 0"),
        (lambda: mc.sample_cloudiness(3, rng=1.5), TypeError, "rng must be None"),
        (lambda: mc.simulate_island(0, learning=0.1, forgetting=0.1), ValueError, "days must be >= 1"),
        (lambda: mc.simulate_island(5, learning=0.0, forgetting=0.1), ValueError, "learning must be > 0"),
        (lambda: mc.simulate_island(5, learning=0.1, forgetting=0.1, start=(3,)), ValueError, "start must be a pair"),
        (
            lambda: mc.simulate_island(5, learning=0.1, forgetting=0.1, start=(3, 99)),
            ValueError,
            "start\\[1\\] must be",
        ),
        (lambda: mc.simulate_island(5, learning=0.1, forgetting=0.1, reserve=0.0), ValueError, "reserve must be > 0"),
        (lambda: mc.simulate_island(5, learning=[0.1, 0.2], forgetting=[0.1, 0.2, 0.3]), ValueError, "must broadcast"),
        (lambda: mc.simulate_island(5, learning=0.1, forgetting=0.1, history=1), TypeError, "history must be True"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
