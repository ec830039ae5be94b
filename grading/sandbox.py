"""The student's side of grading: one notebook's code, run in its own process, watched.

``grading/runner.py`` starts this file as a script, ``python -I sandbox.py COMMANDS REPLIES
MEMORY``, in a fresh working folder, and drives it through two pipes with one JSON message per
line. The process first caps its address space at ``MEMORY`` bytes (``RLIMIT_AS``: an answer
that allocates too much gets a ``MemoryError``) and the size of any file it writes, installs an
audit hook (:class:`Monitor`), then answers:

``{"op": "cell", "index": i, "source": ..., "timeout": s, "token": t}``
    runs one code cell in the notebook's namespace, stopped after ``s`` seconds by ``SIGALRM``;
    replies ``{"error": "ZeroDivisionError: division by zero" or null, "timed_out": bool}``.
``{"op": "grade", "label": ..., "function": ..., "cases": [...], "timeout": s, "token": t}``
    calls the student's function on every case, under the watch of
    ``mctools.exercises._forbidden`` and a time limit of ``s`` seconds for all the cases, and
    replies with each case's outcome (the result as a float array, or the error), the forbidden
    names whose code ran, and whether the time ran out. The comparison with the references is
    not made here: the grader does it in its own process, which never runs student code.

The first line the grader sends sets things up: the paths the :class:`Monitor` guards, each
exercise's forbidden names (each watch is made then, before any cell runs) and a token. A reply
is ``{"token": t, "reply": ...}`` with the token of its request, so a line that student code
writes on the pipe is not taken for one; a tamper flag, ``{"flag": ...}``, is sent the moment it
is raised, before the code that raised it goes on. ``-I`` (isolated mode) keeps the working
folder and the grader's folder off ``sys.path``: the hidden cases and references are not
importable from here, and no case's expected value is ever sent.

What the :class:`Monitor` flags, when student code (a cell, or a function a cell defined) is on
the stack: installing a profile or trace function other than the grader's (``sys.setprofile``,
``sys.settrace``, which would blind the watch), reaching for frames (``sys._getframe``,
``inspect.currentframe``, a traceback's ``tb_frame``, a generator's ``gi_frame``), the garbage
collector's object lists, ``ctypes``, building code objects or replacing a function's
``__code__``, reading the course's source (``mctools``), writing outside the working folder, a
thread running while the function is graded or left running by it. It refuses outright
(``PermissionError``, and a flag) to open the grader's files or the course notebooks (they hold
the solutions), the grader's ``/proc`` entries, to start a process (it would run unwatched and
could outlive the grading) and to signal another process. ``import __main__`` in a cell gets
the notebook's namespace, not this script, and what grading relies on is bound before the first
cell runs (see :class:`Sandbox`), so replacing a module's function from a cell changes nothing.

The limits, honestly: this is one Python process, and Python has no barrier inside a process. A
student who writes code aimed at the grader itself can get past the flags, through a route they
do not cover (frames reached through a library function, ``ctypes`` loaded before the first
cell, a short-lived thread started with the low-level ``_thread`` module during the call); the
flags cover the usual tools, a flagged notebook earns no points until an instructor has looked,
and the grade itself is computed in the grader's process from the outputs alone. Run the grader
in a container or under a throwaway account: student code runs with its permissions.
"""

from __future__ import annotations

import builtins
import json
import os
import resource
import signal
import sys
import types

CELL_PREFIX = "<cell "  # the file name of code compiled from cell i is "<cell i>"
MAX_OUTPUT_SIZE = 100_000  # more numbers than any case needs: only the shape is sent back
MAX_FILE_BYTES = 64 * 2**20
_EXEMPT = ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>")  # imports
_WARNINGS = os.sep + "warnings.py"  # a warning is shown with its source line, read through linecache
_INSPECT = os.sep + "inspect.py"
# mctools.lowrank runs LAPACK on one thread through threadpoolctl, which reaches the BLAS and
# OpenMP libraries already loaded with ctypes: its ctypes calls are not the student's.
_THREADPOOLCTL = os.sep + "threadpoolctl.py"
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_FRAME_EVENTS = {"sys._getframe", "sys._current_frames"}
_FRAME_ATTRIBUTES = {"tb_frame", "gi_frame", "cr_frame", "ag_frame"}  # audited reads that give a frame
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

    def __init__(self, protected: list[str], blocked: list[str], workdir: str, legitimate: frozenset, send) -> None:
        self.protected = tuple(protected)  # folders and files a student should not read
        self.blocked = tuple(blocked)  # folders and files nobody in this process may open
        self.workdir = workdir
        self.legitimate = legitimate  # the code objects that install the grader's profile hook
        self.send = send
        self.sent: set[str] = set()
        self.context = "before the first cell"
        self.active = False
        self._busy = False

    def flag(self, what: str, where: str | None = None) -> None:
        """Send a flag to the grader at once, before the code that raised it goes on.

        ``where`` is the cell of the student code involved, if the context is not that cell.
        """
        message = f"{self.context}: {what}" + (f" (code of {where})" if where and where != self.context else "")
        if message not in self.sent:  # once each: a flagged call in a loop would flood the pipe
            self.sent.add(message)
            self.send({"flag": message})

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
        elif event in _FRAME_EVENTS or event == "object.__getattr__":
            # Only the student's own reach for a frame counts: libraries (namedtuple, typing,
            # logging, traceback printing) walk frames for their own purposes.
            caller = next(c for c in stack if not c.co_filename.endswith(_INSPECT))
            if caller.co_filename.startswith(CELL_PREFIX):
                what = f"the attribute {args[1]} read" if event == "object.__getattr__" else f"{event} used"
                self.flag(f"{what} (a way to the grader's frames)", student)
        elif event == "object.__setattr__":
            self.flag("a function's __code__ replaced", student)
        elif event in _PROCESS_EVENTS:  # another process would run unwatched, and outlive the grading
            self.flag(f"{event} refused", student)
            raise PermissionError(f"{event}: starting a process is not allowed while grading")
        elif not (event.startswith("ctypes.") and any(c.co_filename.endswith(_THREADPOOLCTL) for c in stack)):
            self.flag(f"{event} used", student)


def _watched(event: str, args: tuple) -> bool:
    """Whether the :class:`Monitor` looks at an event at all (most are imports and compiles)."""
    if event == "open":
        return isinstance(args[0], str | bytes | os.PathLike)  # not a file descriptor
    if event in ("os.kill", "os.killpg", "signal.pthread_kill"):
        return args[0] != os.getpid()
    if event == "object.__setattr__":
        return len(args) > 1 and args[1] == "__code__"
    if event == "object.__getattr__":
        return len(args) > 1 and args[1] in _FRAME_ATTRIBUTES
    return event in _EVENTS or event.startswith("ctypes.")


class Sandbox:
    """The notebook's namespace and the two things the grader asks of it: run a cell, grade a function.

    Everything grading relies on is bound here, before any cell runs: a watch per exercise, the
    function that calls the answer, the thread counter. Replacing a module's functions from a
    cell changes none of them.
    """

    def __init__(self, monitor: Monitor, forbidden: dict[str, list[str]]) -> None:
        import _thread

        from mctools.exercises._core import run_case
        from mctools.exercises._forbidden import resolve, watcher

        self.monitor = monitor
        self.watchers = {label: watcher(resolve(tuple(names))) for label, names in forbidden.items()}
        self.run_case, self.threads, self.getprofile = run_case, _thread._count, sys.getprofile
        # Outputs are not kept, so display() does nothing (IPython's would need a kernel).
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "display": lambda *args, **kwargs: None}
        # `import __main__` in a cell finds the notebook's namespace, as in Jupyter, not this script.
        main = types.ModuleType("__main__")
        main.__dict__.update(self.namespace)
        self.namespace = main.__dict__
        sys.modules["__main__"] = main

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

    def grade(self, label: str, function: str, cases: list, timeout: float) -> dict:
        self.monitor.context = f"while grading {label}"
        answer = self.namespace.get(function)
        if not callable(answer):
            problem = "is not defined" if answer is None else f"is a {type(answer).__name__}, not a function"
            return {"problem": f"{function} {problem}: define it in the notebook under the stub's name"}
        threads = self.threads()
        if threads:
            self.monitor.flag("a thread started by the notebook was running while the function was graded")
        start, stop = self.watchers[label]
        outcomes, watched, timed_out = [], [], False

        def call_every_case() -> None:
            watched.append(start())  # filled as the cases run, kept if the clock stops them
            try:
                installed = self.getprofile()
                for arguments in cases:
                    outcomes.append(self._encode_outcome(self.run_case(answer, tuple(decode(a) for a in arguments))))
                if self.getprofile() is not installed:
                    self.monitor.flag("the grader's profile hook was replaced while the function ran")
            finally:
                stop()

        try:
            _timed(timeout, call_every_case)
        except TimeLimit:
            timed_out = True
        except BaseException as error:  # SystemExit and the like, raised by the answer
            outcomes.append({"raised": f"{type(error).__name__}: {error}"[:500]})
        if self.threads() > threads:
            self.monitor.flag("the function left a thread running")
        calls = [str(name) for hits in watched for name in hits]
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
    # No file (stderr included) past 64 MB: a write beyond fails with an OSError, not a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, _on_alarm)
    reader = os.fdopen(commands, "r", encoding="utf-8")
    setup = json.loads(reader.readline())
    write, dumps = os.write, json.dumps

    def send(message: dict) -> None:
        data = (dumps(message) + "\n").encode()
        try:
            while data:
                data = data[write(replies, data) :]
        except OSError:  # the pipe was closed under us: the grader sees the end of the stream
            pass

    from mctools.exercises._forbidden import watch_codes

    monitor = Monitor(setup["protected"], setup["blocked"], os.path.realpath(os.getcwd()), watch_codes(), send)
    sys.addaudithook(monitor)
    sandbox = Sandbox(monitor, setup["forbidden"])
    monitor.active = True
    # Every reply echoes the request's token: a line a cell writes on the pipe does not have it.
    send({"token": setup["token"], "reply": {"ready": True}})
    for line in reader:
        request = json.loads(line)
        if request["op"] == "cell":
            answer = sandbox.cell(request["index"], request["source"], request["timeout"])
        elif request["op"] == "grade":
            answer = sandbox.grade(request["label"], request["function"], request["cases"], request["timeout"])
        else:
            break
        send({"token": request["token"], "reply": answer})


if __name__ == "__main__":
    main()
