"""schema.org microdata (``itemscope``/``itemprop``) read into the dicts JSON-LD gives."""

from __future__ import annotations

from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

_URL_TAGS = {"a": "href", "link": "href", "img": "src", "area": "href"}


def microdata_postings(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every top-level ``itemscope`` whose ``itemtype`` is a JobPosting, as a dict."""
    found = []
    for node in tree.css("[itemscope][itemtype]"):
        if (node.attributes.get("itemtype") or "").rstrip("/").endswith("JobPosting"):
            found.append(_item(node))
    return found


def _item(scope: LexborNode) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": (scope.attributes.get("itemtype") or "").rsplit("/", 1)[-1]}
    for node in scope.css("[itemprop]"):
        owner = _owner(node)
        if owner is None or owner.mem_id != scope.mem_id:
            continue
        value: Any = _item(node) if "itemscope" in node.attributes else _value(node)
        for name in (node.attributes.get("itemprop") or "").split():
            if name in item:
                previous = item[name]
                item[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
            else:
                item[name] = value
    return item


def _owner(node: LexborNode) -> LexborNode | None:
    """The nearest enclosing ``itemscope`` (not the node itself)."""
    parent = node.parent
    while parent is not None and "itemscope" not in parent.attributes:
        parent = parent.parent
    return parent


def _value(node: LexborNode) -> str:
    attributes = node.attributes
    if "content" in attributes:
        return attributes["content"] or ""
    if node.tag in _URL_TAGS:
        return attributes.get(_URL_TAGS[node.tag]) or ""
    if node.tag == "time" and attributes.get("datetime"):
        return attributes["datetime"] or ""
    if attributes.get("itemprop") == "description":
        return node.html or ""
    return node.text(separator=" ", strip=True)
