"""Ask for the password (or token) again when the server rejects it mid-session.

Shown over whatever screen is open, so nothing on it (an unsaved edit included) is lost; the
failed request is sent again with the new secret. The secret is typed into a password field
and never shown.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tickettui.ui.inert_text import line


class CredentialPrompt(ModalScreen[str | None]):
    """Enter sends the new secret; esc gives up (the original error is then shown)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="credential.cancel")]

    def __init__(self, question: str, reason: str) -> None:
        super().__init__(classes="dialog")
        self._question = question
        self._reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(line(self._reason), id="credential-reason", classes="hint")
            yield Label(line(self._question, "bold"))
            yield Input(password=True, id="credential-input")
            yield Label(Text("enter: sign in again · esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#credential-input", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
