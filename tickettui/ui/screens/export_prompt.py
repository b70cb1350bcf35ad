"""Ask where to export the section: a file path, prefilled with a name in the downloads folder.

The extension chooses the format (.csv or .json); `~` is the home folder. A path that cannot
take the export (no such folder, another extension) is explained under the field and the
prompt stays, with what was typed.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tickettui.core.export import ExportError, check_target
from tickettui.ui.inert_text import line

HINT = "enter: export    esc: cancel    .csv or .json chooses the format"


class ExportPrompt(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export_prompt.cancel")]

    def __init__(self, title: str, default: Path) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(line(self._title, "bold"))
            yield Input(str(self._default), id="export-path")
            yield Label("", id="export-problem", classes="hint")
            yield Label(Text(HINT), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        try:
            check_target(path)
        except ExportError as error:
            self.query_one("#export-problem", Label).update(line(str(error)))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
