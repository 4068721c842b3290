"""The window's start finds a missing display or a missing X11 library before Qt does."""

from __future__ import annotations

from jobtracker.platform.display import XCB_LIBRARIES, display_problem


def test_no_display_at_all_is_named() -> None:
    problem = display_problem({})
    assert problem is not None and "no display" in problem and "--help" in problem


def test_a_chosen_platform_is_left_to_qt() -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_a_wayland_session_needs_no_x11_libraries() -> None:
    missing = [("libjobtracker-missing.so.0", "libmissing0", "missing")]
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, missing) is None


def test_a_missing_x11_library_names_the_packages_to_install() -> None:
    missing = [("libjobtracker-missing.so.0", "libmissing0", "missing-fedora")]
    problem = display_problem({"DISPLAY": ":0"}, missing)
    assert problem is not None
    assert "apt install libmissing0" in problem and "dnf install missing-fedora" in problem


def test_the_x11_libraries_qt_needs_are_present_here() -> None:
    """This machine runs the e2e tests under Xvfb: the real check passes."""
    assert display_problem({"DISPLAY": ":0"}, XCB_LIBRARIES) is None
