"""tag, untag, tags and list --tag through the real command, as a person types them."""

from __future__ import annotations

import json
from pathlib import Path

from fixtures.cli import jobtracker

from jobtracker.domain.services import open_services


def _add(db: Path, *companies: str) -> list[int]:
    services = open_services(db, owner="pytest")
    try:
        return [services.applications.add(company, "Engineer").id for company in companies]
    finally:
        services.close()


def test_tag_list_by_tag_untag_and_manage(db_path: Path) -> None:
    acme, globex, _initech = _add(db_path, "Acme", "Globex", "Initech")

    tagged = jobtracker(db_path, "tag", str(acme), "remote", "referral, Berlin")
    assert tagged.returncode == 0, tagged.stderr
    assert tagged.stdout.strip() == f"#{acme} is tagged Berlin, referral, remote"
    assert jobtracker(db_path, "tag", str(globex), "Remote").returncode == 0

    listed = jobtracker(db_path, "list", "--tag", "REMOTE", "--json")
    assert sorted((c["company"], c["tags"]) for c in json.loads(listed.stdout)) == [
        ("Acme", ["Berlin", "referral", "remote"]),
        ("Globex", ["remote"]),
    ]
    both = jobtracker(db_path, "list", "--tag", "remote", "--tag", "berlin")
    assert both.stdout.splitlines() == [
        f"{acme:>5}  Wishlist      Acme — Engineer  [Berlin, referral, remote]"
    ]
    assert "Initech" not in jobtracker(db_path, "list", "--tag", "remote").stdout

    untagged = jobtracker(db_path, "untag", str(acme), "berlin", "referral")
    assert untagged.stdout.strip() == f"#{acme} is tagged remote"

    assert jobtracker(db_path, "tags", "--rename", "remote", "Remote only").returncode == 0
    assert jobtracker(db_path, "tags", "--color", "remote only", "#112233").returncode == 0
    listing = json.loads(jobtracker(db_path, "tags", "--json").stdout)
    assert listing == [
        {"name": "Berlin", "color": listing[0]["color"], "applications": 0},
        {"name": "referral", "color": listing[1]["color"], "applications": 0},
        {"name": "Remote only", "color": "#112233", "applications": 2},
    ]
    assert jobtracker(db_path, "tags", "--merge", "Berlin", "remote only").returncode == 0
    assert jobtracker(db_path, "tags", "--delete", "referral").returncode == 0
    assert jobtracker(db_path, "tags").stdout.splitlines() == ["    2  #112233  Remote only"]


def test_bad_tags_are_refused_with_a_message_and_exit_1(db_path: Path) -> None:
    (acme,) = _add(db_path, "Acme")
    too_long = jobtracker(db_path, "tag", str(acme), "x" * 41)
    assert too_long.returncode == 1
    assert "tag: is 41 characters long; the limit is 40" in too_long.stderr
    unknown_app = jobtracker(db_path, "tag", "999", "remote")
    assert (unknown_app.returncode, unknown_app.stderr.strip()) == (
        1, "jobtracker: There is no application #999.",
    )  # fmt: skip
    unknown_tag = jobtracker(db_path, "untag", str(acme), "nope")
    assert unknown_tag.returncode == 1
    assert "There is no tag 'nope'" in unknown_tag.stderr
    assert json.loads(jobtracker(db_path, "tags", "--json").stdout) == []
