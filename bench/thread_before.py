"""The thread view as it was before issue 18 (tickettui/ui/widgets/thread.py at 3d1d4a2), kept for
`make bench` only: bench/message_render.py lays a thread out with it beside today's, in one run.

A ticket's message thread as one scrollable Line API view.

One widget for the whole thread, not one per message: a 300-message thread or a 1 MB body
costs one wrap per width change and renders only the rows on screen.

Bodies are untrusted. They are made inert and emitted as plain ``Segment`` text, so Rich
markup, ANSI and OSC sequences show as characters and never reach the terminal as commands.
Each kind of message has its own label word and gutter glyph, so the kind survives NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tickettui.core.domain import Message, MessageKind
from tickettui.core.safe_text import inert, inert_line
from tickettui.core.ticket_links import link_spans
from tickettui.core.zones import shown
from tickettui.ui.widgets.text_wrap import wrap_text

LABELS = {
    MessageKind.CUSTOMER: "Customer",
    MessageKind.REPLY: "Reply",
    MessageKind.NOTE: "Internal note",
}
# Distinct shapes per kind, so the gutter reads without colour too.
GLYPHS = {
    MessageKind.CUSTOMER: "▌",
    MessageKind.REPLY: "┃",
    MessageKind.NOTE: "┆",
}
GUTTER = 2  # glyph + space
IMPORTANT = "  ! important"


def when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    # In the display zone (the agent's own unless the profile names one; the detail's header
    # names it); a naive time is taken as already in it.
    return shown(moment).strftime("%Y-%m-%d %H:%M")


@dataclass(slots=True, frozen=True)
class _Row:
    kind: MessageKind | None  # None: the blank line between messages
    text: str  # a header row's label, or one wrapped body line
    header: bool = False
    meta: str = ""  # a header row's " · author · time"
    important: bool = False
    # The message's safe links (core.ticket_links): a URL on this line is made an OSC 8 link
    # only if it is one of them whole (a URL cut by the wrap would link somewhere else).
    links: frozenset[str] = frozenset()


def _linked(row: _Row, base: Style) -> list[Segment]:
    """A body line, its safe links as OSC 8 hyperlinks (Rich's ``Style(link=...)``: a terminal
    without OSC 8 shows the text as it is). The link's target is always the text shown."""
    if not row.links:
        return [Segment(row.text, base)]
    segments: list[Segment] = []
    at = 0
    for start, end, url in link_spans(row.text):
        if url not in row.links:
            continue
        if start > at:
            segments.append(Segment(row.text[at:start], base))
        segments.append(Segment(url, base + Style(link=url, underline=True)))
        at = end
    if at < len(row.text):
        segments.append(Segment(row.text[at:], base))
    return segments


class ThreadView(ScrollView, can_focus=True):
    """Every message of a thread; ``o`` on the screen flips the order via ``newest_first``."""

    COMPONENT_CLASSES = {
        "thread--customer",
        "thread--reply",
        "thread--note",
        "thread--meta",
        "thread--important",
        "thread--empty",
    }
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="thread.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="thread.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="thread.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="thread.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="thread.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="thread.bottom"),
        Binding("right_square_bracket", "jump(1)", "Next message", show=False, id="thread.next"),
        Binding("left_square_bracket", "jump(-1)", "Prev message", show=False, id="thread.prev"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._messages: list[Message] = []
        self._newest_first = False
        self._placeholder = ""
        self._rows: list[_Row] = []
        self._header_rows: list[int] = []
        self._wrapped_width = -1
        # Wrapped bodies per (message id, width): flipping the order does not re-wrap.
        self._wrap_cache: LRUCache[tuple[int, int], tuple[list[str], frozenset[str]]] = LRUCache(
            1024
        )
        self._strips: LRUCache[int, Strip] = LRUCache(512)
        self._anchor: int | None = None  # a message kept at the top as the width changes

    # --- what to show ----------------------------------------------------------------------

    @property
    def messages(self) -> Sequence[Message]:
        return self._messages

    @property
    def newest_first(self) -> bool:
        return self._newest_first

    def set_messages(self, messages: Sequence[Message]) -> None:
        self._messages = list(messages)
        self._placeholder = "" if self._messages else "No messages on this ticket."
        self._wrap_cache.clear()
        self._relayout(force=True)

    def set_placeholder(self, text: str) -> None:
        """Show one line instead of the thread (e.g. after a failed load)."""
        self._messages = []
        self._placeholder = text
        self._relayout(force=True)

    def set_newest_first(self, newest_first: bool) -> None:
        if newest_first != self._newest_first:
            self._newest_first = newest_first
            self._relayout(force=True)
            self.scroll_home(animate=False)

    def ordered(self) -> list[Message]:
        return self._messages[::-1] if self._newest_first else list(self._messages)

    def plain_lines(self) -> list[str]:
        """The rows as text (what a reader sees, without styles): for tests and copying."""
        if self._wrapped_width < 0:
            self._relayout(width=200, force=True)
        return [self._row_text(row) for row in self._rows]

    def current_message(self) -> Message | None:
        """The message being read: the one whose header is at or above the top line; the
        latest when the whole thread fits or an oldest-first thread is at its end. None
        without messages."""
        ordered = self.ordered()
        if not ordered:
            return None
        latest = ordered[0] if self._newest_first else ordered[-1]
        if self.max_scroll_y <= 0 or (
            not self._newest_first and self.scroll_y >= self.max_scroll_y
        ):
            return latest
        top = round(self.scroll_y)
        current = ordered[0]
        for row, message in zip(self._header_rows, ordered, strict=False):
            if row > top:
                break
            current = message
        return current

    def scroll_to_message(self, message_id: int) -> None:
        """Keep the header of the message ``message_id`` at the top, now or once laid out
        (the compose screen's message being answered)."""
        self._anchor = message_id
        self._scroll_to_anchor()

    def _scroll_to_anchor(self) -> None:
        for row, message in zip(self._header_rows, self.ordered(), strict=False):
            if message.id == self._anchor:
                # After the refresh that applies the new virtual size (else the scroll is
                # clamped to the old, empty one).
                self.call_after_refresh(self.scroll_to, y=row, animate=False)
                return

    def scroll_to_latest(self) -> None:
        if self._newest_first:
            self.scroll_home(animate=False)
        else:
            self.scroll_end(animate=False)

    # --- layout ----------------------------------------------------------------------------

    def _body_width(self, width: int) -> int:
        return max(width - GUTTER, 10)

    def _relayout(self, width: int | None = None, *, force: bool = False) -> None:
        if width is None:
            width = self.scrollable_content_region.width
        if width <= 0:
            return
        if width == self._wrapped_width and not force:
            return
        self._wrapped_width = width
        body_width = self._body_width(width)
        rows: list[_Row] = []
        headers: list[int] = []
        if not self._messages:
            rows.append(_Row(None, self._placeholder))
        for message in self.ordered():
            if rows:
                rows.append(_Row(None, ""))
            headers.append(len(rows))
            rows.append(self._header_row(message))
            key = (message.id, body_width)
            cached = self._wrap_cache.get(key)
            if cached is None:
                body = inert(message.body.rstrip())
                links = frozenset(url for _, _, url in link_spans(body))
                cached = (wrap_text(body, body_width), links)
                self._wrap_cache[key] = cached
            lines, links = cached
            rows.extend(_Row(message.kind, line, links=links) for line in lines)
        self._rows = rows
        self._header_rows = headers
        self._strips.clear()
        self.virtual_size = Size(width, len(rows))
        self.refresh()
        if self._anchor is not None:
            self._scroll_to_anchor()

    def _header_row(self, message: Message) -> _Row:
        author = inert_line(message.author) or "(unknown)"
        meta = f" · {author} · {when(message.created)}"
        return _Row(message.kind, LABELS[message.kind], True, meta, message.important)

    def _row_text(self, row: _Row) -> str:
        if row.kind is None:
            return row.text
        important = IMPORTANT if row.important else ""
        return f"{GLYPHS[row.kind]} {row.text}{row.meta}{important}"

    def on_resize(self, event: Resize) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # --- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._rows):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._build_strip(self._rows[index], base)
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def _build_strip(self, row: _Row, base: Style) -> Strip:
        if row.kind is None:
            style = base + self.get_component_rich_style("thread--empty")
            return Strip([Segment(row.text, style)])
        kind_style = base + self.get_component_rich_style(f"thread--{row.kind.value}")
        gutter = Segment(f"{GLYPHS[row.kind]} ", kind_style)
        if not row.header:
            return Strip([gutter, *_linked(row, base)])
        meta = base + self.get_component_rich_style("thread--meta")
        segments = [
            gutter,
            Segment(row.text, kind_style + Style(bold=True)),
            Segment(row.meta, meta),
        ]
        if row.important:
            important = base + self.get_component_rich_style("thread--important")
            segments.append(Segment(IMPORTANT, important))
        return Strip(segments)

    # --- keys ------------------------------------------------------------------------------

    def action_jump(self, step: int) -> None:
        """Scroll the next (or previous) message's header to the top."""
        top = round(self.scroll_y)
        if step > 0:
            targets = [row for row in self._header_rows if row > top]
        else:
            targets = [row for row in reversed(self._header_rows) if row < top]
        if targets:
            self.scroll_to(y=targets[0], animate=False)
