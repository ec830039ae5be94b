"""The grader's pieces, in this process (cheap): references, hidden cases, forbidden calls, verdicts.

* every autograded exercise of the book has public cases (mctools.exercises) and a reference
  with hidden cases (grading/references), and the public cases' literal expected values are the
  references' values: the self-check and the grade agree;
* hidden cases are drawn from the seed (the same seed, the same cases; another seed, others), and
  each chapter's own solution passes them while its stub does not;
* the watch catches the course's implementation through an alias, ``getattr``, a reload, a
  rebuilt function and a wrapper, and lets an honest answer and allowed helpers through;
* the verdict on the sandbox's answers (timeouts, forbidden calls, flags, garbled replies).
"""

from __future__ import annotations

import importlib
import inspect
import json
import types

import numpy as np
import pytest
from scipy.special import ndtr

import coursekit
import mctools as mc
from grading.notebook import HiddenTest, judge, prepare
from grading.references import hidden, hidden_cases, labels
from mctools import exercises
from mctools.exercises._core import lookup, run_case
from mctools.exercises._forbidden import calls_to, forbidden

AUTOGRADED = [
    (path, exercise)
    for path in coursekit.chapters()
    for exercise in coursekit.autograded(json.loads(path.read_text("utf-8"))["cells"])
]
IDS = [a.label for _, a in AUTOGRADED]


def test_every_autograded_exercise_has_public_cases_and_a_reference() -> None:
    assert sorted(IDS) == exercises.available() == labels()


@pytest.mark.parametrize("label", labels())
def test_public_expected_values_are_the_references_values(label: str) -> None:
    public, reference = lookup(label), hidden(label).reference
    for arguments, expected in public.cases:
        value = np.asarray(reference(*arguments), dtype=float)
        assert value.shape == np.shape(expected), arguments
        np.testing.assert_allclose(value, expected, rtol=1e-12, atol=1e-300, err_msg=str(arguments))


def test_hidden_cases_follow_the_seed() -> None:
    label = "ex-ch01-map-policy"
    first, again, other = hidden_cases(label, 1), hidden_cases(label, 1), hidden_cases(label, 2)
    edges = len(hidden(label).edge_cases)
    assert json.dumps(first, default=np.ndarray.tolist) == json.dumps(again, default=np.ndarray.tolist)
    assert repr(first[:edges]) == repr(other[:edges])  # the edge cases are fixed...
    assert repr(first[edges:]) != repr(other[edges:])  # ...the drawn ones are not


def _function(path, exercise, which: str):
    """The chapter's stub or hidden solution, defined after the chapter's imports cell."""
    cells = json.loads(path.read_text("utf-8"))["cells"]
    namespace: dict = {}
    exec(coursekit.source(next(c for c in cells if c["cell_type"] == "code")), namespace)
    exec(coursekit.source(cells[getattr(exercise, which)]), namespace)
    return namespace[exercise.function]


def _verdict(prepared: HiddenTest, answer) -> str:
    """Grade ``answer`` as the grader does, without a sandbox."""
    with calls_to(forbidden(prepared.forbidden)) as calls:
        outcomes = [run_case(answer, case) for case in prepared.cases]
    encoded = [
        {"shape": list(o.value.shape), "data": o.value.ravel().tolist()} if o.value is not None
        else {"unfinished": o.unfinished, "raised": o.raised, "returned": o.returned}
        for o in outcomes
    ]  # fmt: skip
    return judge(prepared, {"outcomes": encoded, "calls": calls, "timed_out": False}, [], 60).message


@pytest.mark.parametrize(("path", "exercise"), AUTOGRADED, ids=IDS)
def test_the_solution_passes_the_hidden_cases_and_the_stub_does_not(path, exercise) -> None:
    solution, stub = _function(path, exercise, "solution"), _function(path, exercise, "stub")
    for seed in (0, 1, 2):
        prepared = prepare(exercise.label, exercise.function, seed)
        assert _verdict(prepared, solution).startswith("all "), _verdict(prepared, solution)
        assert "NotImplementedError" in _verdict(prepared, stub)


def test_a_wrong_answer_fails_with_the_case_and_the_expected_value() -> None:
    prepared = prepare("ex-ch05-hunting-probability", "hunting_probability", 0)
    message = _verdict(prepared, lambda h, f, n, p: h * n / (h * n + f))  # the threshold, not F(threshold)
    assert message.startswith("hidden case ") and "expected" in message


# ----------------------------------------------------------------------------- forbidden calls


def _honest_map_policy(share, separation):
    share = np.asarray(share, dtype=float)
    t = -np.log(share / (1 - share)) / separation
    return share * ndtr(separation / 2 - t) + (1 - share) * ndtr(-separation / 2 - t)


def _copies_of_output_share():
    """The course's function reached five ways a student might try."""
    named = getattr(mc, "output_" + "share")
    module = importlib.import_module("mctools.ambiguity")
    saved = dict(vars(module))
    reloaded = importlib.reload(module).output_share
    vars(module).update(saved)  # the module's own functions again, for the tests that follow
    course = inspect.unwrap(mc.output_share)  # under the @domains check
    code = course.__code__.replace(co_name="mine", co_qualname="mine")
    rebuilt = types.FunctionType(code, course.__globals__)
    return {
        "alias": mc.output_share,
        "getattr": named,
        "reload": reloaded,
        "rebuilt": rebuilt,
        "wrapper": lambda share, separation: mc.generator_map(share, separation, capacity=1.0, policy="map"),
    }


@pytest.mark.parametrize("route", ["alias", "getattr", "reload", "rebuilt", "wrapper"])
def test_the_watch_catches_the_course_implementation(route: str) -> None:
    function = _copies_of_output_share()[route]
    with calls_to(forbidden(("mctools.ambiguity",))) as calls:
        function(0.7, 1.0, 1.0, "map") if route != "wrapper" else function(0.7, 1.0)
    assert calls == ["mctools.ambiguity"]


def test_the_watch_lets_honest_code_and_allowed_helpers_through() -> None:
    with calls_to(forbidden(("mctools.ambiguity", "scipy.special.logsumexp"))) as calls:
        _honest_map_policy(np.array([0.2, 0.7]), 1.5)
        mc.softmax(np.array([0.0, 1.0]), 0.5)
    assert calls == []


def test_the_self_check_refuses_the_course_implementation() -> None:
    result = exercises.check("ex-ch01-map-policy", lambda share, d: mc.output_share(share, d, policy="map"))
    assert not result.passed and "calls mctools.ambiguity" in result.message
    assert exercises.check("ex-ch01-map-policy", _honest_map_policy).passed


# ----------------------------------------------------------------------------- verdicts on the sandbox's answers


@pytest.fixture(scope="module")
def prepared() -> HiddenTest:
    return prepare("ex-ch01-map-policy", "map_policy_share", 0)


def _good(prepared: HiddenTest) -> list[dict]:
    return [{"shape": list(e.shape), "data": e.ravel().tolist()} for e in prepared.expected]


def test_judge_gives_the_points_only_without_flags(prepared: HiddenTest) -> None:
    answer = {"outcomes": _good(prepared), "calls": [], "timed_out": False}
    assert judge(prepared, answer, [], 60).points == prepared.points
    held = judge(prepared, answer, ["cell 3: sys.setprofile called"], 60)
    assert held.points == 0 and "review" in held.message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"timed_out": True}, "time limit of 60 s"),
        ({"calls": ["mctools.ambiguity"]}, "calls mctools.ambiguity"),
        ({"outcomes": []}, "stopped the grading after 0 of"),
        ({"outcomes": [{"shape": ["x"], "data": None}]}, "unreadable answer"),
        ({"outcomes": [{"shape": [2], "data": ["a", "b"]}]}, "unreadable answer"),
        ({"outcomes": [{"shape": [10**6], "data": None}]}, "returned shape (1000000,)"),
        ({"problem": "map_policy_share is not defined"}, "is not defined"),
    ],
)
def test_judge_explains_what_went_wrong(prepared: HiddenTest, change: dict, words: str) -> None:
    answer = {"outcomes": _good(prepared), "calls": [], "timed_out": False} | change
    verdict = judge(prepared, answer, [], 60)
    assert verdict.points == 0 and words in verdict.message, verdict.message


# ----------------------------------------------------------------------------- the sandbox's audit hook


def test_ctypes_from_a_cell_is_flagged_but_not_threadpoolctls() -> None:
    """A cell reaching C through ctypes is flagged; threadpoolctl, run by mctools.lowrank, is not."""
    from grading.sandbox import CELL_PREFIX, Monitor

    sent: list[dict] = []
    monitor = Monitor([], [], "/tmp", frozenset(), sent.append)
    cell = compile("pass", f"{CELL_PREFIX}cell 3>", "exec")
    library = compile("pass", "/site-packages/threadpoolctl.py", "exec")
    monitor._check("ctypes.dlsym", (None, "openblas_set_num_threads"), [library, cell])
    assert sent == [], "threadpoolctl's ctypes calls were flagged"
    monitor._check("ctypes.dlopen", ("libc.so.6",), [cell])
    assert len(sent) == 1 and "ctypes.dlopen used" in sent[0]["flag"]
