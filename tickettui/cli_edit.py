"""`tickettui edit`: the edit form's save, without the form.

The same ``EditSession`` as the app's edit screen: the fields are read as the form reads its
inputs (each kind by its codec: a choice by its label, a date as the form takes it), checked
the same way, and saved with the same merge against what others saved meanwhile. A conflict
cannot be settled at a prompt a script does not answer: nothing is saved and the error names
the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tickettui.core.backend import Backend
from tickettui.core.domain import FieldSpec, FieldValue
from tickettui.core.drafts import DraftStore
from tickettui.core.edit_session import EditSession
from tickettui.core.errors import Conflict, TicketTuiError, ValidationFailed
from tickettui.core.field_codecs import FieldError
from tickettui.core.merge import FieldConflict
from tickettui.core.safe_text import inert_line

__all__ = ["edit_ticket"]


async def edit_ticket(
    backend: Backend, ticket: str, changes: Sequence[tuple[str, str]], notify: bool
) -> dict[str, Any]:
    """Save ``changes`` (field key or label, value as typed) to the ticket users call
    ``ticket``; what was done, for the JSON output."""
    ticket_id = await backend.resolve(ticket)
    session = await EditSession.load(backend, ticket_id, DraftStore())  # no draft on disk
    raw = session.shown_values()
    for name, text in changes:
        spec = _field(session.specs, name)
        try:
            raw[spec.key] = session.codec(spec).from_text(spec, text)
        except FieldError as error:
            raise ValidationFailed(str(error)) from None
    collected = session.collect(raw)
    if collected.problems:
        key, problem = next(iter(collected.problems.items()))
        raise ValidationFailed(f"{inert_line(session.form.spec(key).label)}: {problem}")
    number = session.number
    changed = [
        s.key for s in session.specs if collected.values[s.key] != session.form.base.get(s.key)
    ]
    if not changed:
        return {"id": ticket_id, "number": number, "saved": False, "changed": []}

    async def refuse(conflicts: Sequence[FieldConflict]) -> dict[str, FieldValue] | None:
        names = ", ".join(session.label(c.key) for c in conflicts)
        raise Conflict(
            f"Ticket {number} was changed meanwhile ({names}) to other values: nothing saved; "
            "look at it again and repeat the edit"
        )

    saved = await session.save(backend, collected.values, resolve=refuse, notify=notify)
    if saved is None:  # refuse never goes back; a save always ends or raises
        raise TicketTuiError(f"Ticket {number} was not saved")
    return {
        "id": ticket_id,
        "number": saved.number,
        "saved": True,
        "changed": changed,
        "keptTheirs": saved.kept_theirs,
        "note": saved.result.note,
    }


def _field(specs: Sequence[FieldSpec], name: str) -> FieldSpec:
    wanted = name.strip().casefold().replace(" ", "_")
    for spec in specs:
        if wanted in (spec.key.casefold(), spec.label.casefold().replace(" ", "_")):
            return spec
    known = ", ".join(inert_line(spec.key) for spec in specs)  # the tenant names its fields
    raise ValidationFailed(f"No field {inert_line(name)!r} to edit (fields: {known})")
