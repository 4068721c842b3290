"""A person's templates render with a time, memory and output limit: each hostile one fails
fast with a clear message, and never takes the other templates down with it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fixtures.cli import jobtracker

from jobtracker.domain.template_runner import TIME_LIMIT

HOSTILE = {
    "loops": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "lipsum": "{{ lipsum(10**7) }}",
    "center": "{{ 'x'|center(2000000000) }}",
    "format": "{{ '%*d'|format(2000000000, 1) }}",
    "power": "{{ 9**9999999 }}",
    "output": "{% for a in range(100000) %}{{ 'line of text ' * 10 }}{% endfor %}",
}
EXPECTED = {
    "loops": "took longer than",
    "lipsum": "",  # memory or time, whichever comes first
    "center": "memory",
    "format": "memory",
    "power": "took longer than",
    "output": "longer than 100,000 characters",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "db.sqlite3"
    assert jobtracker(path, "add", "--company", "Acme", "--role", "Engineer").returncode == 0
    return path


def _write(db: Path, key: str, body: str) -> None:
    folder = db.parent / "templates"
    folder.mkdir(exist_ok=True)
    text = f"{{# purpose: hostile {key} #}}\nSubject: {key}\n\n{body}\n"
    (folder / f"{key}.txt.j2").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_template_fails_fast_with_a_clear_message(db: Path, name: str) -> None:
    _write(db, f"hostile-{name}", HOSTILE[name])
    started = time.monotonic()
    result = jobtracker(db, "draft", "1", f"hostile-{name}")
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert f"template hostile-{name}" in result.stderr
    assert EXPECTED[name] in result.stderr
    assert elapsed < 30 + 2 * TIME_LIMIT, "a few seconds, not minutes"


def test_templates_lists_the_good_ones_beside_each_bad_one(db: Path) -> None:
    for name, body in HOSTILE.items():
        _write(db, f"hostile-{name}", body)
    _write(db, "mine", "Hello {{ recipient.first_name }}, about {{ role }}.")
    folder = db.parent / "templates"
    (folder / "broken.txt.j2").write_text("{% for %}", encoding="utf-8")
    (folder / "binary.txt.j2").write_bytes(b"\xff\xfe\x00garbage")

    result = jobtracker(db, "templates")

    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "problem" not in lines["thank-you"]
    assert "problem" not in lines["mine"] and "hostile mine" in lines["mine"]
    for key in [*(f"hostile-{n}" for n in HOSTILE), "broken", "binary"]:
        assert "problem:" in lines[key], lines[key]
    assert "syntax error" in lines["broken"]
    assert "cannot be read" in lines["binary"]
    draft = jobtracker(db, "draft", "1", "mine")
    assert draft.returncode == 0 and "about Engineer" in draft.stdout
