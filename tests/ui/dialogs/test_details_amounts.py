"""The details form never swallows what is typed: amounts as people write them, said back;
what cannot be read, and every other problem, beside its field in one pass."""

from __future__ import annotations

import pytest
from dialog_helpers import read_tables
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from jobtracker.ui.dialogs.details import DetailsDialog

SAVE = QDialogButtonBox.StandardButton.Save
APPLY = QDialogButtonBox.StandardButton.Apply


@pytest.fixture
def dialog(qtbot, services, undo_stack: QUndoStack) -> DetailsDialog:
    app_id = services.applications.add("Acme Robotics", "Backend Engineer").id
    dialog = DetailsDialog(services, undo_stack, app_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(
    ("low", "high", "currency", "said", "stored"),
    [
        ("50k", "60k", "", "Read as 50,000 to 60,000", (50_000, 60_000, "")),
        ("50 000", "", "EUR", "Read as 50,000 EUR", (50_000, None, "EUR")),
        ("50.000 €", "65.000 €", "", "Read as 50,000 to 65,000 EUR", (50_000, 65_000, "EUR")),
        ("$80,000", "", "", "Read as 80,000 USD", (80_000, None, "USD")),
        ("", "80.000,50", "EUR", "Read as up to 80,000.50 (saved as 80,001) EUR",
         (None, 80_001, "EUR")),
    ],
)  # fmt: skip
def test_amounts_as_people_write_them_are_said_back_and_saved(
    dialog: DetailsDialog, services, low: str, high: str, currency: str, said: str, stored
) -> None:
    form = dialog.form
    form.salary_currency.setEditText(currency)
    form.salary_min.setText(low)
    form.salary_max.setText(high)
    assert form.salary_read.isVisible()
    assert form.salary_read.text() == said
    assert form.visible_errors() == {}
    dialog.buttons.button(APPLY).click()
    assert form.visible_errors() == {}
    details = services.applications.get(dialog.application_id)
    assert (details.salary_min, details.salary_max, details.salary_currency) == stored


def test_unreadable_amount_is_an_error_beside_it_while_typing_and_nothing_is_saved(
    dialog: DetailsDialog, db_path
) -> None:
    before = read_tables(db_path)
    dialog.form.salary_min.setText("eighty")
    assert dialog.form.salary_min.text() == "eighty"  # kept as typed, never dropped
    assert not dialog.form.salary_read.isVisible()
    shown = dialog.form.visible_errors()
    assert list(shown) == ["salary_min"]
    assert "'eighty' is not an amount" in shown["salary_min"]
    dialog.buttons.button(SAVE).click()
    assert dialog.isVisible()
    assert "'eighty' is not an amount" in dialog.form.visible_errors()["salary_min"]
    assert dialog.focusWidget() is dialog.form.salary_min
    assert read_tables(db_path) == before


def test_every_problem_is_shown_beside_its_field_in_one_click(dialog: DetailsDialog, db_path):
    before = read_tables(db_path)
    form = dialog.form
    form.company.setText("  ")
    form.url.setText("see the careers page")
    form.salary_min.setText("eighty")
    form.salary_max.setText("60-70k")
    form.location.setText("x" * 501)
    dialog.buttons.button(SAVE).click()
    shown = form.visible_errors()
    assert set(shown) == {"company", "url", "location", "salary_min"}
    assert shown["company"] == "Company is required."
    assert "is not a web address" in shown["url"]
    assert "the limit is 500" in shown["location"]
    range_lines = shown["salary_min"].splitlines()
    assert range_lines == [
        "The minimum salary 'eighty' is not an amount; write digits, like 50000, 50 000 or 50k.",
        "The maximum salary '60-70k' is a range; put one amount in each box.",
    ]
    for field in ("company", "url", "location", "salary_min"):
        assert form.errors[field].isVisible()
    assert dialog.focusWidget() is form.company
    assert read_tables(db_path) == before


def test_a_currency_that_disagrees_with_the_amount_is_said(dialog: DetailsDialog, db_path):
    before = read_tables(db_path)
    dialog.form.salary_currency.setEditText("EUR")
    dialog.form.salary_min.setText("$80,000")
    assert dialog.form.visible_errors() == {
        "salary_min": "The currency is EUR but the amount says USD."
    }
    dialog.buttons.button(SAVE).click()
    assert dialog.form.visible_errors() == {
        "salary_min": "The currency is EUR but the amount says USD."
    }
    assert read_tables(db_path) == before


def test_a_link_without_a_scheme_is_saved_with_https(dialog: DetailsDialog, services) -> None:
    dialog.form.url.setText("acme.example/jobs/7")
    assert dialog.form.open_url.isEnabled()
    dialog.buttons.button(APPLY).click()
    assert dialog.form.visible_errors() == {}
    assert services.applications.get(dialog.application_id).url == "https://acme.example/jobs/7"
    assert dialog.form.url.text() == "https://acme.example/jobs/7"


def test_every_problem_of_an_interview_is_shown_in_one_click(
    dialog: DetailsDialog, services, db_path
) -> None:
    before = read_tables(db_path)
    panel = dialog.interviews
    panel.title.setText("t" * 501)
    panel.location.setText("l" * 501)
    panel.save_button.click()
    assert panel.error.text().splitlines() == [
        "Title is 501 characters long; the limit is 500.",
        "Location is 501 characters long; the limit is 500.",
    ]
    assert read_tables(db_path) == before
