"""The draft editor's keys, in one table: the editor binds its actions from it, and
Help → Keyboard Shortcuts lists it without building an editor."""

from __future__ import annotations

#: the editor's key for each action -> (what the action does, its keys)
EDITOR_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "copy_all": ("Copy All (subject and body)", ("Ctrl+Shift+C",)),
    "save": ("Save Now (drafts also save as you type)", ("Ctrl+S",)),
    "close": ("Close the Draft (it is kept)", ("Esc", "Ctrl+W")),
}


def editor_rows() -> list[tuple[str, str]]:
    """(keys, what) for the shortcut list, keys spelled as the list spells an action's."""
    return [(" or ".join(keys), text) for text, keys in EDITOR_KEYS.values()]
