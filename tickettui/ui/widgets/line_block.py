"""A widget whose content is a list of pre-cut lines: its height is exactly that many lines."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


class LineBlock(Widget):
    """Subclasses build ``_lines(width)``; measuring and rendering use the same lines, so Textual
    never re-wraps content past the height it measured."""

    def _lines(self, width: int) -> list[Text]:
        raise NotImplementedError

    def plain_lines(self, width: int = 200) -> list[str]:
        return [line.plain for line in self._lines(width)]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n", no_wrap=True, overflow="ellipsis").join(
            self._lines(self.content_size.width)
        )
