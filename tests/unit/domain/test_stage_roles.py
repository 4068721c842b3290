"""Stage roles: set once for existing files, kept by the board, exported and imported, and
the only thing the follow-up rules read about a stage."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.csv_import import ImportOptions
from jobtracker.domain.transfer.problems import ImportFileError
from jobtracker.domain.transfer.service import ExportRequest, transfer_for
from jobtracker.store.db import open_store

V1 = Path(__file__).parents[2] / "fixtures" / "v1.sqlite3"
DEFAULT_ROLES = [
    roles.WISHLIST, roles.APPLIED, roles.INTERVIEWING, roles.OFFER,
    roles.ACCEPTED, roles.REJECTED, roles.WITHDRAWN, roles.NO_RESPONSE,
]  # fmt: skip


def test_a_new_board_has_the_default_roles(services: Services) -> None:
    assert [s.role for s in services.board.stages()] == DEFAULT_ROLES


def test_the_upgrade_sets_roles_by_todays_names_once(db_path: Path) -> None:
    """A version-1 file: default names get their roles (any case), renamed or custom stages
    none, and a stage whose kind disagrees with the name keeps none."""
    db_path.parent.mkdir()
    shutil.copyfile(V1, db_path)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE stage SET name = 'Offer received' WHERE name = 'Offer'")
        conn.execute("UPDATE stage SET name = 'APPLIED' WHERE name = 'Applied'")
        conn.execute("UPDATE stage SET kind = 'open' WHERE name = 'Withdrawn'")
        conn.execute(
            "INSERT INTO stage (name, position, kind, color) VALUES ('Phone screen', 9, 'open', "
            "'#123456')"
        )
    conn.close()
    with open_store(db_path, owner="pytest") as store:
        found = dict(store.db.execute_sql('SELECT "name", "role" FROM "stage"').fetchall())
    assert found == {
        "Wishlist": "wishlist", "APPLIED": "applied", "Interviewing": "interviewing",
        "Offer received": "", "Accepted": "accepted", "Rejected": "rejected",
        "Withdrawn": "", "No response": "no_response", "Phone screen": "",
    }  # fmt: skip
    # once: opening again (at the current version) changes nothing a person set since
    with open_store(db_path, owner="pytest") as store:
        store.db.execute_sql("UPDATE stage SET role = 'offer' WHERE name = 'Offer received'")
    with open_store(db_path, owner="pytest") as store:
        (role,) = store.db.execute_sql(
            "SELECT role FROM stage WHERE name = 'Offer received'"
        ).fetchone()
    assert role == "offer"


def test_a_role_fixes_the_kind_and_none_keeps_the_chosen_one(services: Services) -> None:
    board = services.board
    screen = board.add_stage("Phone screen", role=roles.SCREENING)
    assert (screen.kind, screen.role) == ("open", "screening")
    ghosted = board.add_stage("Ghosted", kind="open", role=roles.NO_RESPONSE)
    assert ghosted.is_closed
    custom = board.add_stage("On hold", kind="closed")
    assert (custom.kind, custom.role) == ("closed", "")
    assert board.set_stage_role(custom.id, roles.INTERVIEWING).kind == "open"
    assert board.set_stage_role(custom.id, roles.NONE).kind == "open"
    with pytest.raises(ValidationError) as refused:
        board.set_stage_role(custom.id, "Interviewing")
    assert refused.value.field == "role"


def test_restore_stage_role_puts_role_and_kind_back(services: Services) -> None:
    board = services.board
    offer = board.stage_for_role(roles.OFFER)
    assert offer is not None
    board.set_stage_role(offer.id, roles.REJECTED)
    assert board.stage(offer.id).is_closed
    board.restore_stage_role(offer)
    assert board.stage(offer.id) == offer


def test_a_deleted_stage_comes_back_with_its_role(services: Services) -> None:
    board = services.board
    stage = board.add_stage("Phone screen", role=roles.SCREENING)
    removal = board.remove_stage(stage.id)
    board.restore_stage(removal)
    assert board.stage(stage.id).role == roles.SCREENING


def test_the_json_backup_carries_roles(services: Services, tmp_path: Path) -> None:
    board = services.board
    board.add_stage("Phone screen", role=roles.SCREENING)
    board.rename_stage(board.stage_for_role(roles.OFFER).id, "Angebot")  # type: ignore[union-attr]
    backup = tmp_path / "backup.json"
    backup.write_bytes(transfer_for(services).export(ExportRequest("json")))
    with open_store(tmp_path / "other" / "db.sqlite3", owner="pytest") as store:
        other = Services(store, services.clock)
        transfer_for(other).restore_backup(backup)
        found = {s.name: s.role for s in other.board.stages()}
    assert found["Angebot"] == roles.OFFER and found["Phone screen"] == roles.SCREENING


def test_a_backup_from_before_roles_gets_them_by_name(services: Services, tmp_path: Path) -> None:
    data = json.loads(transfer_for(services).export(ExportRequest("json")))
    stage = data["tables"]["stage"]
    at = stage["columns"].index("role")
    stage["columns"].pop(at)
    for row in stage["rows"]:
        row.pop(at)
    stage["rows"][3][stage["columns"].index("name")] = "Offer received"
    backup = tmp_path / "old.json"
    backup.write_text(json.dumps(data))
    with open_store(tmp_path / "other" / "db.sqlite3", owner="pytest") as store:
        other = Services(store, services.clock)
        transfer_for(other).restore_backup(backup)
        found = [s.role for s in other.board.stages()]
    assert found == DEFAULT_ROLES  # "Offer received" is an offer by what its name says


def test_a_backup_with_an_unknown_role_is_refused_naming_the_row(
    services: Services, tmp_path: Path
) -> None:
    data = json.loads(transfer_for(services).export(ExportRequest("json")))
    stage = data["tables"]["stage"]
    stage["rows"][2][stage["columns"].index("role")] = "Interviewing"
    backup = tmp_path / "bad.json"
    backup.write_text(json.dumps(data))
    with open_store(tmp_path / "other" / "db.sqlite3", owner="pytest") as store:
        other = Services(store, services.clock)
        with pytest.raises(ImportFileError) as refused:
            transfer_for(other).restore_backup(backup)
        assert other.board.stages() != []  # the fresh board is left as it was
    assert "row 3, column 'role'" in str(refused.value)
    assert "'Interviewing' is not a stage role" in str(refused.value)


def test_csv_stages_resolve_by_role_and_new_ones_get_the_role_their_name_says(
    services: Services, tmp_path: Path
) -> None:
    board = services.board
    for stage in board.stages():  # a translated board: no default name is left
        board.rename_stage(stage.id, f"Étape {stage.position}")
    board.delete_stage(board.stage_for_role(roles.WITHDRAWN).id)  # type: ignore[union-attr]
    path = tmp_path / "search.csv"
    path.write_text(
        "Company,Role,Status,Date Applied\n"
        "Acme,Engineer,Interview,2026-02-01\n"
        "Globex,Engineer,Phone screen,2026-02-02\n"
        "Hooli,Engineer,Withdrew,2026-01-20\n"
        "Initech,Engineer,Ghosted,2026-01-03\n"
        "Umbrella,Engineer,,2026-02-04\n",
        encoding="utf-8",
    )
    transfer = transfer_for(services)
    result = transfer.apply(transfer.preview(path, ImportOptions(create_stages=True)))
    assert result.created_stages == ("Withdrew",)
    by_company = {c.company: board.stage(c.stage_id) for c in board.cards()}
    assert by_company["Acme"].role == roles.INTERVIEWING
    assert by_company["Globex"].role == roles.INTERVIEWING  # no screening stage: the nearest
    assert by_company["Hooli"].role == roles.WITHDRAWN and by_company["Hooli"].is_closed
    assert by_company["Initech"].role == roles.NO_RESPONSE
    assert by_company["Umbrella"].role == roles.APPLIED  # applied, no status: the applied role
