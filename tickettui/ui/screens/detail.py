"""One ticket: header, service times, the message thread; reply, note, edit and quick triage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tickettui.core.backend import HeadStart
from tickettui.core.domain import Message, ReadStatus, TicketDetail
from tickettui.ui.clipboard import COPY_MESSAGE_BINDING, LINK_BINDINGS, LinksMixin
from tickettui.ui.commands import PaletteCommand, QueueCommands
from tickettui.ui.read_on_open import mark_read_on_open, read_now
from tickettui.ui.ticket_numbers import known_number, ticket_words
from tickettui.ui.triage import TRIAGE_BINDINGS, TriageMixin
from tickettui.ui.widgets.key_bar import KeyBar
from tickettui.ui.widgets.metrics_panel import MetricsPanel
from tickettui.ui.widgets.thread import ThreadView
from tickettui.ui.widgets.ticket_header import TicketHeader

Clock = Callable[[], datetime]
# The footer's keys, most used first (the rest are in `?`).
DETAIL_FOOTER = (
    "detail.back",
    "detail.reply",
    "detail.internal_note",
    "triage.undo",
    "triage.status",
    "triage.close",
    "triage.assign_to_me",
    "detail.edit",
    "triage.priority",
    "triage.postpone",
    "triage.mark_read",
    "detail.times",
    "detail.order",
    "detail.reload",
    "thread.toggle_all_quotes",
    "thread.first_new",
)
TALL_ENOUGH_FOR_TIMES = 40  # rows; below this the counters start collapsed (s shows them)


class DetailScreen(LinksMixin, TriageMixin, Screen[None]):  # type: ignore[misc]  # app: TicketApp
    COMMANDS = {QueueCommands}  # the palette: this screen's own (palette_commands)
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="detail.back"),
        Binding("r", "reply", "Reply", id="detail.reply"),
        Binding("i", "note", "Note", id="detail.internal_note"),
        Binding("e", "edit", "Edit", id="detail.edit"),
        Binding("o", "flip_order", "Order", id="detail.order"),
        Binding("s", "toggle_times", "Times", id="detail.times"),
        Binding("R,ctrl+r", "reload", "Reload", id="detail.reload"),
        # Off the footer (its room is taken); the thread's title names it where there are files.
        Binding("A", "attachments", "Files", show=False, id="detail.attachments"),
        *TRIAGE_BINDINGS,
        *LINK_BINDINGS,
        COPY_MESSAGE_BINDING,
    ]

    def __init__(self, ticket_id: int, *, now: Clock | None = None) -> None:
        super().__init__(classes="detail-screen")
        self.ticket_id = ticket_id
        # Overridable so "overdue by ..." is deterministic in tests and snapshots.
        self.now: Clock = now or datetime.now
        self.detail: TicketDetail | None = None
        self.messages: list[Message] = []
        self._times_chosen: bool | None = None  # None until the agent presses s
        self._editing = False
        self._read_checked = False  # whether opening it has been looked at for marking read

    def compose(self) -> ComposeResult:
        yield TicketHeader(id="detail-header")
        yield MetricsPanel(lambda: self.now(), id="detail-metrics")
        yield Static(id="detail-thread-title")
        yield ThreadView(id="detail-thread")
        yield KeyBar(DETAIL_FOOTER)

    def on_mount(self) -> None:
        self._name_reply_and_note()
        self.query_one(MetricsPanel).display = False
        self.query_one(TicketHeader).show_message(f"Loading {ticket_words(self.number)}…")
        self._show_cached()
        self._update_thread_title()
        self.query_one(ThreadView).focus()
        self.action_reload()

    def _name_reply_and_note(self) -> None:
        """Footer and help name r and i as the system does (a Keliweb reply is the account's)."""
        caps = self.app.capabilities
        names = {"reply": caps.reply_label, "note": caps.note_label}
        by_key = self._bindings.key_to_bindings
        for key, bindings in by_key.items():
            by_key[key] = [
                replace(b, description=names[b.action]) if b.action in names else b
                for b in bindings
            ]
        self.refresh_bindings()

    @property
    def number(self) -> str:
        """The number users quote (Keliweb's "616611", not its id); "" until known."""
        if self.detail is not None:
            return self.detail.summary.display_number
        return known_number(self.app, self.ticket_id)

    def _show_cached(self) -> None:
        """What a caching backend already has (prefetched, or from an earlier run): at once.

        The fresh copies still load and replace it.
        """
        backend = self.app.backend
        if not isinstance(backend, HeadStart):
            return
        detail = backend.cached_ticket(self.ticket_id)
        if detail is not None:
            self._show_detail(detail)
        messages = backend.cached_messages(self.ticket_id)
        if messages is not None:
            self.messages = list(messages)
            self.query_one(ThreadView).set_messages(self.messages)

    # --- loading ---------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.load_ticket()
        self.load_messages()

    @work(exclusive=True, group="detail-ticket")
    async def load_ticket(self) -> None:
        header = self.query_one(TicketHeader)
        try:
            detail = await self.app.backend.ticket(self.ticket_id)
        except Exception as error:
            words = ticket_words(self.number, start=True)
            self.app.report_error(error, words)
            if self.detail is None:
                header.show_message(f"{words} could not be loaded — R retries, esc goes back")
            return
        self._show_detail(detail)
        if not self._read_checked:  # the first fresh read of it: opening marks it read
            self._read_checked = True
            mark_read_on_open(self.app, detail, self._marked_read)

    def _marked_read(self, ticket_id: int) -> None:
        if self.is_attached and self.detail is not None and self.detail.summary.id == ticket_id:
            self._show_detail(read_now(self.detail))

    def _show_detail(self, detail: TicketDetail) -> None:
        self.detail = detail
        self.query_one(TicketHeader).show(detail, self.app.capabilities)
        panel = self.query_one(MetricsPanel)
        panel.expanded = self._times_expanded()
        panel.show(detail)

    @work(exclusive=True, group="detail-messages")
    async def load_messages(self, *, scroll_to_latest: bool = False) -> None:
        thread = self.query_one(ThreadView)
        thread.loading = not self.messages
        try:
            messages = await self.app.backend.messages(self.ticket_id)
        except Exception as error:
            self.app.report_error(error, f"Messages of {ticket_words(self.number)}")
            if not self.messages:
                thread.set_placeholder("The messages could not be loaded — R retries.")
            return
        finally:
            thread.loading = False
        self.messages = messages
        thread.set_messages(messages)
        self._update_thread_title()
        if scroll_to_latest:
            thread.scroll_to_latest()

    def _update_thread_title(self) -> None:
        thread = self.query_one(ThreadView)
        order = "newest first" if thread.newest_first else "oldest first"
        count = len(self.messages)
        noun = "message" if count == 1 else "messages"
        files = sum(len(m.attachments) for m in self.messages)
        attached = f" · {files} file{'' if files == 1 else 's'} (A)" if files else ""
        self.query_one("#detail-thread-title", Static).update(
            Text.assemble(("Thread", "bold"), f" · {count} {noun} · {order}{attached}")
        )

    def _times_expanded(self) -> bool:
        if self._times_chosen is not None:
            return self._times_chosen
        return self.app.size.height >= TALL_ENOUGH_FOR_TIMES

    # --- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note":
            return self.app.capabilities.internal_notes
        if action == "toggle_times":  # no dead key: only where the system has the times
            return self.app.capabilities.time_metrics
        if action == "attachments":  # ui/screens/attachments.py
            return self.app.capabilities.attachment_list
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_reply(self) -> None:
        self._open_compose(internal=False)

    def action_note(self) -> None:
        if self.app.capabilities.internal_notes:
            self._open_compose(internal=True)

    def _open_compose(self, *, internal: bool) -> None:
        from tickettui.ui.screens.compose import ComposeScreen

        def sent(done: bool | None) -> None:
            if done:
                what = self.app.capabilities.note_title if internal else "Reply"
                self.notify(f"{what} added to {ticket_words(self.number)}", markup=False)
                self.load_messages(scroll_to_latest=True)
                self.load_ticket()

        known = [(message.kind, message.id) for message in self.messages]
        compose = ComposeScreen(
            self.ticket_id,
            internal=internal,
            number=self.number,
            known=known,
            thread=self.messages or None,  # still loading: the compose screen asks itself
        )
        self.app.push_screen(compose, sent)

    def action_attachments(self) -> None:
        from tickettui.ui.screens.attachments import AttachmentsScreen

        if self.app.capabilities.attachment_list:
            screen = AttachmentsScreen(self.ticket_id, self.number, self.messages)
            self.app.push_screen(screen)

    def action_edit(self) -> None:
        self._editing = True
        self.app.edit_ticket(self.ticket_id)

    def action_flip_order(self) -> None:
        thread = self.query_one(ThreadView)
        thread.set_newest_first(not thread.newest_first)
        self._update_thread_title()

    def action_toggle_times(self) -> None:
        if not self.app.capabilities.time_metrics:
            return
        panel = self.query_one(MetricsPanel)
        self._times_chosen = not panel.expanded
        panel.expanded = self._times_chosen

    # --- quick triage ----------------------------------------------------------------------

    def triage_ticket_id(self) -> int | None:
        return self.ticket_id

    def triage_ticket_number(self, ticket_id: int) -> str:
        return self.number or super().triage_ticket_number(ticket_id)

    def link_ticket(self) -> tuple[int, str] | None:
        return (self.ticket_id, self.number) if self.number else None

    def palette_commands(self) -> list[PaletteCommand]:
        copy_message = PaletteCommand(
            "Copy the message",
            "The one being read, to the clipboard (key C)",
            self.action_copy_message,
        )
        return [*self.link_commands(), copy_message]

    def action_copy_message(self) -> None:
        """Copy the message being read (the latest when the whole thread fits)."""
        message = self.query_one(ThreadView).current_message()
        if message is None:
            self.app.notify("No message to copy yet", markup=False)
            return
        author = f" by {message.author}" if message.author else ""
        self.copy_text(message.body, f"the message{author}")

    def triage_read_status(self, ticket_id: int) -> ReadStatus | None:
        return self.detail.summary.read_status if self.detail is not None else None

    def after_triage(self, ticket_id: int) -> None:
        self.load_ticket()

    def on_screen_resume(self) -> None:
        # Back from the edit screen: what is shown may be stale.
        if self._editing:
            self._editing = False
            self.action_reload()
