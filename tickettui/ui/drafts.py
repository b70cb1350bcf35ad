"""Edits that could not be saved, kept until they are saved or the user discards them.

In memory for now. Everything a ``Draft`` holds is plain JSON (ISO dates, lists for tags) so a
store on disk can replace ``DraftStore`` without touching the screens: ``to_json``/``from_json``
are the on-disk shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tickettui.core.domain import FieldKind, FieldSpec, FieldValue

NEW_TICKET = 0  # the key of a new ticket's draft (EditForm.ticket_id is 0 too)

JsonValue = str | list[str] | None


def encode_values(values: Mapping[str, FieldValue]) -> dict[str, JsonValue]:
    """Form values as JSON: datetimes as ISO strings, tag tuples as lists."""
    encoded: dict[str, JsonValue] = {}
    for key, value in values.items():
        if isinstance(value, datetime):
            encoded[key] = value.isoformat()
        elif isinstance(value, tuple):
            encoded[key] = list(value)
        else:
            encoded[key] = value
    return encoded


def decode_values(data: Mapping[str, Any], specs: Sequence[FieldSpec]) -> dict[str, FieldValue]:
    """The reverse of :func:`encode_values`; the specs say which strings are dates."""
    kinds = {spec.key: spec.kind for spec in specs}
    values: dict[str, FieldValue] = {}
    for key, raw in data.items():
        kind = kinds.get(key)
        if raw is None:
            values[key] = None
        elif kind is FieldKind.DATETIME:
            values[key] = datetime.fromisoformat(str(raw))
        elif kind is FieldKind.TAGS or isinstance(raw, list):
            values[key] = tuple(str(item) for item in raw)
        else:
            values[key] = str(raw)
    return values


@dataclass(slots=True)
class Draft:
    """An unsaved edit: the values typed and the base they were typed against.

    Keeping the base matters: a later save merges against it, so the other writers' changes
    made since are still recognised as theirs and not overwritten.
    """

    ticket_id: int
    saved_at: datetime
    base: dict[str, JsonValue]
    values: dict[str, JsonValue]
    reason: str = ""  # why it is a draft ("Connection refused ...")

    def to_json(self) -> dict[str, Any]:
        return {
            "ticket_id": self.ticket_id,
            "saved_at": self.saved_at.isoformat(),
            "base": self.base,
            "values": self.values,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        return cls(
            ticket_id=int(data["ticket_id"]),
            saved_at=datetime.fromisoformat(str(data["saved_at"])),
            base=dict(data.get("base") or {}),
            values=dict(data.get("values") or {}),
            reason=str(data.get("reason") or ""),
        )


@dataclass
class DraftStore:
    """Drafts keyed by ticket id (``NEW_TICKET`` for a ticket not created yet)."""

    _drafts: dict[int, Draft] = field(default_factory=dict)

    def get(self, ticket_id: int) -> Draft | None:
        return self._drafts.get(ticket_id)

    def put(self, draft: Draft) -> None:
        self._drafts[draft.ticket_id] = draft

    def discard(self, ticket_id: int) -> None:
        self._drafts.pop(ticket_id, None)

    def __len__(self) -> int:
        return len(self._drafts)

    def __contains__(self, ticket_id: object) -> bool:
        return ticket_id in self._drafts


def drafts_of(app: Any) -> DraftStore:
    """The app's draft store, attached on first use as ``app.drafts``."""
    store = getattr(app, "drafts", None)
    if not isinstance(store, DraftStore):
        store = DraftStore()
        app.drafts = store
    return store
