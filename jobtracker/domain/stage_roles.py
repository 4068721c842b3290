"""What a stage *means* to the rules, whatever the person calls it.

Every stage has a role (or none, for a custom stage). The follow-up rules, the import and
the board's grouping read roles, never names, so a renamed or translated board keeps its
reminders. A role also fixes whether the stage is a step in the search (open) or an outcome
(closed); a stage without a role keeps the kind the person chose for it.
"""

from __future__ import annotations

from typing import Final

from jobtracker.text import fold

NONE: Final = ""
WISHLIST: Final = "wishlist"
APPLIED: Final = "applied"
SCREENING: Final = "screening"
INTERVIEWING: Final = "interviewing"
OFFER: Final = "offer"
ACCEPTED: Final = "accepted"
REJECTED: Final = "rejected"
WITHDRAWN: Final = "withdrawn"
NO_RESPONSE: Final = "no_response"

OPEN_KIND: Final = "open"
CLOSED_KIND: Final = "closed"

#: every role in the order of a search, with its label for the stages dialog
ROLE_LABELS: Final[dict[str, str]] = {
    NONE: "None (custom stage)",
    WISHLIST: "Wishlist",
    APPLIED: "Applied",
    SCREENING: "Screening",
    INTERVIEWING: "Interviewing",
    OFFER: "Offer",
    ACCEPTED: "Accepted",
    REJECTED: "Rejected",
    WITHDRAWN: "Withdrawn",
    NO_RESPONSE: "No response",
}
ROLES: Final = tuple(ROLE_LABELS)
#: the roles of outcomes: a card there has left the search
CLOSED_ROLES: Final = frozenset({ACCEPTED, REJECTED, WITHDRAWN, NO_RESPONSE})
#: roles a card passes before its interviews: an interview logged there offers a move on
BEFORE_INTERVIEWS: Final = frozenset({NONE, WISHLIST, APPLIED, SCREENING})

#: what people call stages (folded) -> the role: the default board's names, and those of
#: other trackers and spreadsheets (the CSV import and the first migration read it)
ROLE_BY_NAME: Final[dict[str, str]] = {
    **dict.fromkeys(("wishlist", "wish list", "saved", "bookmarked", "draft", "interested",
                     "to apply"), WISHLIST),
    **dict.fromkeys(("applied", "application sent", "submitted", "sent"), APPLIED),
    **dict.fromkeys(("screening", "phone screen", "screen", "recruiter call"), SCREENING),
    **dict.fromkeys(("interviewing", "interview", "interviews", "in progress"), INTERVIEWING),
    **dict.fromkeys(("offer", "offered", "offer received"), OFFER),
    **dict.fromkeys(("accepted", "hired", "offer accepted"), ACCEPTED),
    **dict.fromkeys(("rejected", "not selected", "declined by company", "rejection"),
                    REJECTED),
    **dict.fromkeys(("withdrawn", "withdrew", "declined", "offer declined"), WITHDRAWN),
    **dict.fromkeys(("no response", "no_response", "ghosted", "expired", "no answer",
                     "closed"), NO_RESPONSE),
}  # fmt: skip


#: where a card of a role goes on a board without a stage of that role
NEAREST: Final[dict[str, str]] = {SCREENING: INTERVIEWING}


def kind_of(role: str, chosen_kind: str = OPEN_KIND) -> str:
    """The stage kind a role implies; a stage without a role keeps ``chosen_kind``."""
    if role == NONE:
        return chosen_kind
    return CLOSED_KIND if role in CLOSED_ROLES else OPEN_KIND


def role_for_name(name: str) -> str:
    """The role a stage called ``name`` most likely has (NONE when the name says nothing)."""
    return ROLE_BY_NAME.get(fold(name.strip()), NONE)


def label(role: str) -> str:
    return ROLE_LABELS.get(role, role)
