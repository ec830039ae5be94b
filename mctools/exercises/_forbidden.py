"""Which code an answer runs: catching an answer that calls the course's own implementation.

An autograded exercise asks for a formula that ``mctools`` (or a library) already computes; an
answer that only calls that function has not done the exercise. Each exercise names what it
forbids (dotted names of functions or modules, e.g. ``"mctools.ambiguity"`` or
``"scipy.special.logsumexp"``), and a watch (:func:`watcher`, or :func:`calls_to` as a context
manager) sees every Python function that starts while the answer runs, through a profile hook
(:func:`sys.setprofile`, and :func:`threading.setprofile` for threads the answer starts). A call
counts whatever the route: an alias, ``getattr``, a submodule import, ``functools.partial``, a
wrapper of the course's own (``mctools.generator_map`` runs ``output_share``), a module reloaded
with :func:`importlib.reload` (matched by file and qualified name) or a function rebuilt from its
code object under another name (matched by identical bytecode and names). A watch is made of
closures that bind everything they use when :func:`watcher` makes them, so replacing this
module's functions afterwards does not change a watch made before.

The limits, honestly: a profile hook lives in the process it watches, so code written to defeat
it (removing the hook, running the forbidden function in a thread started before the watch or in
another process, reaching the hook's state through frames or the garbage collector) is not
caught here; the grader's sandbox (``grading/sandbox.py``) flags those tools for manual review.
Source code copied from ``mctools`` into the notebook is not a call and is not caught (compiled
in another cell, even a verbatim copy gives other bytecode); nor, of course, is the formula
retyped, which is what the exercise asks for.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Forbidden", "calls_to", "forbidden", "resolve", "watch_codes", "watcher"]

# Code this short (a couple of arithmetic operations) may coincide with an honest answer.
_MIN_FINGERPRINT_BYTES = 64
# The checking machinery is part of mctools but never "the course's implementation" of an answer:
# this folder, and the @domains wrapper that every public function of mctools runs first (one
# code object shared by all of them, so a fingerprint of it would match any mctools call).
_EXERCISES_DIR = os.path.realpath(os.path.dirname(__file__)) + os.sep
_MACHINERY = (_EXERCISES_DIR, os.path.realpath(os.path.join(_EXERCISES_DIR, os.pardir, "_domains.py")))


def _realpath(filename: str) -> str | None:
    return None if filename.startswith("<") else os.path.realpath(filename)


def _codes(function: Callable) -> Iterator[types.CodeType]:
    """The code objects of ``function`` and of the functions it wraps, nested ones included."""
    seen = set()
    while function is not None and id(function) not in seen:
        seen.add(id(function))
        code = getattr(function, "__code__", None)
        if code is not None:
            stack = [code]
            while stack:
                current = stack.pop()
                yield current
                stack.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
        function = getattr(function, "__wrapped__", None)


@dataclass(frozen=True)
class Forbidden:
    """The code an answer must not run, resolved from dotted names by :func:`resolve`."""

    names: tuple[str, ...]
    folders: dict[str, str]  # a package's folder + os.sep -> its name
    files: dict[str, str]  # a module's file -> its name
    qualnames: dict[tuple[str, str], str]  # (file, qualified name) -> name
    bytecode: dict[tuple[bytes, tuple[str, ...]], str]  # (co_code, co_names) -> name


def _resolve_name(name: str) -> object:
    """The module or attribute a dotted name refers to (``"scipy.special.logsumexp"``)."""
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            target = getattr(target, attribute)
        return target
    raise ValueError(f"forbidden name must be an importable module or function, got {name!r}")


def _functions_of(module: types.ModuleType) -> list[Callable]:
    """The functions and methods defined in ``module`` (in every loaded submodule of a package)."""
    prefix = module.__name__
    modules = [m for n, m in list(sys.modules.items()) if n == prefix or n.startswith(prefix + ".")]
    found = []
    for owner in modules:
        for value in list(vars(owner).values()):
            members = vars(value).values() if inspect.isclass(value) else [value]
            found += [m for m in members if inspect.isfunction(m) and m.__module__ == owner.__name__]
    return found


def resolve(names: tuple[str, ...]) -> Forbidden:
    """Resolve dotted names of modules and functions into a :class:`Forbidden`.

    Parameters
    ----------
    names : tuple of str
        Modules (every function defined in them, a package's submodules included) and
        functions, e.g. ``("mctools.ambiguity", "scipy.special.logsumexp")``.

    Returns
    -------
    Forbidden
    """
    folders, files, qualnames, bytecode = {}, {}, {}, {}
    for name in names:
        target = _resolve_name(name)
        if isinstance(target, types.ModuleType):
            path = Path(target.__file__).resolve()
            if path.name == "__init__.py":
                folders[str(path.parent) + os.sep] = name
            else:
                files[str(path)] = name
            functions = _functions_of(target)
        elif callable(target):
            functions = [target]
            for code in _codes(target):
                if (path := _realpath(code.co_filename)) is not None and not path.startswith(_MACHINERY):
                    qualnames[path, code.co_qualname] = name
        else:
            raise ValueError(f"forbidden name must be a module or a function, got {name!r}: {target!r}")
        for function in functions:
            for code in _codes(function):
                path = _realpath(code.co_filename)  # None for generated code, such as a dataclass's __init__
                if path and not path.startswith(_MACHINERY) and len(code.co_code) >= _MIN_FINGERPRINT_BYTES:
                    bytecode.setdefault((code.co_code, code.co_names), name)
    return Forbidden(tuple(names), folders, files, qualnames, bytecode)


#: :func:`resolve`, computed once per tuple of names (for the students' self-check).
forbidden = functools.cache(resolve)


def _matcher(rules: Forbidden) -> Callable[[types.CodeType], str | None]:
    """``match(code)``: the forbidden name ``code`` belongs to, or None (copies of the rules, bound now)."""
    folders, files, qualnames = tuple(rules.folders.items()), dict(rules.files), dict(rules.qualnames)
    bytecode, skipped, minimum, realpath = dict(rules.bytecode), _MACHINERY, _MIN_FINGERPRINT_BYTES, _realpath

    def match(code: types.CodeType) -> str | None:
        path = realpath(code.co_filename)
        if path is not None and not path.startswith(skipped):
            if path in files:
                return files[path]
            if (path, code.co_qualname) in qualnames:
                return qualnames[path, code.co_qualname]
            for folder, name in folders:
                if path.startswith(folder):
                    return name
        if path is not None and path.startswith(skipped):
            return None
        return bytecode.get((code.co_code, code.co_names)) if len(code.co_code) >= minimum else None

    return match


def watcher(rules: Forbidden) -> tuple[Callable[[], list[str]], Callable[[], None]]:
    """A watch for ``rules``: ``start()`` installs the hook and returns the list it fills with the
    forbidden names whose code runs (in order of first call); ``stop()`` restores the hooks found.

    A watch started inside another one chains to it: both see every call.
    """
    match = _matcher(rules)
    setprofile, getprofile = sys.setprofile, sys.getprofile
    set_thread_profile, get_thread_profile = threading.setprofile, threading.getprofile
    found: list[tuple] = []  # the hooks to restore

    def start() -> list[str]:
        hits: list[str] = []
        seen: dict[types.CodeType, str | None] = {}
        previous = getprofile()

        def hook(frame, event, arg):
            if event == "call":
                code = frame.f_code
                if code not in seen:
                    seen[code] = match(code)
                name = seen[code]
                if name is not None and name not in hits:
                    hits.append(name)
            if previous is not None:
                previous(frame, event, arg)

        found.append((previous, get_thread_profile()))
        set_thread_profile(hook)
        setprofile(hook)
        return hits

    def stop() -> None:
        previous, previous_threads = found.pop()
        setprofile(previous)
        set_thread_profile(previous_threads)

    return start, stop


@contextmanager
def calls_to(rules: Forbidden) -> Iterator[list[str]]:
    """Within the block, collect the forbidden names whose code runs (see :func:`watcher`).

    Parameters
    ----------
    rules : Forbidden
        From :func:`forbidden` or :func:`resolve`.

    Yields
    ------
    list of str
        Filled while the block runs; empty if no forbidden code ran.
    """
    start, stop = watcher(rules)
    hits = start()
    try:
        yield hits
    finally:
        stop()


def watch_codes() -> frozenset[types.CodeType]:
    """The code objects that install and remove a watch's hook (the sandbox tells them from tampering)."""
    return frozenset(_codes(watcher))
