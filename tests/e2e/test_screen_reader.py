"""What a screen reader hears, over a real AT-SPI bus: the window started as the command
starts it under Xvfb, its details and draft editor open, read by Atspi (gi, the system's
python3) the way Orca reads it; a keyboard move heard as an announcement and a focus event
on the moved card."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from tests.e2e.conftest import require_program

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).parents[1] / "fixtures"
WINDOW = FIXTURES / "a11y_window.py"
WALKER = FIXTURES / "atspi_walker.py"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
DAYS_AGO = timedelta(days=3)
#: roles a person reaches with Tab and must hear a name for
CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text",
    "spin button", "slider", "page tab", "table", "tree", "tree table",
}  # fmt: skip


def _require_atspi() -> None:
    if not Path(BUS_LAUNCHER).exists():
        require_program("at-spi-bus-launcher-missing", "at-spi2-core")
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
        capture_output=True, timeout=30,
    )  # fmt: skip
    if found.returncode != 0:
        require_program("python3-gi-with-Atspi-missing", "gir1.2-atspi-2.0 python3-gi")


class Lines:
    """A child's stdout read line by line on a thread, waited on with a deadline."""

    def __init__(self, stream: IO[str]) -> None:
        self._lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line.rstrip("\n"))

    def wait_for(self, wanted, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"not heard in {timeout} s; heard: {self.seen[-20:]}")
            with contextlib.suppress(queue.Empty):
                line = self._lines.get(timeout=left)
                self.seen.append(line)
                if wanted(line):
                    return line


@pytest.fixture
def atspi_bus(xvfb_display: str, session_bus: str) -> Iterator[dict[str, str]]:
    """The accessibility bus, launched on the private session bus as a desktop does."""
    _require_atspi()
    env = {**os.environ, "DISPLAY": xvfb_display, "DBUS_SESSION_BUS_ADDRESS": session_bus}
    launcher = subprocess.Popen(
        [BUS_LAUNCHER, "--launch-immediately"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    ask = ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
           "org.a11y.Bus.GetAddress"]  # fmt: skip
    deadline = time.monotonic() + 20
    while subprocess.run(ask, env=env, capture_output=True, timeout=10).returncode != 0:
        if launcher.poll() is not None or time.monotonic() > deadline:
            launcher.kill()
            pytest.fail("the AT-SPI bus did not start")
        time.sleep(0.1)
    yield env
    launcher.terminate()
    launcher.wait(timeout=10)


@pytest.fixture
def running(atspi_bus: dict[str, str], tmp_path: Path) -> Iterator[tuple[subprocess.Popen, Lines]]:
    """The window on the sample data, with a card's details and draft editor open."""
    db = tmp_path / "demo.sqlite3"
    # the sample data as made three days ago: some of its follow-ups are overdue now
    services = Services(open_store(db, owner="pytest"), FakeClock(datetime.now(UTC) - DAYS_AGO))
    try:
        fill_with_sample_data(services)
    finally:
        services.close()
    env = {**atspi_bus, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    app = subprocess.Popen(
        [sys.executable, str(WINDOW), str(db)], env=env, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    lines = Lines(app.stdout)
    try:
        lines.wait_for(lambda line: line == "ready", timeout=60)
        yield app, lines
    finally:
        app.kill()
        app.wait(timeout=10)


def walk(app: subprocess.Popen, env: dict[str, str]) -> list[dict]:
    """Every accessible object of the app's windows, as the walker reads them."""
    out = subprocess.run(
        [SYSTEM_PYTHON, str(WALKER), "tree", str(app.pid)], env=env,
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    return [json.loads(line) for line in out.splitlines()]


def in_window(nodes: list[dict], title: str) -> list[dict]:
    return [n for n in nodes if n["window"].startswith(title)]


def focused_cards(nodes: list[dict]) -> list[str]:
    """The names of the board's cards that say they have the focus."""
    board = in_window(nodes, "jobtracker")
    return [
        n["name"] for n in board
        if n["role"] == "list item" and ", " in n["name"] and "focused" in n["states"]
    ]  # fmt: skip


@pytest.mark.timeout(300)
@contextlib.contextmanager
def heard_events(app: subprocess.Popen, env: dict[str, str]) -> Iterator[Lines]:
    """What a screen reader hears from ``app`` while the block runs: the walker's event
    lines, once it says it is listening."""
    listener = subprocess.Popen(
        [SYSTEM_PYTHON, str(WALKER), "events", str(app.pid)], env=env, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        heard = Lines(listener.stdout)
        heard.wait_for(lambda line: line == "listening")
        yield heard
    finally:
        listener.stdin.close()
        listener.wait(timeout=10)


def focus_window(app: subprocess.Popen, env: dict[str, str], title: str) -> None:
    """Give ``app``'s window whose title matches ``title`` the keyboard: this X server has
    no window manager, and keys are then pressed as a person would (XTest)."""
    window = subprocess.run(
        ["xdotool", "search", "--all", "--pid", str(app.pid), "--name", title],
        env=env, capture_output=True, text=True, check=True, timeout=10,
    ).stdout.split()[0]  # fmt: skip
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10)


def test_every_control_is_named_and_cards_say_their_badges(running, atspi_bus) -> None:
    app, lines = running
    nodes = walk(app, atspi_bus)
    windows = {n["window"] for n in nodes}
    main = next(w for w in windows if w.startswith("jobtracker"))
    details = next(w for w in windows if " — " in w and not w.startswith(("jobtracker", "Draft")))
    editor = next(w for w in windows if w.startswith("Draft"))

    tops = {n["window"]: n["role"] for n in nodes if len(n["path"]) == 1}
    assert tops[editor] == "dialog" and tops[details] == "dialog", tops  # not a "filler"
    unnamed = unnamed_controls(nodes)
    assert not unnamed, "focusable controls without a name:\n" + "\n".join(unnamed)

    heard = combos_named_by_labels(app, lines, nodes)
    for window, least in ((main, 3), (details, 3), (editor, 3)):
        assert len([h for h in heard if h[0] == window]) >= least, (window, heard)
    labels = {h[2] for h in heard}
    assert {"Currency", "Stage", "Template", "Excitement", "Source", "Date applied"} <= labels

    stars = [
        n for n in in_window(nodes, details) if n["name"] in {f"{s} of 5" for s in range(1, 6)}
    ]
    assert len(stars) == 5 and all("checkable" in n["states"] for n in stars), stars
    checked = [n["name"] for n in stars if "checked" in n["states"]]
    assert checked == [f"{n} of 5" for n in range(1, len(checked) + 1)], "checked up to it"
    assert any(n["role"] == "spin button" and n["name"] == "Duration" for n in nodes)

    fields = {n["name"]: n for n in in_window(nodes, details) if n["role"] == "text"}
    for name in ("Company", "Role", "Location"):
        assert fields[name]["description"] == "", f"{name}: its placeholder read as description"

    cards = [n for n in in_window(nodes, main) if n["role"] == "list item" and ", " in n["name"]]
    assert len(cards) >= 20
    assert all("In this stage" in c["description"] or "Entered" in c["description"] for c in cards)
    assert any("Next interview" in c["description"] for c in cards)
    assert any("Follow-up was due" in c["description"] for c in cards)


def combos_named_by_labels(
    app: subprocess.Popen, lines: Lines, nodes: list[dict]
) -> list[tuple[str, str, str]]:
    """Check that every combo box shown is labelled by a label reading its field's name,
    as Qt knows the field (Qt names a combo box by its value on Linux; Orca says the labels
    it finds by this relation, a group box's title among them); returns (window, value,
    label) of each."""
    app.stdin.write("combos\n")
    app.stdin.flush()
    known = json.loads(lines.wait_for(lambda line: line.startswith("combos ")).split(" ", 1)[1])
    assert all(name for _, _, name in known), f"combo boxes Qt knows no name for: {known}"
    left = [(window, name) for window, _, name in known]
    heard, unnamed = [], []
    for node in (n for n in nodes if n["role"] == "combo box" and "showing" in n["states"]):
        labels = [label.rstrip(":") for label in node["labelled_by"]]
        name = next((x for x in labels if (node["window"], x) in left), None)
        if name is None:
            unnamed.append(f"{node['window'][:30]}: {node['name']!r} labelled by {labels}")
            continue
        left.remove((node["window"], name))
        heard.append((node["window"], node["name"], name))
    assert not unnamed and not left, (
        f"combo boxes not labelled by their field's name: {unnamed}; fields not heard: {left}"
    )
    return heard


def unnamed_controls(nodes: list[dict]) -> list[str]:
    return [
        f"{n['window'][:30]} {n['path']} {n['role']}"
        for n in nodes
        if n["role"] in CONTROLS and "focusable" in n["states"] and "showing" in n["states"]
        and not n["name"].strip()
    ]  # fmt: skip


@pytest.mark.timeout(300)
def test_every_tab_of_the_details_names_its_controls(running, atspi_bus) -> None:
    app, lines = running
    for tab in (1, 2, 3, 4, 5):  # People, Interviews, Timeline, Documents, Posting
        app.stdin.write(f"tab {tab}\n")
        app.stdin.flush()
        lines.wait_for(lambda line, tab=tab: line == f"tab {tab}")
        nodes = walk(app, atspi_bus)
        assert not unnamed_controls(nodes), f"tab {tab}: {unnamed_controls(nodes)}"
        combos_named_by_labels(app, lines, nodes)
        shown = {n["name"] for n in nodes if "showing" in n["states"]}
        shown |= {label for n in nodes if "showing" in n["states"] for label in n["labelled_by"]}
        expected = {2: "Duration", 3: "Kind of entry"}.get(tab)
        assert expected is None or expected in shown, f"tab {tab} not shown"


@pytest.mark.timeout(300)
def test_a_keyboard_move_is_announced_and_focus_follows_the_card(running, atspi_bus) -> None:
    app, lines = running
    app.stdin.write("board\n")
    app.stdin.flush()
    lines.wait_for(lambda line: line == "board")
    focused = focused_cards(walk(app, atspi_bus))
    assert len(focused) == 1, focused
    company = focused[0].split(", ")[0]
    with heard_events(app, atspi_bus) as heard:
        focus_window(app, atspi_bus, "^jobtracker")
        subprocess.run(
            ["xdotool", "key", "ctrl+shift+Right"], env=atspi_bus, check=True, timeout=10
        )
        said = f"{company} now in Interviewing"
        lines.wait_for(lambda line: line.startswith(f"status {said}"))  # the key got there
        heard.wait_for(lambda line: said in line and '"object:announcement"' in line)

        def lands_on_the_card(_line: str = "") -> bool:
            """The last object to report the focus is the moved card, not its column."""
            gained = [json.loads(x) for x in heard.seen if ':focused", "detail": 1' in x]
            last = gained[-1] if gained else {}
            return last.get("role") == "list item" and last["name"].startswith(f"{company}, ")

        if not lands_on_the_card():
            heard.wait_for(lands_on_the_card)
    after = walk(app, atspi_bus)
    focused = focused_cards(after)
    assert len(focused) == 1 and focused[0].startswith(f"{company}, "), focused
    assert f"{company}, " in focused[0] and ", Interviewing, " in focused[0]
    board = next(n for n in after if n["name"] == "Board")
    assert said not in board["description"], "the announcement is not kept as description"


@pytest.mark.timeout(300)
def test_tab_walks_the_draft_editor_in_the_order_it_is_seen(running, atspi_bus) -> None:
    """Tab pressed on the X server (XTest) round the draft editor: the focus events a
    screen reader hears name its controls in the order they are on screen, each once."""
    app, lines = running
    app.stdin.write("editor\n")
    app.stdin.flush()
    seen = json.loads(lines.wait_for(lambda line: line.startswith("editor ")).split(" ", 1)[1])
    assert len(seen) >= 15, seen
    with heard_events(app, atspi_bus) as heard:
        focus_window(app, atspi_bus, "^Draft")
        walked: list[str] = []

        def focused(line: str) -> bool:
            """Each control gaining the focus, once (a list's current item is its list)."""
            event = json.loads(line)
            gained = event["type"].endswith(":focused") and event["detail"] == 1
            if gained and event["role"] in {*CONTROLS, "list"}:
                walked.append(event["name"])
            return len(walked) >= len(seen) and walked[-1] == seen[0]

        for _ in seen:
            subprocess.run(["xdotool", "key", "Tab"], env=atspi_bus, check=True, timeout=10)
        heard.wait_for(focused)
    assert walked[-len(seen) :] == [*seen[1:], seen[0]], "\n".join(
        f"{a!s:40} {b}" for a, b in zip(walked[-len(seen) :], [*seen[1:], seen[0]], strict=False)
    )
