"""One row of the bad-input table."""

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Entry:
    """A public function, keyword arguments it accepts, and the values each parameter must refuse.

    A parameter must refuse the values its declared domain generates around its value in ``valid``
    (``func.__domains__``, :meth:`mctools._domains.Domain.refuses`), then ``bad[parameter]``: what
    no domain can know, the constraints between parameters (a shape or bound set by another
    argument, a combination that overflows) and callables that misbehave when called. A function
    without declared domains (``charts``, ``exercises``) lists every bad value in ``bad``.

    ``valid`` must run cleanly (warnings are errors) and give non-NaN output, or a bad case could
    pass for the wrong reason. Parameters left at their defaults are still swept. ``exempt`` maps a
    parameter with no bad value to the reason why.
    """

    func: Callable
    valid: dict
    bad: dict[str, list] = field(default_factory=dict)
    exempt: dict[str, str] = field(default_factory=dict)
    prefix: str = ""  # "charts." for functions reached as mctools.charts.<name>

    @property
    def name(self) -> str:
        return self.prefix + self.func.__name__

    @property
    def parameters(self) -> list[str]:
        return list(inspect.signature(self.func).parameters)

    def refused(self, parameter: str) -> list:
        """Every value ``parameter`` must refuse: from its declared domain, then the entry's own."""
        domain = getattr(self.func, "__domains__", {}).get(parameter)
        if domain is None:
            return list(self.bad.get(parameter, []))
        bound = inspect.signature(self.func).bind(**self.valid)
        bound.apply_defaults()
        arguments = dict(bound.arguments)  # as the body sees them, checked and converted: a domain's
        for name, declared in self.func.__domains__.items():  # bounds and shapes may name them
            arguments[name] = declared.check(name, arguments[name], arguments)
        valid = bound.arguments[parameter]
        return [*domain.refuses(valid, arguments), *self.bad.get(parameter, [])]

    def call(self, **changes):
        """Call the function with ``valid`` updated by ``changes``.

        A ``**kwargs`` parameter takes a dict in ``valid`` and ``bad``, spread into the call; a
        ``*args`` parameter takes a list, and the parameters before it are then passed by position.
        """
        arguments = {**self.valid, **changes}
        positional: list = []
        for name, parameter in inspect.signature(self.func).parameters.items():
            if parameter.kind is inspect.Parameter.VAR_KEYWORD and name in arguments:
                spread = arguments.pop(name)
                arguments = {**arguments, **spread}
            if parameter.kind is inspect.Parameter.VAR_POSITIONAL and name in arguments:
                before = [p for p in inspect.signature(self.func).parameters if p != name][
                    : parameter_index(self.func, name)
                ]
                positional = [arguments.pop(p) for p in before if p in arguments] + list(arguments.pop(name))
        return self.func(*positional, **arguments)


def parameter_index(func: Callable, name: str) -> int:
    """Position of the parameter ``name`` in ``func``'s signature."""
    return list(inspect.signature(func).parameters).index(name)


def numeric_leaves(result) -> list:
    """The numeric arrays inside a result, in a fixed order: tuples, lists, dicts (by key) and
    dataclasses are walked; anything else without numbers (a chart, a callable) is skipped."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return [leaf for f in dataclasses.fields(result) for leaf in numeric_leaves(getattr(result, f.name))]
    if isinstance(result, dict):
        return [leaf for key in sorted(result, key=str) for leaf in numeric_leaves(result[key])]
    if isinstance(result, tuple | list):
        return [leaf for item in result for leaf in numeric_leaves(item)]
    array = np.asarray(result) if isinstance(result, bool | int | float | np.number | np.ndarray) else None
    return [array] if array is not None and (np.issubdtype(array.dtype, np.number) or array.dtype == bool) else []
