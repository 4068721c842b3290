"""Templates a person wrote, compiled and rendered in a child process with limits.

jinja2's sandbox stops escapes, not cost: a loop of loops runs for minutes, ``9**9999999``
computes for as long (jinja2 even folds it while compiling), and ``'x'|center(2000000000)``
asks for gigabytes. So text that did not ship with jobtracker is compiled and rendered only
here: one long-lived child, started on first use (or ahead of it, see
:meth:`TemplateRunner.start_in_background`), whose address space is capped
(:data:`MEMORY_LIMIT`), which is stopped and replaced when a request passes
:data:`TIME_LIMIT`, and which refuses output past :data:`OUTPUT_LIMIT`. The shipped
templates render in-process (see :mod:`templates`), so ordinary drafts pay nothing.

Requests and answers are one JSON line each over the child's stdin and stdout.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobtracker.domain.templates import CompiledTemplate, TemplateProblem

#: a render (compile included) that takes longer is stopped
TIME_LIMIT = 2.0
#: the child's whole address space: Python and jinja2 take about 60 MB of it
MEMORY_LIMIT = 512 * 1024 * 1024
#: the longest draft a template may produce, in characters
OUTPUT_LIMIT = 100_000
#: starting the child (importing jinja2) on a busy machine
START_LIMIT = 60.0
#: a person's template files, in ``paths.user_templates_dir``
SUFFIX = ".txt.j2"
#: how the packaged app, which has no ``python -m``, is asked to be the child
SERVE_ARGUMENT = "--serve-templates"


class TemplateRunner:
    """The parent's side: sends a template and its values, waits at most TIME_LIMIT."""

    def __init__(self) -> None:
        self._child: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def run(self, source: str, context: Mapping[str, Any] | None) -> dict[str, Any]:
        """Compile ``source`` (checking its variables) and render it with ``context`` (the
        sample application when None). Returns ``{"text": ...}`` or ``{"problem":
        {"line": ..., "message": ...}}``; never raises for what the template does."""
        request = json.dumps({"source": source, "context": context}, default=str) + "\n"
        with self._lock:
            try:
                child = self._child or self._start()
            except OSError as exc:
                return _problem(f"your templates cannot be rendered here ({exc})")
            try:
                assert child.stdin is not None and child.stdout is not None
                child.stdin.write(request.encode("utf-8"))
                child.stdin.flush()
                line = _read_line(child.stdout, time.monotonic() + TIME_LIMIT)
            except TimeoutError:
                self._stop()
                return _problem(f"took longer than {TIME_LIMIT:g} seconds to render; stopped")
            except OSError:
                line = b""
            if not line:  # the child died: out of memory in a way Python could not report
                self._stop()
                return _problem("stopped: it needed more memory than a draft may use")
        answer: dict[str, Any] = json.loads(line)
        return answer

    @property
    def running(self) -> bool:
        """Whether the child is started and waiting for a template."""
        return self._child is not None

    def start_in_background(self) -> None:
        """Start the child on a thread of its own, so that the first render of a person's
        template (opening the draft editor) does not wait while the child imports jinja2."""
        threading.Thread(target=self._start_if_stopped, name="templates", daemon=True).start()

    def _start_if_stopped(self) -> None:
        with self._lock, contextlib.suppress(OSError):  # run() tries again and says why
            if self._child is None:
                self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        child = subprocess.Popen(
            _child_command(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert child.stdout is not None
        try:
            ready = _read_line(child.stdout, time.monotonic() + START_LIMIT)
        except TimeoutError:
            ready = b""
        if ready.strip() != b"ready":
            child.kill()
            child.wait()
            raise OSError("the template renderer did not start")
        self._child = child
        return child

    def _stop(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child.wait()
            self._child = None

    def close(self) -> None:
        with self._lock:
            if self._child is not None and self._child.stdin is not None:
                self._child.stdin.close()
                try:
                    self._child.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._child.kill()
                    self._child.wait()
                self._child = None


def start_ahead_for(user_dir: Path) -> None:
    """Have the child ready before a person's own templates are first listed (nothing to
    do when they have none: the shipped ones render in-process)."""
    if any(user_dir.glob("*" + SUFFIX)):
        RUNNER.start_in_background()


def _problem(message: str, line: int | None = None) -> dict[str, Any]:
    return {"problem": {"line": line, "message": message}}


def _read_line(stream: IO[bytes], deadline: float) -> bytes:
    """One line from the child, or TimeoutError at ``deadline``; b"" when it died."""
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise TimeoutError
            chunk = os.read(stream.fileno(), 1 << 16)
            if not chunk:
                return b""
            chunks.append(chunk)
            if chunk.endswith(b"\n"):
                return b"".join(chunks)


RUNNER = TemplateRunner()
atexit.register(RUNNER.close)


def _child_command() -> list[str]:
    """The child's command line: the packaged app (PyInstaller sets ``sys.frozen``) is its
    own interpreter and takes :data:`SERVE_ARGUMENT` in its entry point."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SERVE_ARGUMENT]
    return [sys.executable, "-P", "-m", __name__]


def serve() -> None:
    """The child: limits first, then one answer line per request line until stdin closes.

    An alarm a little past the parent's time limit ends a render the parent has stopped
    waiting for, should the parent itself be gone.
    """
    import resource
    import signal

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    _answer("", {})  # load jinja2 and the sandbox before saying ready

    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        signal.alarm(int(TIME_LIMIT) + 2)
        try:
            answer = _answer(request["source"], request["context"])
        except MemoryError:
            answer = _problem("stopped: it needed more memory than a draft may use")
        signal.alarm(0)
        out.write(json.dumps(answer).encode("utf-8") + b"\n")
        out.flush()


def _answer(source: str, context: Mapping[str, Any] | None) -> dict[str, Any]:
    from jobtracker.domain import templates

    compiled = _checked(source)
    if isinstance(compiled, templates.TemplateProblem):
        return _problem(compiled.message, compiled.line)
    given = templates.SAMPLE_CONTEXT if context is None else context
    result = templates.render_text(compiled, templates.with_inputs(compiled, given), OUTPUT_LIMIT)
    if isinstance(result, str):
        return {"text": result}
    return _problem(result.message, result.line)


@functools.lru_cache(maxsize=64)
def _checked(source: str) -> CompiledTemplate | TemplateProblem:
    """Each text checked and compiled once: the editor re-renders on every keystroke."""
    from jobtracker.domain import templates

    return templates.trusted_problem(source) or templates.compile_trusted(source)


if __name__ == "__main__":
    serve()
