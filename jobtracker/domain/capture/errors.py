"""Why a capture failed, in one sentence a person can act on."""

from __future__ import annotations

#: failures where the page came but holds no readable posting: offer pasting its text
PASTE_INSTEAD_KINDS = frozenset({"script-rendered", "login", "no-posting"})


class CaptureError(Exception):
    """A page that could not be fetched or read; ``kind`` is for code, the text for people.

    Kinds: unreachable, tls, http, timeout, redirects, too-large, not-html, bad-url,
    unreadable, script-rendered, login, no-posting.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def paste_instead(self) -> bool:
        """True when pasting the posting's text is the way forward."""
        return self.kind in PASTE_INSTEAD_KINDS
