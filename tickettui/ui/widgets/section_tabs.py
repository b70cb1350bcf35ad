"""One line of section tabs with counts: ``1 My open (23)  2 Unassigned (5) …``.

Not Textual's ``Tabs``: that one takes focus and arrow keys, and the queue keeps both for the
list. Keys 1 to 9 and ``[``/``]`` live on the screen; this widget only draws and reports clicks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from tickettui.core.safe_text import inert_line

SEPARATOR = ""  # each label carries a space either side
ELLIPSIS = "…"


def _cut(title: str, limit: int) -> str:
    if cell_len(title) <= limit:
        return title
    if limit <= 1:
        return ""
    cut = ""
    for char in title:
        if cell_len(cut + char) > limit - 1:
            break
        cut += char
    return cut.rstrip() + ELLIPSIS


def tab_labels(
    titles: Sequence[str], counts: Sequence[int | None], active: int, width: int
) -> list[str]:
    """The label of each tab, shortened until the line fits ``width`` cells.

    Inactive titles shrink first (down to none at all: ``2 (5)``); the active one stays whole
    unless nothing else is left to give.
    """

    def label(index: int, limit: int | None) -> str:
        title = inert_line(titles[index])
        if limit is not None and index != active:
            title = _cut(title, limit)
        count = counts[index] if index < len(counts) else None
        parts = [str(index + 1) if index < 9 else " "]
        if title:
            parts.append(title)
        if count is not None:
            parts.append(f"({count})")
        return f" {' '.join(parts)} "

    def total(labels: list[str]) -> int:
        return sum(cell_len(text) for text in labels) + cell_len(SEPARATOR) * (len(labels) - 1)

    longest = max((cell_len(t) for t in titles), default=0)
    for limit in [None, *range(longest, -1, -1)]:
        labels = [label(i, limit) for i in range(len(titles))]
        if total(labels) <= width:
            return labels
    return labels  # nothing fits: the line is cropped on the right


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
        self._active = 0
        self._spans: list[tuple[int, int]] = []  # x ranges of each tab, for clicks

    @property
    def active(self) -> int:
        return self._active

    def set_sections(self, titles: Sequence[str]) -> None:
        self._titles = list(titles)
        self._counts = [None] * len(self._titles)
        self._active = min(self._active, max(0, len(self._titles) - 1))
        self.refresh()

    def set_count(self, index: int, count: int | None) -> None:
        if 0 <= index < len(self._counts) and self._counts[index] != count:
            self._counts[index] = count
            self.refresh()

    def count(self, index: int) -> int | None:
        return self._counts[index] if 0 <= index < len(self._counts) else None

    def set_active(self, index: int) -> None:
        if index != self._active:
            self._active = index
            self.refresh()

    def render(self) -> Text:
        labels = tab_labels(self._titles, self._counts, self._active, self.size.width)
        active = self.get_component_rich_style("section-tabs--active", partial=True)
        inactive = self.get_component_rich_style("section-tabs--inactive", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for index, label in enumerate(labels):
            if index:
                text.append(SEPARATOR)
            start = text.cell_len
            text.append(label, style=active if index == self._active else inactive)
            self._spans.append((start, text.cell_len))
        return text

    def on_click(self, event: events.Click) -> None:
        for index, (start, end) in enumerate(self._spans):
            if start <= event.x < end:
                self.post_message(self.Clicked(index))
                return
