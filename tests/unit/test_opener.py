"""The one launcher (``platform/opener.py``) through real child processes: recording
stand-ins for xdg-open and xdg-email first on PATH (see ``fixtures/fake_desktop``)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from fixtures import fake_desktop
from pytestqt.qtbot import QtBot

from jobtracker.platform.opener import (
    OpenError,
    compose_email,
    launch,
    open_mail_link,
    open_with_viewer,
)
from jobtracker.ui.drafts.mailto import mailto_url

#: a draft's text, with what a shell would act on
BODY = 'Thank you, Jonas; it\'s "great" $(touch {folder}/shelled) `id` & more\nSecond line'


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install recording stand-ins (only those on PATH, beside the shell tools); returns
    a function taking the exit code and ``hold`` that gives the call log."""

    def install(exit_code: int = 0, *, hold: bool = False) -> Path:
        folder = tmp_path / "bin"
        log = fake_desktop.install(
            folder, sys.executable, "xdg-open", "xdg-email", exit_code=exit_code, hold=hold
        )
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/usr/bin:/bin")
        return log

    return install


def test_arguments_go_as_a_list_without_a_shell_to_a_session_of_its_own(
    desktop, tmp_path: Path
) -> None:
    log = desktop()
    body = BODY.format(folder=tmp_path)
    attachment = tmp_path / "my résumé (final).pdf"
    compose_email("jw@example.com", "Thanks; $HOME", body, [attachment])
    assert fake_desktop.calls(log) == [
        ["xdg-email", "--utf8", "--subject", "Thanks; $HOME", "--body", body,
         "--attach", str(attachment), "jw@example.com"],
    ]  # fmt: skip
    assert not (tmp_path / "shelled").exists()
    (how,) = fake_desktop.started(log)
    assert how["sid"] != os.getsid(0)  # a Ctrl+C or our exit leaves it alone
    assert how["input"] == ""  # nothing of ours to read


def test_a_mailto_link_goes_to_xdg_email_else_xdg_open(desktop, tmp_path: Path) -> None:
    log = desktop()
    url = mailto_url("jw@example.com", "Thank you", BODY.format(folder=tmp_path))
    open_mail_link(url)
    (tmp_path / "bin" / "xdg-email").unlink()
    open_mail_link(url)
    assert fake_desktop.calls(log) == [["xdg-email", url], ["xdg-open", url]]


def test_a_refusal_is_said_in_words_without_the_draft_anywhere(
    desktop, tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    desktop(3)  # xdg-utils: no application set up for it
    caplog.set_level(logging.DEBUG)
    body = BODY.format(folder=tmp_path)
    with pytest.raises(OpenError) as raised:
        open_mail_link(mailto_url("jw@example.com", "Thank you, Jonas", body))
    assert raised.value.reason == "no email app is set up"
    assert str(raised.value) == "xdg-email could not open the draft: no email app is set up."
    with pytest.raises(OpenError) as raised:
        compose_email("jw@example.com", "Thank you, Jonas", body, [])
    out, err = capfd.readouterr()
    shown = f"{raised.value} {out} {err} {caplog.text}"
    assert "Jonas" not in shown and "Second line" not in shown


def test_a_file_the_viewer_cannot_find_names_the_file(desktop, tmp_path: Path) -> None:
    desktop(2)
    with pytest.raises(OpenError, match=r"xdg-open could not open .*gone\.pdf: a file it was "
                                        r"given does not exist\."):  # fmt: skip
        open_with_viewer(tmp_path / "gone.pdf")


def test_a_missing_program_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OpenError) as raised:
        open_mail_link("mailto:jw@example.com")
    assert raised.value.reason == "xdg-email is not installed (it comes with xdg-utils)"
    with pytest.raises(OpenError, match="xdg-open is not installed, so .* cannot be handed to "
                                        r"the desktop \(install xdg-utils\)"):  # fmt: skip
        open_with_viewer(tmp_path)


def test_a_program_that_cannot_start_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "xdg-open"
    broken.write_text("#!/nonexistent/interpreter\n")
    broken.chmod(0o700)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OpenError, match=r"^xdg-open could not be started \(.+\), so .* was not "
                                        r"opened\.$"):  # fmt: skip
        open_with_viewer(tmp_path / "cv.pdf")


def test_a_launcher_that_stays_has_handed_over_and_is_left_running(
    qtbot: QtBot, desktop, tmp_path: Path
) -> None:
    log = desktop(hold=True)
    launch(["xdg-open"], [str(tmp_path / "cv.pdf")], "cv.pdf", wait_s=0.2)  # no error
    (tmp_path / "bin" / "release").touch()  # it cannot have ended before this
    call = ["xdg-open", str(tmp_path / "cv.pdf")]
    qtbot.waitUntil(lambda: fake_desktop.calls(log) == [call, "released"], timeout=10_000)
