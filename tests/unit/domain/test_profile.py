"""The profile is the person's: kept in their settings folder, shared by every database,
moved out of older databases once."""

from __future__ import annotations

import json
import logging
import sqlite3
import stat
from pathlib import Path

import pytest

from jobtracker.domain.errors import FieldsError
from jobtracker.domain.profile import SETTING_KEY, Profile
from jobtracker.domain.services import Services
from jobtracker.paths import profile_path
from jobtracker.store.db import open_store


def _services(path: Path, *, readonly: bool = False) -> Services:
    return Services(open_store(path, owner="pytest", readonly=readonly))


def _older_database(path: Path, profile: dict[str, str]) -> None:
    """A database as an older version left it: the profile kept among its settings."""
    services = _services(path)
    try:
        services.settings.set(SETTING_KEY, profile)
    finally:
        services.close()


def _stored_setting(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).fetchall()
    finally:
        conn.close()


def test_saved_in_the_users_settings_private_and_shared_by_every_database(
    tmp_path: Path, private_home: Path
) -> None:
    first = _services(tmp_path / "a" / "jobtracker.sqlite3")
    try:
        first.profile.save("Sam Lee", "sam@example.com", "+49 30 1234", "Best,\nSam")
    finally:
        first.close()
    path = profile_path()
    assert path.is_relative_to(private_home / ".config")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "Sam Lee"
    assert _stored_setting(tmp_path / "a" / "jobtracker.sqlite3") == []
    second = _services(tmp_path / "b" / "jobtracker.sqlite3")
    try:
        assert second.profile.get() == Profile("Sam Lee", "sam@example.com", "+49 30 1234",
                                               "Best,\nSam")  # fmt: skip
    finally:
        second.close()


def test_an_older_databases_profile_moves_to_the_users_settings_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "old.sqlite3"
    _older_database(db, {"name": "Ada Lovelace", "email": "ada@example.com"})
    assert not profile_path().exists()
    caplog.set_level(logging.INFO, logger="jobtracker.domain.profile")
    services = _services(db)
    try:
        assert services.profile.get() == Profile("Ada Lovelace", "ada@example.com")
    finally:
        services.close()
    assert json.loads(profile_path().read_text(encoding="utf-8"))["name"] == "Ada Lovelace"
    assert stat.S_IMODE(profile_path().stat().st_mode) == 0o600
    assert _stored_setting(db) == []  # moved, not copied
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "Moved the profile" in caplog.records[0].getMessage()
    caplog.clear()
    again = _services(db)
    try:
        assert again.profile.get().name == "Ada Lovelace"
    finally:
        again.close()
    assert caplog.records == []  # once


def test_when_two_databases_disagree_the_users_settings_win_and_the_log_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    _older_database(first, {"name": "Ada Lovelace"})
    _older_database(second, {"name": "Ada King", "phone": "0123"})
    for path in (first, second):
        services = _services(path)
        try:
            assert services.profile.get() == Profile("Ada Lovelace")
        finally:
            services.close()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "'Ada King'" in warnings[0].getMessage()
    assert "yours is kept" in warnings[0].getMessage()
    assert _stored_setting(first) == [] and _stored_setting(second) == []


def test_an_older_database_opened_to_read_is_read_and_left_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    _older_database(db, {"name": "Ada Lovelace"})
    services = _services(db, readonly=True)
    try:
        assert services.profile.get().name == "Ada Lovelace"
    finally:
        services.close()
    assert not profile_path().exists()
    assert len(_stored_setting(db)) == 1


def test_every_bad_field_is_named_at_once_and_nothing_is_written(services: Services) -> None:
    with pytest.raises(FieldsError) as refused:
        services.profile.save("x" * 201, "not an address", "1" * 61)
    assert [e.field for e in refused.value.errors] == ["name", "email", "phone"]
    assert not profile_path().exists()


def test_a_damaged_profile_file_is_logged_and_read_as_empty(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    profile_path().parent.mkdir(parents=True)
    profile_path().write_text("[1, 2", encoding="utf-8")
    assert services.profile.get() == Profile()
    assert "is not a JSON object" in caplog.text
    services.profile.save("Sam Lee")
    assert services.profile.get().name == "Sam Lee"
