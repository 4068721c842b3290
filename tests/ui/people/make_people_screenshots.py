"""Screenshots of the People view, its merge dialog and the person editor, light and dark.

    python tests/ui/people/make_people_screenshots.py [OUTPUT_FOLDER]  (default: docs/screenshots)

The demo data with a fixed clock and fixed palettes (``screenshot_setup``); a second
spelling of one person, with their email address in capitals, makes a duplicate to merge.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QUndoStack

sys.path.insert(0, str(Path(__file__).parents[1]))
from screenshot_setup import LATER, Scene, demo_scene, out_folder

from jobtracker.domain.people import Person
from jobtracker.ui.people.merge_dialog import MergeDialog
from jobtracker.ui.people.person_dialog import PersonDialog
from jobtracker.ui.people.window import PeopleWindow


def add_twin(scene: Scene) -> Person:
    """The person with the longest timeline, and a second spelling of them."""
    timeline = scene.services.timeline
    busiest = max(
        scene.services.people.everyone(), key=lambda p: (len(timeline.for_person(p.id)), -p.id)
    )
    first, *_, last = busiest.name.split()
    scene.services.contacts.add(
        f"{first} {last[0]}.", email=busiest.email.upper(), title="Talent Partner",
        company=busiest.company,
    )  # fmt: skip
    return busiest


def shoot(scene: Scene, busiest: Person, tone: str, out: Path) -> None:
    window = PeopleWindow(scene.services, QUndoStack())
    window.show()
    window.wait()
    scene.app.processEvents()  # the people read are shown
    window.select_ids([busiest.id], current=busiest.id)
    scene.save(window, out / f"people-{tone}.png")
    twins = [p for p in window.model.people if p.email.lower() == busiest.email.lower()]
    merge = MergeDialog(twins, window)
    scene.save(merge, out / f"people-merge-{tone}.png")
    merge.close()
    editor = PersonDialog(scene.services.contacts.get(busiest.id), window, with_role=True)
    editor.edits["email"].setText("not an address")
    editor.accept()  # refused: shows the problem beside the field
    scene.save(editor, out / f"people-edit-{tone}.png")
    editor.close()
    window.close()


def main() -> int:
    out = out_folder()
    with demo_scene() as scene:
        busiest = add_twin(scene)
        scene.clock.advance(seconds=LATER.total_seconds())
        for tone in scene.tones():
            shoot(scene, busiest, tone, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
