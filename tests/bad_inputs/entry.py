"""One row of the bad-input table."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    """A public function, keyword arguments it accepts, and bad values for each parameter.

    ``valid`` must run cleanly (warnings are errors) and give finite, non-NaN output: the
    sweep replaces one parameter at a time with a bad value, so a ``valid`` that already
    failed would make every bad case pass for the wrong reason. Parameters left at their
    defaults in ``valid`` are still swept. ``exempt`` maps a parameter that has no bad value
    to the reason why (rare: say why in a sentence).
    """

    func: Callable
    valid: dict
    bad: dict[str, list]
    exempt: dict[str, str] = field(default_factory=dict)
    prefix: str = ""  # "charts." for functions reached as mctools.charts.<name>

    @property
    def name(self) -> str:
        return self.prefix + self.func.__name__

    @property
    def parameters(self) -> list[str]:
        return list(inspect.signature(self.func).parameters)

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
    """The numeric arrays inside a function's result, in a fixed order.

    Walks tuples, lists, dicts (sorted keys) and dataclasses; ints, floats and numpy arrays
    of numbers are leaves. Anything else (an Altair chart, a callable map, a string) is
    skipped: it has no numbers to compare.
    """
    import dataclasses

    import numpy as np

    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return [leaf for f in dataclasses.fields(result) for leaf in numeric_leaves(getattr(result, f.name))]
    if isinstance(result, dict):
        return [leaf for key in sorted(result, key=str) for leaf in numeric_leaves(result[key])]
    if isinstance(result, tuple | list):
        return [leaf for item in result for leaf in numeric_leaves(item)]
    if isinstance(result, bool | int | float | np.number | np.ndarray):
        array = np.asarray(result)
        if np.issubdtype(array.dtype, np.number) or array.dtype == bool:
            return [array]
    return []
