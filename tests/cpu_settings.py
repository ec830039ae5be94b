"""Run the book as another CPU would: generic SIMD settings and a jittered libm.

Stored outputs must not depend on the CPU (CONTRIBUTING.md, "Outputs that hold on any CPU").
Two environments make that testable on one machine:

* :func:`generic_cpu_env`: every optional SIMD path of numpy off (the targets it dispatches
  to, ``numpy._core._multiarray_umath.__cpu_dispatch__``; the baseline cannot be switched
  off) and OpenBLAS on its generic core. numpy then calls the C library's ``exp``, ``log``,
  ``pow``... instead of its own AVX2/AVX-512 kernels, whose last bits differ from one CPU
  to the next.
* :func:`jitter_env`: the generic settings plus ``LD_PRELOAD`` of ``tests/libm_jitter.c``,
  compiled here with ``cc``, which moves every inexact result of those libm functions by a
  deterministic pseudo-random -4..4 units in the last place: a CPU whose transcendental
  kernels differ from this one's in every last bit. A stored output that survives it does
  not hang on the last bit of a float.

From the shell (the command runs with the jittered environment; ``MCTOOLS_JITTER_SEED=2``
emulates another CPU)::

    .venv/bin/python tests/cpu_settings.py                      # print the variables
    .venv/bin/python tests/cpu_settings.py -- .venv/bin/python -m pytest book
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHIM_SOURCE = Path(__file__).with_name("libm_jitter.c")
HASH_SEED = "271828"  # the other PYTHONHASHSEED of tests/test_determinism.py
_GENERIC_OPENBLAS_CORE = {"x86_64": "Prescott", "AMD64": "Prescott", "aarch64": "ARMV8", "arm64": "ARMV8"}


class CompilerMissingError(RuntimeError):
    """No C compiler to build the libm jitter shim."""


def optional_simd_features() -> list[str]:
    """numpy's dispatch targets: every SIMD feature beyond the baseline it was built for."""
    from numpy._core import _multiarray_umath as umath

    return list(umath.__cpu_dispatch__)


def generic_cpu_env() -> dict[str, str]:
    """Environment variables that take numpy and OpenBLAS to their generic code paths.

    ``NPY_DISABLE_CPU_FEATURES`` lists every dispatch target, present on this CPU or not
    (numpy ignores the absent ones); ``OPENBLAS_CORETYPE`` picks OpenBLAS's oldest kernel
    for this architecture (Prescott on x86-64, ARMV8 on ARM).
    """
    env = {"NPY_DISABLE_CPU_FEATURES": " ".join(optional_simd_features())}
    core = _GENERIC_OPENBLAS_CORE.get(platform.machine())
    if core is not None:
        env["OPENBLAS_CORETYPE"] = core
    return env


def build_shim(directory: str | os.PathLike) -> Path:
    """Compile ``libm_jitter.c`` into ``directory``; return the shared library's path.

    Raises :class:`CompilerMissingError` if there is no ``cc`` (or ``$CC``) and ``RuntimeError``
    with the compiler's message if the build fails. Linux only (``LD_PRELOAD``).
    """
    if sys.platform != "linux":
        raise RuntimeError(f"the libm jitter shim needs Linux's LD_PRELOAD; this is {sys.platform}")
    compiler = shutil.which(os.environ.get("CC", "cc"))
    if compiler is None:
        raise CompilerMissingError(
            "no C compiler: the libm jitter shim (tests/libm_jitter.c) needs `cc` "
            "(Debian: apt-get install gcc), or set CC"
        )
    library = Path(directory) / "libm_jitter.so"
    command = [compiler, "-O2", "-shared", "-fPIC", str(SHIM_SOURCE), "-o", str(library), "-ldl", "-lm"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"building the libm jitter shim failed: {' '.join(command)}\n{proc.stderr}")
    return library


def jitter_env(directory: str | os.PathLike, *, seed: int = 1, hash_seed: str | None = HASH_SEED) -> dict[str, str]:
    """The generic-CPU settings, the jittered libm and another ``PYTHONHASHSEED``.

    Merge it into a copy of ``os.environ`` for a notebook kernel or a subprocess. ``seed``
    picks which "other CPU" (MCTOOLS_JITTER_SEED); ``hash_seed=None`` leaves the hash seed.
    """
    env = {**generic_cpu_env(), "LD_PRELOAD": str(build_shim(directory)), "MCTOOLS_JITTER_SEED": str(seed)}
    preloaded = os.environ.get("LD_PRELOAD")
    if preloaded:
        env["LD_PRELOAD"] += f" {preloaded}"
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    return env


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else []
    directory = tempfile.mkdtemp(prefix="libm-jitter-")
    try:
        env = jitter_env(directory, seed=int(os.environ.get("MCTOOLS_JITTER_SEED", "1")))
        if not command:
            print("\n".join(f"{key}={value}" for key, value in env.items()))
            return 0
        return subprocess.run(command, env={**os.environ, **env}, check=False).returncode
    except CompilerMissingError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        if command:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
