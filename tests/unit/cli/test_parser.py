"""The command line's parser loads only the module of the subcommand it is given, while
``--help`` still lists every subcommand and each one still takes its options."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from jobtracker.cli import build_parser, main
from jobtracker.commands import VERBS
from jobtracker.paths import default_database_path

#: a command line for every verb, and what it must parse to (besides its handler)
EXAMPLES: dict[str, tuple[list[str], dict[str, object]]] = {
    "gui": (["gui", "--open-link", "jobtracker://x"], {"open_link": "jobtracker://x"}),
    "add": (["add", "--company", "A", "--role", "R", "--salary", "60k"], {"salary": "60k"}),
    "list": (["list", "--json", "--pretty", "--tag", "t", "--tag", "u"], {"tag": ["t", "u"]}),
    "move": (["move", "7", "Offer", "--before", "3"], {"id": 7, "before": 3}),
    "tag": (["tag", "4", "remote", "a, b"], {"tags": ["remote", "a, b"]}),
    "untag": (["untag", "4", "remote"], {"id": 4}),
    "tags": (["tags", "--rename", "a", "b"], {"rename": ["a", "b"]}),
    "people": (["people", "--duplicates", "--json"], {"duplicates": True, "json": True}),
    "person": (["person", "2", "--email", "x@y.z", "--merge", "3", "4"], {"merge": [3, 4]}),
    "capture": (["capture", "--file", "p.html", "--timeout", "5"], {"timeout": 5.0}),
    "demo": (["demo"], {}),
    "backup": (["backup"], {}),
    "restore": (["restore", "b.sqlite3"], {"file": Path("b.sqlite3")}),
    "check": (["check"], {}),
    "draft": (["draft", "3", "thank-you", "--set", "a=b"], {"set": ["a=b"]}),
    "templates": (["templates"], {}),
    "profile": (["profile", "--name", "Ada"], {"name": "Ada"}),
    "docs": (["docs", "attach", "3", "CV", "--sent"], {"verb": "attach", "sent": True}),
    "reminders": (["reminders", "--due"], {"due": True}),
    "stats": (["stats", "--since", "2026-01-05", "--json"], {"json": True}),
    "report": (["report", "-o", "r.csv", "--format", "csv"], {"format": "csv"}),
    "import": (["import", "a.csv", "--dry-run", "--map-stage", "A=B"], {"map_stage": ["A=B"]}),
    "export": (["export", "json", "-o", "b.json"], {"output": Path("b.json")}),
    "install-desktop": (["install-desktop", "--remove"], {"remove": True}),
}


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (which may exit)."""
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        f"{code}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def _command_modules(loaded: set[str]) -> set[str]:
    return {m for m in loaded if m.startswith("jobtracker.commands.")} - {
        "jobtracker.commands.common",
        "jobtracker.commands.errors",
        "jobtracker.commands.output",
    }


def test_every_verb_has_an_example() -> None:
    assert sorted(EXAMPLES) == sorted(verb.name for verb in VERBS)


def test_each_module_adds_exactly_the_verbs_the_registry_gives_it() -> None:
    for module in {verb.module for verb in VERBS}:
        adders = import_module(f"jobtracker.commands.{module}").ARGUMENTS
        assert sorted(adders) == sorted(v.name for v in VERBS if v.module == module), module


@pytest.mark.parametrize("verb", [verb.name for verb in VERBS])
def test_each_verb_takes_its_options_and_db_before_or_after(verb: str) -> None:
    argv, expected = EXAMPLES[verb]
    lines = [["--db", "a.sqlite3", *argv], [argv[0], "--db", "a.sqlite3", *argv[1:]]]
    for line in lines:
        args = build_parser(line).parse_args(line)

        assert args.command == verb
        assert callable(args.handler)
        assert {name: getattr(args, name) for name in expected} == expected
        assert args.db == Path("a.sqlite3")


@pytest.mark.parametrize("argv", [[], ["--help"], ["--db", "a", "-h", "stats"], ["frob"]])
def test_help_lists_every_verb_with_its_line(argv: list[str]) -> None:
    text = " ".join(build_parser(argv).format_help().split())

    for verb in VERBS:
        assert f"{verb.name} {verb.help}" in text


def test_help_loads_no_command_module() -> None:
    loaded = _loaded_after("from jobtracker.cli import main\nmain(['--help'])")

    assert _command_modules(loaded) == set()
    assert "peewee" not in loaded


def test_a_verb_loads_only_its_own_module() -> None:
    loaded = _loaded_after(
        "from jobtracker.cli import build_parser\n"
        "argv = ['--db', 'x.sqlite3', 'stats', '--json']\n"
        "build_parser(argv).parse_args(argv)"
    )

    assert _command_modules(loaded) == {"jobtracker.commands.insights"}
    assert "peewee" not in loaded
    assert "platformdirs" not in loaded  # --db given: the user's folders are never asked


@pytest.mark.parametrize("argv", [["--help"], ["list", "--help"], ["--db", "a", "-h"]])
def test_help_names_the_default_database(argv: list[str]) -> None:
    text = "".join(build_parser(argv).format_help().split())  # wrapped at any hyphen

    assert f"default:$JOBTRACKER_DBor{default_database_path()}" in text


def test_an_unknown_verb_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", "a.sqlite3", "frobnicate", "--json"])

    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'frobnicate'" in error
    assert "'list'" in error and "'stats'" in error  # the verbs there are, to choose from


def test_a_verb_s_own_help_shows_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["import", "--help"])

    assert stop.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "usage: jobtracker import" in out
    assert "all or nothing" in out and "--map-stage FROM=TO" in out and "--db PATH" in out
