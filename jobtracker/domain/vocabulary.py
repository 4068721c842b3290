"""The fixed words the domain checks values against and the window offers in its lists.

Stored as they are, so they are keys, not display text; stage kinds live with the stage
roles (:mod:`jobtracker.domain.stage_roles`), which decide them.
"""

from __future__ import annotations

from typing import Final

from jobtracker.domain.stage_roles import CLOSED_KIND, OPEN_KIND

STAGE_KINDS: Final = (OPEN_KIND, CLOSED_KIND)
CONTACT_ROLES: Final = ("recruiter", "hiring manager", "interviewer", "referral", "other")
INTERVIEW_KINDS: Final = ("phone", "video", "onsite")
