"""The grader's side of a notebook run: the sandbox process, its limits, and what it reports.

:func:`run` starts ``sandbox.py`` in a fresh temporary folder with a scrubbed environment and
its own session, sends it the notebook's code cells one by one, then the exercises to grade,
and collects the replies. Limits:

* **time**: each cell and each exercise (all its cases) gets ``Limits.timeout`` seconds. The
  sandbox interrupts itself then (an endless loop in a cell becomes that cell's error, and the
  notebook goes on); if it does not answer ``Limits.grace`` seconds later (a loop that swallows
  the interrupt, a long call inside numpy), the grader kills its process group.
* **memory**: the sandbox caps its address space (``RLIMIT_AS``) at ``Limits.memory_mb``.
* **a dead process** (``os._exit``, a crash, a kill): the grader records the error against the
  cell (or exercise) that was running, starts a fresh process that skips that cell and every cell
  that ran out of time, and goes on, at most ``Limits.starts`` processes per notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .sandbox import encode

__all__ = ["Limits", "Report", "SandboxError", "Task", "run"]

SANDBOX = Path(__file__).resolve().with_name("sandbox.py")
MAX_REPLY_BYTES = 50_000_000
STARTUP_SECONDS = 120  # importing numpy, scipy and mctools on a loaded machine


@dataclass(frozen=True)
class Limits:
    """How long and how much a student's notebook may take."""

    timeout: float = 60.0  # seconds per cell, and per exercise for all of its cases
    memory_mb: int = 2048  # the sandbox's address space; the chapters peak at about 700 MB
    grace: float = 5.0  # seconds past the time limit before the process is killed
    starts: int = 3  # processes per notebook (each restart skips the cell that ended the last one)


@dataclass(frozen=True)
class Task:
    """An exercise to grade in the notebook: call ``function`` on each argument tuple of ``cases``."""

    label: str
    function: str
    cases: tuple[tuple, ...]
    forbidden: tuple[str, ...]


@dataclass
class Report:
    """What the sandbox reported: each cell's error, each exercise's answer, the tamper flags."""

    errors: dict[int, str] = field(default_factory=dict)  # cell index (from 0) -> "ZeroDivisionError: ..."
    answers: dict[str, dict] = field(default_factory=dict)  # label -> the sandbox's reply
    flags: list[str] = field(default_factory=list)
    failure: str | None = None  # why no sandbox could start at all

    def note_flags(self, flags: list[str]) -> None:
        """Add the flags of ``flags`` not noted yet (a restart raises the same ones again), then empty it."""
        for flag in flags:
            if flag not in self.flags:
                self.flags.append(flag)
        flags.clear()


class SandboxError(Exception):
    """The sandbox process ended, stopped answering, or answered nonsense."""


class _Process:
    def __init__(self, workdir: str, limits: Limits, protected: list[str], blocked: list[str], forbidden: dict) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        (Path(workdir) / "tmp").mkdir()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": workdir,  # caches a library writes land in the throwaway folder
            "TMPDIR": str(Path(workdir) / "tmp"),
            "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg",
            # One thread each: predictable memory under RLIMIT_AS, and jobs share the cores.
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        memory = str(limits.memory_mb * 2**20)
        self._stderr = tempfile.TemporaryFile(dir=workdir)  # noqa: SIM115 (closed by close())
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(SANDBOX), str(commands_read), str(replies_write), memory],
            pass_fds=(commands_read, replies_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            cwd=workdir,
            env=env,
            start_new_session=True,  # its own process group: killing it kills what it started
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self.flags: list[str] = []
        token = secrets.token_hex(16)
        try:
            self._send({"protected": protected, "blocked": blocked, "forbidden": forbidden, "token": token})
            self._receive(token, STARTUP_SECONDS)
        except SandboxError:
            self.close()
            raise

    def ask(self, request: dict, wait: float) -> dict:
        """Send ``request`` and return the sandbox's reply to it (flags on the way go to ``flags``)."""
        token = secrets.token_hex(16)
        self._send(request | {"token": token})
        return self._receive(token, wait)

    def _send(self, message: dict) -> None:
        data = (json.dumps(message) + "\n").encode()
        try:
            while data:
                data = data[os.write(self._commands, data) :]
        except BrokenPipeError:
            raise SandboxError(self._ended()) from None

    def _receive(self, token: str, wait: float) -> dict:
        deadline = time.monotonic() + wait
        while True:
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([self._replies], [], [], remaining)[0]:
                    self.kill()
                    raise SandboxError(f"did not stop within the time limit and was killed after {wait:g} s")
                chunk = os.read(self._replies, 1 << 16)
                if not chunk:
                    raise SandboxError(self._ended())
                self._buffer += chunk
                if len(self._buffer) > MAX_REPLY_BYTES:
                    self.kill()
                    raise SandboxError("sent a reply too long to be the grader's")
            line, _, self._buffer = self._buffer.partition(b"\n")
            try:
                message = json.loads(line)
            except ValueError:
                message = None
            if isinstance(message, dict) and isinstance(message.get("flag"), str) and len(message) == 1:
                self.flags.append(message["flag"][:300])
            elif isinstance(message, dict) and message.get("token") == token and isinstance(message.get("reply"), dict):
                return message["reply"]
            else:
                self.flags.append("a line that is not the grader's was written on the sandbox's pipe")
                self.kill()
                raise SandboxError("sent a reply that is not the grader's (was the pipe written to?)")

    def _ended(self) -> str:
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
            return "stopped answering and was killed"
        self._stderr.seek(0)
        last = (self._stderr.read().decode(errors="replace").strip().splitlines() or [""])[-1][:200]
        how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
        return f"ended: the process {how}" + (f" ({last})" if last else "")

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def close(self) -> None:
        self.kill()
        for fd in (self._commands, self._replies):
            os.close(fd)
        self._stderr.close()


def run(cells: list[tuple[int, str]], tasks: list[Task], limits: Limits, *, protected: list[str],
        blocked: list[str]) -> Report:  # fmt: skip
    """Run a notebook's code cells, then grade its exercises, in sandboxes; see the module docstring.

    Parameters
    ----------
    cells : list of (int, str)
        The code cells: their index among all the notebook's cells, and their source.
    tasks : list of Task
        The exercises to grade once every cell has run.
    limits : Limits
    protected : list of str
        Folders and files whose reading by student code is flagged (the course's source).
    blocked : list of str
        Folders and files the sandbox refuses to open (the grader, the course notebooks).

    Returns
    -------
    Report
    """
    report = Report()
    skipped: set[int] = set()
    pending = list(tasks)
    blocked = [*blocked, f"/proc/{os.getpid()}/", f"/proc/{os.getppid()}/"]
    forbidden = {task.label: list(task.forbidden) for task in tasks}
    for _ in range(limits.starts):
        with tempfile.TemporaryDirectory(prefix="grading-") as workdir:
            current: tuple[str, object] = ("start", None)
            process = None
            try:
                process = _Process(os.path.realpath(workdir), limits, protected, blocked, forbidden)
                for index, source in cells:
                    if index in skipped:
                        continue
                    current = ("cell", index)
                    request = {"op": "cell", "index": index, "source": source, "timeout": limits.timeout}
                    reply = process.ask(request, limits.timeout + limits.grace)
                    report.note_flags(process.flags)
                    if reply.get("error"):
                        report.errors.setdefault(index, str(reply["error"])[:500])
                    if reply.get("timed_out"):
                        skipped.add(index)  # not again on a restart
                while pending:
                    task = pending[0]
                    current = ("task", task.label)
                    request = {
                        "op": "grade",
                        "label": task.label,
                        "function": task.function,
                        "cases": [[encode(a) for a in case] for case in task.cases],
                        "timeout": limits.timeout,
                    }
                    reply = process.ask(request, limits.timeout + limits.grace)
                    report.note_flags(process.flags)
                    report.answers[task.label] = reply
                    pending.pop(0)
                return report
            except SandboxError as death:
                if process is not None:
                    report.note_flags(process.flags)
                kind, key = current
                if kind == "cell":
                    report.errors.setdefault(key, f"the notebook's process {death}")
                    skipped.add(key)
                elif kind == "task":
                    report.answers[key] = {"problem": f"the grading process {death} while {pending[0].function} ran"}
                    pending.pop(0)
                    if not pending:  # every cell has run already: nothing left to start a process for
                        return report
                else:
                    report.failure = f"the grading process could not start: it {death}"
                    break
            finally:
                if process is not None:
                    process.close()
    for task in pending:
        report.answers[task.label] = {"problem": f"not graded: the notebook ended its process {limits.starts} times"}
    return report
