"""Attaching files to a reply, a note or a new ticket: ctrl+o's path prompt and the files line.

``AttachPrompt`` asks for a path, completing it from the file system as it is typed (``~`` is
the home folder; tab or → takes the completion), checks the file at once (a folder, a file
that is not there or cannot be read, or one over the server's size limit is one line under
the field and nothing is added) and lists what is attached, where ``delete`` takes the
selected file off. ``FilesLine`` is the line under the text that names them.

``ComposesWithFiles`` is what the compose window mixes in: the files, the prompt and the
send, through ``core.attachments.SendsAttachments`` where files are attached.
"""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList

from tickettui.core.attachments import (
    AttachmentList,
    FilesReport,
    file_sender,
    files_report_line,
    human_size,
    total_limit_line,
)
from tickettui.core.domain import Capabilities
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_text import inert_line
from tickettui.ui.inert_text import line

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

__all__ = [
    "AttachPrompt",
    "ComposesWithFiles",
    "FilesLine",
    "PathSuggester",
    "files_for",
    "report_line",
]

HINT = "enter: attach    tab: complete    ↓ then delete: take a file off    esc: close"
MAX_LISTED = 200  # entries looked at per folder for a completion


def files_for(capabilities: Capabilities) -> AttachmentList:
    """An empty list of files, checked against the system's limit as they are added."""
    return AttachmentList(capabilities.attachment_limit, capabilities.attachment_limit_why)


class PathSuggester(Suggester):
    """Completes the last part of a path from what is in its folder (hidden files only when
    the part starts with a dot); a folder's completion ends in ``/``."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        return await asyncio.to_thread(complete_path, value)


def complete_path(value: str) -> str | None:
    typed = os.path.expanduser(value)
    folder, _, start = typed.rpartition(os.sep)
    folder = folder or (os.sep if typed.startswith(os.sep) else ".")
    try:
        with os.scandir(folder) as entries:
            names = []
            for index, entry in enumerate(entries):
                if index >= MAX_LISTED:
                    break
                if entry.name.startswith(start) and (start.startswith(".") or entry.name[0] != "."):
                    names.append((entry.name, entry.is_dir()))
    except OSError:
        return None
    if not names or (start == "" and len(names) != 1):
        return None
    name, is_dir = sorted(names)[0]
    if name == start and not is_dir:
        return None
    return value + name[len(start) :] + (os.sep if is_dir else "")


class FilesLine(Label):
    """The files attached, under the text: names (inert), sizes, the total."""

    def show_files(self, files: AttachmentList) -> None:
        if not files.files:
            self.update("")
            self.display = False
            return
        names = ", ".join(f"{inert_line(f.name)} ({human_size(f.size)})" for f in files.files)
        self.update(line(f"Attached: {names} · {total_limit_line(files.files)} · ctrl+o: change"))
        self.display = True


class AttachPrompt(ModalScreen[None]):
    """Adds to (and takes off) ``files``; see the module docstring."""

    DEFAULT_CSS = """
    #attach-body {
        width: 90;
        max-width: 98%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #attach-body > Label { width: 100%; }
    #attach-files { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="attach_prompt.close"),
        Binding("tab", "complete", "Complete", priority=True, id="attach_prompt.complete"),
        Binding("down", "to_files", "Files", id="attach_prompt.files"),
        Binding("delete,backspace", "remove", "Remove", id="attach_prompt.remove"),
    ]

    def __init__(self, files: AttachmentList, title: str) -> None:
        super().__init__(classes="dialog")  # placed as every other dialog
        self.files = files
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="attach-body"):
            yield Label(line(self._title, "bold"))
            yield Input(
                placeholder="Path of a file, e.g. ~/Downloads/screenshot.png",
                suggester=PathSuggester(),
                id="attach-path",
            )
            yield Label("", id="attach-problem", classes="hint")
            yield OptionList(id="attach-files")
            yield Label(Text(self._limit_hint()), classes="hint")
            yield Label(Text(HINT), classes="hint")

    def _limit_hint(self) -> str:
        if not self.files.limit:
            return "The server says no size limit."
        why = f" ({self.files.limit_why})" if self.files.limit_why else ""
        return f"Files up to {human_size(self.files.limit)} each{why}."

    def on_mount(self) -> None:
        self._refresh_list()
        self.query_one(Input).focus()

    def _refresh_list(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for outgoing in self.files.files:
            options.add_option(Text(f"{inert_line(outgoing.name)}  {human_size(outgoing.size)}"))
        options.display = bool(self.files.files)

    def problem(self, text: str) -> None:
        self.query_one("#attach-problem", Label).update(line(text))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            added = self.files.add(event.value)
        except TicketTuiError as error:
            self.problem(str(error))  # the path stays in the field, to be corrected
            return
        self.notify(f"Attached {inert_line(added.name)}", markup=False)
        self.dismiss(None)

    def action_complete(self) -> None:
        field = self.query_one(Input)
        if self.focused is field:
            field.action_end()
            field.action_cursor_right()  # at the end, Input takes its suggestion

    def action_to_files(self) -> None:
        if self.files.files:
            options = self.query_one(OptionList)
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        if self.focused is not options or options.highlighted is None:
            if self.focused is self.query_one(Input):
                self.query_one(Input).action_delete_left()
            return
        removed = self.files.remove(options.highlighted)
        self.problem(f"Took {inert_line(removed.name)} off")
        self._refresh_list()
        if not self.files.files:
            self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class ComposesWithFiles:
    """Mixed into the compose window: ctrl+o, the files line, and the send with files."""

    app: App[Any]
    ticket_id: int
    internal: bool
    _files: AttachmentList | None = None

    @property
    def attached(self) -> AttachmentList:
        if self._files is None:
            self._files = files_for(cast("TicketApp", self.app).capabilities)
        return self._files

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "attach":  # no dead key where the system takes no files
            return cast("TicketApp", self.app).capabilities.attachment_upload
        return super().check_action(action, parameters)  # type: ignore[misc, no-any-return]

    def files_line(self) -> FilesLine:
        line_ = FilesLine("", id="compose-files", classes="hint")
        line_.display = False
        return line_

    def action_attach(self) -> None:
        app = cast("TicketApp", self.app)
        caps = app.capabilities
        if not caps.attachment_upload:
            app.notify(f"{caps.system_name} cannot attach files here", markup=False)
            return
        what = caps.note_title if self.internal else caps.reply_title

        def closed(_: None) -> None:
            self.query_one(FilesLine).show_files(self.attached)  # type: ignore[attr-defined]

        app.push_screen(AttachPrompt(self.attached, f"Attach files to: {what}"), closed)

    def files_left_behind(self, what: str) -> None:
        """After an unconfirmed send found in the thread: its files may not be attached."""
        if self._files and self._files.files:
            cast("TicketApp", self.app).notify(
                f"The {what} was found on the ticket, but whether its files were attached "
                "could not be confirmed: check the ticket and attach them in a new message",
                severity="warning",
                timeout=30,
                markup=False,
            )

    async def send_message(self, text: str) -> FilesReport:
        """Send the text, with the files where some are attached."""
        app = cast("TicketApp", self.app)
        if not self._files or not self._files.files:
            await app.backend.add_message(self.ticket_id, text, internal=self.internal)
            return FilesReport()
        sender = file_sender(app.backend, app.capabilities)
        files = list(self._files.files)
        return await sender.add_message_with_files(
            self.ticket_id, text, files, internal=self.internal
        )


def report_line(report: FilesReport, what: str) -> str:
    """``core.attachments.files_report_line``: one line for files that did not make it."""
    return files_report_line(report, what)
