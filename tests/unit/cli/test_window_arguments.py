"""The window's start reads its options without loading the subcommands (each one brings
its domain services and their libraries); anything else goes to the full parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jobtracker.cli import _window_arguments, build_parser

SUBCOMMAND_MODULES = (
    "board", "capture", "data", "desktop", "documents", "drafts", "gui", "insights",
    "reminders", "transfer",
)  # fmt: skip


def test_options_alone_are_the_window_and_parse_as_the_full_parser_does() -> None:
    argv = ["--db", "board.sqlite3", "--demo", "--background"]

    args = _window_arguments(argv)

    assert args is not None
    full = build_parser().parse_args(argv)
    assert (args.db, args.demo, args.background) == (full.db, full.demo, full.background)
    assert args.db == Path("board.sqlite3") and full.command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--db", "f", "list", "--json"],
        ["gui", "--open-link", "jobtracker://capture?url=https://example.org/job"],
        ["--help"],
        ["--db"],  # a mistake: the full parser explains it
        ["--frobnicate"],
    ],
)
def test_anything_but_the_window_options_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _window_arguments(argv) is None


def test_the_window_start_loads_no_subcommand_nor_web_module(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from jobtracker import cli\n"
        f"args = cli._window_arguments(cli._app_link_as_gui(['--db', {str(tmp_path)!r}]))\n"
        "assert args is not None\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    modules = set(json.loads(result.stdout))

    assert "jobtracker.commands.output" in modules  # what the errors are said with
    assert [m for m in SUBCOMMAND_MODULES if f"jobtracker.commands.{m}" in modules] == []
    assert not {"urllib.request", "http.client", "peewee"} & modules
