"""Unsaved drafts found at start-up: a one-line notice, and a list to pick one from (D)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tickettui.core.drafts import EDIT, NEW_TICKET, NOTE, Draft
from tickettui.ui.inert_text import line

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

MAX_NAMED = 3  # drafts named in the notice; the rest are counted


def drafts_notice(drafts: list[Draft]) -> str:
    """``2 unsaved drafts: ticket 12 (edit), ticket 40 (reply) — press D to review``."""
    if not drafts:
        return ""
    named = ", ".join(d.describe() for d in drafts[:MAX_NAMED])
    more = f" and {len(drafts) - MAX_NAMED} more" if len(drafts) > MAX_NAMED else ""
    noun = "draft" if len(drafts) == 1 else "drafts"
    return f"{len(drafts)} unsaved {noun}: {named}{more} — press D to review"


def announce_drafts(app: TicketApp) -> None:
    """Tell the agent, once per start, about drafts left by a crash, a kill or a lost link."""
    if app.drafts_announced:
        return
    app.drafts_announced = True
    text = drafts_notice(app.drafts.mine())
    if text:
        app.notify(text, title="Drafts", timeout=12, markup=False)


def open_draft(app: TicketApp, draft: Draft) -> None:
    """Open where the draft belongs; that screen offers to restore it."""
    if draft.kind == EDIT:
        if draft.ticket_id == NEW_TICKET:
            app.edit_ticket(None)
        else:
            from tickettui.ui.screens.edit import EditScreen

            app.push_screen(EditScreen(draft.ticket_id, number=draft.number))
        return
    from tickettui.ui.screens.compose import ComposeScreen

    internal = draft.kind == NOTE
    app.push_screen(ComposeScreen(draft.ticket_id, internal=internal, number=draft.number))


class DraftsScreen(ModalScreen[None]):
    """The drafts of this account: enter opens one, esc closes."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="drafts.close")]

    def compose(self) -> ComposeResult:
        drafts = cast("TicketApp", self.app).drafts.mine()
        with Vertical(classes="dialog-body"):
            title = "Unsaved drafts" if drafts else "No unsaved drafts"
            yield Label(Text(title, style="bold"))
            options = [
                Option(line(f"{d.describe()}  {d.saved_at:%Y-%m-%d %H:%M}"), id=str(i))
                for i, d in enumerate(drafts)
            ]
            yield OptionList(*options, id="drafts-list")
            yield Label(Text("enter: open (offers to restore)    esc: close"), classes="hint")
        self._drafts = drafts

    @on(OptionList.OptionSelected, "#drafts-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        draft = self._drafts[int(event.option.id or 0)]
        self.dismiss(None)
        open_draft(cast("TicketApp", self.app), draft)

    def action_close(self) -> None:
        self.dismiss(None)
