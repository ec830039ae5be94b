"""Shared fixtures: the book built once per session, and a headless Chromium to open it."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: no per-example deadline (a loaded CI machine is slow, not wrong); in CI the
# examples are derandomised, so a red run can be reproduced exactly from its log.
settings.register_profile("course", deadline=None, derandomize=os.environ.get("CI") == "true")
settings.load_profile("course")

REPO = Path(__file__).resolve().parents[1]
BROWSER_DIR = REPO / "tests" / "browser"  # package.json and package-lock.json pin axe-core
NPM_HINT = "install Node.js and npm (apt-get install npm); the test runs `npm ci` in tests/browser"

# Tests with any of these markers are also marked `slow`, which `make test-fast` deselects.
SLOW_MARKERS = {"notebooks", "book", "browser", "binder"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_MARKERS & {mark.name for mark in item.iter_markers()}:
            item.add_marker(pytest.mark.slow)


CHROMIUM_HINT = "install it with: apt-get install chromium; pip install -r requirements-dev.txt"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class BuiltBook:
    returncode: int
    output: str  # stdout and stderr of `jupyter-book build`, interleaved
    html: Path
    command: list[str]


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> BuiltBook:
    """Build the HTML book once, warnings as errors, into a temporary folder."""
    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [
        str(jupyter_book), "build", str(REPO), "--builder", "html",
        "-W", "-n", "--keep-going", "--all", "--path-output", str(out),
    ]  # fmt: skip
    proc = subprocess.run(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
        check=False,
    )
    return BuiltBook(proc.returncode, proc.stdout, out / "_build" / "html", command)


@pytest.fixture(scope="session")
def student_env(tmp_path_factory: pytest.TempPathFactory):
    """The environment a student gets on Binder, built from binder/ alone (tests/student_env.py).

    Built once per test run: pytest-xdist workers share it (the first builds, the others wait).
    Pair it with ``student_env.register_kernel`` to run notebooks in it.
    """
    import student_env as student  # tests/, on sys.path as the conftest's folder

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # one folder per run
    folder = Path(os.environ.get("MCTOOLS_STUDENT_ENV") or shared / "student-env")  # or a Makefile's build
    if student.uv() is None:
        _missing_tool("uv is not installed (pip install uv)")
    try:
        return student.build_once(folder)
    except student.StudentEnvError as error:
        if "only-system" in str(error) or "No interpreter found" in str(error):
            _missing_tool(f"Binder's Python ({student.python_version()}, binder/runtime.txt) is not installed")
        raise


def _missing_tool(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def student_notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The student edition's notebooks (scripts/student_edition.py --notebooks-only), in a tmp dir."""
    out = tmp_path_factory.mktemp("student")
    command = [sys.executable, str(REPO / "scripts" / "student_edition.py"), "--notebooks-only", "--output", str(out)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, f"{' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}"
    return out / "notebooks"


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _missing_browser(reason: str, hint: str = CHROMIUM_HINT) -> None:
    message = f"{reason}; {hint}"
    if os.environ.get("MCTOOLS_REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def book_server(built_book: BuiltBook) -> Iterator[str]:
    """Serve the built HTML on 127.0.0.1 at a free port; yields the base URL."""
    if not (built_book.html / "index.html").is_file():
        pytest.fail(f"the book build produced no HTML:\n{built_book.output}", pytrace=False)
    handler = functools.partial(_QuietHandler, directory=str(built_book.html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A headless Debian Chromium with a fresh profile, driven by Playwright."""
    chromium = _chromium()
    if chromium is None:
        _missing_browser("Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("the Python package playwright is not installed")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's ``axe.min.js``, at the version pinned in tests/browser/package-lock.json.

    Installed with ``npm ci`` (exactly the lockfile) into tests/browser/node_modules when it is
    missing or at another version; the browser test injects it into every page.
    """
    lock = json.loads((BROWSER_DIR / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    package = BROWSER_DIR / "node_modules" / "axe-core"

    def installed() -> str | None:
        manifest = package / "package.json"
        return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.is_file() else None

    if installed() != pinned:
        npm = shutil.which("npm")
        if npm is None:
            _missing_browser("npm is not installed", NPM_HINT)
        command = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
        proc = subprocess.run(command, cwd=BROWSER_DIR, capture_output=True, text=True, timeout=300, check=False)
        if proc.returncode != 0:
            pytest.fail(f"`{' '.join(command)}` in {BROWSER_DIR} failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    assert installed() == pinned, f"npm ci installed axe-core {installed()}, the lockfile pins {pinned}"
    return package / "axe.min.js"
