"""schema.org microdata (``itemscope``/``itemprop``) read into the dicts JSON-LD gives."""

from __future__ import annotations

from typing import Any

_URL_TAGS = {"a": "href", "link": "href", "img": "src", "area": "href"}


def microdata_postings(tree: Any) -> list[dict[str, Any]]:
    """Every ``itemscope`` of a parsed lxml page whose ``itemtype`` is a JobPosting."""
    return [
        _item(node)
        for node in tree.xpath("//*[@itemscope][@itemtype]")
        if (node.get("itemtype") or "").rstrip("/").endswith("JobPosting")
    ]


def _item(scope: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": (scope.get("itemtype") or "").rsplit("/", 1)[-1]}
    for node in scope.iterdescendants():
        if node.get("itemprop") is None or _owner(node) is not scope:
            continue
        value: Any = _item(node) if node.get("itemscope") is not None else _value(node)
        for name in node.get("itemprop").split():
            if name in item:
                previous = item[name]
                item[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
            else:
                item[name] = value
    return item


def _owner(node: Any) -> Any:
    """The nearest enclosing ``itemscope`` (not the node itself)."""
    return next((a for a in node.iterancestors() if a.get("itemscope") is not None), None)


def _value(node: Any) -> str:
    if node.get("content") is not None:
        return str(node.get("content"))
    if node.tag in _URL_TAGS:
        return str(node.get(_URL_TAGS[node.tag]) or "")
    if node.tag == "time" and node.get("datetime"):
        return str(node.get("datetime"))
    if node.get("itemprop") == "description":
        from lxml.html import tostring  # type: ignore[import-untyped]

        return str(tostring(node, encoding="unicode"))
    return " ".join(str(node.text_content()).split())
