"""The preview's painted lines: a line cache that sends the terminal only what changed.

Over SSH every byte the app writes crosses the link. Textual's compositor writes a refreshed
line from the left edge of the widget's own region ("chop") up to the right edge of the region
refreshed, each run of cells of one style as its own escape sequence. So this widget:

- holds no border and no padding (its parent pane does): a changed line costs its content
  only, not the pane's border and padding written again;
- refreshes a changed line only from the first cell that differs from what is on screen to
  the last: neither the label before a value nor the spaces after it are sent again (with
  ``textual_compat.write_only_refreshed_parts``: Textual alone would write from the left edge);
- keeps which lines, and which cells of each, its last ``paint`` repainted
  (``last_painted``: tests count them; nothing else needs to).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tickettui.ui.textual_compat import write_only_refreshed_parts

__all__ = ["PreviewLines", "canonical", "changed_span"]

Looks = tuple[object, ...]
Cell = tuple[str, Looks]


@lru_cache(maxsize=256)
def _looks(style: Style | None) -> Looks:
    """How ``style`` looks on screen: ``Style(color=c)`` and ``Style(color=c, reverse=False)``
    look the same but are not equal. (Not ``Style.render``: it caches its escape codes for the
    first colour system asked, which would then be the terminal's.)"""
    if style is None:
        return ()
    s = style
    flags = (s.bold, s.dim, s.italic, s.underline, s.blink, s.blink2, s.reverse, s.conceal)
    more = (s.strike, s.underline2, s.frame, s.encircle, s.overline)
    return (s.color, s.bgcolor, s.link, *(bool(flag) for flag in flags + more))


@lru_cache(maxsize=256)
def _space_looks(style: Style | None) -> Looks:
    """How a space in ``style`` looks: its background and the lines drawn through it; its
    colour, boldness or slant do not show."""
    if style is None:
        return ()
    s = style
    lines = (s.underline, s.underline2, s.strike, s.overline, s.frame, s.encircle)
    if s.reverse:  # the colour is the background
        return (s.color, s.link, *(bool(line) for line in lines))
    return (s.bgcolor, s.link, *(bool(line) for line in lines))


def _cells(strip: Strip) -> list[Cell]:
    """One entry per cell: its character and look (a wide character's second cell is "")."""
    cells: list[Cell] = []
    for text, style, control in strip:
        if control:
            continue
        looks = _looks(style)
        space = _space_looks(style)
        for character in text:
            cells.append((character, space if character == " " else looks))
            if cell_len(character) == 2:
                cells.append(("", looks))
    return cells


def canonical(strip: Strip) -> Strip:
    """``strip`` with each run of spaces that looks like a space of the run before it in that
    run's style, merged: fewer style changes to write, and one way to write a line that looks
    the same (a line that does not change on screen is not repainted, so what stays there must
    not depend on how it was first styled)."""
    segments: list[Segment] = []
    for segment in strip:
        text, style, control = segment
        if segments and not control and text and not text.strip(" "):
            before = segments[-1].style
            if (
                before is not None
                and not segments[-1].control
                and _space_looks(before) == _space_looks(style)
            ):
                segments[-1] = Segment(segments[-1].text + text, before)
                continue
        segments.append(segment)
    return Strip(segments, strip.cell_length).simplify()


def changed_span(old: Strip, new: Strip) -> tuple[int, int]:
    """The cells to write to turn ``old`` into ``new`` on screen: from the first that differs
    up to and including the last, as (start, end); (0, 0): the same."""
    if old == new:
        return (0, 0)
    before, after = _cells(old), _cells(new)
    length = max(len(before), len(after))
    blank: Cell = (" ", ())

    def differs(x: int) -> bool:
        was = before[x] if x < len(before) else blank
        now = after[x] if x < len(after) else blank
        return was != now

    end = next((x + 1 for x in range(length - 1, -1, -1) if differs(x)), 0)
    if not end:
        return (0, 0)
    start = next(x for x in range(end) if differs(x))
    # Never from the second half of a wide character: it is written whole.
    while start > 0 and (
        (start < len(before) and before[start][0] == "")
        or (start < len(after) and after[start][0] == "")
    ):
        start -= 1
    return (start, end)


class PreviewLines(ScrollView, can_focus=False):
    """Lines of content, each a ``Strip`` as wide as the widget; ``paint`` replaces them and
    repaints the cells that differ. ``on_resize`` says when the width changes (new lines are
    needed then: wrapping depends on it)."""

    DEFAULT_CSS = """
    PreviewLines {
        height: 1fr;
        width: 1fr;
        overflow-y: auto;
        overflow-x: hidden;
    }
    """

    def __init__(
        self,
        *,
        resized: Callable[[], None],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._resized = resized
        self._lines: list[Strip] = []  # as painted, one strip per line
        self._painted: list[tuple[int, int, int]] = []
        self._tallest = 0  # lines of the longest content painted at this size

    @property
    def width(self) -> int:
        """The cells a line has (without the scrollbar)."""
        return self.scrollable_content_region.width

    @property
    def lines(self) -> Sequence[Strip]:
        return self._lines

    @property
    def last_painted(self) -> Sequence[tuple[int, int, int]]:
        """What the last ``paint`` repainted: (line, first cell, end), in line order."""
        return self._painted

    def on_mount(self) -> None:
        write_only_refreshed_parts()  # Textual would write each line from the widget's edge

    def paint(self, lines: list[Strip]) -> None:
        """Show ``lines``, repainting only the cells that differ from what is on screen."""
        lines = [canonical(line) for line in lines]
        old, self._lines = self._lines, lines
        width = self.width
        # Never less than the pane, nor than the longest ticket shown at this size: a shorter
        # ticket is not a change of size, which would repaint the whole pane (and, where the
        # content is taller than the pane, its scrollbar).
        self._tallest = max(self._tallest, len(lines), self.scrollable_content_region.height)
        height = self._tallest
        if self.virtual_size != Size(width, height):
            self.virtual_size = Size(width, height)
        blank = Strip.blank(width, self.visual_style.rich_style)
        top = self.scroll_offset.y
        painted: list[tuple[int, int, int]] = []
        for y in range(max(len(lines), len(old))):
            start, end = changed_span(
                old[y] if y < len(old) else blank, lines[y] if y < len(lines) else blank
            )
            if end:
                self.refresh(Region(start, y - top, end - start, 1))
                painted.append((y, start, end))
        self._painted = painted

    def forget(self) -> None:
        """What is on screen is unknown (a new size): the next ``paint`` repaints it all."""
        self._lines = []
        self._tallest = 0
        self.refresh()

    def on_resize(self) -> None:
        self.forget()
        self._resized()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.width
        style = self.visual_style.rich_style
        if 0 <= index < len(self._lines):
            return self._lines[index].crop_extend(0, width, style)
        return Strip.blank(width, style)
