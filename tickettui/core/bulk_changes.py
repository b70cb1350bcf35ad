"""What a bulk action changes on each ticket, and checking it before anything is sent.

``BulkChange`` is one change (a status, a priority, an owner or "take", a category, read or
unread, close, postpone until a moment, one reply or one internal note). The screens and
``tickettui update`` build it from names the agent typed: ``match_choice`` finds a name among a
field's choices (case-insensitively), ``unsupported`` says in one line why a system cannot do a
change. Both run before the first request, so bad input writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from tickettui.core.date_input import format_user_datetime
from tickettui.core.domain import Capabilities, QuickAction
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_text import inert_line

if TYPE_CHECKING:  # core.domain_detail loads on first use, after the first frame
    from tickettui.core.domain import Choice

__all__ = [
    "FIELD_KINDS",
    "BadChange",
    "BulkChange",
    "ChangeKind",
    "field_key",
    "match_choice",
    "unsupported",
]


class ChangeKind(StrEnum):
    STATUS = "status"
    PRIORITY = "priority"
    OWNER = "owner"  # a named owner (a choice of the owner field)
    TAKE = "take"  # the signed-in agent becomes the owner ("--owner me")
    CATEGORY = "category"  # SuperOffice category; Keliweb department
    READ = "read"
    UNREAD = "unread"
    CLOSE = "close"
    POSTPONE = "postpone"
    REPLY = "reply"
    NOTE = "note"


# Changes of one choice field of the edit form, by the shared column they show in.
FIELD_KINDS = frozenset(
    {ChangeKind.STATUS, ChangeKind.PRIORITY, ChangeKind.OWNER, ChangeKind.CATEGORY}
)


class BadChange(TicketTuiError):
    """A change that cannot be made as asked (an unknown name, a system without it)."""


@dataclass(frozen=True, slots=True)
class BulkChange:
    """One change for every ticket of a bulk action.

    ``value``: for STATUS/PRIORITY/OWNER/CATEGORY the choice's value (the backend's id, as
    ``Backend.choices`` gives it); for POSTPONE the moment (aware); for REPLY/NOTE the text;
    None otherwise. ``label``: how the value reads to the agent ("Closed", "Ann Lee").
    """

    kind: ChangeKind
    value: str | datetime | None = None
    label: str = ""

    @classmethod
    def field(cls, kind: ChangeKind, choice: Choice) -> BulkChange:
        if kind not in FIELD_KINDS:
            raise ValueError(f"{kind} is not a field change")
        return cls(kind, choice.value, choice.label)

    @classmethod
    def take(cls) -> BulkChange:
        return cls(ChangeKind.TAKE, None, "me")

    @classmethod
    def postpone(cls, until: datetime) -> BulkChange:
        if until.tzinfo is None:
            raise ValueError("postpone needs an aware moment")
        return cls(ChangeKind.POSTPONE, until, format_user_datetime(until))

    @classmethod
    def message(cls, text: str, *, internal: bool) -> BulkChange:
        if not text.strip():
            raise BadChange(f"The {'note' if internal else 'reply'} is empty")
        return cls(ChangeKind.NOTE if internal else ChangeKind.REPLY, text, "")

    @property
    def text(self) -> str:
        return self.value if isinstance(self.value, str) else ""

    @property
    def until(self) -> datetime | None:
        return self.value if isinstance(self.value, datetime) else None

    def describe(self) -> str:
        """What will change, for a confirm step: "set status to Closed", "mark read"."""
        label = inert_line(self.label)
        match self.kind:
            case ChangeKind.TAKE:
                return "assign to me"
            case ChangeKind.OWNER:
                return f"assign to {label}"
            case ChangeKind.READ | ChangeKind.UNREAD:
                return f"mark {self.kind.value}"
            case ChangeKind.CLOSE:
                return "close"
            case ChangeKind.POSTPONE:
                return f"postpone until {label}"
            case ChangeKind.REPLY | ChangeKind.NOTE:
                words = len(self.text.split())
                return f"add one {self.kind.value} ({words} word{'s' * (words != 1)})"
            case _:
                return f"set {self.kind.value} to {label}"


def field_key(capabilities: Capabilities, kind: ChangeKind) -> str:
    """The edit form's key for a field change (Keliweb calls the category "department")."""
    column = ChangeKind.OWNER.value if kind is ChangeKind.TAKE else kind.value
    return capabilities.field_keys.get(column, column)


def unsupported(capabilities: Capabilities, kind: ChangeKind) -> str | None:
    """Why ``capabilities``' system cannot make this change (one line), or None if it can."""
    system = capabilities.system_name
    actions = capabilities.quick_actions
    needs: dict[ChangeKind, tuple[bool, str]] = {
        ChangeKind.READ: (
            capabilities.read_status and QuickAction.MARK_READ in actions,
            "has no read status",
        ),
        ChangeKind.UNREAD: (
            capabilities.read_status and QuickAction.MARK_UNREAD in actions,
            "has no read status",
        ),
        ChangeKind.CLOSE: (QuickAction.CLOSE in actions, "cannot close tickets"),
        ChangeKind.POSTPONE: (
            capabilities.postpone and QuickAction.POSTPONE in actions,
            "cannot postpone tickets",
        ),
        ChangeKind.TAKE: (
            QuickAction.ASSIGN_TO_ME in actions,
            "cannot assign tickets to you (the API has no agent to assign to)",
        ),
        ChangeKind.NOTE: (capabilities.internal_notes, "has no internal notes"),
    }
    able, why = needs.get(kind, (True, ""))
    return None if able else f"{system} {why}"


def _plain(label: str) -> str:
    return " ".join(label.split()).casefold()


def _short(label: str) -> str:
    """The label without a trailing note in brackets: "Open (Active)" is "open"."""
    plain = _plain(label)
    if plain.endswith(")") and " (" in plain:
        return plain[: plain.rindex(" (")]
    return plain


def match_choice(choices: Sequence[Choice], name: str, *, what: str) -> Choice:
    """The choice called ``name``: its label, case-insensitively, with or without a trailing
    note in brackets ("open" is "Open (Active)"), or its value (an id); else BadChange naming
    the valid ones in one line."""
    wanted = _plain(name)
    for same in (
        lambda c: _plain(c.label),
        lambda c: _short(c.label),
        lambda c: c.value.casefold(),
    ):
        found = [c for c in choices if same(c) == wanted]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise BadChange(f"{what} {inert_line(name)!r} names more than one choice; use its id")
    valid = ", ".join(inert_line(c.label) for c in choices) or "(none)"
    raise BadChange(f"No {what} {inert_line(name)!r}; valid: {valid}")
