"""docs: the document library from the command line (add, list, attach, export, remove)."""

from __future__ import annotations

import argparse
import sys
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import say
from jobtracker.domain.clock import to_local

if TYPE_CHECKING:
    from jobtracker.domain.documents.records import DocumentInfo

_KINDS = ("resume", "cover-letter", "portfolio", "other")


def _docs_arguments(docs: argparse.ArgumentParser) -> None:
    verbs = docs.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="copy files into the library and print their ids")
    add.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add.add_argument("--kind", choices=_KINDS, help="default: other, or the replaced one's")
    add.add_argument("--label", help='a unique name, e.g. "Backend v3" (default: file name)')
    add.add_argument("--notes", default="")
    add.add_argument("--replaces", metavar="DOC", help="the document this is a new version of")
    add.add_argument("--attach", type=int, metavar="APP", help="attach to this application")
    add.add_argument("--sent", action="store_true", help="with --attach: it was sent now")
    add.set_defaults(handler=add_command)

    listing = verbs.add_parser("list", help="list documents and where each went (reads only)")
    listing.add_argument("--search", metavar="Q", help="words in the label, notes or text")
    listing.add_argument("--app", type=int, metavar="APP", help="only this application's")
    listing.add_argument("--trash", action="store_true", help="include those in the trash")
    add_json_options(listing)
    listing.set_defaults(handler=list_command)

    attach = verbs.add_parser("attach", help="attach a document to an application")
    attach.add_argument("app", type=int, metavar="APP")
    attach.add_argument("doc", metavar="DOC", help="id or label")
    attach.add_argument("--sent", action="store_true", help="it was sent (now)")
    attach.set_defaults(handler=attach_command)

    detach = verbs.add_parser("detach", help="take a document off an application")
    detach.add_argument("app", type=int, metavar="APP")
    detach.add_argument("doc", metavar="DOC", help="id or label")
    detach.set_defaults(handler=detach_command)

    export = verbs.add_parser("export", help="save a copy of a stored document")
    export.add_argument("doc", metavar="DOC", help="id or label")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=export_command)

    opener = verbs.add_parser("open", help="open a document in the desktop's viewer")
    opener.add_argument("doc", metavar="DOC", help="id or label")
    opener.set_defaults(handler=open_command)

    remove = verbs.add_parser("remove", help="move a document to the trash (30 days)")
    remove.add_argument("doc", metavar="DOC", help="id or label")
    remove.add_argument("--force", action="store_true", help="even if attached somewhere")
    remove.set_defaults(handler=remove_command)

    restore = verbs.add_parser("restore", help="take a document out of the trash")
    restore.add_argument("doc", metavar="DOC", help="id or label")
    restore.set_defaults(handler=restore_command)


ARGUMENTS: dict[str, AddArguments] = {"docs": _docs_arguments}


def _as_json(doc: DocumentInfo) -> dict[str, Any]:
    return {
        "id": doc.id, "kind": doc.kind, "label": doc.label, "notes": doc.notes,
        "added_at": doc.added_at.isoformat(), "replaces": doc.predecessor_id,
        "sha256": doc.sha256, "size": doc.size, "original_name": doc.original_name,
        "text": doc.text_state, "text_note": doc.text_note,
        "trashed_at": doc.deleted_at.isoformat() if doc.deleted_at else None,
        "applications": [
            {"id": link.application_id, "company": link.company, "role": link.role,
             "state": link.state,
             "sent_at": link.sent_at.isoformat() if link.sent_at else None}
            for link in doc.links
        ],
    }  # fmt: skip


def _line(doc: DocumentInfo, tz: tzinfo | None) -> str:
    """The document in words, its days those of ``tz`` (the person's zone)."""
    went = "; ".join(
        f"{link.state} {link.company} #{link.application_id}"
        + (f" on {to_local(link.sent_at, tz).date().isoformat()}" if link.sent_at else "")
        for link in doc.links
    )
    flags = " [trash]" if doc.deleted_at else ""
    note = f" ({doc.text_note})" if doc.text_note else ""
    added = to_local(doc.added_at, tz).date().isoformat()
    return (f"#{doc.id:<4} {doc.kind:<12} {doc.label}{flags}  {doc.original_name}, "
            f"{doc.size:,} bytes, added {added}{note}"
            + (f"\n       {went}" if went else ""))  # fmt: skip


def add_command(args: argparse.Namespace) -> int:
    if args.sent and args.attach is None:
        raise CommandError("--sent goes with --attach APP")
    if args.label is not None and len(args.files) > 1:
        raise CommandError("--label names one document; add the files one at a time")
    with services_for(args) as services:
        library = services.documents
        if args.attach is not None:
            services.applications.get(args.attach)  # an unknown one: refused before copying
        replaces = library.find(args.replaces).id if args.replaces else None
        for path in args.files:
            added = library.add(path, kind=args.kind, label=args.label, notes=args.notes,
                                replaces=replaces)  # fmt: skip
            doc = added.document
            if not added.new:
                say(f"{path} is already in the library as #{doc.id} {doc.label!r} "
                      "(same content); not stored again.", file=sys.stderr)  # fmt: skip
            if doc.text_note:
                say(f"Note: {path.name}: {doc.text_note}", file=sys.stderr)
            if args.attach is not None:
                library.attach(args.attach, doc.id, state="sent" if args.sent else "draft")
            say(doc.id)
    return 0


def list_command(args: argparse.Namespace) -> int:
    if not args.db.exists():
        say("[]" if args.json else f"No documents yet ({args.db} does not exist).")
        return 0
    with services_for(args, readonly=True) as services:
        library = services.documents
        docs = library.documents(include_trashed=args.trash)
        if args.search:
            wanted = set(library.search(args.search))
            docs = [doc for doc in docs if doc.id in wanted]
        if args.app is not None:
            docs = [d for d in docs if any(k.application_id == args.app for k in d.links)]
        tz = services.followups.tz
    if args.json:
        print_json([_as_json(doc) for doc in docs], pretty=args.pretty)
    elif not docs:
        say("No documents match." if args.search or args.app else "No documents yet.")
    else:
        say("\n".join(_line(doc, tz) for doc in docs))
    return 0


def attach_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        doc = services.documents.find(args.doc)
        link = services.documents.attach(args.app, doc.id, state="sent" if args.sent else "draft")
    say(f"Attached {doc.label!r} to #{args.app} ({link.state}).")
    return 0


def detach_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        doc = services.documents.find(args.doc)
        services.documents.detach(args.app, doc.id)
    say(f"Detached {doc.label!r} from #{args.app}.")
    return 0


def export_command(args: argparse.Namespace) -> int:
    with services_for(args, readonly=True) as services:
        library = services.documents
        saved = library.export_copy(library.find(args.doc).id, args.output)
    say(f"Saved {saved}")
    return 0


def open_command(args: argparse.Namespace) -> int:
    from jobtracker.platform.opener import OpenError, open_with_viewer

    with services_for(args, readonly=True) as services:
        library = services.documents
        path = library.path(library.find(args.doc))
    try:
        open_with_viewer(path)
    except OpenError as exc:
        raise CommandError(str(exc)) from exc
    return 0


def remove_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        doc = services.documents.find(args.doc)
        services.documents.remove(doc.id, force=args.force)
    say(f"Moved {doc.label!r} to the trash; jobtracker docs restore {doc.id} brings it back.")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        doc = services.documents.restore(services.documents.find(args.doc).id)
    say(f"Restored {doc.label!r}.")
    return 0
