"""Quick triage without opening the edit form: assign to me, close, postpone, priority, status,
read/unread. Mixed into the queue and detail screens; each says which ticket is current."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding

from tickettui.core.domain import QuickAction, ReadStatus

if TYPE_CHECKING:  # core.undo: where a change is made or taken back, not at the start
    from tickettui.core.undo import LastChange
    from tickettui.ui.app import TicketApp

TRIAGE_BINDINGS = [
    Binding("a", "quick('assign_to_me')", "Take", id="triage.assign_to_me"),
    Binding("c", "quick('close')", "Close", id="triage.close"),
    Binding("p", "quick('postpone')", "Postpone", id="triage.postpone"),
    Binding("P", "quick('set_priority')", "Priority", id="triage.priority"),
    Binding("t", "quick('set_status')", "Status", id="triage.status"),
    Binding("m", "quick('mark_read')", "Mark read", id="triage.mark_read"),
    Binding("M", "quick('mark_unread')", "Mark unread", show=False, id="triage.mark_unread"),
    Binding("u", "undo", "Undo", id="triage.undo"),
]


class TriageMixin:
    """Needs ``triage_ticket_id()``; calls ``after_triage(ticket_id)`` when a change landed.

    Pickers and notices name the ticket by the number users quote (``triage_ticket_number``),
    not by the backend's id (on Keliweb "616611", not 41227).
    """

    app: TicketApp

    def triage_ticket_id(self) -> int | None:
        raise NotImplementedError

    def triage_ticket_number(self, ticket_id: int) -> str:
        """The current ticket's display number; screens that hold its summary override this."""
        from tickettui.ui.ticket_numbers import known_number

        return known_number(self.app, ticket_id) or str(ticket_id)

    def after_triage(self, ticket_id: int) -> None:
        """Refresh what the screen shows of this ticket."""

    def triage_read_status(self, ticket_id: int) -> ReadStatus | None:
        """The ticket's read state before a change, where the screen knows it (for undo)."""
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            last = self.app.last_change
            return last is not None and last.can_undo()
        if action == "quick" and parameters:
            try:
                quick = QuickAction(str(parameters[0]))
            except ValueError:
                return False
            return quick in self.app.capabilities.quick_actions
        return True

    def action_quick(self, name: str) -> None:
        ticket_id = self.triage_ticket_id()
        if ticket_id is None:
            return
        self._run_quick(ticket_id, self.triage_ticket_number(ticket_id), QuickAction(name))

    @work(group="triage")
    async def _run_quick(self, ticket_id: int, number: str, action: QuickAction) -> None:
        from tickettui.ui.screens.pickers import ChoicePicker, ConfirmLoss, DatePrompt

        app = self.app
        value: str | datetime | None = None
        try:
            if action is QuickAction.CLOSE:
                if app.confirm_close and not await app.push_screen_wait(
                    ConfirmLoss(f"Close ticket {number}?")
                ):
                    return
            elif action is QuickAction.POSTPONE:
                value = await app.push_screen_wait(DatePrompt(f"Postpone ticket {number} until"))
                if value is None:
                    return
            elif action in (QuickAction.SET_PRIORITY, QuickAction.SET_STATUS):
                key = "priority" if action is QuickAction.SET_PRIORITY else "status"
                # The form gives the current value, so the picker starts on it.
                form = await app.backend.edit_form(ticket_id)
                current = form.values.get(key)
                picked = await app.push_screen_wait(
                    ChoicePicker(
                        f"{key.title()} of ticket {number}",
                        form.spec(key).choices,
                        current if isinstance(current, str) else None,
                    )
                )
                if picked is None:
                    return
                if picked == current:
                    app.notify(f"#{number}: {key} unchanged", markup=False)
                    return
                value = picked
            read = self.triage_read_status(ticket_id)
            from tickettui.core.undo import change

            result, last = await change(
                app.backend, ticket_id, number, action, value, read_before=read
            )
        except Exception as error:
            app.report_error(error, f"Ticket {number}")
            return
        if result.conflicts:
            names = ", ".join(c.key for c in result.conflicts)
            app.notify(
                f"Ticket {number} changed meanwhile ({names}); nothing saved — open it to merge",
                severity="warning",
                markup=False,
            )
            return
        if last is None:
            app.notify(f"#{number}: nothing to change", markup=False)
        else:
            app.remember_change(last)
            app.notify(f"#{number} {last.said} · u undoes", markup=False)
        self.after_triage(ticket_id)

    def action_undo(self) -> None:
        last = self.app.last_change
        if last is not None and last.can_undo():
            self.app.last_change = None
            self._run_undo(last)

    @work(group="triage")
    async def _run_undo(self, last: LastChange) -> None:
        app = self.app
        try:
            from tickettui.core.undo import undo

            result = await undo(app.backend, last)
        except Exception as error:
            app.report_error(error, f"Undo on ticket {last.number}")
            return
        if result.conflicts:
            app.notify(f"Ticket {last.number} changed meanwhile: not undone", severity="warning")
            return
        app.notify(f"#{last.number}: undone ({last.said} taken back)", markup=False)
        self.after_triage(last.ticket_id)


def triage_bindings() -> list[Any]:
    return list(TRIAGE_BINDINGS)
