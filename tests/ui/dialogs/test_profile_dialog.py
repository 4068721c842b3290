"""Your details for drafts: every problem under its own field in one click, nothing saved,
and the dialog grows so the messages push the buttons down instead of under them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from jobtracker.domain.services import Services
from jobtracker.paths import profile_path
from jobtracker.ui.dialogs.profile import ProfileDialog


def test_every_problem_is_shown_under_its_field_at_once(qtbot, services: Services) -> None:
    dialog = ProfileDialog(services.profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setText("x" * 201)
    dialog.email.setText("not an address")
    dialog.phone.setText("1" * 61)
    dialog.accept()
    assert dialog.isVisible()
    shown = {name: e.text() for name, e in dialog.errors.items() if e.isVisible()}
    assert shown == {
        "name": "Name is 201 characters long; the limit is 200.",
        "email": "Email 'not an address' is not an email address.",
        "phone": "Phone is 61 characters long; the limit is 60.",
    }
    assert dialog.focusWidget() is dialog.name
    assert not profile_path().exists()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.geometry().top() >= dialog.signature.geometry().bottom()
    dialog.name.setText("Sam Lee")
    dialog.email.setText("sam@example.com")
    dialog.phone.clear()
    dialog.accept()
    assert not dialog.isVisible()
    assert services.profile.get().email == "sam@example.com"
