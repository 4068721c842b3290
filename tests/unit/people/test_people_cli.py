"""``jobtracker people`` and ``jobtracker person``, run as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.cli import jobtracker

from jobtracker.domain.services import open_services


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    db = tmp_path / "search.sqlite3"
    services = open_services(db, owner="pytest")
    try:
        acme = services.applications.add("Acme Robotics", "Backend Engineer").id
        sofia = services.contacts.add("Sofia Marin", email="sofia@acme.example")
        twin = services.contacts.add("S. Marin", email="Sofia@Acme.example", phone="+49 30 1")
        marco = services.contacts.add("Marco Bianchi", company="Globex")
        services.contacts.link(acme, sofia.id, "recruiter")
    finally:
        services.close()
    return db, {"acme": acme, "sofia": sofia.id, "twin": twin.id, "marco": marco.id}


def test_people_lists_everyone_as_text_and_json(filled) -> None:
    db, ids = filled
    listed = jobtracker(db, "people")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"{ids['marco']:>5}  Marco Bianchi · Globex",
        f"{ids['twin']:>5}  S. Marin · Sofia@Acme.example · +49 30 1",
        f"{ids['sofia']:>5}  Sofia Marin · sofia@acme.example  [Acme Robotics]",
    ]
    found = json.loads(jobtracker(db, "people", "--json", "--search", "acme").stdout)
    assert [(p["name"], [a["as"] for a in p["applications"]]) for p in found] == [
        ("S. Marin", []),
        ("Sofia Marin", ["recruiter"]),
    ]
    groups = json.loads(jobtracker(db, "people", "--duplicates", "--json").stdout)
    assert [[p["id"] for p in group] for group in groups] == [[ids["sofia"], ids["twin"]]]


def test_person_edits_refuses_and_merges(filled) -> None:
    db, ids = filled
    refused = jobtracker(db, "person", str(ids["marco"]), "--phone", "call me")
    assert refused.returncode != 0
    assert "phone" in refused.stderr and "'call me' is not a phone number" in refused.stderr
    edited = jobtracker(db, "person", str(ids["marco"]), "--phone", "+39 02 1234")
    assert edited.returncode == 0, edited.stderr
    assert "+39 02 1234" in edited.stdout
    merged = jobtracker(db, "person", str(ids["sofia"]), "--merge", str(ids["twin"]))
    assert merged.returncode == 0, merged.stderr
    people = json.loads(jobtracker(db, "people", "--json").stdout)
    assert [(p["name"], p["phone"]) for p in people] == [
        ("Marco Bianchi", "+39 02 1234"),
        ("Sofia Marin", "+49 30 1"),  # the empty phone filled from the one merged in
    ]
