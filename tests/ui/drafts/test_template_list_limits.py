"""The window's template lists show every good template, and each broken or hostile one with
its problem, instead of failing for all; a hostile text typed in the editor is stopped."""

from __future__ import annotations

import time

from jobtracker.domain.services import Services
from jobtracker.domain.template_runner import TIME_LIMIT
from jobtracker.paths import user_templates_dir
from jobtracker.ui.drafts.templates_dialog import TemplatesDialog

LOOPS = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"


def _write(services: Services, key: str, text: str) -> None:
    folder = user_templates_dir(services.store.path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.txt.j2").write_text(text, encoding="utf-8")


def test_the_lists_show_good_templates_beside_bad_ones(qtbot, services: Services) -> None:
    _write(services, "mine", "{# purpose: my own #}\nSubject: Hi\n\nHello {{ company }}\n")
    _write(services, "hostile", "{# purpose: spins #}\nSubject: x\n\n" + LOOPS + "\n")
    _write(services, "huge", "{# purpose: huge #}\nSubject: x\n\n{{ 'x'|center(2000000000) }}\n")
    _write(services, "broken", "{% for %}")

    dialog = TemplatesDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()

    items = {dialog.list.item(n).text(): dialog.list.item(n) for n in range(dialog.list.count())}
    assert {"thank-you", "mine (custom)"} <= set(items)
    for key, message in (("hostile", "took longer than"), ("huge", "memory"),
                         ("broken", "syntax error")):  # fmt: skip
        item = items[f"{key} (custom) (problem)"]
        assert message in item.toolTip(), item.toolTip()


def test_hostile_text_typed_in_the_editor_is_stopped(qtbot, services: Services) -> None:
    dialog = TemplatesDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    started = time.monotonic()
    dialog.editor.setPlainText("Subject: x\n\n{{ 9**9999999 }}\n")
    dialog.check()
    assert time.monotonic() - started < 30 + 2 * TIME_LIMIT
    assert "took longer than" in dialog.problem.text()
