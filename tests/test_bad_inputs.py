"""Every public function of ``mctools`` refuses bad input loudly and by name.

The table in ``tests/bad_inputs/`` gives, for each public function (everything in
``mctools.__all__``, and in the ``__all__`` of the ``charts`` and ``exercises`` modules it
exports), arguments that run and the cases no single parameter's domain covers (constraints
between parameters). The values each parameter must refuse are generated from the domain the
function declares for it (:mod:`mctools._domains`), plus those cases. Each bad value must raise
``ValueError`` or ``TypeError`` whose message names the parameter, within a time limit, without
a numpy floating-point warning: never a silent NaN or a hang. A public function added without a
table entry fails :func:`test_every_public_function_has_an_entry`, a parameter with no bad value
:func:`test_every_parameter_is_swept`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import re
import signal
import warnings

import numpy as np
import pytest
from bad_inputs import TABLE
from bad_inputs.entry import Entry, numeric_leaves

import mctools
import mctools._domains

# Result records: returned by the simulations, never built by a student, so they take no input
# to validate. They must stay immutable (test below).
RECORDS = {
    "BanditRun",
    "ClassModels",
    "InpaintingRun",
    "LearningRun",
    "LockInEstimate",
    "OfficePath",
    "RoundResult",
    "exercises.CheckResult",
}
SECONDS_PER_CALL = 10


def public_callables() -> dict[str, object]:
    """Every callable a student can reach by a documented name: ``name`` or ``module.name``."""
    found = {}
    for name in mctools.__all__:
        obj = getattr(mctools, name)
        if inspect.ismodule(obj):
            found.update({f"{name}.{sub}": getattr(obj, sub) for sub in obj.__all__ if callable(getattr(obj, sub))})
        else:
            found[name] = obj
    return found


class Hang(BaseException):  # BaseException: a function's own `except Exception` cannot swallow it
    pass


@contextlib.contextmanager
def strict(seconds: int = SECONDS_PER_CALL):
    """Warnings and floating-point errors raise; a call longer than ``seconds`` is a hang."""

    def interrupt(signum, frame):
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def names_parameter(message: str, parameter: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(parameter)}(?!\w)", message) is not None


def test_every_public_function_has_an_entry():
    public = public_callables()
    missing = sorted(set(public) - RECORDS - set(TABLE))
    assert not missing, f"public functions without a bad-input entry in tests/bad_inputs/: {missing}"
    unknown = sorted(set(TABLE) - set(public))
    assert not unknown, f"bad-input entries for names that are not public: {unknown}"
    for name, entry in TABLE.items():
        assert entry.func is public[name], f"the entry {name} tests another function"


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_result_records_are_immutable(name):
    record = public_callables()[name]
    frozen_dataclass = dataclasses.is_dataclass(record) and record.__dataclass_params__.frozen
    named_tuple = issubclass(record, tuple) and hasattr(record, "_fields")
    assert frozen_dataclass or named_tuple, f"{name} is a result record: make it a NamedTuple or a frozen dataclass"


def unswept_parameters(entry) -> list[str]:
    """Parameters with no value to refuse (neither a declared domain nor cases) and no exemption."""
    return sorted(p for p in entry.parameters if not entry.refused(p) and p not in entry.exempt)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_parameter_is_swept(name):
    entry = TABLE[name]
    assert not unswept_parameters(entry), f"{name}: parameters without bad values: {unswept_parameters(entry)}"
    stray = (set(entry.bad) | set(entry.exempt) | set(entry.valid)) - set(entry.parameters)
    assert not stray, f"{name}: the entry names parameters the function does not have: {sorted(stray)}"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_valid_arguments_run_cleanly(name):
    """The baseline of every sweep: without it a bad case could pass for the wrong reason."""
    with strict():
        result = TABLE[name].call()
    for leaf in numeric_leaves(result):
        assert not np.any(np.isnan(leaf)), f"{name}(**valid) returned NaN"


SWEEP = sorted((name, parameter) for name, entry in TABLE.items() for parameter in entry.parameters)


def refusal_failures(entry, parameter: str) -> list[str]:
    """Every bad value of ``parameter`` that is not refused by a ValueError/TypeError naming it."""
    failures = []
    name = entry.name
    for value in entry.refused(parameter):
        shown = f"{name}({parameter}={value!r})"
        try:
            with strict():
                result = entry.call(**{parameter: value})
        except (ValueError, TypeError) as error:
            if not names_parameter(str(error), parameter):
                failures.append(f"{shown} raised {type(error).__name__} without naming {parameter!r}: {error}")
        except (Exception, Hang) as error:  # a wrong exception, a warning turned error, or a hang
            failures.append(f"{shown} raised {type(error).__name__}: {error}")
        else:
            failures.append(f"{shown} was accepted and returned {result!r:.120}")
    return failures


@pytest.mark.parametrize(("name", "parameter"), SWEEP, ids=[f"{n}-{p}" for n, p in SWEEP])
def test_bad_values_are_refused_by_name(name, parameter):
    failures = refusal_failures(TABLE[name], parameter)
    assert not failures, "\n".join(failures)


def test_a_public_function_without_an_entry_fails_the_sweep(monkeypatch):
    def new_model(rate):
        return rate

    monkeypatch.setattr(mctools, "new_model", new_model, raising=False)
    monkeypatch.setattr(mctools, "__all__", [*mctools.__all__, "new_model"])
    with pytest.raises(AssertionError, match="new_model"):
        test_every_public_function_has_an_entry()


def test_a_parameter_without_bad_values_fails_the_sweep():
    def new_model(rate, steps):
        return rate

    entry = Entry(mctools._domains.domains(rate=mctools._domains.POSITIVE)(new_model), {"rate": 1.0, "steps": 3})
    assert unswept_parameters(entry) == ["steps"]


def test_a_function_that_stops_checking_a_declared_domain_fails_the_sweep(monkeypatch):
    entry = TABLE["softmax"]
    assert not refusal_failures(entry, "temperature")
    monkeypatch.setattr(mctools._domains.Real, "check", lambda self, name, value, arguments: value)
    assert len(refusal_failures(entry, "temperature")) >= 10


def test_the_sweep_keeps_its_power():
    """95 functions, 361 parameters and 4,942 bad values before the domains were declared."""
    parameters = [(entry, p) for entry in TABLE.values() for p in entry.parameters]
    assert len(TABLE) >= 95 and len(parameters) >= 361
    assert sum(len(entry.refused(p)) for entry, p in parameters) >= 4942
