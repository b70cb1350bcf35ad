"""A ticket's message thread as one scrollable Line API view.

One widget for the whole thread, not one per message: a 300-message thread or a 1 MB body
costs one wrap per width change and renders only the rows on screen.

Bodies are untrusted. They are made inert and emitted as plain ``Segment`` text, so Rich
markup, ANSI and OSC sequences show as characters and never reach the terminal as commands.
Each kind of message has its own label word and gutter glyph, so the kind survives NO_COLOR.

Quoted history is folded to one dim line ("… 34 quoted lines") and signatures are dimmed: the
body is split by ``core.quote_folding`` (parsed once per message, wrapped once per width and
part), and this view only decides which quotes are open: ``x`` opens or folds the first quote
on screen (a click on it too), ``z`` all of them; ``n`` goes to the first new message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click, Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tickettui.core.domain import Message, MessageKind
from tickettui.core.quote_folding import Segment as Part
from tickettui.core.quote_folding import SegmentKind, quoted_line_count, segments
from tickettui.core.safe_text import inert, inert_line
from tickettui.core.ticket_links import link_spans
from tickettui.core.zones import shown
from tickettui.ui.widgets.message_attachments import attachment_lines
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
FOLD_MARK = "… "  # the one line a folded quote shows
_PART_STYLE = {SegmentKind.QUOTE: "quote", SegmentKind.SIGNATURE: "signature"}
# inert() shows a control character as its picture (ESC as ␛, BEL as ␇): a URL running into
# one is an escape sequence written in the text (a fake OSC 8), never a link of its own.
_ESCAPED = re.compile("[\u2400-\u2426]")
FoldKey = tuple[int, int]  # (the message's id, the part's index): a reload keeps what x opened


def fold_line(part: Part) -> str:
    count = quoted_line_count(part)
    return f"{FOLD_MARK}{count} quoted line{'' if count == 1 else 's'}"


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
    part: str = ""  # "quote", "signature" or "fold" (a folded quote's line): drawn dim
    fold: FoldKey | None = None  # the quote this row shows (open or folded)


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
        "thread--quote",
        "thread--signature",
        "thread--fold",
        "thread--attachment",
    }
    DEFAULT_CSS = """
    ThreadView > .thread--quote { color: $text-muted; }
    ThreadView > .thread--signature { color: $text-muted; }
    ThreadView > .thread--fold { color: $text-muted; text-style: italic; }
    ThreadView > .thread--attachment { color: $accent; }
    """
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="thread.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="thread.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="thread.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="thread.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="thread.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="thread.bottom"),
        Binding("right_square_bracket", "jump(1)", "Next message", show=False, id="thread.next"),
        Binding("left_square_bracket", "jump(-1)", "Prev message", show=False, id="thread.prev"),
        Binding("n", "first_new", "New", id="thread.first_new"),
        Binding("x", "toggle_quote", "Quote", show=False, id="thread.toggle_quote"),
        Binding("z", "toggle_all_quotes", "Quotes", id="thread.toggle_all_quotes"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._messages: list[Message] = []
        self._newest_first = False
        self._placeholder = ""
        self._rows: list[_Row] = []
        self._header_rows: list[int] = []
        self._wrapped_width = -1
        # Each body's parts, parsed once per set_messages (by place in the list).
        self._parts: dict[int, list[Part]] = {}
        # Wrapped parts and their safe links per (place, part, width): flipping the order or a
        # fold does not re-wrap.
        self._wrap_cache: LRUCache[tuple[int, int, int], tuple[list[str], frozenset[str]]] = (
            LRUCache(4096)
        )
        self._quotes_open = False  # z: every quote open (x flips single ones against it)
        self._flipped: set[FoldKey] = set()
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
        self._parts.clear()
        self._wrap_cache.clear()
        # A view shows one ticket's thread: a reload (r, a reply sent, a live update) keeps the
        # quotes the reader opened or folded, by message, wherever the messages now stand.
        ids = {message.id for message in self._messages}
        self._flipped = {key for key in self._flipped if key[0] in ids}
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

    def _placed(self) -> list[tuple[int, Message]]:
        """``ordered()`` with each message's place in the list set_messages was given."""
        placed = list(enumerate(self._messages))
        return placed[::-1] if self._newest_first else placed

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
        for place, message in self._placed():
            if rows:
                rows.append(_Row(None, ""))
            headers.append(len(rows))
            rows.append(self._header_row(message))
            self._body_rows(rows, place, message, body_width)
            files = attachment_lines(message, body_width)  # ui/widgets/message_attachments.py
            rows.extend(_Row(message.kind, text, part="attachment") for text in files)
        self._rows = rows
        self._header_rows = headers
        self._strips.clear()
        self.virtual_size = Size(width, len(rows))
        self.refresh()
        if self._anchor is not None:
            self._scroll_to_anchor()

    def _parsed(self, place: int, message: Message) -> list[Part]:
        parsed = self._parts.get(place)
        if parsed is None:
            parsed = segments(inert(message.body.rstrip()))
            self._parts[place] = parsed
        return parsed

    def quote_open(self, key: FoldKey) -> bool:
        return self._quotes_open != (key in self._flipped)

    def _body_rows(self, rows: list[_Row], place: int, message: Message, width: int) -> None:
        for index, part in enumerate(self._parsed(place, message)):
            key = (message.id, index)
            quote = part.kind is SegmentKind.QUOTE
            if quote and not self.quote_open(key):
                rows.append(_Row(message.kind, fold_line(part), part="fold", fold=key))
                continue
            wrapped = self._wrap_cache.get((place, index, width))
            if wrapped is None:
                # A part's links are looked for when it is first shown: a folded quote's never.
                text = "\n".join(part.lines)
                links = frozenset(url for _, _, url in link_spans(text) if not _ESCAPED.search(url))
                wrapped = (wrap_text(text, width), links)
                self._wrap_cache[(place, index, width)] = wrapped
            lines, links = wrapped
            style = _PART_STYLE.get(part.kind, "")
            fold = key if quote else None
            rows.extend(
                _Row(message.kind, line, links=links, part=style, fold=fold) for line in lines
            )

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
            text = base + self.get_component_rich_style(f"thread--{row.part}") if row.part else base
            return Strip([gutter, *_linked(row, text)])
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

    def action_first_new(self) -> None:
        """The first message after the agent side's last reply: what is new to answer.

        Neither system keeps a read mark per message (only per ticket), so "unread" is what
        came after the last reply; with no reply yet, the first message."""
        placed = list(enumerate(self._messages))
        replies = [place for place, m in placed if m.kind is MessageKind.REPLY]
        first = replies[-1] + 1 if replies else 0
        if first >= len(self._messages):
            self.app.notify("Nothing new since the last reply", markup=False)
            return
        order = [place for place, _ in self._placed()]
        row = self._header_rows[order.index(first)]
        self.scroll_to(y=row, animate=False)

    def _fold_on_screen(self) -> FoldKey | None:
        """The quote (open or folded) with a row nearest the top of the view."""
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        for row in self._rows[top:bottom]:
            if row.fold is not None:
                return row.fold
        return None

    def action_toggle_quote(self) -> None:
        """Open the first folded quote on screen, or fold it again (its first row stays put:
        only rows below it move)."""
        key = self._fold_on_screen()
        if key is None:
            self.app.notify("No quoted text on screen", markup=False)
            return
        self.toggle_quote(key)

    def toggle_quote(self, key: FoldKey) -> None:
        self._flipped ^= {key}
        self._relayout(force=True)

    def action_toggle_all_quotes(self) -> None:
        """Open every quote, or fold them all if every one is open; the message at the top
        stays at the top."""
        keep = self.current_message()
        any_folded = any(row.part == "fold" for row in self._rows)
        self._quotes_open = any_folded
        self._flipped.clear()
        self._relayout(force=True)
        for row, message in zip(self._header_rows, self.ordered(), strict=False):
            if message is keep and round(self.scroll_y) > 0:
                self.call_after_refresh(self.scroll_to, y=row, animate=False)
                break

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if 0 <= index < len(self._rows) and self._rows[index].part == "fold":
            fold = self._rows[index].fold
            if fold is not None:
                self.toggle_quote(fold)
