"""Handing a draft to the person's email app, and knowing when that did not work.

On Linux and the BSDs the ``mailto:`` link goes to ``xdg-email`` (else ``xdg-open``)
through the opener, in a worker (see :class:`Handoff`). Elsewhere Qt's
``QDesktopServices.openUrl`` answers at once.

Signals (from :class:`Handoff`):
    failed(OpenError): no email app took the draft; its ``reason`` says why, in words.
    handed_over(): an email app took it.
"""

from __future__ import annotations

import sys
from functools import partial

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from jobtracker.platform.handoff import Handoff
from jobtracker.platform.opener import OpenError, open_mail_link


class MailHandoff(Handoff):
    """The draft editor's way to the email app."""

    def open(self, url: str) -> None:
        """Hand ``url`` (a ``mailto:`` link) over; the answer comes by signal."""
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            self.start(partial(open_mail_link, url))
        elif QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii"))):
            self.handed_over.emit()
        else:
            reason = "no email app answered"
            self.failed.emit(OpenError(f"The draft was not opened: {reason}.", reason))
