"""Offer an unsaved draft when its form opens again: the edit form and the reply window."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from tickettui.core.drafts import Draft
from tickettui.ui.inert_text import line

__all__ = ["RestoreDraft"]


class RestoreDraft(ModalScreen[str]):
    """Offer an unsaved draft: y restores, n discards it, esc decides later (keeps it)."""

    RESTORE, DISCARD, LATER = "restore", "discard", "later"
    BINDINGS = [
        Binding("y,enter", "answer('restore')", "Restore", id="draft.restore"),
        Binding("n", "answer('discard')", "Discard", id="draft.discard"),
        Binding("escape", "answer('later')", "Not now", id="draft.later"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__(classes="dialog")
        self._draft = draft

    def compose(self) -> ComposeResult:
        saved = self._draft.saved_at
        today = saved.date() == datetime.now().date()
        when = saved.strftime("%H:%M" if today else "%Y-%m-%d %H:%M")
        with Vertical(classes="dialog-body"):
            yield Label(Text(f"A draft from {when} exists: restore it? y/n"), id="draft-question")
            if self._draft.reason:
                yield Label(line(f"Not saved then: {self._draft.reason}"), classes="hint")
            yield Label(
                Text("y: restore    n: discard it    esc: keep it for later"),
                classes="hint",
            )

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
