"""The queue's marks and what acts on them: the keys that mark (``ui/marks.py``), the marks'
column and count, the triage keys turned bulk while tickets are marked (``ui/bulk_actions.py``)
and the palette's commands for the marked tickets.

Mixed into ``QueueScreen`` before ``TriageMixin``: with marks, ``c`` closes the marked tickets
(after a confirm that counts them); without, the ticket under the cursor, as before.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction

from tickettui.core.domain import QuickAction
from tickettui.ui.bulk_actions import BulkMixin
from tickettui.ui.marks import MARK_FOOTER, Marks

if TYPE_CHECKING:
    from tickettui.core.bulk import BulkReport
    from tickettui.core.queue_model import QueueModel
    from tickettui.ui.commands import PaletteCommand
    from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["QueueMarksMixin"]

_MARK_ACTIONS = frozenset({"toggle_mark", "mark_range", "mark_all"})


class QueueMarksMixin(BulkMixin):
    """Needs ``ticket_list``, ``model``, ``_update_status()``, ``refresh_section()``."""

    ticket_list: TicketList
    model: QueueModel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marks = Marks()

    # --- the keys --------------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        ticket = self.ticket_list.cursor_ticket
        if ticket is None:
            return
        self.marks.toggle(ticket.id, ticket.display_number)
        self.ticket_list.action_cursor_down()
        self.marks_changed()

    def action_mark_range(self) -> None:
        ticket = self.ticket_list.cursor_ticket
        if ticket is None:
            return
        shown = self._shown()
        span = self.marks.span(list(shown), ticket.id)
        self.marks.add((i, shown[i]) for i in span)
        self.marks.anchor = ticket.id
        self.marks_changed()

    def action_mark_all(self) -> None:
        added = self.marks.add(self._shown().items())
        self.marks_changed()
        if not added:
            self.app.notify("Every ticket shown is marked already", markup=False)

    def action_clear_marks(self) -> None:
        if not self.marks or self.bulk_running:
            raise SkipAction()  # esc goes on to clear the filter
        self.marks.clear()
        self.marks_changed()

    def _shown(self) -> dict[int, str]:
        """The tickets the list shows, in order: id -> the number users quote."""
        rows = self.ticket_list.rows
        return {rows.tickets[index].id: rows.tickets[index].display_number for index in rows.view}

    def marks_changed(self) -> None:
        self.ticket_list.set_marked(self.marks.ids)
        self._update_status()  # type: ignore[attr-defined]
        self.refresh_bindings()  # type: ignore[attr-defined]

    def footer_order(self, usual: tuple[str, ...]) -> tuple[str, ...]:
        """The footer's keys: the marks' first while there are marks, else last."""
        return (*MARK_FOOTER, *usual) if self.marks else (*usual, "marks.toggle")

    def status_extra(self) -> str:
        if self.bulk_progress:
            return self.bulk_progress
        if self.marks:
            return f"{len(self.marks)} marked"
        return ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_bulk":
            return self.bulk_running
        if action == "clear_marks":
            return bool(self.marks) and not self.bulk_running
        if action in _MARK_ACTIONS:
            return not self.bulk_running
        if self.bulk_running and action in ("quick", "undo"):
            return None  # shown dimmed: one bulk action at a time
        return super().check_action(action, parameters)  # type: ignore[misc, no-any-return]

    # --- triage on the marked tickets --------------------------------------------------------

    def action_quick(self, name: str) -> None:
        if self.marks and not self.bulk_running:
            self.bulk_quick(QuickAction(name))
            return
        super().action_quick(name)  # type: ignore[misc]

    def marked_numbers(self, ticket_ids: list[int]) -> list[str]:
        from tickettui.ui.ticket_numbers import known_number

        return [self.marks.number(i) or known_number(self.app, i) or str(i) for i in ticket_ids]

    def bulk_progress_changed(self) -> None:
        self._update_status()  # type: ignore[attr-defined]
        self.refresh_bindings()  # type: ignore[attr-defined]

    def bulk_finished(self, report: BulkReport) -> None:
        self.marks_changed()
        self._previews.forget()  # type: ignore[attr-defined]
        self.refresh_section()  # type: ignore[attr-defined]

    def mark_commands(self) -> list[PaletteCommand]:
        """The palette's commands for marks; with marks, the bulk ones too."""
        from tickettui.core.bulk_changes import ChangeKind
        from tickettui.ui.commands import PaletteCommand  # the palette's: not at start

        commands = [
            PaletteCommand(
                "Mark all shown", "Mark every ticket the list shows (*)", self.action_mark_all
            ),
        ]
        if not self.marks:
            return commands
        count = len(self.marks)
        caps = self.app.capabilities
        commands.append(
            PaletteCommand("Unmark all", f"Drop the {count} marks (esc)", self.action_clear_marks)
        )
        for kind, title in ((ChangeKind.CATEGORY, "Set category of"), (ChangeKind.OWNER, "Assign")):
            commands.append(
                PaletteCommand(
                    f"{title} marked ({count})…",
                    f"Choose the value, then confirm: {count} tickets",
                    partial(self.bulk_field, kind),
                )
            )
        commands.append(
            PaletteCommand(
                f"Reply to marked ({count})…",
                "One reply, sent to each marked ticket",
                partial(self.bulk_message, False),
            )
        )
        if caps.internal_notes:
            commands.append(
                PaletteCommand(
                    f"Note on marked ({count})…",
                    "One internal note, added to each marked ticket",
                    partial(self.bulk_message, True),
                )
            )
        return commands
