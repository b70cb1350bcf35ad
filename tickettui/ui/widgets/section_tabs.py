"""One line of section tabs with counts: ``1 My open (23)  2 Unassigned (5)  3 (186) …``.

Not Textual's ``Tabs``: that one takes focus and arrow keys, and the queue keeps both for the
list. Keys 1 to 9 and ``[``/``]`` live on the screen; this widget only draws and reports clicks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from tickettui.core.safe_text import inert_line


# A NamedTuple, not a dataclass: defined in ~0.1 ms against ~0.6 ms, before the first frame.
class TabLine(NamedTuple):
    """The tabs that fit one line: ``(section index, label)`` in order, and how many are
    scrolled out of view on each side (shown as ``«3 more`` and ``4 more»``)."""

    labels: list[tuple[int, str]]
    before: int = 0
    after: int = 0


KEYED = 9  # sections 1 to 9 have a key


def more_marker(hidden: int, *, left: bool) -> str:
    return f" «{hidden} more " if left else f" {hidden} more» "


def tab_label(title: str, count: int | None, index: int, *, named: bool, unseen: int = 0) -> str:
    """`` 2 Unassigned (18) `` or, short, `` 2 (18) ``: a tab past the ninth has no key, so
    it keeps its name whatever the room. ``unseen``: new and changed tickets of a live
    section the agent has not looked at, `` 2 Unassigned (18 ★3) ``."""
    parts = [str(index + 1)] if index < 9 else []
    if named or index >= 9:
        parts.append(inert_line(title))
    if count is not None:
        parts.append(f"({count} ★{unseen})" if unseen else f"({count})")
    elif unseen:
        parts.append(f"(★{unseen})")
    return f" {' '.join(parts)} "


def tab_line(
    titles: Sequence[str],
    counts: Sequence[int | None],
    active: int,
    width: int,
    unseen: Sequence[int] = (),
) -> TabLine:
    """The tabs for a line ``width`` cells wide; no name is ever cut.

    Every tab with its name when they all fit. Otherwise the others start short (key and
    count, ``2 (18)``; the active one keeps its name, also in the status line) and get their
    names back nearest the active one first, while they fit. When even the short tabs are
    too wide (Keliweb's departments and statuses are a dozen sections or more), the line
    shows a window of tabs around the active one, which ``[``/``]`` move.
    """
    count = len(titles)
    if not count:
        return TabLine([])
    active = min(max(active, 0), count - 1)

    def label(index: int, named: bool) -> str:
        number = counts[index] if index < len(counts) else None
        new = unseen[index] if index < len(unseen) else 0
        return tab_label(titles[index], number, index, named=named or index == active, unseen=new)

    full = [label(i, True) for i in range(count)]
    if sum(cell_len(text) for text in full) <= width:
        return TabLine(list(enumerate(full)))
    labels = [label(i, False) for i in range(count)]

    def used(lo: int, hi: int) -> int:
        total = sum(cell_len(labels[i]) for i in range(lo, hi + 1))
        if lo > 0:
            total += cell_len(more_marker(lo, left=True))
        if hi < count - 1:
            total += cell_len(more_marker(count - 1 - hi, left=False))
        return total

    def grow(lo: int, hi: int, limit: int) -> tuple[int, int]:
        """One more on the right, then one on the left, while they fit and stay below
        ``limit``."""
        grew = True
        while grew:
            grew = False
            if hi + 1 < limit and used(lo, hi + 1) <= width:
                hi, grew = hi + 1, True
            if lo > 0 and used(lo - 1, hi) <= width:
                lo, grew = lo - 1, True
        return lo, hi

    # The tabs with a key come first: a name for "4" is worth more than one more tab past
    # the ninth, which has no key and always shows its (long) name.
    lo, hi = grow(active, active, min(count, max(KEYED, active + 1)))
    # Names back, nearest the active tab first, while the line has room for them.
    for distance in range(1, count):
        for index in (active + distance, active - distance):
            if lo <= index <= hi and labels[index] != full[index]:
                short, labels[index] = labels[index], full[index]
                if used(lo, hi) > width:
                    labels[index] = short
    lo, hi = grow(lo, hi, count)  # then whatever else still fits
    return TabLine([(i, labels[i]) for i in range(lo, hi + 1)], lo, count - 1 - hi)


class SectionTabs(Widget):
    """Section titles with their ticket counts; the active one highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "section-tabs--active",
        "section-tabs--inactive",
    }

    DEFAULT_CSS = """
    SectionTabs {
        height: 1;
        width: 1fr;
        background: $panel;
        & > .section-tabs--active { background: $accent; color: $text; text-style: bold; }
        & > .section-tabs--inactive { color: $text-muted; }
    }
    """

    class Clicked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._titles: list[str] = []
        self._counts: list[int | None] = []
        self._unseen: list[int] = []  # a live section's flagged tickets not looked at yet
        self._active = 0
        self._spans: list[tuple[int, int, int]] = []  # (start x, end x, section), for clicks

    @property
    def active(self) -> int:
        return self._active

    def set_sections(self, titles: Sequence[str]) -> None:
        self._titles = list(titles)
        self._counts = [None] * len(self._titles)
        self._unseen = [0] * len(self._titles)
        self._active = min(self._active, max(0, len(self._titles) - 1))
        self.refresh()

    def set_count(self, index: int, count: int | None) -> None:
        if 0 <= index < len(self._counts) and self._counts[index] != count:
            self._counts[index] = count
            self.refresh()

    def set_unseen(self, index: int, unseen: int) -> None:
        if 0 <= index < len(self._unseen) and self._unseen[index] != unseen:
            self._unseen[index] = unseen
            self.refresh()

    def count(self, index: int) -> int | None:
        return self._counts[index] if 0 <= index < len(self._counts) else None

    def set_active(self, index: int) -> None:
        if index != self._active:
            self._active = index
            self.refresh()

    def render(self) -> Text:
        line = tab_line(self._titles, self._counts, self._active, self.size.width, self._unseen)
        active = self.get_component_rich_style("section-tabs--active", partial=True)
        inactive = self.get_component_rich_style("section-tabs--inactive", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []

        def add(label: str, index: int) -> None:
            start = text.cell_len
            text.append(label, style=active if index == self._active else inactive)
            self._spans.append((start, text.cell_len, index))

        if line.before:  # a click on "«3" shows the tab before the first one shown
            add(more_marker(line.before, left=True), line.labels[0][0] - 1)
        for index, label in line.labels:
            add(label, index)
        if line.after:
            add(more_marker(line.after, left=False), line.labels[-1][0] + 1)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, index in self._spans:
            if start <= event.x < end:
                self.post_message(self.Clicked(index))
                return
