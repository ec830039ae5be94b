"""The bad-input table: for every public function of ``mctools``, arguments that run and the cases
its declared parameter domains cannot know (constraints between parameters, misbehaving callables).

``tests/bad_inputs/<module>.py`` holds the entries for ``mctools/<module>.py`` as a list ``ENTRIES``
of :class:`~bad_inputs.entry.Entry`. ``tests/test_bad_inputs.py`` checks that every public function
has exactly one entry and every parameter values to refuse, and calls each function once per value.
"""

import importlib
import pkgutil

from .entry import Entry

TABLE: dict[str, Entry] = {}
for _module in pkgutil.iter_modules(__path__):
    for _entry in getattr(importlib.import_module(f"{__name__}.{_module.name}"), "ENTRIES", []):
        if _entry.name in TABLE:
            raise ValueError(f"{_entry.name} has two entries in the bad-input table")
        TABLE[_entry.name] = _entry

__all__ = ["TABLE", "Entry"]
