"""The window's opening asks for its services once: where the person chose Quit in the
dialog that opening showed (the file in use, damaged), they are not asked again."""

from __future__ import annotations

from pathlib import Path

from jobtracker.domain.board_reads import FirstFrame
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services, open_services
from jobtracker.ui.opening import Opening

NOTHING_PAINTED = FirstFrame([], [], {}, {}, "")


def test_quit_is_final(db_path: Path, clock: FakeClock) -> None:
    asked: list[Path] = []

    def choose_quit() -> Services | None:
        asked.append(db_path)
        return None

    opening = Opening(db_path, clock, NOTHING_PAINTED, choose_quit)
    assert opening.services() is None
    assert opening.services() is None
    assert asked == [db_path]


def test_services_open_once(db_path: Path, clock: FakeClock) -> None:
    opened: list[Services] = []

    def open_them() -> Services:
        opened.append(open_services(db_path, owner="pytest", clock=clock))
        return opened[-1]

    opening = Opening(db_path, clock, NOTHING_PAINTED, open_them)
    try:
        assert opening.services() is opening.services() is opened[0]
        assert len(opened) == 1
    finally:
        opening.close()
