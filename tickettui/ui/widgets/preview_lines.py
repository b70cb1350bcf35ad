"""The preview's painted lines: a line cache that sends the terminal only what changed.

Over SSH every byte the app writes crosses the link. Textual's compositor writes a refreshed
line from the left edge of the widget's own region ("chop") up to the right edge of the region
refreshed, each run of cells of one style as its own escape sequence. So this widget:

- holds no border and no padding (its parent pane does): a changed line costs its content
  only, not the pane's border and padding written again;
- refreshes a changed line only up to the last cell that differs from what is on screen: the
  spaces after a value that ends where the old one ended are not sent again;
- keeps which lines, and how many cells of each, its last ``paint`` repainted
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

__all__ = ["PreviewLines", "canonical", "changed_cells"]

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


def changed_cells(old: Strip, new: Strip) -> int:
    """How many cells from the left must be written to turn ``old`` into ``new`` on screen:
    up to and including the last cell that differs (0: the same)."""
    if old == new:
        return 0
    before, after = _cells(old), _cells(new)
    length = max(len(before), len(after))
    blank: Cell = (" ", _space_looks(None))
    for x in range(length - 1, -1, -1):
        was = before[x] if x < len(before) else blank
        now = after[x] if x < len(after) else blank
        if was != now:
            return x + 1
    return 0


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
        self._painted: list[tuple[int, int]] = []

    @property
    def width(self) -> int:
        """The cells a line has (without the scrollbar)."""
        return self.scrollable_content_region.width

    @property
    def lines(self) -> Sequence[Strip]:
        return self._lines

    @property
    def last_painted(self) -> Sequence[tuple[int, int]]:
        """What the last ``paint`` repainted: (line, cells from the left), in line order."""
        return self._painted

    def paint(self, lines: list[Strip]) -> None:
        """Show ``lines``, repainting only the cells that differ from what is on screen."""
        lines = [canonical(line) for line in lines]
        old, self._lines = self._lines, lines
        width = self.width
        # Never less than the pane: a shorter ticket is not a layout change (which would
        # repaint the pane and the list's scrollbar beside it).
        height = max(len(lines), self.scrollable_content_region.height)
        if self.virtual_size != Size(width, height):
            self.virtual_size = Size(width, height)
        blank = Strip.blank(width, self.visual_style.rich_style)
        top = self.scroll_offset.y
        painted: list[tuple[int, int]] = []
        for y in range(max(len(lines), len(old))):
            cells = changed_cells(
                old[y] if y < len(old) else blank, lines[y] if y < len(lines) else blank
            )
            if cells:
                # Only up to the last changed cell: the compositor writes a line from the
                # widget's left edge to the right edge of the region refreshed.
                self.refresh(Region(0, y - top, cells, 1))
                painted.append((y, cells))
        self._painted = painted

    def forget(self) -> None:
        """What is on screen is unknown (a new size): the next ``paint`` repaints it all."""
        self._lines = []
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
