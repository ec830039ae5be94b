"""The generic-CPU settings and the libm jitter shim of tests/cpu_settings.py do what they say.

They are what makes "outputs that hold on any CPU" testable on one machine, so each is checked
in a fresh interpreter: the SIMD targets are really off, and under the shim numpy's and
Python's transcendental functions really return other last bits (by at most 4 ulps, exact
results untouched). Without a C compiler the shim tests are skipped with a message, or fail if
``MCTOOLS_REQUIRE_CC=1``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cpu_settings
import numpy as np
import pytest

PROBE = """
import json, math, sys
import numpy as np
from numpy._core import _multiarray_umath as umath
x = np.linspace(-3.0, 3.0, 2001) + 0.1234567
print(json.dumps({
    "features": {name: bool(on) for name, on in umath.__cpu_features__.items()},
    "np_exp": np.exp(x).view(np.int64).tolist(),
    "np_log": np.log(np.abs(x)).view(np.int64).tolist(),
    "np_power": np.power(np.abs(x), 1.37).view(np.int64).tolist(),
    "math_exp": np.array([math.exp(v) for v in x]).view(np.int64).tolist(),
    "exact": [np.exp(0.0), np.log(1.0), np.power(2.0, 3.0), math.exp(0.0), math.pow(2.0, 10.0), math.pow(10.0, 15.0)],
}))
"""


def probe(env: dict[str, str]) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def shim_dir(tmp_path_factory):
    if sys.platform != "linux":
        pytest.skip("the libm jitter shim needs Linux (LD_PRELOAD)")
    directory = tmp_path_factory.mktemp("libm-jitter")
    try:
        cpu_settings.build_shim(directory)
    except cpu_settings.CompilerMissingError as error:
        if os.environ.get("MCTOOLS_REQUIRE_CC") == "1":
            pytest.fail(str(error), pytrace=False)
        pytest.skip(str(error))
    return directory


@pytest.fixture(scope="module")
def generic():
    return probe(cpu_settings.generic_cpu_env())


def test_generic_settings_switch_off_every_dispatch_target(generic):
    targets = cpu_settings.optional_simd_features()
    assert targets, "numpy reports no dispatch targets: nothing to switch off?"
    assert cpu_settings.generic_cpu_env()["NPY_DISABLE_CPU_FEATURES"].split() == targets
    still_on = [name for name in targets if generic["features"].get(name)]
    assert not still_on, f"NPY_DISABLE_CPU_FEATURES left {still_on} on"


def test_the_shim_moves_the_last_bits_of_numpy_and_math(generic, shim_dir):
    jittered = probe(cpu_settings.jitter_env(shim_dir, hash_seed=None))
    other_cpu = probe(cpu_settings.jitter_env(shim_dir, seed=2, hash_seed=None))
    for name in ("np_exp", "np_log", "np_power", "math_exp"):
        plain, moved, moved_2 = (np.array(run[name]) for run in (generic, jittered, other_cpu))
        ulps = np.abs(moved - plain)  # int64 views of positive floats: the distance in ulps
        assert np.mean(ulps > 0) > 0.8, f"{name}: the shim changed only {np.mean(ulps > 0):.0%} of the results"
        assert ulps.max() <= 4, f"{name}: moved by {ulps.max()} ulps"
        assert np.mean(moved != moved_2) > 0.8, f"{name}: another seed should emulate another CPU"
    assert jittered["exact"] == generic["exact"] == [1.0, 0.0, 8.0, 1.0, 1024.0, 1e15]


@pytest.mark.skipif(sys.platform != "linux", reason="the shim is built on Linux only")
def test_without_a_compiler_the_harness_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CC", "no-such-compiler-here")
    with pytest.raises(cpu_settings.CompilerMissingError, match="needs `cc`"):
        cpu_settings.build_shim(tmp_path)
