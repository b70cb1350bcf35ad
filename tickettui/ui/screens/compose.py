"""Write a reply to the customer or an internal note, here or in ``$EDITOR``.

Text is never lost: a failed send keeps it in the box with the error underneath, and esc asks
before throwing away anything typed. Dismisses with True once the server has the message.

The screen is split: the thread above, scrolled to the message being answered (a reply: the
customer's latest; a note: the latest message), the editor below, so at 80x24 the agent still
reads what they answer while typing (ctrl+up / ctrl+down scroll it).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from tickettui.core.domain import Message, MessageKind
from tickettui.core.drafts import NOTE, REPLY, Draft
from tickettui.core.errors import OutcomeUnknown
from tickettui.core.read_back import message_in_thread
from tickettui.core.safe_text import inert_line
from tickettui.ui import hangup
from tickettui.ui.after_typing import after_typing
from tickettui.ui.draft_timer import DraftTimer
from tickettui.ui.screens.attach_prompt import ComposesWithFiles, report_line
from tickettui.ui.ticket_numbers import known_number
from tickettui.ui.widgets.key_bar import KeyBar
from tickettui.ui.widgets.thread import ThreadView

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp
    from tickettui.ui.screens.template_picker import ChosenTemplate

FALLBACK_EDITORS = ("nano", "vi")


def editor_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """What $EDITOR is started with: this environment without any TICKETTUI_* variable. An
    editor has no use for tickettui's settings, and some of them are secrets (the password, a
    token, a client secret), which a plugin or a crash reporter in it could pass on."""
    source = os.environ if environ is None else environ
    return {name: value for name, value in source.items() if not name.startswith("TICKETTUI_")}


def editor_command(env: Mapping[str, str]) -> list[str] | None:
    """$VISUAL, else $EDITOR (both may carry arguments, e.g. "code --wait"), else nano or vi."""
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError:
                continue
            if command:
                return command
    for fallback in FALLBACK_EDITORS:
        found = shutil.which(fallback)
        if found:
            return [found]
    return None


class ComposeScreen(ComposesWithFiles, ModalScreen[bool]):
    """A reply (``internal=False``) or an internal note on one ticket."""

    BINDINGS = [
        # Priority: the text area would otherwise take ctrl+e (line end) and esc.
        Binding("ctrl+s", "send", "Send", priority=True, id="compose.send"),
        Binding("ctrl+e", "editor", "Open $EDITOR", priority=True, id="compose.editor"),
        Binding("ctrl+t", "templates", "Templates", priority=True, id="compose.templates"),
        Binding("ctrl+o", "attach", "Attach", priority=True, id="compose.attach"),
        Binding("escape", "cancel", "Cancel", priority=True, id="compose.cancel"),
        # A modal screen does not get the app's keys: its own way to `?`'s list (f1: `?` types).
        Binding("f1", "app.help", "Keys", id="compose.help"),
        Binding("ctrl+up", "thread(-3)", "Thread up", show=False, priority=True, id="compose.up"),
        Binding(
            "ctrl+down", "thread(3)", "Thread down", show=False, priority=True, id="compose.down"
        ),
    ]

    def __init__(
        self,
        ticket_id: int,
        *,
        internal: bool,
        text: str = "",
        number: str = "",
        known: Collection[tuple[MessageKind, int]] = (),
        thread: Sequence[Message] | None = None,
    ) -> None:
        """``thread``: the ticket's messages as the screen underneath has them; without it
        (a draft opened from the list of drafts) the screen loads them."""
        super().__init__(classes="compose-screen")
        self.ticket_id = ticket_id
        self._number = number
        # The messages the agent saw before writing: after an unconfirmed send, a new message
        # with this text is ours (an older one with the same words is not).
        self._known = frozenset(known)
        self._unconfirmed = False  # the last send's outcome is unknown: look before resending
        self.internal = internal
        self._initial = text
        self._sending = False
        self._draft_timer = DraftTimer(self, self._write_draft)
        self._offering = False  # the restore question is open: typing is not a draft yet
        self._thread = None if thread is None else list(thread)

    @property
    def draft_kind(self) -> str:
        return NOTE if self.internal else REPLY

    @property
    def ticket_app(self) -> TicketApp:
        return cast("TicketApp", self.app)

    @property
    def number(self) -> str:
        """The number users quote (Keliweb's "616611"); the id where nothing knows it."""
        if not self._number:
            self._number = known_number(self.app, self.ticket_id) or str(self.ticket_id)
        return self._number

    @property
    def text(self) -> str:
        return self.query_one("#compose-text", TextArea).text

    def compose(self) -> ComposeResult:
        yield Static(id="compose-thread-title")
        thread = ThreadView(id="compose-thread")
        thread.can_focus = False  # every key goes to the editor; ctrl+up/down scroll this
        yield thread
        classes = "compose-body -internal" if self.internal else "compose-body -reply"
        with Vertical(classes=classes):
            # The backend names them: on some systems a reply is posted as the customer.
            caps = self.ticket_app.capabilities
            if self.internal:
                title = f"{caps.note_title} on ticket {self.number}"
                hint = caps.note_hint
            else:
                title = f"{caps.reply_title} on ticket {self.number}"
                hint = caps.reply_hint
            yield Label(Text(inert_line(title), style="bold"), id="compose-title")
            yield Label(Text(inert_line(hint)), classes="hint", id="compose-hint")
            yield TextArea(
                self._initial,
                id="compose-text",
                soft_wrap=True,
                tab_behavior="indent",
                show_line_numbers=False,
            )
            yield self.files_line()  # ctrl+o: attach_prompt.py
            yield Label("", id="compose-status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        if self._thread is None:
            self.query_one(ThreadView).set_placeholder("Loading the thread…")
            self._load_thread()
        else:
            self._show_thread(self._thread)
        area = self.query_one("#compose-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        draft = self.ticket_app.drafts.get(self.ticket_id, self.draft_kind)
        if draft is not None and draft.text.strip() and not self._initial:
            self._offer(draft)

    # --- the message being answered, above the editor ---------------------------------------

    def answered(self, thread: Sequence[Message]) -> Message | None:
        """A reply answers the customer's latest message; a note follows the latest one."""
        if not self.internal:
            for message in reversed(thread):
                if message.kind is MessageKind.CUSTOMER:
                    return message
        return thread[-1] if thread else None

    def _show_thread(self, thread: Sequence[Message]) -> None:
        view = self.query_one(ThreadView)
        view.set_messages(thread)
        answered = self.answered(thread)
        title = Text(no_wrap=True, overflow="ellipsis")
        if answered is None:
            title.append("No messages yet", style="bold")
        else:
            what = "Answering" if not self.internal else "Latest"
            title.append(f"{what}: ", style="bold")
            title.append(inert_line(answered.author) or "(unknown)")
            view.scroll_to_message(answered.id)
        title.append("  ctrl+↑↓ scrolls", style="dim")
        self.query_one("#compose-thread-title", Static).update(title)

    @work(exclusive=True, group="compose-thread", exit_on_error=False)
    async def _load_thread(self) -> None:
        try:
            thread = await self.ticket_app.backend.messages(self.ticket_id)
        except Exception as error:
            self.query_one(ThreadView).set_placeholder(
                f"The thread could not be loaded: {inert_line(str(error))}"
            )
            return
        self._show_thread(thread)

    def action_thread(self, lines: int) -> None:
        view = self.query_one(ThreadView)
        view.scroll_relative(y=lines, animate=False)

    def _offer(self, draft: Draft) -> None:
        from tickettui.ui.screens.restore_draft import RestoreDraft

        def answered(answer: str | None) -> None:
            self._offering = False
            area = self.query_one("#compose-text", TextArea)
            if answer == RestoreDraft.RESTORE:
                area.load_text(draft.text)
                area.move_cursor(area.document.end)
                self._status("Draft restored: ctrl+s sends it.")
            elif answer == RestoreDraft.DISCARD:
                self.ticket_app.drafts.discard(self.ticket_id, self.draft_kind)

        self._offering = True
        self.app.push_screen(RestoreDraft(draft), answered)

    # --- the draft on disk, written as the user types ----------------------------------------

    @on(TextArea.Changed, "#compose-text")
    def _typed(self) -> None:
        if self._sending or self._offering:
            return
        self._draft_timer.restart()

    def keep_draft_now(self) -> None:
        """Write the draft without waiting for the timer (the app is quitting)."""
        self._draft_timer.now()

    def _write_draft(self) -> None:
        if not self.is_mounted or self._sending:
            return
        text = self.text
        store = self.ticket_app.drafts
        if not text.strip():
            store.discard(self.ticket_id, self.draft_kind)
            return
        store.put(
            Draft(
                ticket_id=self.ticket_id,
                saved_at=datetime.now(),
                base={},
                values={"text": text},
                kind=self.draft_kind,
                number=self.number,
            )
        )

    def _status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#compose-status", Label)
        label.update(Text(inert_line(text)))
        label.set_class(error, "error")

    # --- send ------------------------------------------------------------------------------

    def action_send(self) -> None:
        after_typing(self.app, self._send_typed)

    def _send_typed(self) -> None:
        if self._sending:
            return
        if not self.text.strip():
            self._status("Nothing to send yet.", error=True)
            return
        self._send(self.text)

    @work(exclusive=True, group="compose-send")
    async def _send(self, text: str) -> None:
        area = self.query_one("#compose-text", TextArea)
        self._draft_timer.now()  # the text is on disk before it goes out
        self._sending = True
        area.read_only = True
        what = "note" if self.internal else "reply"
        try:
            if self._unconfirmed and await self._already_there(text):
                self.notify(
                    f"The {what} is on ticket {self.number} already: not sent again", markup=False
                )
                self.files_left_behind(what)  # its files may not have gone with it
            else:
                self._status(f"Sending {what}…")
                files = report_line(await self.send_message(text), what)  # with ctrl+o's files
                if files:  # sent, but a file is missing: said, never sent again
                    self.notify(files, severity="warning", timeout=30, markup=False)
        except OutcomeUnknown as error:
            # Sending again blindly could reach the customer twice: ctrl+s looks first.
            self._unconfirmed = True
            self.ticket_app.report_error(error, f"Sending {what} on ticket {self.number}")
            self._status(f"Not confirmed: {error} — ctrl+s looks for it first.", error=True)
            return
        except Exception as error:
            # The text stays in the box: the agent can retry with ctrl+s or copy it out.
            self.ticket_app.report_error(error, f"Sending {what} on ticket {self.number}")
            self._status(f"Not sent: {error} — ctrl+s retries; your text is kept.", error=True)
            return
        finally:
            self._sending = False
            area.read_only = False
        self.ticket_app.drafts.discard(self.ticket_id, self.draft_kind)
        self.dismiss(True)

    async def _already_there(self, text: str) -> bool:
        """After an unconfirmed send: is the message in the thread now? (Raises if unreadable:
        then nothing is sent.)"""
        self._status("Looking for it in the thread before sending again…")
        thread = await self.ticket_app.backend.messages(self.ticket_id)
        return message_in_thread(thread, text, internal=self.internal, known=self._known)

    # --- cancel ----------------------------------------------------------------------------

    def action_cancel(self) -> None:
        after_typing(self.app, self._cancel_typed)  # "is anything typed?" must see every key

    def _cancel_typed(self) -> None:
        if self._sending:
            return
        if not self.text.strip():
            self._draft_timer.stop()
            self.ticket_app.drafts.discard(self.ticket_id, self.draft_kind)
            self.dismiss(False)
            return
        self._confirm_discard()

    @work(exclusive=True, group="compose-cancel")
    async def _confirm_discard(self) -> None:
        from tickettui.ui.screens.pickers import ConfirmLoss

        what = "note" if self.internal else "reply"
        if await self.app.push_screen_wait(ConfirmLoss(f"Discard this {what}?")):
            self._draft_timer.stop()
            self.ticket_app.drafts.discard(self.ticket_id, self.draft_kind)
            self.dismiss(False)

    # --- reply templates (template_picker.py) -----------------------------------------------

    def action_templates(self) -> None:
        after_typing(self.app, self._templates_typed)  # inserted after every key typed before

    def _templates_typed(self) -> None:
        from tickettui.ui.screens.template_picker import TemplatePicker, insert_chosen

        if self._sending:
            return

        def chosen(choice: ChosenTemplate | None) -> None:
            if choice is not None and self.is_mounted:
                self._status(insert_chosen(self.query_one("#compose-text", TextArea), choice))

        self.app.push_screen(TemplatePicker(self.ticket_id), chosen)

    # --- $EDITOR ---------------------------------------------------------------------------

    def action_editor(self) -> None:
        after_typing(self.app, self._editor_typed)  # the editor opens on every key typed

    def _editor_typed(self) -> None:
        if self._sending:
            return
        command = editor_command(os.environ)
        if command is None:
            self.notify("Set $EDITOR (or $VISUAL) to write in your editor", severity="warning")
            return
        area = self.query_one("#compose-text", TextArea)
        edited = self._edit_in(command, area.text)
        if edited is not None:
            area.load_text(edited)
            area.move_cursor(area.document.end)
        area.focus()

    def _edit_in(self, command: list[str], text: str) -> str | None:
        """Run the editor on a private temp file; the edited text, or None if nothing changed."""
        # mkstemp creates the file 0600: a draft reply may hold customer data.
        handle, name = tempfile.mkstemp(prefix=f"tickettui-{self.ticket_id}-", suffix=".txt")
        path = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            path.chmod(0o600)
            try:
                with self.app.suspend():
                    returncode = _run_editor([*command, str(path)], editor_environment())
            except SuspendNotSupported:
                self.notify("This terminal cannot hand over to an editor", severity="warning")
                return None
            except OSError as error:
                self.notify(
                    f"Could not start {command[0]}: {error.strerror or error}",
                    severity="error",
                    markup=False,
                )
                return None
            if returncode != 0:
                self.notify(
                    f"{command[0]} exited with {returncode}; text unchanged",
                    severity="warning",
                    markup=False,
                )
                return None
            edited = path.read_text(encoding="utf-8", errors="replace")
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        # Editors add a final newline; keep the text as the agent typed it.
        return edited[:-1] if edited.endswith("\n") else edited


def _run_editor(command: list[str], env: Mapping[str, str]) -> int:
    """Wait for the editor; a hang-up or SIGTERM meanwhile is passed on to it, so the app is
    not left waiting for an editor on a terminal that has gone."""
    # The command is the user's own $EDITOR; no shell is involved, and it does not get the
    # secrets tickettui was started with.
    with subprocess.Popen(command, env=env) as editor, hangup.handed_over_to(editor):  # noqa: S603
        return editor.wait()
