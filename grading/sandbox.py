"""The student's side of grading: one notebook's code, run in its own process, watched.

``grading/runner.py`` starts this file as a script, ``python -I sandbox.py COMMANDS REPLIES
MEMORY``, in a fresh working folder, and drives it through two pipes with one JSON message per
line. The process first caps its address space at ``MEMORY`` bytes (``RLIMIT_AS``: an answer
that allocates too much gets a ``MemoryError``), installs an audit hook (:class:`Monitor`),
then answers:

``{"op": "cell", "index": i, "source": ..., "timeout": s}``
    runs one code cell in the notebook's namespace, stopped after ``s`` seconds by ``SIGALRM``;
    replies ``{"error": "ZeroDivisionError: division by zero" or null, "timed_out": bool}``.
``{"op": "grade", "label": ..., "function": ..., "cases": [...], "forbidden": [...], "timeout": s}``
    calls the student's function on every case, under the profile hook of
    ``mctools.exercises._forbidden`` and a time limit of ``s`` seconds for all the cases, and
    replies with each case's outcome (the result as a float array, or the error), the forbidden
    names whose code ran, and whether the time ran out. The comparison with the references is
    not made here: the grader does it in its own process, which never runs student code.

Every reply carries the tamper flags raised since the last one. Only ``-I`` (isolated mode) is
used so that neither the working folder nor the grader's folder is on ``sys.path``: the hidden
cases and references are not importable from here, and no case's expected value is ever sent.

What the :class:`Monitor` flags, when student code (a cell, or a function a cell defined) is on
the stack: installing a profile or trace function other than the grader's (``sys.setprofile``,
``sys.settrace``, which would blind the watch), walking frames (``sys._getframe``,
``inspect.currentframe``), the garbage collector's object lists, ``ctypes``, building code
objects or replacing a function's ``__code__``, starting processes, reading the course's source
(``mctools``), the grader or the course notebooks, and writing outside the working folder. It
refuses outright (``PermissionError``) to open the grader's files or the course notebooks (they
hold the solutions), the grader process's ``/proc`` entries, and to signal another process.

The limits, honestly: this is one Python process, and Python has no barrier inside a process. A
student who writes code aimed at the grader itself can get past the flags (for instance by
reaching the hook's state through an object it already holds) or write a reply on the pipe; the
flags cover the usual tools for that, and a flagged notebook earns no points until an
instructor has looked. Run the grader in a container or under a throwaway account: student code
runs with its permissions.
"""

from __future__ import annotations

import builtins
import json
import os
import resource
import signal
import sys
import threading

CELL_PREFIX = "<cell "  # the file name of code compiled from cell i is "<cell i>"
MAX_OUTPUT_SIZE = 100_000  # more numbers than any case needs: only the shape is sent back
_EXEMPT = ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>")  # imports
_WARNINGS = os.sep + "warnings.py"  # a warning is shown with its source line, read through linecache
_INSPECT = os.sep + "inspect.py"
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_FRAME_EVENTS = {"sys._getframe", "sys._current_frames"}
_PROCESS_EVENTS = {"os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "subprocess.Popen"}
_EVENTS = {
    "sys.setprofile", "sys.settrace", "sys.addaudithook", "code.__new__",
    "gc.get_objects", "gc.get_referrers", "gc.get_referents",
    *_FRAME_EVENTS, *_PROCESS_EVENTS,
}  # fmt: skip


class TimeLimit(BaseException):  # not an Exception: the clock ran out, the code did nothing wrong
    """Raised by SIGALRM; a BaseException so that a student's ``except Exception`` does not swallow it."""


def _on_alarm(signum, frame):
    raise TimeLimit


def _timed(seconds: float, action, *arguments):
    """``action(*arguments)``, interrupted by :class:`TimeLimit` after ``seconds``.

    The alarm repeats every half second past the limit, so a loop that catches the first
    interrupt (``except BaseException``) still gets one outside its ``try``; the clock is
    stopped before anything else runs, whatever ``action`` raised.
    """
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        return action(*arguments)
    finally:
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except TimeLimit:  # the alarm went off once more on the way out
                continue


def encode(value):
    """A case argument or result as JSON: numbers as they are, arrays as ``{"array": ..., "dtype": ...}``."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return {"array": value.tolist(), "dtype": str(value.dtype)}
    if isinstance(value, np.generic):
        return value.item()
    return value


def decode(value):
    import numpy as np

    if isinstance(value, dict):
        return np.array(value["array"], dtype=value["dtype"])
    return value


class Monitor:
    """The audit hook: flags (and for a few events refuses) what student code should not do."""

    def __init__(self, protected: list[str], blocked: list[str], workdir: str, legitimate: frozenset) -> None:
        self.protected = tuple(protected)  # folders and files a student should not read
        self.blocked = tuple(blocked)  # folders and files nobody in this process may open
        self.workdir = workdir
        self.legitimate = legitimate  # the code objects that install the grader's profile hook
        self.flags: list[str] = []
        self.context = "before the first cell"
        self.active = False
        self._busy = False

    def flag(self, what: str, where: str | None = None) -> None:
        """Record a flag; ``where`` is the cell of the student code involved, if the context is not it."""
        message = f"{self.context}: {what}" + (f" (code of {where})" if where and where != self.context else "")
        if message not in self.flags:
            self.flags.append(message)

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active or self._busy or not _watched(event, args):
            return
        self._busy = True  # what follows raises audit events of its own
        try:
            frame, stack = sys._getframe(1), []  # frame 1: the code that raised the event
            while frame is not None:
                stack.append(frame.f_code)
                frame = frame.f_back
            self._check(event, args, stack)
        finally:
            self._busy = False

    def _check(self, event: str, args: tuple, stack: list) -> None:
        if event in ("sys.setprofile", "sys.settrace"):
            if stack[0] not in self.legitimate:
                self.flag(f"{event} called (it would switch off the grader's watch)")
            return
        if event in ("os.kill", "os.killpg", "signal.pthread_kill"):
            self.flag(f"{event}{args} refused")
            raise PermissionError(f"{event} is not allowed while grading")
        path = None
        if event == "open":
            path = os.path.realpath(os.fsdecode(args[0]))
            if path.startswith(self.blocked):
                self.flag(f"tried to open {path} (refused)")
                raise PermissionError(f"{path} cannot be opened while grading")
        student = next((c.co_filename[1:-1] for c in stack if c.co_filename.startswith(CELL_PREFIX)), None)
        if student is None or any(c.co_filename in _EXEMPT or c.co_filename.endswith(_WARNINGS) for c in stack):
            return  # the grader's own doing, an import, or a warning shown with its source line
        if event == "open":
            mode, flags = args[1] or "", args[2] or 0
            if any(m in mode for m in "wax+") or flags & _WRITE_FLAGS:
                if not path.startswith(self.workdir):
                    self.flag(f"wrote {path}", student)
            elif path.startswith(self.protected):
                self.flag(f"read {path}", student)
        elif event in _FRAME_EVENTS:
            # Only the student's own call counts: libraries (namedtuple, typing, logging) walk frames.
            caller = next(c for c in stack if not c.co_filename.endswith(_INSPECT))
            if caller.co_filename.startswith(CELL_PREFIX):
                self.flag(f"{event} used", student)
        elif event == "object.__setattr__":
            self.flag("a function's __code__ replaced", student)
        elif event in _PROCESS_EVENTS:  # another process would run unwatched, and outlive the grading
            self.flag(f"{event} refused", student)
            raise PermissionError(f"{event}: starting a process is not allowed while grading")
        else:
            self.flag(f"{event} used", student)


def _watched(event: str, args: tuple) -> bool:
    """Whether the :class:`Monitor` looks at an event at all (most are imports and compiles)."""
    if event == "open":
        return isinstance(args[0], str | bytes | os.PathLike)  # not a file descriptor
    if event in ("os.kill", "os.killpg", "signal.pthread_kill"):
        return args[0] != os.getpid()
    if event == "object.__setattr__":
        return len(args) > 1 and args[1] == "__code__"
    return event in _EVENTS or event.startswith("ctypes.")


class Sandbox:
    """The notebook's namespace and the two things the grader asks of it: run a cell, grade a function."""

    def __init__(self, monitor: Monitor) -> None:
        from mctools.exercises._core import run_case
        from mctools.exercises._forbidden import calls_to, forbidden

        self.monitor = monitor
        self.run_case, self.calls_to, self.forbidden = run_case, calls_to, forbidden  # bound before any cell runs
        # Outputs are not kept, so display() does nothing (IPython's would need a kernel).
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "display": lambda *args, **kwargs: None}

    def cell(self, index: int, source: str, timeout: float) -> dict:
        self.monitor.context = f"cell {index}"
        try:
            code = compile(source, f"{CELL_PREFIX}{index}>", "exec")
        except (SyntaxError, ValueError) as error:  # IPython magics (%, !) are syntax errors here too
            return {"error": f"{type(error).__name__}: {error}", "timed_out": False}
        try:
            _timed(timeout, exec, code, self.namespace)
        except TimeLimit:
            return {"error": f"stopped after the time limit of {timeout:g} s", "timed_out": True}
        except BaseException as error:  # the student's error, whatever it is, is reported
            return {"error": f"{type(error).__name__}: {error}"[:500], "timed_out": False}
        return {"error": None, "timed_out": False}

    def grade(self, label: str, function: str, cases: list, forbidden: list[str], timeout: float) -> dict:
        self.monitor.context = f"while grading {label}"
        answer = self.namespace.get(function)
        if not callable(answer):
            problem = "is not defined" if answer is None else f"is a {type(answer).__name__}, not a function"
            return {"problem": f"{function} {problem}: define it in the notebook under the stub's name"}
        if threading.active_count() > 1:
            self.monitor.flag("a thread started by the notebook was running while the function was graded")
        rules = self.forbidden(tuple(forbidden))
        outcomes, watches, timed_out = [], [], False

        def call_every_case() -> None:
            with self.calls_to(rules) as calls:
                watches.append(calls)  # filled as the cases run, kept if the clock stops them
                installed = sys.getprofile()
                for arguments in cases:
                    outcomes.append(self._encode_outcome(self.run_case(answer, tuple(decode(a) for a in arguments))))
                if sys.getprofile() is not installed:
                    self.monitor.flag("the grader's profile hook was replaced while the function ran")

        try:
            _timed(timeout, call_every_case)
        except TimeLimit:
            timed_out = True
        except BaseException as error:  # SystemExit and the like, raised by the answer
            outcomes.append({"raised": f"{type(error).__name__}: {error}"[:500]})
        calls = [str(name) for watched in watches for name in watched]
        return {"outcomes": outcomes, "calls": calls, "timed_out": timed_out}

    @staticmethod
    def _encode_outcome(outcome) -> dict:
        if outcome.value is None:
            return {"unfinished": outcome.unfinished, "raised": outcome.raised, "returned": outcome.returned}
        value = outcome.value
        data = value.ravel().tolist() if value.size <= MAX_OUTPUT_SIZE else None
        return {"shape": list(value.shape), "data": data}


def main() -> None:
    commands, replies, memory = (int(a) for a in sys.argv[1:4])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGALRM, _on_alarm)
    reader = os.fdopen(commands, "r", encoding="utf-8")
    setup = json.loads(reader.readline())

    from mctools.exercises._forbidden import watch_codes

    monitor = Monitor(setup["protected"], setup["blocked"], os.path.realpath(os.getcwd()), watch_codes())
    sys.addaudithook(monitor)
    sandbox = Sandbox(monitor)
    monitor.active = True

    def reply(message: dict) -> None:
        message["flags"], monitor.flags = monitor.flags, []
        data = (json.dumps(message) + "\n").encode()
        while data:
            data = data[os.write(replies, data) :]

    reply({"ready": True})
    for line in reader:
        request = json.loads(line)
        if request["op"] == "cell":
            reply(sandbox.cell(request["index"], request["source"], request["timeout"]))
        elif request["op"] == "grade":
            arguments = ("label", "function", "cases", "forbidden", "timeout")
            reply(sandbox.grade(*(request[a] for a in arguments)))
        else:
            break


if __name__ == "__main__":
    main()
