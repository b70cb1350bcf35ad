"""One-key changes that say what they did and can be taken back.

A quick change (close, postpone, status, priority, owner, read state) remembers the fields as
they were and as it left them. Taking it back saves the old values through the normal save
path, and only if nobody changed those fields since: an undo never overwrites someone else.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from tickettui.core.backend import Backend, SaveResult
from tickettui.core.date_input import format_user_datetime
from tickettui.core.domain import EditForm, FieldValue, QuickAction, ReadStatus
from tickettui.core.errors import Conflict
from tickettui.core.safe_text import inert_line

__all__ = ["UNDO_SECONDS", "LastChange", "change", "undo"]

UNDO_SECONDS = 30.0  # how long `u` takes the last change back

# The fields each change sets; read state is not a field (it is put back by its own action).
FIELDS_OF: Mapping[QuickAction, tuple[str, ...]] = {
    QuickAction.ASSIGN_TO_ME: ("owner",),
    QuickAction.CLOSE: ("status",),
    QuickAction.POSTPONE: ("status", "postponed_until"),
    QuickAction.SET_PRIORITY: ("priority",),
    QuickAction.SET_STATUS: ("status",),
}
_BACK = {
    QuickAction.MARK_READ: QuickAction.MARK_UNREAD,
    QuickAction.MARK_UNREAD: QuickAction.MARK_READ,
}


@dataclass(frozen=True, slots=True)
class LastChange:
    """A change made with one key, as it can be named and taken back."""

    ticket_id: int
    number: str  # as users quote it
    said: str  # "→ Closed", "postponed until 2026-12-09 09:00", "marked read"
    before: Mapping[str, FieldValue] = field(default_factory=dict)
    after: Mapping[str, FieldValue] = field(default_factory=dict)
    put_back: QuickAction | None = None  # a read-state change: the action that undoes it
    at: float = field(default_factory=time.monotonic)

    def can_undo(self, now: float | None = None) -> bool:
        return (time.monotonic() if now is None else now) - self.at <= UNDO_SECONDS


def _label(form: EditForm, key: str, value: FieldValue) -> str:
    if isinstance(value, datetime):
        return format_user_datetime(value)
    try:
        spec = form.spec(key)
    except KeyError:
        return inert_line(str(value or ""))
    return inert_line(next((c.label for c in spec.choices if c.value == value), str(value or "")))


def _said(action: QuickAction, form: EditForm, after: Mapping[str, FieldValue]) -> str:
    if action is QuickAction.POSTPONE:
        return f"postponed until {_label(form, 'postponed_until', after.get('postponed_until'))}"
    if action is QuickAction.SET_PRIORITY:
        return f"priority → {_label(form, 'priority', after.get('priority'))}"
    if action is QuickAction.ASSIGN_TO_ME:
        return f"owner → {_label(form, 'owner', after.get('owner'))}"
    return f"→ {_label(form, 'status', after.get('status'))}"  # close, a status


async def change(
    backend: Backend,
    ticket_id: int,
    number: str,
    action: QuickAction,
    value: str | datetime | None = None,
    *,
    read_before: ReadStatus | None = None,
) -> tuple[SaveResult, LastChange | None]:
    """Make the change; what it did, as it can be named and taken back (None: nothing to take
    back, e.g. it ran into someone else's change)."""
    if action in _BACK:
        result = await backend.quick_action(ticket_id, action, value)
        was_read = read_before is ReadStatus.READ
        back = QuickAction.MARK_READ if was_read else QuickAction.MARK_UNREAD
        said = "marked read" if action is QuickAction.MARK_READ else "marked unread"
        unchanged = (action is QuickAction.MARK_READ) == was_read and read_before is not None
        return result, None if unchanged else LastChange(ticket_id, number, said, put_back=back)
    keys = FIELDS_OF[action]
    form = await backend.edit_form(ticket_id)
    before = {key: form.values.get(key) for key in keys}
    result = await backend.quick_action(ticket_id, action, value)
    if result.conflicts or not result.saved:
        return result, None
    now = result.current if all(key in result.current for key in keys) else None
    if now is None:
        now = (await backend.edit_form(ticket_id)).values
    after = {key: now.get(key) for key in keys}
    return result, LastChange(ticket_id, number, _said(action, form, after), before, after)


async def undo(backend: Backend, last: LastChange) -> SaveResult:
    """Put the fields back as they were; Conflict when someone changed them since."""
    if last.put_back is not None:
        return await backend.quick_action(last.ticket_id, last.put_back)
    form = await backend.edit_form(last.ticket_id)
    moved = [key for key, value in last.after.items() if form.values.get(key) != value]
    if moved:
        names = ", ".join(moved)
        raise Conflict(f"Ticket {last.number} changed since ({names}): not undone")
    form.values.update(last.before)
    return await backend.save(form)
