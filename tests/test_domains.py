"""Each parameter's domain is declared once (``mctools._domains``), and the docstrings agree.

* The vocabulary: intervals parse and print as written, each domain accepts what it should and
  refuses what it generates as bad (the sweep in ``test_bad_inputs.py`` relies on that).
* The declarations: every parameter of every public function of ``mctools`` has one.
* The docstrings: the domain a docstring states for a parameter (``T > 0``, ``in [0, 1]``, ``at
  least 1``, ``inf`` allowed, the options of a choice) is the declared one. A docstring that states
  another bound, or none where the declaration has one, fails :func:`test_docstrings_state_the_declared_domains`;
  the test proving that it can fail edits a docstring and a declaration.
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

import mctools as mc
from mctools import _domains
from mctools._domains import Choice, Integer, Integers, Interval, Maybe, PerReplicate, Probabilities, Real, Reals

MODELS = {name: getattr(mc, name) for name in mc.__all__ if inspect.isfunction(getattr(mc, name))}

# ---------------------------------------------------------------------------------------------------------------------
# Reading a numpy docstring's Parameters section.


def parameter_entries(doc: str) -> dict[str, str]:
    """Each documented parameter name -> its type line, a newline, and its description on one line."""
    section = re.search(r"\n *Parameters\n *-+\n(.*?)(?:\n *\n *[A-Z][a-z]+\n *-+\n|\Z)", doc, re.S)
    entries: dict[str, str] = {}
    names: list[str] = []
    for line in section.group(1).splitlines() if section else []:
        header = re.match(r"^    (\w+(?:, \w+)*)(?: : (.*))?$", line)
        if header:
            names = header.group(1).split(", ")
            entries.update({name: f"{header.group(1)} : {header.group(2) or ''}\n" for name in names})
        for name in names if not header else []:
            entries[name] += line.strip() + " "
    return entries


NUMBER = r"-?(?:10\^\{?\d+\}?|\\tfrac12|1/2|\d+(?:\.\d+)?(?:e-?\d+)?|\\infty)"
IN = r"(?:\\in|\bin|within)\s*:?(?:math:`)?\s*"  # "\in (0, 1]", "in [0, 1]", "in :math:`[0, E]`"


def value(text: str) -> float:
    text = text.replace("\\tfrac12", "0.5").replace("1/2", "0.5").replace("\\infty", "inf")
    power = re.fullmatch(r"10\^\{?(\d+)\}?", text)
    return 10.0 ** int(power.group(1)) if power else float(text)


# A claim about the parameter's values: (pattern, side, open), the bound being the pattern's group 1.
RELATIONS = [
    (rf"(?:\\ge|\\geq|>=|≥)\s*({NUMBER})(?!\w|\.\d)", "lower", False),
    (rf"(?<![-=<>\\])>\s*({NUMBER})(?!\w|\.\d)", "lower", True),
    (rf"(?:\\le|\\leq|<=|≤)\s*({NUMBER})(?!\w|\.\d)", "upper", False),
    (rf"(?<![-=<>\\])<\s*({NUMBER})(?!\w|\.\d)", "upper", True),
    (rf"(?i:\bat least) ({NUMBER})\b", "lower", False),
    (rf"\bat most ({NUMBER})\b", "upper", False),
    (rf"({NUMBER})\s*(?:\\le|<=|≤)`?\s*[A-Za-z\\`]", "lower", False),  # "1 \le H": a bound on the left
    (rf"({NUMBER})\s*<`?\s*[A-Za-z\\`]", "lower", True),
    (rf"{IN}[\[]\s*({NUMBER})\s*,\s*[A-Za-z\\]", "lower", False),  # "in [0, E]": E is another argument
    (r"\b(?i:non-negative)()", "lower", False),  # the empty group: the bound 0
]
# A bound set by another argument: a constraint between parameters, which the function body checks.
SYMBOLIC = [
    (r"(?:\\ge|>=|≥|\bat least)\s*[a-zA-Z`\\]", "lower"),
    (r"(?:\\le|<=|≤|\bat most|(?<![-=<>\\])<)`?\s*[a-zA-Z`(\\]", "upper"),
    (rf"{IN}[\[(]\s*{NUMBER}\s*,\s*[A-Za-z\\]", "upper"),
]


def claims(text: str) -> list[dict]:
    """The domain claims of a text, in order, each ``{"lower": (bound, open)}``, ``{"upper": ...}`` or both."""
    text = re.sub(r"P\([^)]*\)", "", text)  # a probability, P(c < 1/2), is not a bound
    found, covered = [], []
    for match in re.finditer(rf"{IN}([\[(])\s*({NUMBER})\s*,\s*({NUMBER})\s*([\])])", text):
        left, low, high, right = match.groups()
        found.append((match.start(), {"lower": (value(low), left == "("), "upper": (value(high), right == ")")}))
        covered.append(range(match.start(), match.end()))
    for match in re.finditer(r"\b(\d+) (?:\([^)]*\) )?or (\d+)\b", text):  # "0 (...) or 1": an integer in [0, 1]
        found.append((match.start(), {"lower": (value(match[1]), False), "upper": (value(match[2]), False)}))
    for pattern, side, is_open in RELATIONS:
        for match in re.finditer(pattern, text):
            if not any(match.start() in span for span in covered):
                found.append((match.start(), {side: (value(match[1] or "0"), is_open)}))
    for pattern, side in SYMBOLIC:
        found += [(match.start(), {side: "symbolic"}) for match in re.finditer(pattern, text)]
    return [claim for _, claim in sorted(found, key=lambda pair: pair[0])]


def merged(items: list[dict]) -> dict:
    """The first numeric claim on each side (a symbolic one only if there is none)."""
    out: dict = {}
    for item in items:
        for side, bound in item.items():
            if side not in out or out[side] == "symbolic":
                out[side] = bound
    return out


def stated(entries: dict[str, str], name: str) -> dict:
    """What a docstring states about ``name``'s domain: its bounds and admitted infinities, with its text."""
    header, _, description = entries[name].partition("\n")
    names = header.split(" : ")[0].split(", ")
    for letter in re.findall(r"\b([A-Z])\b", header.partition("shape")[2]):  # "K >= 2": about the shape, not values
        about_the_shape = rf"(?:{NUMBER}\s*(?:<=|\\le)\s*)?\b{letter}\s*(?:\\ge|\\le|<=|>=|<|>)\s*{NUMBER}"
        description = re.sub(about_the_shape, "", description)
    own = re.search(rf"``(?:({NUMBER})\s*(<=?)\s*)?{name}\s*([<>]=?|\\ge|\\le)\s*({NUMBER})``", description)
    clauses = [c for c in re.split(r"(?<=`),\s+(?=:math:)|;\s+|\band\b", description) if claims(c)]
    text = description
    if own:  # "``sigma0 > 0``", "``0 <= margin < 1/2``": a claim that names its parameter
        low, left, relation, high = own.groups()
        text = f"{low} {left} x {relation} {high}" if low else f"{relation} {high}"
    elif len(names) > 1 and len(clauses) == len(names):  # one clause per name, in order
        text = clauses[names.index(name)]
    elif len(names) > 1 and any(re.search(rf"``{other}\b", description) for other in names):
        text = ""  # the claims name other parameters of the entry
    infinite = {np.inf} if re.search(r"``inf`` allowed|may be ``inf``|``inf`` \(default\)|; ``inf``", text) else set()
    infinite |= {-np.inf} if "``-inf``" in text else set()
    return merged(claims(text)) | {"inf": infinite, "header": header, "text": description}


def resolved(func, name: str) -> dict | None:
    """The statement about ``name`` in ``func``'s docstring, following "As in :func:`other`"."""
    doc = func.__doc__ or ""
    entries = parameter_entries(doc)
    if name not in entries:  # "Parameters and returns as :func:`other`"
        referred = re.search(r"Parameters and returns as :func:`~?(?:mctools\.)?(\w+)`", doc)
        return resolved(getattr(mc, referred.group(1)), name) if referred else None
    statement = stated(entries, name)
    referred = re.search(r"[Aa]s in :func:`~?(?:mctools\.)?(\w+)`", entries[name])
    if referred and not {"lower", "upper"} & set(statement):
        return resolved(getattr(mc, referred.group(1)), name) or statement
    return statement


def interval_disagreements(statement: dict, interval: Interval) -> list[str]:
    problems = []
    ends = {"lower": (interval.lower, interval.lower_open), "upper": (interval.upper, interval.upper_open)}
    for side, (end, is_open) in ends.items():
        claim = statement.get(side)
        if getattr(interval, f"{side}_from") is not None:  # an end that names other arguments
            if isinstance(claim, tuple):
                problems.append(f"the docstring states the number {claim} as {side} bound; declared {interval}")
        elif np.isinf(end) and isinstance(claim, tuple) and np.isfinite(claim[0]):
            problems.append(f"the docstring states a {side} bound {claim} the declaration {interval} lacks")
        elif np.isfinite(end) and claim is None:
            problems.append(f"the docstring states no {side} bound; declared {interval}")
        elif np.isfinite(end) and claim != "symbolic" and claim != (end, is_open):
            bound, open_end = claim
            shown = f"{'[('[open_end]}{bound:g}" if side == "lower" else f"{bound:g}{'])'[open_end]}"
            problems.append(f"the docstring states {shown}; declared {interval}")
    if set(interval.infinities) != statement["inf"]:
        problems.append(f"the docstring admits {sorted(statement['inf'])}, the declaration {list(interval.infinities)}")
    return problems


def disagreements(func) -> list[str]:
    """How ``func``'s docstring and its declared domains disagree, one sentence each."""
    problems = []
    for name, domain in func.__domains__.items():
        statement = resolved(func, name)
        if statement is None:
            problems.append(f"{name} is not documented")
            continue
        inner = domain.inner if isinstance(domain, Maybe | PerReplicate) else domain
        words = (statement["header"] + statement["text"]).lower()
        if isinstance(inner, Choice):
            missing = set(inner.options) - set(re.findall(r'"(\w+)"', words))
            problems += [f"{name}: the docstring does not list the options {sorted(missing)}"] if missing else []
        elif isinstance(inner, Probabilities | _domains.Indices):
            word = "probabilit" if isinstance(inner, Probabilities) else "indices"
            problems += [f"{name}: the docstring does not say these are {word}"] if word not in words else []
        elif isinstance(inner, Real | Integer | Reals | Integers):
            problems += [f"{name}: {problem}" for problem in interval_disagreements(statement, inner.interval)]
    return problems


# ---------------------------------------------------------------------------------------------------------------------
# The declarations and the docstrings.

UNDECLARED = {("validate_distribution", "p"): "the check itself: p is refused under the name it is given"}
UNDECLARED[("validate_distribution", "name")] = "a parameter name, checked in the body"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_parameter_of_every_model_is_declared(name):
    func = MODELS[name]
    declared = getattr(func, "__domains__", {})
    missing = [p for p in inspect.signature(func).parameters if p not in declared and (name, p) not in UNDECLARED]
    assert not missing, f"{name}: declare the domains of {missing} with @domains"


@pytest.mark.parametrize("name", sorted(n for n, f in MODELS.items() if hasattr(f, "__domains__")))
def test_docstrings_state_the_declared_domains(name):
    problems = disagreements(MODELS[name])
    assert not problems, f"{name}'s docstring and declaration disagree:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("temper", r":math:`T > 0`", r":math:`T \ge 0`"),  # another bound
        ("softmax", r":math:`T > 0`", r":math:`T`"),  # no bound where one is declared
        ("polya_urn", "simulated together, at least 1", "simulated together"),
        ("output_share", '{"sample", "map", "quality"}', '{"sample", "map"}'),  # an option left out
        ("log_fund_probability", "finite or ``-inf``", "finite"),  # an admitted infinity left out
        ("entropy", "Probability vectors", "Vectors"),
    ],
)
def test_a_docstring_that_disagrees_fails(monkeypatch, name, old, new):
    func = MODELS[name]
    assert old in func.__doc__ and not disagreements(func)
    monkeypatch.setattr(func, "__doc__", func.__doc__.replace(old, new))
    assert disagreements(func)


def test_a_declaration_that_disagrees_fails(monkeypatch):
    func = mc.temper
    monkeypatch.setattr(func, "__domains__", func.__domains__ | {"temperature": _domains.NONNEGATIVE})
    assert disagreements(func) == ["temperature: the docstring states (0; declared [0, inf)"]


# ---------------------------------------------------------------------------------------------------------------------
# The vocabulary.


@pytest.mark.parametrize("text", ["(0, 1]", "[0, inf)", "(-inf, inf)", "[0, 0.5)", "(0, inf]"])
def test_intervals_parse_and_print_as_written(text):
    assert str(Interval.parse(text)) == text


def test_a_closed_infinite_end_admits_that_infinity():
    assert Real("(0, inf]").check("anneal", np.inf, {}) == np.inf
    assert np.isneginf(Reals("[-inf, inf)").check("bar", [-np.inf, 0.5], {})[0])
    with pytest.raises(ValueError, match="anneal must be finite"):
        Real("(0, inf)").check("anneal", np.inf, {})


def test_values_are_returned_converted():
    assert type(Real().check("x", 2, {})) is float and type(Integer().check("n", np.int64(2), {})) is int
    assert Reals().check("x", [1, 2], {}).dtype == float and Integers().check("n", 3, {}).shape == ()
    assert Maybe(Real()).check("x", None, {}) is None
    assert PerReplicate(Real("[0, 1]")).check("epsilon", 0.1, {"replicates": 3}).tolist() == [0.1] * 3
    assert _domains.Pair(Integer(), what="of counts").check("initial", (1, 2), {}) == (1, 2)


def test_a_domain_refuses_every_value_it_generates():
    domains = [Real("(0, 1]"), Integer("[1, 5]"), Reals("[0, inf)", min_ndim=1), Integers("[2, inf)"), Probabilities()]
    domains += [Choice("a", "b"), _domains.FLAG, _domains.SEED, _domains.CALLABLE, Maybe(Real())]
    domains += [_domains.Mask("pixels"), _domains.Instance(mc.ClassModels, "fit_class_models")]
    models = mc.fit_class_models(np.arange(12.0).reshape(4, 3) ** 2, [0, 1, 0, 1], classes=2, budget=0)
    valid = [0.5, 2, [1.0, 2.0], [2, 3], [0.2, 0.8], "a", True, 0, len, 1.0, [True, False, True], models]
    for domain, value in zip(domains, valid, strict=True):
        name = "rng" if domain is _domains.SEED else "x"
        domain.check(name, value, {})
        for bad in domain.refuses(value, {}):
            with pytest.raises((TypeError, ValueError), match=name):
                domain.check(name, bad, {})


def test_the_declared_function_keeps_its_signature_and_pythons_own_errors():
    assert str(inspect.signature(mc.softmax)) == "(rewards, temperature: 'float' = 1.0) -> 'np.ndarray'"
    assert mc.softmax.__name__ == "softmax" and "Boltzmann" in mc.softmax.__doc__
    with pytest.raises(TypeError, match=r"softmax\(\) missing 1 required positional argument"):
        mc.softmax()
    with pytest.raises(TypeError, match="got an unexpected keyword argument 'foo'"):
        mc.softmax([1.0, 2.0], foo=1)
    with pytest.raises(TypeError, match="got multiple values for argument 'rewards'"):
        mc.softmax([1.0, 2.0], rewards=[1.0])
    with pytest.raises(TypeError, match="declare named parameters only"):
        _domains.domains(nope=_domains.REAL)(lambda x: x)


def test_domains_that_name_other_arguments_check_and_refuse_by_them():
    declared = [  # (domain, valid value, the earlier arguments it names)
        (Integer("[ddof + 1, inf)"), 3, {"ddof": 1}),
        (Integer("[0, steps := leading.shape[1])"), 2, {"leading": np.zeros((2, 4), int)}),
        (Real("(-inf, upper)"), 0.5, {"upper": 1.0}),
        (Integers("[0, max_experience]", shape=(2,)), [1, 5], {"max_experience": 5}),
        (Reals(axes="scores.shape"), [0.1, 0.9], {"scores": np.array([2, -1])}),
        (
            Reals("[0, inf)", axes="(replicates, generations)", drop_leading=True),
            1.5,
            {"replicates": 2, "generations": 3},
        ),
        (Probabilities(ndim=(1, 2), axes="(replicates, None)", drop_leading=True), [[0.5, 0.5]] * 2, {"replicates": 2}),
        (Maybe(Real("(0, inf)"), needed="kind == 'geometric'"), 0.1, {"kind": "geometric"}),
    ]
    for domain, value, arguments in declared:
        domain.check("x", value, arguments)
        refused = domain.refuses(value, arguments)
        assert refused
        for bad in refused:
            with pytest.raises((TypeError, ValueError), match="x"):
                domain.check("x", bad, arguments)
    with pytest.raises(ValueError, match=r"x must be <= max_experience = 5, got \[1 6\]"):
        Integers("[0, max_experience]").check("x", [1, 6], {"max_experience": 5})
    with pytest.raises(ValueError, match=r"x must be < steps = 4, got 4"):
        Integer("[0, steps := leading.shape[1])").check("x", 4, {"leading": np.zeros((2, 4), int)})
    assert Maybe(Real(), needed="kind == 'geometric'").check("end", None, {"kind": "constant"}) is None


def test_a_domain_names_only_earlier_arguments_in_plain_arithmetic():
    with pytest.raises(TypeError, match="declare them before it"):
        _domains.domains(samples=Integer("[features + 2, inf)"), features=_domains.COUNT)(lambda features, samples: 0)
    for text in ["__import__('os')", "x.__class__", "open(x)", "[y for y in x]", "lambda: 0"]:
        with pytest.raises((ValueError, SyntaxError)):
            _domains.Expression(text)
