"""A ticket's attachments (``A`` on the ticket): save one to a folder, or open it.

``enter``/``s`` saves the one under the cursor in the download folder (the profile's
``download_folder``, else the platform's downloads folder): streamed to disk under a safe
name, 0600, never over an existing file without asking (``n`` keeps the old one and saves
beside it as ``name (2)``), the saved path shown. ``o`` opens it with the system's opener, only
where a desktop would show it (not over SSH): it is saved first into a fresh private folder,
never the downloads folder. ``esc`` stops a download (the part written is removed) or closes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label
from textual.worker import Worker

from tickettui.core.attachment_files import (
    Destination,
    destination,
    download_folder,
    free_name,
    private_copy_folder,
    save_chunks,
)
from tickettui.core.attachments import attachment_row, file_server, human_size
from tickettui.core.domain import Attachment, Message
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_text import inert_line
from tickettui.ui.desktop import has_desktop, open_outside
from tickettui.ui.inert_text import line
from tickettui.ui.screens.pickers import ConfirmLoss

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

__all__ = ["AttachmentsScreen", "download_folder"]

HINT = "enter/s: save    o: open    esc: close"
HINT_NO_DESKTOP = "enter/s: save    esc: close    (no desktop here: saving is the way)"
UNKNOWN_SIZE_WARNING = "the server does not say how big it is and sends it whole: esc stops it"


def message_labels(messages: Sequence[Message]) -> dict[int, str]:
    """Message id -> "Customer, 2026-11-18 10:22" for the list's message column."""
    from tickettui.ui.widgets.thread import LABELS, when

    return {m.id: f"{LABELS[m.kind]}, {when(m.created)}" for m in messages}


class AttachmentsScreen(ModalScreen[None]):
    # Its own body, not the shared .dialog-body (sized for short questions): wide enough for
    # a name, its size, type and message at 80 columns.
    DEFAULT_CSS = """
    #attachments-body {
        width: 110;
        max-width: 98%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #attachments-body > Label { width: 100%; }
    #attachments-table { height: auto; max-height: 12; }
    """
    BINDINGS = [
        Binding("enter,s", "save", "Save", id="attachments.save"),
        Binding("o", "open", "Open", id="attachments.open"),
        Binding("escape,q", "close", "Close", id="attachments.close"),
        Binding("j", "move(1)", "Down", show=False, id="attachments.down"),
        Binding("k", "move(-1)", "Up", show=False, id="attachments.up"),
    ]

    def __init__(self, ticket_id: int, number: str, messages: Sequence[Message] = ()) -> None:
        super().__init__(classes="dialog")
        self.ticket_id = ticket_id
        self.number = number
        self.attachments: list[Attachment] = []
        self._labels: Mapping[int, str] = message_labels(messages)
        self._download: Worker[None] | None = None
        self.saved: list[Path] = []  # what this screen wrote (tests, and the last line)

    def compose(self) -> ComposeResult:
        with Vertical(id="attachments-body"):
            yield Label(line(f"Attachments of ticket {self.number}", "bold"))
            table: DataTable[Text] = DataTable(id="attachments-table", cursor_type="row")
            yield table
            yield Label(Text("Loading…"), id="attachments-status", classes="hint")
            yield Label(Text(HINT if has_desktop() else HINT_NO_DESKTOP), classes="hint")

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("Name", "Size", "Type", "Message")
        table.focus()
        self.load()

    @property
    def ticket_app(self) -> TicketApp:
        return cast("TicketApp", self.app)

    def status(self, text: str) -> None:
        self.query_one("#attachments-status", Label).update(line(text))

    @work(exclusive=True, group="attachments-load")
    async def load(self) -> None:
        try:
            server = file_server(self.ticket_app.backend, self.ticket_app.capabilities)
            found = await server.attachments(self.ticket_id)
        except TicketTuiError as error:
            self.status(str(error))
            return
        self.attachments = [a for a in found if not a.inline] + [a for a in found if a.inline]
        table: DataTable[Text] = self.query_one(DataTable)
        for attachment in self.attachments:
            name, size, kind = attachment_row(attachment)
            where = self._labels.get(attachment.message_id, f"message {attachment.message_id}")
            table.add_row(Text(name), Text(size), Text(kind), Text(where))
        count = len(self.attachments)
        where = self._folder().strip() or str(download_folder(""))  # as the profile writes it
        unknown = any(a.size is None for a in self.attachments)
        # Warned before a download starts: the server sends a file whole and unannounced.
        warning = "; sizes unknown: a file comes whole, esc stops it" if unknown else ""
        self.status(
            f"{count} file{'' if count == 1 else 's'}; enter saves in {where}{warning}"
            if count
            else f"Ticket {self.number} has no attachments"
        )

    def _folder(self) -> str:
        return self.ticket_app.download_folder

    def selected(self) -> Attachment | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not self.attachments or table.cursor_row is None:
            return None
        return self.attachments[min(table.cursor_row, len(self.attachments) - 1)]

    def action_move(self, step: int) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "open") and not self.ticket_app.capabilities.attachment_download:
            return False  # a system that lists files but cannot send them: no dead keys
        if action == "open":
            return has_desktop()  # over SSH a window would open on the wrong screen, or none
        return super().check_action(action, parameters)

    # --- save ------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()  # enter on the table: the table takes the key, so it arrives here
        self.action_save()

    def action_save(self) -> None:
        attachment = self.selected()
        if attachment is None or self._busy():
            return
        caps = self.ticket_app.capabilities
        if not caps.attachment_download:
            self.status(f"{caps.system_name} lists files but cannot send them")
            return
        try:
            target = destination(download_folder(self._folder()), attachment)
        except TicketTuiError as error:
            self.status(str(error))
            return
        if not target.exists:
            self._download = self.fetch(attachment, target, overwrite=False, then_open=False)
            return
        beside = free_name(target.path.parent, target.path.name)

        def answered(replace: bool | None) -> None:
            chosen = target if replace else beside
            self._download = self.fetch(
                attachment, chosen, overwrite=bool(replace), then_open=False
            )

        question = (
            f"{target.path.name} is in {target.path.parent} already. Replace it? "
            f"(n keeps it and saves this one as {beside.path.name})"
        )
        self.app.push_screen(ConfirmLoss(inert_line(question)), answered)

    def action_open(self) -> None:
        attachment = self.selected()
        if attachment is None or self._busy() or not has_desktop():
            return
        target = destination(private_copy_folder(), attachment)
        self._download = self.fetch(attachment, target, overwrite=False, then_open=True)

    def _busy(self) -> bool:
        if self._download is not None and self._download.is_running:
            self.status("A download is running: esc stops it")
            return True
        return False

    @work(exclusive=True, group="attachments-download")
    async def fetch(
        self, attachment: Attachment, target: Destination, *, overwrite: bool, then_open: bool
    ) -> None:
        name = inert_line(target.path.name)
        warning = "" if attachment.size is not None else f" ({UNKNOWN_SIZE_WARNING})"
        total = f" of {human_size(attachment.size)}" if attachment.size is not None else ""
        self.status(f"Saving {name}…{warning}")

        def progress(done: int) -> None:
            self.status(f"Saving {name}: {human_size(done)}{total}{warning}")

        try:
            server = file_server(self.ticket_app.backend, self.ticket_app.capabilities)
            chunks = server.attachment_chunks(attachment)
            await save_chunks(chunks, target, overwrite=overwrite, progress=progress)
        except TicketTuiError as error:
            self.status(f"Not saved: {error}")
            return
        except OSError as error:
            self.status(f"Not saved: {error.strerror or error}")
            return
        self.saved.append(target.path)
        if then_open:
            self.status(f"Opening {name}")
            self._open_with_system(target.path)
            return
        self.status(f"Saved to {target.shown}")
        self.app.notify(f"Saved to {target.shown}", markup=False)

    def _open_with_system(self, path: Path) -> None:
        # The viewer gets no TICKETTUI_* variable (ui.desktop): the file is the customer's,
        # and a viewer it drives could pass a secret on.
        try:
            open_outside(str(path))
        except OSError as error:
            self.status(f"Could not open it ({error.strerror or error}); it is in {path.parent}")

    def action_close(self) -> None:
        if self._download is not None and self._download.is_running:
            self._download.cancel()  # save_chunks removes the part written
            self.status("Download stopped; nothing was kept")
            return
        self.dismiss(None)
