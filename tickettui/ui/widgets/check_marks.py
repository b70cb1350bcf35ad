"""Things to tick in the edit form whose check state reads without colour.

Textual's ``SelectionList`` and ``Checkbox`` draw the same ``▐X▌`` box whether ticked or not and
tell the two apart by colour alone, which a monochrome terminal, ``NO_COLOR`` or a colour-blind
agent does not see. Here a ticked tag reads ``[x] Bug`` and an unticked one ``[ ] Bug`` (the
colour, ``tag-list--checked``/``--unchecked`` in styles/edit.tcss, only adds to it), and the
"Notify" box is ``▐X▌`` ticked and ``▐ ▌`` not. The tag box is as wide as Textual's (three cells
and a space), so the list lays out as a ``SelectionList`` does; keys, mouse and messages are
Textual's own.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

__all__ = ["CHECKED", "UNCHECKED", "TagList", "TickBox"]

CHECKED = "[x]"
UNCHECKED = "[ ]"


class TagList(SelectionList[str]):
    COMPONENT_CLASSES = {"tag-list--checked", "tag-list--unchecked"}

    def render_line(self, y: int) -> Strip:
        # The entry as an OptionList draws it (highlight included), without SelectionList's box.
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        try:
            option = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        checked = option.value in self.selected
        under = next(iter(line)).style if line.cell_length else None
        mark = self.get_component_rich_style(
            "tag-list--checked" if checked else "tag-list--unchecked", partial=True
        )
        style = (under or Style()) + mark + Style(meta={"option": index})
        return Strip(
            [Segment(CHECKED if checked else UNCHECKED, style), Segment(" ", under), *line]
        )


class TickBox(Checkbox):
    """A check box with an X only when ticked."""

    def __init__(self, label: str, value: bool = False, **kwargs: Any) -> None:
        super().__init__(label, value, **kwargs)
        self._mark()

    def watch_value(self) -> None:
        self._mark()
        super().watch_value()

    def _mark(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
