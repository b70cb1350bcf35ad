"""The queue's preview pane: the highlighted ticket's facts at a glance.

It shows the row's summary at once and fills in the detail (tags, contact, messages) when the
screen hands it over; every bit of ticket text goes through ``inert_line`` into ``rich.text.Text``.

The pane renders its content as lines and hands them to ``PreviewLines`` inside it, which sends
the terminal only the cells that changed: over SSH every byte the app writes crosses the link,
and a Static would send the whole pane again for each cursor move, and again when the server's
answer is the same as what the cache showed. The pane's border and padding belong to the pane,
not to the lines, so a changed line does not carry them to the terminal again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from tickettui.core.columns import is_overdue
from tickettui.core.domain import Capabilities, ReadStatus, StatusKind, TicketSummary
from tickettui.core.safe_text import inert_line
from tickettui.core.zones import shown
from tickettui.ui.widgets.preview_lines import PreviewLines
from tickettui.ui.widgets.preview_message import message_part

if TYPE_CHECKING:
    from tickettui.core.domain import Message, TicketDetail


READ_TEXT = {
    ReadStatus.UNREAD: ("● unread", "ticket-preview--unread"),
    ReadStatus.NEW_INFO: ("◐ new information", "ticket-preview--new-info"),
    ReadStatus.READ: ("○ read", "ticket-preview--read"),
}
WIDE = 90  # from this width the facts sit in two columns


def format_moment(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"{shown(moment):%Y-%m-%d %H:%M}"  # the display zone, as the rest of the screens


class TicketPreview(Widget, can_focus=False):
    """Title and facts of one ticket; "No ticket" when there is none. The pane (border,
    padding, background) around a ``PreviewLines`` that paints the content."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "ticket-preview--title",
        "ticket-preview--label",
        "ticket-preview--overdue",
        "ticket-preview--unread",
        "ticket-preview--new-info",
        "ticket-preview--read",
        "ticket-preview--note",
        "ticket-preview--match",
    }

    DEFAULT_CSS = """
    TicketPreview {
        padding: 0 1;
        & > .ticket-preview--title { text-style: bold; }
        & > .ticket-preview--label { color: $text-muted; }
        & > .ticket-preview--overdue { color: $error; text-style: bold; }
        & > .ticket-preview--unread { color: $error; text-style: bold; }
        & > .ticket-preview--new-info { color: $warning; text-style: bold; }
        & > .ticket-preview--read { color: $success; }
        & > .ticket-preview--note { color: $text-muted; text-style: italic; }
        & > .ticket-preview--match { color: $text-accent; text-style: underline; }
    }
    """

    def __init__(
        self,
        *,
        now: Callable[[], datetime] = datetime.now,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._now = now
        self._summary: TicketSummary | None = None
        self._detail: TicketDetail | None = None
        self._note = ""
        # Why a ticket is in the filtered list, if no column says: (its id, the words).
        self._match: tuple[int | None, str] = (None, "")
        # The customer's latest message: (ticket id, the message or None, why it is missing).
        self._latest: tuple[int, Message | None, str] | None = None
        self._painter = PreviewLines(resized=self._redraw)
        self._shown = False  # blank until the screen first says what to show
        self._held = 0  # inside ``one_paint``: redraws wait for its end
        self._redraw_waiting = False

    @property
    def ticket_id(self) -> int | None:
        return self._summary.id if self._summary else None

    @property
    def painter(self) -> PreviewLines:
        """The lines as painted (``last_painted``: what the last change repainted)."""
        return self._painter

    @property
    def summary(self) -> TicketSummary | None:
        return self._summary

    @property
    def detail(self) -> TicketDetail | None:
        """The detail on show, once it has arrived for the ticket on show."""
        detail = self._detail
        return detail if detail is not None and detail.summary.id == self.ticket_id else None

    def show(
        self, summary: TicketSummary | None, detail: TicketDetail | None = None, note: str = ""
    ) -> None:
        """Show ``summary`` (and ``detail`` once known); ``note`` says what is still coming."""
        self._summary = summary
        self._detail = detail
        self._note = note
        self._shown = True
        self._redraw()

    def show_match(self, ticket_id: int | None, hint: str) -> None:
        """Where ticket ``ticket_id`` matched the filter ("matched category “…”"; "": no
        need to say), shown while that ticket is."""
        if (ticket_id, hint) != self._match:
            self._match = (ticket_id, hint)
            if self._summary is not None:
                self._redraw()

    def show_message(self, ticket_id: int, message: Message | None, failed: str = "") -> None:
        """The latest message the customer wrote on ``ticket_id`` (None: none), or why it
        could not be loaded (``failed``); shown under the facts while that ticket is."""
        self._latest = (ticket_id, message, failed)
        if self.ticket_id == ticket_id:
            self._redraw()

    @contextmanager
    def one_paint(self) -> Iterator[None]:
        """Changes made inside (a ticket, then its message) are painted once, at the end."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._redraw_waiting:
                self._redraw()

    def compose(self) -> ComposeResult:
        yield self._painter

    def on_mount(self) -> None:
        if self._shown:
            self._redraw()

    def _redraw(self) -> None:
        """Render the content; the painter repaints what differs from what is on screen.
        (Also its ``resized``: a new width wraps differently.)"""
        painter = self._painter
        if self._held:
            self._redraw_waiting = True
            return
        self._redraw_waiting = False
        if not self._shown or not painter.is_mounted:
            return
        width = painter.width
        if width <= 0:
            return
        lines = self._strips(self._content(), width)
        latest, summary = self._latest, self._summary
        if summary is not None and latest is not None and latest[0] == summary.id:
            lines += self._strips(Group(*self._message_part(len(lines))), width)
        painter.paint(lines)

    def _strips(self, content: RenderableType, width: int) -> list[Strip]:
        visual = visualize(self, content, markup=False)
        return Visual.to_strips(self, visual, width, None, self.visual_style, pad=True)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _content(self) -> RenderableType:
        summary = self._summary
        if summary is None:
            return Text("No ticket", style=self._style("ticket-preview--note"))
        detail = self._detail
        if detail is not None and detail.summary.id == summary.id:
            summary = detail.summary  # the detail is the fresher read
        else:
            detail = None
        title = Text(f"#{inert_line(summary.display_number)}  ", style="bold")
        title.append(inert_line(summary.title), style=self._style("ticket-preview--title"))
        facts = self._facts(summary, detail)
        columns = 2 if self.size.width >= WIDE else 1
        grid = Table.grid(padding=(0, 1), expand=False)
        for _ in range(columns):
            grid.add_column(style=self._style("ticket-preview--label"), no_wrap=True)
            grid.add_column(overflow="fold")
        for start in range(0, len(facts), columns):
            row: list[Text] = []
            for label, value in facts[start : start + columns]:
                row += [Text(label), value]
            grid.add_row(*row)
        parts: list[RenderableType] = [title]
        match_id, hint = self._match
        if hint and match_id == summary.id:
            parts.append(Text(hint, style=self._style("ticket-preview--match")))
        parts.append(grid)
        if self._note:
            parts.append(Text(self._note, style=self._style("ticket-preview--note")))
        return Group(*parts)

    def _message_part(self, used: int) -> list[RenderableType]:
        """The customer's latest message: as many of its first lines as the pane has room
        for under the ``used`` lines above it (at least a few; the pane scrolls)."""
        _, message, failed = self._latest or (0, None, "")
        note = self._style("ticket-preview--note")
        if failed:
            return [Text(""), Text(f"The messages could not be loaded: {failed}", style=note)]
        width = max(self.size.width, 20)
        room = self.size.height - used - 2  # a blank line and the message's heading
        label = self._style("ticket-preview--label")
        shown = message_part(message, width, room, when=format_moment, label=label, note=note)
        return [Text(""), *shown]

    def _capabilities(self) -> Capabilities | None:
        from tickettui.ui.app import TicketApp

        return self.app.capabilities if isinstance(self.app, TicketApp) else None

    def _facts(self, summary: TicketSummary, detail: TicketDetail | None) -> list[tuple[str, Text]]:
        def plain(value: str) -> Text:
            return Text(inert_line(value))

        # What the system calls its fields, and which it has no data for (from the backend).
        capabilities = self._capabilities()
        titles = capabilities.column_titles if capabilities else {}
        hidden = capabilities.hidden_columns if capabilities else frozenset()
        facts: list[tuple[str, Text]] = [
            ("Status", plain(summary.status or summary.status_kind.value)),
            ("Priority", plain(summary.priority)),
            (titles.get("category", "Category"), plain(summary.category)),
            (titles.get("owner", "Owner"), plain(summary.owner or "nobody")),
        ]
        customer = summary.customer
        if detail is not None:
            who = " · ".join(inert_line(p) for p in (detail.person, detail.contact) if p)
            customer = who or customer
        facts.append(("Customer", plain(customer)))
        if "deadline" not in hidden:
            deadline = Text(format_moment(summary.deadline) or "none")
            if is_overdue(summary, self._now()):
                deadline.append(" overdue")
                deadline.stylize(self._style("ticket-preview--overdue"))
            facts.append(("Deadline", deadline))
        if summary.read_status in READ_TEXT:
            text, style = READ_TEXT[summary.read_status]
            facts.append(("Read", Text(text, style=self._style(style))))
        if detail is not None:
            if detail.tags or "tags" not in hidden:
                facts.append(("Tags", plain(", ".join(detail.tags) or "none")))
            if detail.postponed_until and summary.status_kind is StatusKind.POSTPONED:
                facts.append(("Until", plain(format_moment(detail.postponed_until))))
            facts.append(("Messages", plain(str(detail.message_count))))
        facts.append(("Changed", plain(format_moment(summary.last_changed))))
        return facts
