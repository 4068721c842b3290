"""Free tags on applications: tag and untag, rename, merge, recolour, delete, each undoable.

Every change returns a :class:`TagChange`: the rows of the tags it touched (and their links
to applications) before and after, so undo and redo put exactly those rows back, whatever
the change was. Tags are matched by name ignoring case and accents' case ("Remote" is
"remote"); a name is one line without commas, since exports list a card's tags in one cell
separated by commas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from jobtracker.domain import limits, validation
from jobtracker.domain.batches import BATCH, batches
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.records import TagInfo
from jobtracker.domain.rows import get_or_raise
from jobtracker.store.models import Application, ApplicationTag, Tag, database

#: colours given to new tags in turn: mid tones that read on light and dark cards
TAG_COLORS = (
    "#3d85c6", "#6aa84f", "#e69138", "#8e7cc3", "#cc4125", "#45818e", "#c27ba0", "#bf9000",
)  # fmt: skip
#: what separates tags in one cell of an import or export, and on the command line
SEPARATORS = (",", ";")


class TagUsage(NamedTuple):
    """A tag and how many applications carry it (for the Tags manager and ``tags``)."""

    tag: TagInfo
    uses: int


class TagRows(NamedTuple):
    """Some tags' stored rows and their links: what a change replaces and restores."""

    tags: tuple[TagInfo, ...]
    #: (application id, tag id) pairs
    links: tuple[tuple[int, int], ...]


class TagChange(NamedTuple):
    """One change to tags, for exact undo and redo (see :meth:`TagService.restore`)."""

    #: the ids of every tag the change touched (created, changed or deleted)
    tag_ids: tuple[int, ...]
    before: TagRows
    after: TagRows
    #: the applications whose tags changed, so their cards are read again
    application_ids: tuple[int, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def tag_name(value: object, field: str = "tag") -> str:
    """A tag's name, cleaned; raises ValidationError for an empty, over-long or comma'd one."""
    name = " ".join(validation.required_text(field, value, limits.TAG_NAME).split())
    if any(separator in name for separator in SEPARATORS):
        raise ValidationError(field, f"{name!r}: a tag's name cannot hold a comma or semicolon")
    return name


def split_tags(text: str) -> list[str]:
    """The tag names in one cell or argument ("remote, referral; Berlin"), in order, each
    once; empty parts are skipped. Raises ValidationError for a name over the limit."""
    names: list[str] = []
    seen: set[str] = set()
    for part in text.replace(";", ",").split(","):
        if part.strip():
            name = tag_name(part)
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


def join_tags(names: Iterable[str]) -> str:
    """Tag names as one cell of an export, read back by :func:`split_tags`."""
    return ", ".join(names)


class ImportTagging(NamedTuple):
    """What tagging an import's applications wrote beyond its own applications' links
    (which go with them on undo)."""

    created_tag_ids: tuple[int, ...]
    #: links added to applications that were there before the import
    merged_links: tuple[tuple[int, int], ...]


def tag_imported(wanted: dict[int, list[str]], new_ids: set[int]) -> ImportTagging:
    """Tag each application of ``wanted`` (id: tag names), creating missing tags; runs in
    the import's transaction. ``new_ids`` are the applications the import added."""
    tags = {t.name.casefold(): _info(t) for t in Tag.select()}
    created: list[int] = []
    pairs: list[tuple[int, int]] = []
    for app_id, names in wanted.items():
        for name in names:
            tag = tags.get(name.casefold())
            if tag is None:
                color = TAG_COLORS[len(tags) % len(TAG_COLORS)]
                tag = tags[name.casefold()] = _info(Tag.create(name=name, color=color))
                created.append(tag.id)
            pairs.append((app_id, tag.id))
    old_ids = [app_id for app_id in wanted if app_id not in new_ids]
    had = {
        (link.application_id, link.tag_id)
        for part in batches(old_ids)
        for link in ApplicationTag.select().where(ApplicationTag.application.in_(list(part)))
    }
    merged = tuple(p for p in dict.fromkeys(pairs) if p[0] not in new_ids and p not in had)
    _link(pairs)
    return ImportTagging(tuple(created), merged)


def undo_tagging(tagging: ImportTagging) -> None:
    """Take back what :func:`tag_imported` wrote beyond the imported applications."""
    for application_id, tag_id in tagging.merged_links:
        ApplicationTag.delete().where(
            (ApplicationTag.application == application_id) & (ApplicationTag.tag == tag_id)
        ).execute()
    for part in batches(tagging.created_tag_ids):
        Tag.delete().where(Tag.id.in_(list(part))).execute()


def _info(tag: Tag) -> TagInfo:
    return TagInfo(tag.id, tag.name, tag.color)


class TagService:
    """Tags and their links to applications."""

    # -- reading --------------------------------------------------------------------------

    def tags(self) -> list[TagUsage]:
        """Every tag by name (ignoring case), with how many applications carry it."""
        counts = dict(
            database.execute_sql(
                'SELECT "tag_id", COUNT(*) FROM "application_tag" GROUP BY "tag_id"'
            ).fetchall()
        )
        found = [TagUsage(_info(tag), counts.get(tag.id, 0)) for tag in Tag.select()]
        return sorted(found, key=lambda usage: (usage.tag.name.casefold(), usage.tag.id))

    def names(self) -> list[str]:
        """Every tag's name, for completion."""
        return [usage.tag.name for usage in self.tags()]

    def find(self, name: str) -> TagInfo | None:
        """The tag called ``name``, ignoring case; None when there is none."""
        wanted = " ".join(name.split()).casefold()
        return next((_info(t) for t in Tag.select() if t.name.casefold() == wanted), None)

    def tag(self, tag_id: int) -> TagInfo:
        return _info(get_or_raise(Tag, tag_id, "tag"))

    def tags_of(self, application_id: int) -> list[TagInfo]:
        """One application's tags, by name."""
        query = (
            Tag.select().join(ApplicationTag).where(ApplicationTag.application == application_id)
        )
        return sorted(map(_info, query), key=lambda t: (t.name.casefold(), t.id))

    def tags_by_application(self) -> dict[int, list[str]]:
        """Every application's tag names, by name (for exports)."""
        found: dict[int, list[str]] = {}
        for app_id, name in database.execute_sql(
            'SELECT at."application_id", t."name" FROM "application_tag" at '
            'JOIN "tag" t ON t."id" = at."tag_id"'
        ):
            found.setdefault(app_id, []).append(name)
        for names in found.values():
            names.sort(key=str.casefold)
        return found

    def application_ids(self, name: str) -> set[int]:
        """The applications tagged ``name`` (none for an unknown tag)."""
        tag = self.find(name)
        if tag is None:
            return set()
        query = ApplicationTag.select(ApplicationTag.application).where(
            ApplicationTag.tag == tag.id
        )
        return {link.application_id for link in query}

    # -- changes on applications ----------------------------------------------------------

    def add(self, application_ids: Sequence[int], names: Sequence[str]) -> TagChange:
        """Tag these applications with ``names``, creating the tags that do not exist yet."""
        clean = [tag_name(name) for name in names]
        ids = self._existing_applications(application_ids)
        with database.atomic():
            tags = [self._find_or_plan(name) for name in clean]
            touched = [t.id for t in tags if t.id]
            before = self._rows(touched)
            for index, tag in enumerate(tags):
                if not tag.id:
                    tags[index] = self._create(tag.name)
            _link([(a, t.id) for a in ids for t in tags])
            tag_ids = tuple(dict.fromkeys(t.id for t in tags))
            return TagChange(tag_ids, before, self._rows(tag_ids), tuple(ids))

    def remove(self, application_ids: Sequence[int], names: Sequence[str]) -> TagChange:
        """Take ``names`` off these applications (the tags themselves stay)."""
        ids = self._existing_applications(application_ids)
        tags = [self.named(name) for name in names]
        tag_ids = tuple(dict.fromkeys(t.id for t in tags))
        with database.atomic():
            before = self._rows(tag_ids)
            ApplicationTag.delete().where(
                ApplicationTag.application.in_(ids) & ApplicationTag.tag.in_(tag_ids)
            ).execute()
            return TagChange(tag_ids, before, self._rows(tag_ids), tuple(ids))

    def set_tags(self, application_id: int, names: Sequence[str]) -> TagChange:
        """Make ``names`` exactly the application's tags (the details dialog's field)."""
        clean: dict[str, str] = {}
        for name in map(tag_name, names):
            clean.setdefault(name.casefold(), name)
        current = self.tags_of(application_id)
        with database.atomic():
            gone = [t for t in current if t.name.casefold() not in clean]
            kept = {t.name.casefold() for t in current}
            new = [name for key, name in clean.items() if key not in kept]
            removed = self.remove([application_id], [t.name for t in gone]) if gone else None
            added = self.add([application_id], new) if new else None
            return _combined([c for c in (removed, added) if c is not None], (application_id,))

    # -- changes on tags ------------------------------------------------------------------

    def rename(self, tag_id: int, name: str) -> TagChange:
        """Rename a tag; a name another tag has is refused (merge them instead)."""
        new_name = tag_name(name, "name")
        clash = self.find(new_name)
        if clash is not None and clash.id != tag_id:
            raise ValidationError("name", f"a tag called {clash.name!r} exists; merge into it")
        return self._change_tag(tag_id, name=new_name)

    def set_color(self, tag_id: int, color: str) -> TagChange:
        return self._change_tag(tag_id, color=validation.color("color", color))

    def delete(self, tag_id: int) -> TagChange:
        """Delete a tag and take it off every application."""
        self.tag(tag_id)
        with database.atomic():
            before = self._rows([tag_id])
            Tag.delete().where(Tag.id == tag_id).execute()
            return TagChange((tag_id,), before, TagRows((), ()), _apps(before))

    def merge(self, source_ids: Sequence[int], target_id: int) -> TagChange:
        """Fold the ``source_ids`` tags into ``target_id``: their applications carry the
        target instead, and the sources are deleted."""
        self.tag(target_id)
        sources = [self.tag(i).id for i in source_ids if i != target_id]
        tag_ids = (target_id, *dict.fromkeys(sources))
        with database.atomic():
            before = self._rows(tag_ids)
            _link([(a, target_id) for a, t in before.links if t != target_id])
            Tag.delete().where(Tag.id.in_(sources)).execute()
            return TagChange(tag_ids, before, self._rows(tag_ids), _apps(before))

    # -- undo -----------------------------------------------------------------------------

    def undo(self, change: TagChange) -> None:
        self.restore(change.tag_ids, change.before)

    def redo(self, change: TagChange) -> None:
        self.restore(change.tag_ids, change.after)

    def restore(self, tag_ids: Sequence[int], rows: TagRows) -> None:
        """Make the tags ``tag_ids`` (and their links) exactly ``rows``: applications purged
        since keep no link."""
        with database.atomic():
            Tag.delete().where(Tag.id.in_(list(tag_ids))).execute()
            if rows.tags:
                Tag.insert_many([t._asdict() for t in rows.tags]).execute()
            live = _live(_apps(rows))
            _link([(a, t) for a, t in rows.links if a in live])

    # -- helpers --------------------------------------------------------------------------

    def _rows(self, tag_ids: Iterable[int]) -> TagRows:
        ids = list(tag_ids)
        tags = tuple(_info(t) for t in Tag.select().where(Tag.id.in_(ids)).order_by(Tag.id))
        query = (
            ApplicationTag.select()
            .where(ApplicationTag.tag.in_(ids))
            .order_by(ApplicationTag.tag, ApplicationTag.application)
        )
        return TagRows(tags, tuple((link.application_id, link.tag_id) for link in query))

    def _change_tag(self, tag_id: int, **values: str) -> TagChange:
        self.tag(tag_id)
        with database.atomic():
            before = self._rows([tag_id])
            Tag.update(values).where(Tag.id == tag_id).execute()
            return TagChange((tag_id,), before, self._rows([tag_id]), _apps(before))

    def named(self, name: str) -> TagInfo:
        """The tag called ``name``, ignoring case; NotFoundError listing the known ones."""
        tag = self.find(name)
        if tag is None:
            known = ", ".join(self.names()) or "none yet"
            raise NotFoundError("tag", name, f"Known tags: {known}.")
        return tag

    def _find_or_plan(self, name: str) -> TagInfo:
        """The tag called ``name``, or one to create (id 0)."""
        return self.find(name) or TagInfo(0, name, "")

    def _create(self, name: str) -> TagInfo:
        color = TAG_COLORS[Tag.select().count() % len(TAG_COLORS)]
        return _info(Tag.create(name=name, color=color))

    @staticmethod
    def _existing_applications(application_ids: Sequence[int]) -> list[int]:
        ids = list(dict.fromkeys(int(i) for i in application_ids))
        found = _live(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError("application", missing[0])
        return ids


def _live(application_ids: Sequence[int]) -> set[int]:
    """Those of ``application_ids`` that are stored (trashed ones too)."""
    found: set[int] = set()
    for part in batches(application_ids):
        query = Application.select(Application.id).where(Application.id.in_(list(part)))
        found.update(a.id for a in query)
    return found


def _link(pairs: Sequence[tuple[int, int]]) -> None:
    """Store these (application id, tag id) links; those already there stay as they are."""
    for part in batches(pairs, BATCH // 2):
        rows = [{"application": a, "tag": t} for a, t in part]
        ApplicationTag.insert_many(rows).on_conflict_ignore().execute()


def _apps(rows: TagRows) -> tuple[int, ...]:
    return tuple(dict.fromkeys(a for a, _ in rows.links))


def _combined(changes: list[TagChange], application_ids: tuple[int, ...]) -> TagChange:
    """Several changes on distinct tags as one."""
    tag_ids = tuple(i for c in changes for i in c.tag_ids)
    before = TagRows(
        tuple(t for c in changes for t in c.before.tags),
        tuple(link for c in changes for link in c.before.links),
    )
    after = TagRows(
        tuple(t for c in changes for t in c.after.tags),
        tuple(link for c in changes for link in c.after.links),
    )
    return TagChange(tag_ids, before, after, application_ids)
