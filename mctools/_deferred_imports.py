"""Import-time work that the course's students would pay for and never use, deferred.

JupyterLab brings ``jsonschema`` with its "format-nongpl" extra, which includes
``rfc3987_syntax``. ``jsonschema`` imports it as soon as it is imported itself (altair imports
``jsonschema``, and mctools imports altair), and that import builds a Lark grammar for IRIs:
about 2.7 s of every kernel's first cell, on Binder and on a campus JupyterHub, for an ``iri``
format check that neither altair nor the course ever runs (jsonschema issue #1428).
:func:`defer_iri_grammar` puts a stand-in module in its place whose ``is_valid_syntax``, the one
name jsonschema takes from it, imports the real module on its first call and hands it over: an
IRI check that does run gets the real answer. Importing this module does it, so mctools imports
it before anything that imports altair.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

_IRI_MODULE = "rfc3987_syntax"


def _is_valid_syntax(*args, **kwargs):
    """``rfc3987_syntax.is_valid_syntax``, imported on the first call."""
    if isinstance(sys.modules.get(_IRI_MODULE), _StandIn):
        del sys.modules[_IRI_MODULE]
    return importlib.import_module(_IRI_MODULE).is_valid_syntax(*args, **kwargs)


class _StandIn(types.ModuleType):
    """Stands in for ``rfc3987_syntax`` until its one function is called."""


def defer_iri_grammar() -> None:
    """Defer ``rfc3987_syntax``'s import, if it is installed and neither it nor jsonschema is imported yet."""
    if _IRI_MODULE in sys.modules or "jsonschema" in sys.modules or importlib.util.find_spec(_IRI_MODULE) is None:
        return
    stand_in = _StandIn(_IRI_MODULE, _StandIn.__doc__)
    stand_in.is_valid_syntax = _is_valid_syntax
    sys.modules[_IRI_MODULE] = stand_in


defer_iri_grammar()
