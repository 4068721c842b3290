"""Tags: add, remove, rename, merge, colour and delete, each undone and redone exactly, and
carried on the board's cards."""

from __future__ import annotations

import pytest

from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.services import Services
from jobtracker.domain.tags import TagChange, split_tags


def _card_tags(services: Services, app_id: int) -> list[str]:
    return [tag.name for tag in services.board.card(app_id).tags]


def _state(services: Services) -> tuple[object, ...]:
    tags = services.tags
    return (
        [(u.tag, u.uses) for u in tags.tags()],
        sorted(tags.tags_by_application().items()),
    )


def _undo_redo(services: Services, change: TagChange, before: object) -> None:
    after = _state(services)
    services.tags.undo(change)
    assert _state(services) == before
    services.tags.redo(change)
    assert _state(services) == after


def test_tags_are_added_found_ignoring_case_and_shown_on_cards(services: Services) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    globex = services.applications.add("Globex", "Developer").id
    before = _state(services)

    change = services.tags.add([acme, globex], ["Remote", "referral"])
    services.tags.add([acme], ["remote", "Berlin"])  # "remote" is the same tag

    assert _card_tags(services, acme) == ["Berlin", "referral", "Remote"]
    assert _card_tags(services, globex) == ["referral", "Remote"]
    assert services.tags.names() == ["Berlin", "referral", "Remote"]
    assert services.tags.application_ids("REMOTE") == {acme, globex}
    cards = {card.id: card for card in services.board.cards()}
    assert cards[acme].tags[2] is cards[globex].tags[1]  # one TagInfo per tag
    services.tags.undo(services.tags.add([globex], ["Berlin"]))
    assert _card_tags(services, globex) == ["referral", "Remote"]
    services.tags.remove([acme], ["Berlin"])
    services.tags.delete(services.tags.find("Berlin").id)  # type: ignore[union-attr]
    _undo_redo(services, change, before)


def test_set_tags_makes_the_list_exact_and_undoes(services: Services) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    services.tags.add([acme], ["remote", "fintech"])
    before = _state(services)

    change = services.tags.set_tags(acme, ["Fintech", "Python", "python"])

    assert _card_tags(services, acme) == ["fintech", "Python"]
    assert services.tags.find("remote") is not None  # the tag stays, unused
    _undo_redo(services, change, before)


def test_rename_merge_colour_and_delete_undo_exactly(services: Services) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    globex = services.applications.add("Globex", "Developer").id
    services.tags.add([acme], ["remote", "wfh"])
    services.tags.add([globex], ["Work from home"])
    tags = services.tags
    remote, wfh, home = (tags.find(n) for n in ("remote", "wfh", "work from home"))
    assert remote and wfh and home

    before = _state(services)
    change = tags.merge([wfh.id, home.id], remote.id)
    assert _card_tags(services, acme) == ["remote"]
    assert _card_tags(services, globex) == ["remote"]
    assert tags.names() == ["remote"]
    _undo_redo(services, change, before)
    tags.undo(change)

    before = _state(services)
    change = tags.rename(remote.id, "Remote only")
    assert _card_tags(services, acme) == ["Remote only", "wfh"]
    _undo_redo(services, change, before)

    before = _state(services)
    change = tags.set_color(remote.id, "#AABBCC")
    assert services.board.card(acme).tags[0].color == "#aabbcc"
    _undo_redo(services, change, before)

    before = _state(services)
    change = tags.delete(wfh.id)
    assert _card_tags(services, acme) == ["Remote only"]
    _undo_redo(services, change, before)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s, app: s.tags.add([app], ["  "]), "tag"),
        (lambda s, app: s.tags.add([app], ["a, b"]), "tag"),
        (lambda s, app: s.tags.add([app], ["x" * 41]), "tag"),
        (lambda s, app: s.tags.rename(s.tags.find("remote").id, "Berlin"), "name"),
        (lambda s, app: s.tags.set_color(s.tags.find("remote").id, "red"), "color"),
    ],
)
def test_bad_tags_are_refused_naming_the_field_and_nothing_changes(
    services: Services, call: object, field: str
) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    services.tags.add([acme], ["remote", "Berlin"])
    before = _state(services)
    with pytest.raises(ValidationError) as refused:
        call(services, acme)  # type: ignore[operator]
    assert refused.value.field == field
    assert _state(services) == before


def test_unknown_applications_and_tags_are_named(services: Services) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    with pytest.raises(NotFoundError, match="#999"):
        services.tags.add([acme, 999], ["remote"])
    assert services.tags.names() == []
    with pytest.raises(NotFoundError, match="'nope'"):
        services.tags.remove([acme], ["nope"])


def test_a_purged_application_keeps_no_link_when_a_change_is_undone(services: Services) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    globex = services.applications.add("Globex", "Developer").id
    services.tags.add([acme, globex], ["remote"])
    change = services.tags.delete(services.tags.find("remote").id)  # type: ignore[union-attr]
    services.applications.trash([globex])
    from jobtracker.store.models import Application

    Application.delete().where(Application.id == globex).execute()
    services.tags.undo(change)
    assert services.tags.application_ids("remote") == {acme}


def test_split_tags_reads_commas_and_semicolons_once_each() -> None:
    assert split_tags(" remote, Referral;referral ,, Berlin ") == ["remote", "Referral", "Berlin"]
    assert split_tags("") == []
