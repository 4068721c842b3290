"""Which column means what: header aliases for spreadsheets, and the exports of other
trackers (Huntr, JobSync), recognised from their columns."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jobtracker.text import fold

#: the fields a column can map to; IGNORE drops a column the importer knows it need not keep
COMPANY, ROLE, STAGE, URL = "company", "role", "stage", "url"
LOCATION, SALARY = "location", "salary"
APPLIED, CREATED, STAGE_ENTERED, DEADLINE = "applied", "created", "stage_entered", "deadline"
NOTES, DESCRIPTION, SOURCE, EXCITEMENT = "notes", "description", "source", "excitement"
CONTACT, CONTACT_EMAIL, CONTACT_PHONE = "contact", "contact_email", "contact_phone"
TAGS = "tags"
IGNORE = "ignore"

FIELD_LABELS = {
    COMPANY: "Company",
    ROLE: "Role",
    STAGE: "Stage",
    URL: "Job URL",
    LOCATION: "Location",
    SALARY: "Salary",
    APPLIED: "Date applied",
    CREATED: "Date added",
    STAGE_ENTERED: "In stage since",
    DEADLINE: "Deadline",
    NOTES: "Notes",
    DESCRIPTION: "Description",
    SOURCE: "Source",
    EXCITEMENT: "Excitement (0-5)",
    CONTACT: "Contact name",
    CONTACT_EMAIL: "Contact email",
    CONTACT_PHONE: "Contact phone",
    TAGS: "Tags (comma-separated)",
    IGNORE: "Ignore this column",
}
DATE_FIELDS = (APPLIED, CREATED, STAGE_ENTERED, DEADLINE)

_ALIASES = {
    COMPANY: ("company", "employer", "organization", "organisation", "companyname", "firm"),
    ROLE: ("role", "title", "position", "jobtitle", "job", "jobposition", "positiontitle"),
    STAGE: ("stage", "status", "listname", "list", "state", "column", "pipelinestage"),
    URL: ("url", "link", "joburl", "joblink", "posting", "postingurl", "jobposting", "website"),
    LOCATION: ("location", "city", "place", "joblocation"),
    SALARY: ("salary", "compensation", "pay", "salaryrange", "payrange", "expectedsalary"),
    APPLIED: ("dateapplied", "applieddate", "appliedon", "appliedat", "applicationdate", "date"),
    CREATED: ("createdat", "created", "dateadded", "added", "datecreated"),
    STAGE_ENTERED: (
        "lastmovedat",
        "lastmoved",
        "instagesince",
        "stagechanged",
        "stagedate",
        "lastupdated",
    ),
    DEADLINE: ("deadline", "closingdate", "applyby", "applicationdeadline"),
    NOTES: ("notes", "note", "comments", "comment", "remarks"),
    DESCRIPTION: ("description", "jobdescription"),
    SOURCE: ("source", "jobsource", "foundvia", "foundon", "referral", "channel"),
    EXCITEMENT: ("excitement", "rating", "interest", "stars"),
    CONTACT: ("contact", "contactname", "contactperson", "recruiter", "hiringmanager"),
    CONTACT_EMAIL: ("contactemail", "email", "recruiteremail", "emailaddress"),
    CONTACT_PHONE: ("contactphone", "phone", "phonenumber", "recruiterphone"),
    TAGS: ("tags", "tag", "labels", "label", "keywords"),
    #: the export's own bookkeeping columns, so an exported file imports again cleanly
    IGNORE: (
        "id",
        "applicationid",
        "stagehistory",
        "archived",
        "salarymin",
        "salarymax",
        "currency",
        "contacts",
        "interviews",
    ),
}
_BY_ALIAS = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def header_key(header: str) -> str:
    """A header folded to letters and digits: "Job Title", "jobTitle", "job_title" -> "jobtitle"."""
    return re.sub(r"[^0-9a-z]", "", fold(header))


def humanize(header: str) -> str:
    """A readable label for a header written in camelCase ("jobType" -> "Job type")."""
    if " " in header or not re.search(r"[a-z][A-Z]", header):
        return header
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", header).split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])])


@dataclass(frozen=True, slots=True)
class SourceFormat:
    """A kind of file the importer knows: its columns, and what it writes for 'empty'."""

    name: str
    #: header keys that together identify the format
    signature: frozenset[str] = frozenset()
    empty_markers: frozenset[str] = frozenset()
    #: header key -> field, taking precedence over the generic aliases
    columns: Mapping[str, str] = field(default_factory=dict)

    def matches(self, keys: set[str]) -> bool:
        return bool(self.signature) and self.signature <= keys

    def is_empty(self, value: str) -> bool:
        return not value or value.casefold() in self.empty_markers


HUNTR = SourceFormat(
    "Huntr",
    frozenset({"companyname", "listname", "title"}),
    frozenset({"-"}),
    {
        "id": IGNORE,
        "createdat": CREATED,
        "title": ROLE,
        "salary": SALARY,
        "location": LOCATION,
        "url": URL,
        "listname": STAGE,
        "companyname": COMPANY,
        "lastmovedat": STAGE_ENTERED,
    },
)
JOBSYNC = SourceFormat(
    "JobSync",
    frozenset({"jobtitle", "status", "applieddate"}),
    frozenset({"n/a"}),
    {
        "createdat": CREATED,
        "applied": IGNORE,  # a yes/no flag; appliedDate carries the date
        "applieddate": APPLIED,
        "company": COMPANY,
        "jobtitle": ROLE,
        "location": LOCATION,
        "jobsource": SOURCE,
        "status": STAGE,
    },
)
SPREADSHEET = SourceFormat("Spreadsheet")
FORMATS = (HUNTR, JOBSYNC)


def detect_format(headers: Iterable[str]) -> SourceFormat:
    keys = {header_key(h) for h in headers}
    return next((f for f in FORMATS if f.matches(keys)), SPREADSHEET)


def guess_mapping(headers: list[str], source: SourceFormat) -> dict[str, str]:
    """Header -> field for every header the format or the aliases know; each field once."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        key = header_key(header)
        target = source.columns.get(key) or _BY_ALIAS.get(key)
        if target is None or (target in taken and target != IGNORE):
            continue
        mapping[header] = target
        taken.add(target)
    return mapping
