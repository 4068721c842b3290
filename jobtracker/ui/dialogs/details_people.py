"""The people on one application: pick someone already known or add someone new, with a role;
edit one (every field and their role here), or remove them from the application."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.records import ContactInfo
from jobtracker.domain.vocabulary import CONTACT_ROLES
from jobtracker.ui.dialogs.widgets import ApplicationTab, FieldError, buttons_at_right, push_done
from jobtracker.ui.people.person_dialog import PersonDialog


def contact_line(contact: ContactInfo) -> str:
    """ "Jane Doe, Head of Platform (hiring manager)" and, below, "jane@acme.example · +49 …"."""
    head = contact.name + (f", {contact.title}" if contact.title else "")
    if contact.role:
        head += f" ({contact.role})"
    reach = " · ".join(part for part in (contact.email, contact.phone) if part)
    return f"{head}\n{reach}" if reach else head


class PeoplePanel(ApplicationTab):
    """Lists the application's contacts; adds (picked or new), edits and removes them,
    undoably."""

    def _build(self) -> None:
        self.list.setAccessibleName("People on this application")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(2)
        self.remove_button = QPushButton("&Remove from application")
        self.remove_button.setEnabled(False)
        self.edit_button = QPushButton("Edit perso&n…")
        self.edit_button.setEnabled(False)

        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        typed = self.person.lineEdit()
        if typed is not None:  # an editable box has one
            typed.setPlaceholderText("Pick someone you know or type a new name")
        self.person.setAccessibleName("Person")
        self.role = QComboBox()
        self.role.addItems(CONTACT_ROLES)
        self.role.setAccessibleName("Role")
        self.title = QLineEdit()
        self.title.setPlaceholderText("job title")
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@company.example")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("+49 …")
        self.add_button = QPushButton("&Add person")
        self.error = FieldError()

        adder = QGroupBox("Add a person")
        form = QFormLayout(adder)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Person", self.person)
        form.addRow("R&ole", self.role)
        form.addRow("&Title (new person)", self.title)
        form.addRow("&Email (new person)", self.email)
        form.addRow("P&hone (new person)", self.phone)
        form.addRow(self.error)
        form.addRow(buttons_at_right(self.add_button))

        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons_at_right(self.edit_button, self.remove_button))
        layout.addWidget(adder)

        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda _: self.edit_selected())
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button.clicked.connect(self.add_person)
        self.person.currentIndexChanged.connect(self._picked_changed)
        self.person.editTextChanged.connect(lambda _: self._picked_changed())

    def _clear(self) -> None:
        super()._clear()
        self.person.clear()

    def _fill(self, application_id: int) -> None:
        linked = self.services.contacts.for_application(application_id)
        for contact in linked:
            self._add_entry(contact_line(contact), contact.id)
        linked_ids = {c.id for c in linked}
        self.person.addItem("", None)
        for contact in self.services.contacts.all():
            if contact.id not in linked_ids:
                label = contact.name + (f" ({contact.company})" if contact.company else "")
                self.person.addItem(label, contact.id)
        self.person.setCurrentIndex(0)

    def picked_contact_id(self) -> int | None:
        """The known person chosen in the box, or None when the text names someone new."""
        index = self.person.currentIndex()
        if index > 0 and self.person.currentText() == self.person.itemText(index):
            contact_id: int = self.person.itemData(index)
            return contact_id
        return None

    def _picked_changed(self) -> None:
        new_person = self.picked_contact_id() is None
        for edit in (self.title, self.email, self.phone):
            edit.setEnabled(new_person)

    def add_person(self) -> bool:
        """Link the picked contact, or create the typed one; False when the input was refused."""
        app_id = self.application_id
        if app_id is None:
            return False
        self.error.clear_message()
        role = self.role.currentText()
        picked = self.picked_contact_id()
        fields = {
            "title": self.title.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
        }
        try:
            if picked is None:
                contact = self.services.contacts.add(self.person.currentText(), **fields)
            else:
                contact = self.services.contacts.get(picked)
            self.services.contacts.link(app_id, contact.id, role)
        except ValidationError as exc:
            self.error.show_message(f"{exc.field.capitalize()} {exc.message}.")
            return False
        current = {"id": contact.id}
        contacts = self.services.contacts

        def undo() -> None:
            contacts.unlink(app_id, current["id"])
            if picked is None:
                contacts.delete(current["id"])

        def redo() -> None:
            if picked is None:
                current["id"] = contacts.add(contact.name, **fields).id
            contacts.link(app_id, current["id"], role)

        push_done(
            self.undo_stack, f"Add {contact.name} to {self.company}", undo=undo, redo=redo,
            after=partial(self.refresh, [app_id]),
        )  # fmt: skip
        for edit in (self.title, self.email, self.phone):
            edit.clear()
        return True

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(item is not None)

    def edit_selected(self) -> PersonDialog | None:
        """Open the selected person for editing (their fields and role here); Save stores
        the changes as one undo entry."""
        item = self.list.currentItem()
        app_id = self.application_id
        if item is None or app_id is None:
            return None
        contact_id = item.data(Qt.ItemDataRole.UserRole)
        linked = {c.id: c for c in self.services.contacts.for_application(app_id)}
        dialog = PersonDialog(linked[contact_id], self, with_role=True)
        dialog.setObjectName("person_dialog")
        dialog.accepted.connect(partial(self._save_person, app_id, dialog))
        dialog.finished.connect(lambda _: dialog.deleteLater())
        dialog.open()
        return dialog

    def _save_person(self, app_id: int, dialog: PersonDialog) -> None:
        person, changes, role = dialog.person, dialog.changes(), dialog.chosen_role()
        contacts = self.services.contacts
        old_role = person.role or "other"
        role = role if role is not None and role != old_role else None
        try:
            previous = contacts.edit(person.id, **changes)
            if role is not None:
                contacts.link(app_id, person.id, role)
        except ValidationError as exc:  # checked by the dialog; stored values may differ
            self.error.show_message(f"{exc.field.capitalize()} {exc.message}.")
            return
        if not changes and role is None:
            return
        stored = contacts.get(person.id)

        def undo() -> None:
            contacts.restore(person.id, previous)
            if role is not None:
                contacts.link(app_id, person.id, old_role)

        def redo() -> None:
            contacts.restore(person.id, {k: getattr(stored, k) for k in changes})
            if role is not None:
                contacts.link(app_id, person.id, role)

        push_done(
            self.undo_stack, f"Edit {stored.name}", undo=undo, redo=redo,
            after=partial(self.refresh, sorted({app_id, *contacts.application_ids(person.id)})),
        )  # fmt: skip

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        app_id = self.application_id
        if item is None or app_id is None:
            return
        contact_id = item.data(Qt.ItemDataRole.UserRole)
        linked = {c.id: c for c in self.services.contacts.for_application(app_id)}
        contact = linked[contact_id]
        contacts = self.services.contacts
        contacts.unlink(app_id, contact_id)
        push_done(
            self.undo_stack,
            f"Remove {contact.name} from {self.company}",
            undo=lambda: contacts.link(app_id, contact_id, contact.role or "other"),
            redo=lambda: contacts.unlink(app_id, contact_id),
            after=partial(self.refresh, [app_id]),
        )
