"""The text of one reply or note sent to each marked ticket: ctrl+s takes it to the confirm
step (which says how many tickets), esc asks before throwing text away."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from tickettui.core.safe_text import inert_line
from tickettui.ui.inert_text import line
from tickettui.ui.widgets.key_bar import KeyBar

__all__ = ["BulkCompose"]


class BulkCompose(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "done", "Send…", priority=True, id="bulk_compose.send"),
        Binding("escape", "cancel", "Cancel", priority=True, id="bulk_compose.cancel"),
    ]

    def __init__(self, title: str, hint: str) -> None:
        super().__init__(classes="compose-screen")
        self._title = title
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="compose-body -reply"):
            yield Label(line(self._title, "bold"))
            yield Label(Text(inert_line(self._hint)), classes="hint")
            yield TextArea(id="bulk-compose-text", soft_wrap=True, show_line_numbers=False)
            yield Label("", id="bulk-compose-status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_done(self) -> None:
        if not self.text.strip():
            self.query_one("#bulk-compose-status", Label).update("Nothing to send yet.")
            return
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if not self.text.strip():
            self.dismiss(None)
            return
        self._confirm_discard()

    @work(exclusive=True, group="bulk-compose-cancel")
    async def _confirm_discard(self) -> None:
        from tickettui.ui.screens.pickers import ConfirmLoss

        if await self.app.push_screen_wait(ConfirmLoss("Discard this text?")):
            self.dismiss(None)
