"""The JobPosting objects in a page's JSON-LD blocks, wherever they nest (``@graph``,
arrays, a ``WebPage``'s ``mainEntity``), with a note for each block that is not JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from jobtracker.domain.capture.schema import is_job_posting

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_MAX_DEPTH = 12


def job_postings(blocks: Iterable[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """(postings, notes) from the text of each ``application/ld+json`` script."""
    postings: list[dict[str, Any]] = []
    notes: list[str] = []
    for number, block in enumerate(blocks, start=1):
        try:
            data = _loads(block)
        except json.JSONDecodeError as exc:
            notes.append(
                f"Structured data block {number} on the page is not valid JSON "
                f"(line {exc.lineno}: {exc.msg}); it was skipped."
            )
            continue
        nodes = _identified(data, {}, 0)
        postings.extend(_resolved(posting, nodes) for posting in _walk(data, 0))
    return postings, notes


def _loads(block: str) -> Any:
    text = _WRAPPERS.sub("", block.strip())
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError:
        # the one slip real pages make most: a comma before a closing bracket
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)


def _identified(data: object, nodes: dict[str, dict[str, Any]], depth: int) -> dict[str, Any]:
    """Every object with an ``@id`` and more than that id (``@graph`` pages link by id)."""
    if depth <= _MAX_DEPTH and isinstance(data, (list, dict)):
        if isinstance(data, dict) and isinstance(data.get("@id"), str) and len(data) > 1:
            nodes.setdefault(data["@id"], data)
        for value in data if isinstance(data, list) else data.values():
            _identified(value, nodes, depth + 1)
    return nodes


def _resolved(posting: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The posting with its bare ``{"@id": ...}`` references replaced by what they name."""

    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if isinstance(value, dict) and set(value) == {"@id"}:
            return nodes.get(value["@id"], value)
        return value

    return {key: resolve(value) for key, value in posting.items()}


def _walk(data: object, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if is_job_posting(data):
            yield data
            return
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)
