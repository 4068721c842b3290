"""Realistic sample data: a job search a few weeks in, for trying the app and for tests."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise, product
from typing import Any, NamedTuple

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.backups import backup_before_replacing
from jobtracker.domain.records import StageInfo
from jobtracker.domain.services import Services
from jobtracker.store.models import (
    Activity,
    Application,
    ApplicationContact,
    Contact,
    Tag,
    database,
)
from jobtracker.text import fold

_COMPANIES = [
    ("Northwind Analytics", "Data Engineer", "Berlin, hybrid"),
    ("Acme Robotics", "Backend Engineer", "Munich"),
    ("Blue Harbor Health", "Senior Python Developer", "Remote (EU)"),
    ("Café Lumière", "Full-Stack Developer", "Lyon"),
    ("Helios Energy", "Platform Engineer", "Hamburg"),
    ("Juniper Learning", "Software Engineer, Mobile", "Remote"),
    ("Kestrel Logistics", "Site Reliability Engineer", "Rotterdam"),
    ("Lumen Books", "Frontend Engineer", "London"),
    ("Mosaic Bank", "Backend Developer (Payments)", "Frankfurt"),
    ("Nimbus Cloudworks", "DevOps Engineer", "Dublin, hybrid"),
    ("Orchard Foods", "Data Analyst", "Amsterdam"),
    ("Pinecone Studios", "Tools Programmer", "Stockholm"),
    ("Quill & Co.", "Technical Writer", "Remote"),
    ("Riverbend Insurance", "Python Engineer", "Zürich"),
    ("Sable Security", "Security Engineer", "Vienna"),
    ("Tidewater Maps", "GIS Developer", "Copenhagen"),
    ("Umbra Games", "Gameplay Engineer", "Kraków"),
    ("Verdant Mobility", "Embedded Software Engineer", "Stuttgart"),
    ("Wavelength Audio", "Desktop Application Developer", "Remote (EU)"),
    ("Xylo Music", "Backend Engineer", "Barcelona"),
    ("Yellowstone Travel", "Engineering Manager", "Paris"),
    ("Zephyr Labs", "Machine Learning Engineer", "Cambridge"),
    ("Atlas Freight", "Software Engineer II", "Antwerp"),
    ("Beacon Civic Tech", "Full-Stack Engineer", "Remote"),
    ("Cobalt Systems", "C++/Qt Developer", "Oslo"),
    ("Driftwood Hotels", "Integration Developer", "Lisbon"),
    ("Ember Payments", "Staff Engineer", "Berlin"),
    ("Fjord Medical", "Software Developer", "Bergen"),
    ("Granite Data", "Database Engineer", "Remote (EU)"),
    ("Harbor Point Media", "Web Developer", "Bristol"),
    ("Iris Optics", "Test Automation Engineer", "Eindhoven"),
    ("Jasper Retail", "Python Developer", "Leeds"),
    ("Kite Aerospace", "Flight Software Engineer", "Toulouse"),
    ("Lark Social", "Android Developer", "Madrid"),
    ("Maple Grove Schools", "IT Systems Engineer", "Edinburgh"),
    ("Nova Genomics", "Bioinformatics Engineer", "Heidelberg"),
    ("Opal Energy", "Backend Engineer", "Utrecht"),
    ("Prism Design", "UI Engineer", "Milan"),
    ("Quartz Finance", "Quant Developer", "Geneva"),
    ("Redwood Legal", "Software Engineer", "Manchester"),
]
#: how many applications sit in the stage of each role, in board order
_STAGE_COUNTS = {
    roles.WISHLIST: 7,
    roles.APPLIED: 12,
    roles.INTERVIEWING: 7,
    roles.OFFER: 2,
    roles.ACCEPTED: 1,
    roles.REJECTED: 6,
    roles.WITHDRAWN: 2,
    roles.NO_RESPONSE: 3,
}
#: names the sample's people are drawn from (each person works at one company)
_FIRST_NAMES = [
    "Amira", "Jonas", "Priya", "Tom", "Sofia", "Marco", "Chloé", "Kenji", "Fatima", "Lukas",
    "Ingrid", "Mateo", "Aisha", "Pieter", "Hana", "Oskar", "Lucía", "Emeka", "Nora", "Rafael",
]  # fmt: skip
_LAST_NAMES = [
    "Haddad", "Weber", "Raman", "O'Neill", "Lindqvist", "Bianchi", "Dubois", "Watanabe",
    "Zahra", "Novák", "Jansen", "Rossi", "Kowalski", "Okafor", "Moreau", "Berg", "Costa",
    "Fischer", "Murphy", "Nowak",
]  # fmt: skip
_RECRUITER_TITLES = [
    "Technical Recruiter", "Talent Partner", "Recruiting Coordinator", "HR Business Partner",
]  # fmt: skip
_INTERVIEWER_TITLES = [
    "Engineering Manager", "Tech Lead", "Head of Platform", "Staff Engineer", "CTO",
    "Senior Engineer",
]  # fmt: skip
#: the sample's tags and which applications carry them (by location, role, source)
_TAGS: dict[str, Callable[[str, str, dict[str, Any]], bool]] = {
    "remote": lambda _role, location, _fields: "Remote" in location,
    "python": lambda role, _location, _fields: "Python" in role,
    "referral": lambda _role, _location, fields: fields["source"] == "Referral",
}
_NOTES = [
    "Team uses Python and PostgreSQL; they liked my migration project.",
    "Referred by a former colleague. Ask about on-call rotation.",
    "Strong product culture; four-day week trial.",
    "",
    "Salary band shared by the recruiter. Follow up on remote policy.",
]


def _local_at(day: datetime, hour: int, minute: int = 0) -> datetime:
    """``day`` at a local wall-clock time, as an aware instant."""
    local_day = day.astimezone().date()
    return datetime.combine(local_day, time(hour, minute)).astimezone().astimezone(UTC)


class SampleData(NamedTuple):
    """What :func:`fill_with_sample_data` added, so :func:`remove_sample_data` can take
    exactly that away again."""

    application_ids: tuple[int, ...]
    contact_ids: tuple[int, ...]
    #: the tags the sample made (not those the database held already)
    tag_ids: tuple[int, ...] = ()


def sample_data_refusal(services: Services) -> str | None:
    """Why sample data may not go into this database (it holds the person's own data), or
    None for an empty one: fake applications must never mix with real ones."""
    applications = len(services.board.cards(include_archived=True, include_trashed=True))
    people = len(services.contacts.all())
    if not applications and not people:
        return None
    held = f"{applications} applications" + (f" and {people} people" if people else "")
    return (
        f"This database already holds {held}, so sample data would mix with your own. "
        "To try jobtracker with sample data, start it on a throw-away database: "
        "jobtracker --demo"
    )


def fill_with_sample_data(services: Services, seed: int = 7) -> SampleData:
    """Add about 40 applications over every stage, with people, interviews and timelines
    (after a verified backup where the database holds anything already)."""
    backup_before_replacing(services.store, services.clock)
    rng = random.Random(seed)
    people = _People(services, random.Random(seed + 1))
    now = services.clock.now()
    stages = {s.role: s for s in reversed(services.board.stages())}  # each role's first stage
    companies = list(_COMPANIES)
    added: list[int] = []
    tagged: dict[str, list[int]] = {name: [] for name in _TAGS}
    with database.atomic():
        for role, count in _STAGE_COUNTS.items():
            stage = stages.get(role)
            if stage is None:
                continue
            for _ in range(count):
                if not companies:
                    break
                company, job, location = companies.pop(0)
                app_id, fields = _add_one(
                    services, rng, now, stages, stage, (company, job, location), people
                )
                added.append(app_id)
                for name, applies in _TAGS.items():
                    if applies(job, location, fields):
                        tagged[name].append(app_id)
        tag_ids = _tag(services, tagged)
    services.followups.recompute()  # thank-yous, follow-ups and check-ins already due
    _handle_older_reminders(services, now)
    return SampleData(tuple(added), tuple(people.added), tag_ids)


def _tag(services: Services, tagged: dict[str, list[int]]) -> tuple[int, ...]:
    """Tag the sample's applications; returns the ids of the tags made for it."""
    made = []
    for name, app_ids in tagged.items():
        if app_ids:
            new = services.tags.find(name) is None
            change = services.tags.add(app_ids, [name])
            made += list(change.tag_ids) if new else []
    return tuple(made)


class _People:
    """The sample's people, each working at the company of the applications they are on."""

    def __init__(self, services: Services, rng: random.Random) -> None:
        self.services = services
        self.rng = rng
        names = [f"{first} {last}" for first, last in product(_FIRST_NAMES, _LAST_NAMES)]
        rng.shuffle(names)
        self._names: Iterator[str] = iter(names)
        self.added: list[int] = []

    def add(self, company: str, titles: list[str], at: datetime) -> int:
        """A new person at ``company``, known since ``at``; returns their id."""
        name = next(self._names)
        contact = self.services.contacts.add(
            name, title=self.rng.choice(titles), company=company,
            email=_email(name, company), phone=_phone(self.rng),
        )  # fmt: skip
        Contact.update(created_at=at).where(Contact.id == contact.id).execute()
        self.added.append(contact.id)
        return contact.id


def remove_sample_data(sample: SampleData) -> None:
    """Take the sample away again (the window's Undo): its applications with everything
    hanging on them, and its people."""
    with database.atomic():
        for ids, model in (
            (sample.application_ids, Application),
            (sample.contact_ids, Contact),
            (sample.tag_ids, Tag),
        ):
            for start in range(0, len(ids), 500):
                model.delete().where(model.id.in_(list(ids[start : start + 500]))).execute()


#: reminders older than this are taken as handled, as a diligent person would have
HANDLED_BEFORE = timedelta(days=3)


def _handle_older_reminders(services: Services, now: datetime) -> None:
    """Complete what fell due long ago, so the sample shows a few due reminders, not dozens."""
    handled = [r.id for r in services.reminders.due(now) if r.effective_at < now - HANDLED_BEFORE]
    if handled:
        services.reminders.done(handled)


def _weekday(day: datetime, step: int) -> datetime:
    """``day`` moved by ``step`` days (+1 or -1) until it is a working day."""
    while day.astimezone().weekday() >= 5:
        day += timedelta(days=step)
    return day


#: the fewest days since applying each stage's history needs (an invitation, an interview,
#: an answer, an acceptance, each a few days after the one before)
_MIN_DAYS_SINCE_APPLIED = {
    roles.APPLIED: 2,
    roles.INTERVIEWING: 12,
    roles.OFFER: 21,
    roles.REJECTED: 21,
    roles.ACCEPTED: 25,
    roles.WITHDRAWN: 7,
    roles.NO_RESPONSE: 25,
}
#: a stage whose sample applications had a first interview
_INTERVIEWED = (roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED, roles.REJECTED)


class _History(NamedTuple):
    """When a sample application went where: its stages in order with the time each was
    entered, and its first interview (after the invitation, before any answer)."""

    steps: list[tuple[str, datetime]]
    first_interview: datetime | None


def _history(rng: random.Random, now: datetime, role: str, applied: datetime) -> _History:
    """A believable path to ``role``: added (on the wishlist a few days before applying, or
    the day of it), applied, invited, interviewed, answered; every step in order, before now."""
    if role == roles.WISHLIST:
        return _History([(roles.WISHLIST, applied)], None)
    added = applied - timedelta(days=rng.randint(0, 3))
    steps = [(roles.WISHLIST, added)] if added < applied else []
    steps.append((roles.APPLIED, applied))
    interview = None
    if role in _INTERVIEWED:
        invited = applied + timedelta(days=rng.randint(2, 4), hours=rng.randint(1, 6))
        steps.append((roles.INTERVIEWING, invited))
        day = _weekday(invited + timedelta(days=rng.randint(1, 3)), 1)
        interview = _local_at(day, rng.choice([10, 11, 14, 16]))
        if role != roles.INTERVIEWING:
            answered = _weekday(interview + timedelta(days=rng.randint(3, 6), hours=2), 1)
            steps.append((roles.REJECTED if role == roles.REJECTED else roles.OFFER, answered))
            if role == roles.ACCEPTED:
                steps.append((roles.ACCEPTED, answered + timedelta(days=rng.randint(2, 3))))
    elif role == roles.WITHDRAWN:
        steps.append((roles.WITHDRAWN, applied + (now - applied) * rng.uniform(0.4, 0.8)))
    elif role == roles.NO_RESPONSE:
        waited = rng.randint(21, (now - applied).days - 2)
        steps.append((roles.NO_RESPONSE, applied + timedelta(days=waited)))
    return _History(steps, interview)


def _write_history(
    app_id: int, history: _History, stages: dict[str, StageInfo], applied: datetime
) -> None:
    """Give a sample application the history it would have had (the services stamp now):
    added, then one stage change per step, the card in its last stage since the last one."""
    steps = [(stages[role].id, at) for role, at in history.steps if role in stages]
    (first_stage, created), entered = steps[0], steps[-1][1]
    Application.update(created_at=created, stage_entered_at=entered, updated_at=entered).where(
        Application.id == app_id
    ).execute()
    Activity.update(at=created, to_stage=first_stage).where(
        (Activity.application == app_id) & (Activity.kind == "created")
    ).execute()
    Activity.update(at=applied).where(
        (Activity.application == app_id) & (Activity.kind == "note")
    ).execute()
    moves = [
        {"application": app_id, "at": at, "kind": "stage_changed", "from_stage": source,
         "to_stage": target}
        for (source, _), (target, at) in pairwise(steps)
    ]  # fmt: skip
    if moves:
        Activity.insert_many(moves).execute()


def _email(name: str, company: str) -> str:
    """An ASCII address at the company: "Lukas Novák", "Café Lumière" ->
    lukas.novak@cafe.example."""
    first, *rest = fold(name).replace("'", "").split()
    domain = "".join(ch for ch in fold(company).split()[0] if ch.isalnum())
    return f"{first}.{rest[-1] if rest else 'x'}@{domain}.example"


def _phone(rng: random.Random) -> str:
    return f"+49 30 {rng.randint(1000000, 9999999)}"


def _add_one(
    services: Services,
    rng: random.Random,
    now: datetime,
    stages: dict[str, StageInfo],
    stage: StageInfo,
    job: tuple[str, str, str],
    people: _People,
) -> tuple[int, dict[str, Any]]:
    """One application (company, role, location) with a believable history for its stage and
    people of that company; returns its id and the fields it was added with."""
    company, role, location = job
    if stage.role == roles.WISHLIST:
        applied = now - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8))
    else:
        days_ago = rng.randint(_MIN_DAYS_SINCE_APPLIED.get(stage.role, 2), 45)
        applied = now - timedelta(days=days_ago, hours=rng.randint(0, 8))
    history = _history(rng, now, stage.role, applied)
    salary_low = rng.choice([55, 60, 65, 70, 75, 80, 90]) * 1000
    fields: dict[str, Any] = {
        "url": f"https://jobs.example.com/{company.split()[0].lower()}/{rng.randint(100, 999)}",
        "location": location,
        "notes": rng.choice(_NOTES),
        "excitement": rng.randint(1, 5),
        "source": rng.choice(["LinkedIn", "Company site", "Referral", "Job board"]),
        "salary_text": f"€{salary_low // 1000}k–{(salary_low + 15000) // 1000}k",
        "salary_min": salary_low,
        "salary_max": salary_low + 15000,
        "salary_currency": "EUR",
    }
    if stage.role != roles.WISHLIST:
        fields["applied_at"] = applied
    app_id = services.applications.add(company, role, stage.id, **fields).id
    created = history.steps[0][1]
    recruiter = people.add(company, _RECRUITER_TITLES, created)
    services.contacts.link(app_id, recruiter, "recruiter")
    _added_at(app_id, recruiter, created)
    if history.first_interview is not None:
        invited = dict(history.steps)[roles.INTERVIEWING]
        manager = people.add(company, _INTERVIEWER_TITLES, invited)
        services.contacts.link(app_id, manager, "interviewer")
        _added_at(app_id, manager, invited)
        services.interviews.add(
            app_id, history.first_interview, title="First interview",
            kind=rng.choice(["phone", "video"]), duration_minutes=45,
            interviewer_ids=(manager,),
        )  # fmt: skip
        if stage.role == roles.INTERVIEWING:
            upcoming_day = _weekday(now + timedelta(days=rng.randint(1, 9)), 1)
            upcoming = _local_at(upcoming_day, rng.choice([9, 13, 15]))
            services.interviews.add(
                app_id, upcoming, title="Technical interview", kind="onsite",
                location=f"{company} office, {location.split(',')[0]}", duration_minutes=90,
                interviewer_ids=(manager,),
            )  # fmt: skip
    if stage.role != roles.WISHLIST:
        services.timeline.add(app_id, "note", f"Applied through {fields['source']}.")
    _write_history(app_id, history, stages, applied)
    if stage.role in (roles.REJECTED, roles.OFFER, roles.ACCEPTED):
        answer = roles.REJECTED if stage.role == roles.REJECTED else roles.OFFER
        answered = dict(history.steps)[answer]
        heard = services.timeline.add(app_id, "heard_back", "Heard back from the recruiter.")
        Activity.update(at=answered).where(Activity.id == heard.id).execute()
    return app_id, fields


def _added_at(app_id: int, contact_id: int, at: datetime) -> None:
    ApplicationContact.update(added_at=at).where(
        (ApplicationContact.application == app_id) & (ApplicationContact.contact == contact_id)
    ).execute()
