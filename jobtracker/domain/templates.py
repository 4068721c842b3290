"""Draft templates: the shipped defaults, the user's overrides, the sandbox, error reports.

A template is plain text rendered by jinja2 in a sandbox (templates can come from anyone:
a shared file, a forum post). It starts with a front-matter comment naming its purpose and
the per-template inputs the editor asks for (``*`` marks one the note needs)::

    {# purpose: Add a point; inputs: point*=The point to add, example=A result (optional) #}
    Subject: Thank you, {{ recipient.first_name }}
    ...

User templates live in ``paths.user_templates_dir(db)`` as ``KEY.txt.j2`` and override the
default of the same key. Text that does not compile (or uses an unknown variable) is kept
beside it as ``KEY.txt.j2.broken`` so nothing typed is lost, while drafts keep rendering
from the last good version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.template_runner import OUTPUT_LIMIT, RUNNER, SUFFIX
from jobtracker.paths import ensure_private_dir, make_private_file, resources_dir

BROKEN_SUFFIX = SUFFIX + ".broken"
#: keys become file names: lower-case words and dashes only, so a name can never carry
#: code into the compiler (the malicious-filename escape, CVE-2024-56201)
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_FRONT_MATTER = re.compile(r"\A\s*\{#(.*?)#\}[ \t]*\n?", re.DOTALL)
_TEMPLATE_NAME = "<template>"

#: the variables every template may use (the README lists their fields)
CONTEXT_VARIABLES: dict[str, str] = {
    "me": "you: me.name, me.first_name, me.email, me.phone, me.signature",
    "company": "the company applied to",
    "role": "the role applied for",
    "url": "the job posting's address (may be empty)",
    "recipient": "recipient.name, .first_name ('Hiring Team' when none), .title, "
    ".email, .phone, .is_person",
    "interview": "the latest interview or none: interview.date, .weekday, .day, .when, "
    ".kind, .round, .title",
    "days_since_interview": "whole days since the latest interview (none without one)",
    "applied_on": "the day you applied, like '3 March' (none when not yet applied)",
    "days_since_applied": "whole days since you applied (none when not yet applied)",
}


@dataclass(frozen=True, slots=True)
class TemplateInput:
    """A value the editor asks for (topics discussed, the point to add ...); a required one
    (``point*=`` in the front matter) is asked for before the draft is used."""

    name: str
    label: str
    required: bool = False

    @property
    def gap(self) -> str:
        """What a draft shows where a required input is still empty: "[The point to add]"."""
        return f"[{self.label.partition(' (')[0]}]"


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """What is wrong with a template, where, in words a person can act on."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """One template as the editor lists it."""

    key: str
    purpose: str
    inputs: tuple[TemplateInput, ...]
    has_default: bool
    overridden: bool
    problem: TemplateProblem | None = None

    @property
    def title(self) -> str:
        """The name people see: ``thank-you`` -> ``Thank you``."""
        return self.key.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered draft, or the problem that stopped it."""

    subject: str
    body: str
    problem: TemplateProblem | None = None
    #: the template text used was not the current one (it was broken, so an older was used)
    fallback: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True, slots=True)
class CompiledTemplate:
    """Checked template text, ready to render many times: in-process for the shipped text
    (``template``), in the limited child process for a person's (``template`` None)."""

    source: str
    template: Template | None
    purpose: str
    inputs: tuple[TemplateInput, ...]


class _Sandbox(ImmutableSandboxedEnvironment):
    """The jinja2 sandbox, refusing every underscore name outright.

    The stock sandbox returns an "undefined" for some of them (a ``__call__`` that does not
    exist), which then fails with a confusing message; refusing them all up front gives a
    plain SecurityError for each escape payload of the 2024-2025 advisories.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        _refuse_private(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str):
            _refuse_private(obj, argument)
        return super().getitem(obj, argument)


def _refuse_private(obj: Any, name: str) -> None:
    if name.startswith("_"):
        kind = type(obj).__name__
        raise SecurityError(f"access to attribute {name!r} of {kind!r} object is unsafe.")


def sentence(text: str, end: str = ".") -> str:
    """A person's fragment as a sentence: capitalised, ending in punctuation."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + end


ENVIRONMENT = _Sandbox(
    undefined=StrictUndefined,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
ENVIRONMENT.filters["sentence"] = sentence


def check_key(key: str) -> str:
    if not KEY_PATTERN.match(key or ""):
        raise ValidationError(
            "template name",
            f"{key!r} must be lower-case letters, digits and dashes (like 'second-follow-up')",
        )
    return key


def parse_front_matter(source: str) -> tuple[str, tuple[TemplateInput, ...]]:
    """The purpose and inputs from ``{# purpose: ...; inputs: name=Label, ... #}``."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        return "", ()
    purpose, inputs = "", []
    for part in match.group(1).split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "purpose":
            purpose = " ".join(value.split())
        elif name == "inputs":
            for item in value.split(","):
                key, _, label = item.partition("=")
                key = key.strip()
                required = key.endswith("*")
                key = key.removesuffix("*").strip()
                if key.isidentifier():
                    label = label.strip() or key.replace("_", " ")
                    inputs.append(TemplateInput(key, label, required))
    return purpose, tuple(inputs)


def _error_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on (jinja2 rewrites the traceback)."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_NAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def describe_error(exc: BaseException) -> TemplateProblem:
    """A template error as a message naming the line and what is wrong."""
    line = _error_line(exc)
    if isinstance(exc, TemplateSyntaxError):
        return TemplateProblem(line, f"syntax error: {exc.message}")
    if isinstance(exc, SecurityError):
        return TemplateProblem(line, f"not allowed in a template (SecurityError): {exc}")
    if isinstance(exc, UndefinedError):
        found = re.match(r"^'(\w+)' is undefined$", str(exc))
        if found:
            return TemplateProblem(line, f"unknown variable '{found.group(1)}'")
        return TemplateProblem(line, f"undefined value: {exc}")
    return TemplateProblem(line, f"{type(exc).__name__}: {exc}")


def compile_source(source: str) -> CompiledTemplate:
    """A person's template text, to render in the limited child process (nothing of it
    is compiled here: jinja2 evaluates constant expressions while compiling)."""
    purpose, inputs = parse_front_matter(source)
    return CompiledTemplate(source, None, purpose, inputs)


def compile_trusted(source: str) -> CompiledTemplate:
    """Compile shipped template text (or any, inside the child process); raises the jinja2
    error (see :func:`describe_error`)."""
    purpose, inputs = parse_front_matter(source)
    ast = ENVIRONMENT.parse(source)
    used = meta.find_undeclared_variables(ast)
    known = set(CONTEXT_VARIABLES) | set(ENVIRONMENT.globals) | {i.name for i in inputs}
    unknown = sorted(used - known)
    if unknown:
        word = re.compile(rf"\b{re.escape(unknown[0])}\b")
        line = next(
            (n + 1 for n, text in enumerate(source.splitlines()) if word.search(text)), None
        )
        raise _UnknownVariableError(unknown[0], line)
    template = ENVIRONMENT.from_string(source)
    return CompiledTemplate(source, template, purpose, inputs)


class _UnknownVariableError(Exception):
    def __init__(self, name: str, line: int | None) -> None:
        super().__init__(name)
        self.name = name
        self.line = line


def check_source(source: str) -> TemplateProblem | None:
    """None when a person's text compiles, uses only known variables and renders for a
    sample application within the limits; else the problem (so an escape attempt, or a
    template that would run for minutes, is refused when saved). Runs in the child."""
    answer = RUNNER.run(source, None)
    return _problem_of(answer)


def trusted_problem(source: str) -> TemplateProblem | None:
    """:func:`check_source` in this process: for shipped text, and inside the child."""
    try:
        compiled = compile_trusted(source)
    except _UnknownVariableError as exc:
        return TemplateProblem(exc.line, f"unknown variable '{exc.name}'")
    except Exception as exc:
        return describe_error(exc)
    result = render_text(compiled, with_inputs(compiled, SAMPLE_CONTEXT), OUTPUT_LIMIT)
    return result if isinstance(result, TemplateProblem) else None


def with_inputs(compiled: CompiledTemplate, context: Mapping[str, Any]) -> dict[str, Any]:
    """The context, with every input the template declares ("" when not given)."""
    values: dict[str, Any] = {i.name: "" for i in compiled.inputs}
    values.update(context)
    return values


def _problem_of(answer: Mapping[str, Any]) -> TemplateProblem | None:
    problem = answer.get("problem")
    return None if problem is None else TemplateProblem(problem["line"], problem["message"])


def split_subject(text: str) -> tuple[str, str]:
    """``Subject: ...`` on the first line, then the body; blank-line runs squeezed."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    subject = ""
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines.pop(0)[len("subject:") :].strip()
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return subject, body


def render_compiled(compiled: CompiledTemplate, context: Mapping[str, Any]) -> Rendered:
    """Render safely: every failure (even an escape attempt, or a template past its time or
    memory limit) becomes a problem, not a crash."""
    values = with_inputs(compiled, context)
    if compiled.template is None:
        answer = RUNNER.run(compiled.source, values)
        result: str | TemplateProblem = _problem_of(answer) or answer["text"]
    else:
        result = render_text(compiled, values, None)
    if isinstance(result, TemplateProblem):
        return Rendered("", "", result)
    subject, body = split_subject(result)
    return Rendered(subject, body)


def render_text(
    compiled: CompiledTemplate, values: Mapping[str, Any], limit: int | None
) -> str | TemplateProblem:
    """The rendered text, or the problem; past ``limit`` characters the render stops."""
    assert compiled.template is not None
    try:
        if limit is None:
            return compiled.template.render(values)
        parts, size = [], 0
        for part in compiled.template.generate(values):
            size += len(part)
            if size > limit:
                return TemplateProblem(None, f"the draft would be longer than {limit:,} "
                                       "characters; stopped")  # fmt: skip
            parts.append(part)
        return "".join(parts)
    except MemoryError:
        return TemplateProblem(None, "stopped: it needed more memory than a draft may use")
    except Exception as exc:
        return describe_error(exc)


class TemplateLibrary:
    """The shipped templates and the user's versions of them, compiled once each."""

    def __init__(self, user_dir: Path, defaults_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self.defaults_dir = defaults_dir or resources_dir() / "templates"
        self._cache: dict[Path, tuple[float, CompiledTemplate | TemplateProblem]] = {}

    # -- reading ----------------------------------------------------------------------------

    def _path(self, folder: Path, key: str, suffix: str = SUFFIX) -> Path:
        return folder / f"{check_key(key)}{suffix}"

    def _keys_in(self, folder: Path) -> set[str]:
        if not folder.is_dir():
            return set()
        names = (p.name[: -len(SUFFIX)] for p in folder.glob("*" + SUFFIX))
        return {name for name in names if KEY_PATTERN.match(name)}

    def template_keys(self) -> list[str]:
        """Defaults in their shipped order of usefulness, then custom ones by name."""
        defaults = [k for k in DEFAULT_ORDER if k in self._keys_in(self.defaults_dir)]
        others = (self._keys_in(self.defaults_dir) | self._keys_in(self.user_dir)) - set(defaults)
        return defaults + sorted(others)

    def has_default(self, key: str) -> bool:
        return self._path(self.defaults_dir, key).is_file()

    def is_overridden(self, key: str) -> bool:
        return self._path(self.user_dir, key).is_file()

    def default_source(self, key: str) -> str:
        path = self._path(self.defaults_dir, key)
        if not path.is_file():
            raise NotFoundError("default template", key)
        return path.read_text(encoding="utf-8")

    def source(self, key: str) -> str:
        """The text to show in the template editor: kept broken text first, else in use."""
        for path in (
            self._path(self.user_dir, key, BROKEN_SUFFIX),
            self._path(self.user_dir, key),
            self._path(self.defaults_dir, key),
        ):
            if path.is_file():
                return path.read_text(encoding="utf-8")
        raise NotFoundError("template", key, f"Known templates: {', '.join(self.template_keys())}.")

    def pending_problem(self, key: str) -> TemplateProblem | None:
        """The problem of kept broken text that is not in use yet, if any."""
        broken = self._path(self.user_dir, key, BROKEN_SUFFIX)
        if not broken.is_file():
            return None
        loaded = self._load(broken)
        return loaded if isinstance(loaded, TemplateProblem) else None

    def _load(self, path: Path) -> CompiledTemplate | TemplateProblem:
        """The template in ``path``, checked once per change of the file: the shipped ones
        in this process, a person's in the limited child."""
        mtime = path.stat().st_mtime
        cached = self._cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            return TemplateProblem(None, f"{path.name} cannot be read ({exc})")
        result: CompiledTemplate | TemplateProblem
        if path.parent == self.defaults_dir:
            result = trusted_problem(source) or compile_trusted(source)
        else:
            result = check_source(source) or compile_source(source)
        self._cache[path] = (mtime, result)
        return result

    def compiled(self, key: str) -> tuple[CompiledTemplate, TemplateProblem | None]:
        """The version drafts render from, and a problem with a newer one if it is broken.

        A user file changed by hand into something broken falls back to the default.
        """
        check_key(key)
        problem = self.pending_problem(key)
        for path in (self._path(self.user_dir, key), self._path(self.defaults_dir, key)):
            if not path.is_file():
                continue
            loaded = self._load(path)
            if isinstance(loaded, TemplateProblem):
                problem = problem or loaded
                continue
            return loaded, problem
        if problem is not None:
            raise ValidationError(f"template {key}", str(problem))
        raise NotFoundError("template", key, f"Known templates: {', '.join(self.template_keys())}.")

    def info(self, key: str) -> TemplateInfo:
        compiled, problem = self.compiled(key)
        return TemplateInfo(
            key,
            compiled.purpose,
            compiled.inputs,
            self.has_default(key),
            self.is_overridden(key),
            problem,
        )

    def all_info(self) -> list[TemplateInfo]:
        """Every template, a broken one (with nothing to fall back on) listed with its
        problem rather than failing the whole list."""
        return [self._info_or_problem(key) for key in self.template_keys()]

    def _info_or_problem(self, key: str) -> TemplateInfo:
        try:
            return self.info(key)
        except ValidationError as exc:
            try:
                purpose, inputs = parse_front_matter(self.source(key))
            except (OSError, UnicodeError):
                purpose, inputs = "", ()
            problem = TemplateProblem(None, exc.message)
            return TemplateInfo(key, purpose, inputs, self.has_default(key),
                                self.is_overridden(key), problem)  # fmt: skip

    def render(self, key: str, context: Mapping[str, Any]) -> Rendered:
        """Render ``key``; a broken current version renders from the last good one, and a
        user version that fails on this application renders from the shipped default."""
        compiled, problem = self.compiled(key)
        rendered = render_compiled(compiled, context)
        if not rendered.ok and self.is_overridden(key) and self.has_default(key):
            problem = rendered.problem
            default = self._load(self._path(self.defaults_dir, key))
            if isinstance(default, TemplateProblem):
                return rendered
            rendered = render_compiled(default, context)
        if rendered.ok and problem is not None:
            return Rendered(rendered.subject, rendered.body, problem, fallback=True)
        return rendered

    # -- writing ------------------------------------------------------------------------------

    def _write(self, path: Path, text: str) -> None:
        ensure_private_dir(path.parent)
        path.write_text(text, encoding="utf-8")
        make_private_file(path)

    def save(self, key: str, source: str) -> TemplateProblem | None:
        """Keep the user's text. Good text becomes the version in use; broken text is kept
        aside (``.broken``) and the problem returned, the last good version staying in use."""
        broken = self._path(self.user_dir, key, BROKEN_SUFFIX)
        problem = check_source(source)
        if problem is None:
            self._write(self._path(self.user_dir, key), source)
            broken.unlink(missing_ok=True)
        else:
            self._write(broken, source)
        return problem

    def create(self, key: str) -> str:
        """A new custom template, started from a short skeleton; returns its text."""
        if key in self.template_keys():
            raise ValidationError("template name", f"a template called {key!r} already exists")
        source = NEW_TEMPLATE_SKELETON
        self.save(key, source)
        return source

    def reset(self, key: str) -> None:
        """Back to the shipped default (for a custom template: delete it)."""
        for suffix in (SUFFIX, BROKEN_SUFFIX):
            self._path(self.user_dir, key, suffix).unlink(missing_ok=True)


#: the defaults in the order a job search meets them
DEFAULT_ORDER = (
    "thank-you",
    "forgot-to-mention",
    "follow-up",
    "check-in",
    "feedback-request",
    "keep-in-touch",
    "smooth-over",
    "network-thanks",
)

#: a believable application, used to try a template when it is saved and for previews
SAMPLE_CONTEXT: dict[str, Any] = {
    "me": {
        "name": "Alex Morgan",
        "first_name": "Alex",
        "email": "alex.morgan@example.com",
        "phone": "+44 20 7946 0000",
        "signature": "Alex Morgan\nalex.morgan@example.com\n+44 20 7946 0000",
    },
    "company": "Northwind Analytics",
    "role": "Data Engineer",
    "url": "https://jobs.example.com/northwind/123",
    "recipient": {
        "name": "Jonas Weber",
        "first_name": "Jonas",
        "title": "Engineering Manager",
        "email": "jonas.weber@example.com",
        "phone": "+49 30 1234567",
        "is_person": True,
    },
    "interview": {
        "date": "Tuesday 10 March",
        "weekday": "Tuesday",
        "day": "10 March",
        "when": "yesterday",
        "kind": "video call",
        "round": "first",
        "title": "First interview",
    },
    "days_since_interview": 1,
    "applied_on": "2 March",
    "days_since_applied": 9,
}

NEW_TEMPLATE_SKELETON = """\
{# purpose: Describe when to send this; inputs: point=The point to make #}
Subject: {{ role }} at {{ company }}

{{ "Hi" if recipient.is_person else "Dear" }} {{ recipient.first_name }},

{{ point | sentence }}

Best regards,
{{ me.signature }}
"""
