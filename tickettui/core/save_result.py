"""What happened to a save (``SaveResult``): defined on first use, through ``core.backend``.

The queue's first frame imports ``core.backend`` (the protocols) and saves nothing: a
dataclass costs ~0.3 ms to define, so ``core.backend`` loads this module the first time
``SaveResult`` is asked for from it (``from tickettui.core.backend import SaveResult`` works
as ever); import it from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tickettui.core.domain import FieldValue

if TYPE_CHECKING:
    from tickettui.core.merge import FieldConflict

__all__ = ["SaveResult"]


@dataclass(slots=True)
class SaveResult:
    """What happened to a save. Exactly one of ``saved`` or ``conflicts`` describes the outcome."""

    ticket_id: int = 0
    saved: bool = False
    # The number users quote for the ticket, where the backend knows it (a new ticket's
    # "#616611" on Keliweb); empty means str(ticket_id).
    number: str = ""
    # Fields the other writer changed that this save kept (shown to the user).
    kept_theirs: list[str] = field(default_factory=list)
    # Both sides changed these differently: nothing was saved; the user must choose.
    conflicts: list[FieldConflict] = field(default_factory=list)
    # The server's values right now, to become the new base once conflicts are resolved.
    current: dict[str, FieldValue] = field(default_factory=dict)
    # Something the user should know about a save that did happen (e.g. it was not confirmed).
    note: str = ""
