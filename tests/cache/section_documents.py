"""Sections as earlier versions wrote them: one JSON document (``{"format": 1, "count", "c":
{column: values}, "strings": [...]}``), plain or compressed; then column by column in JSON
(``TTS2``: each part a 4-byte length and a compressed JSON array). The cache must still read
them (a user's cache outlives an upgrade)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import Any

from tickettui.core.domain import TicketSummary

_INTERNED = ("status", "status_colour", "priority", "category", "owner")
_DATES = ("created", "last_changed", "deadline")


def one_document(tickets: Sequence[TicketSummary]) -> dict[str, Any]:
    """The document that version wrote for ``tickets`` (before it was compressed)."""
    strings: dict[str, int] = {}

    def cells(name: str) -> list[Any]:
        values = [getattr(t, name) for t in tickets]
        if name in _INTERNED:
            return [-1 if v is None else strings.setdefault(v, len(strings)) for v in values]
        if name in _DATES:
            return [None if v is None else v.isoformat() for v in values]
        if name in ("status_kind", "read_status"):
            return [v.value for v in values]
        return values

    names = ("id", "title", "customer", "number", "status_kind", "read_status")
    columns = {name: cells(name) for name in (*names, "priority_rank", *_INTERNED, *_DATES)}
    return {"format": 1, "count": len(tickets), "c": columns, "strings": list(strings)}


def columns_in_json(tickets: Sequence[TicketSummary]) -> bytes:
    """The blob the version before marshal wrote for ``tickets`` (``TTS2``): a header, the
    columns and the string table, each a compressed JSON part."""
    document = one_document(tickets)
    texts = [{"count": document["count"], "columns": list(document["c"])}]
    texts += [*document["c"].values(), document["strings"]]
    parts = [zlib.compress(json.dumps(text, ensure_ascii=False).encode()) for text in texts]
    return b"TTS2" + b"".join(len(part).to_bytes(4, "big") + part for part in parts)
