"""Capture: from a job posting (a link, a page, pasted text or a file) to a card's fields.

``extract`` turns HTML into a :class:`~jobtracker.domain.capture.posting.CapturedPosting`,
best source first (JSON-LD, microdata, OpenGraph and the title); ``fetch`` gets a page with
the limits a desktop app owes its user; ``from_text`` reads pasted text. Nothing here
imports Qt or the store: the window and the command line both call these.
"""
