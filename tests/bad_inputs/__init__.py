"""The bad-input table: for every public function of ``mctools``, arguments that run and,
parameter by parameter, values that must be refused.

``tests/bad_inputs/<module>.py`` holds the entries for ``mctools/<module>.py`` as a list
``ENTRIES`` of :class:`~bad_inputs.entry.Entry`; shared bad values by kind of parameter are in
``values.py``. ``tests/test_bad_inputs.py`` gathers them (:data:`TABLE`), checks that every
public function has exactly one entry and every parameter some bad values, and calls each
function once per bad value.
"""

from __future__ import annotations

import importlib
import pkgutil

from .entry import Entry

_SUPPORT = {"entry", "values"}


def _gather() -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name in _SUPPORT:
            continue
        for entry in importlib.import_module(f"{__name__}.{module.name}").ENTRIES:
            if entry.name in table:
                raise ValueError(f"{entry.name} has two entries in the bad-input table")
            table[entry.name] = entry
    return table


TABLE = _gather()

__all__ = ["TABLE", "Entry"]
