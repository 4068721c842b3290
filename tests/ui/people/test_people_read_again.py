"""Everyone read again: the people unchanged are handed on as the objects the table lists,
the copies read again replaced in the list that was read (none is kept alive)."""

from __future__ import annotations

from jobtracker.domain.services import Services
from jobtracker.ui.people.model import as_shown


def test_unchanged_people_stay_the_objects_shown(services: Services) -> None:
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
        services.contacts.add(name)
    shown = services.people.everyone()
    grace = next(p for p in shown if p.name == "Grace Hopper")
    services.contacts.edit(grace.id, title="Rear Admiral")

    read = services.people.everyone()
    result = as_shown(shown, read)

    assert result is read, "changed in place: no second list of everyone"
    for person, before in zip(result, shown, strict=True):
        assert person.id == before.id
        if person.id == grace.id:
            assert person is not before and person.title == "Rear Admiral"
        else:
            assert person is before
