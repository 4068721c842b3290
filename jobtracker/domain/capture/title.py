"""A page title or a posting's heading split into role and company, as a guess."""

from __future__ import annotations

import re

_AT = re.compile(r"^(?P<role>.+?)\s+(?:at|@|bei|chez)\s+(?P<company>[^|–—-]+)", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_NOISE = re.compile(r"\b(jobs?|careers?|stellenangebot|hiring|apply now)\b", re.IGNORECASE)


def split_title(title: str) -> tuple[str, str]:
    """(role, company) from "Backend Engineer at Acme | Careers" or "Backend Engineer - Acme";
    the company is "" when the title names none."""
    title = " ".join(title.split())
    found = _AT.match(title)
    if found:
        return found.group("role").strip(), found.group("company").strip()
    parts = [p.strip() for p in _SEPARATORS.split(title) if p.strip()]
    parts = [p for p in parts if not _NOISE.fullmatch(p)]
    if not parts:
        return "", ""
    if len(parts) == 1:
        return parts[0], ""
    return parts[0], parts[1]
