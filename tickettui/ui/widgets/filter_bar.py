"""The queue's `/` line: a prompt and the filter words, shown while the agent filters.

Mounted right after the queue's first frame, not with it: that frame (issue 16, the cold
start) has no use for an input field and its stylesheet, and `/` finds it ready, so the keys
typed right after `/` go into it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

__all__ = ["FilterBar", "FilterInput"]

PLACEHOLDER = "words, or status: prio: owner:me cust: cat: title: #123 (enter keeps, esc clears)"


class FilterInput(Input):
    """The filter's words: esc clears the filter, enter keeps it; both go back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Clear filter", id="queue.filter_cancel"),
    ]

    class Cancelled(Message):
        pass

    def action_cancel(self) -> None:
        self.value = ""
        self.post_message(self.Cancelled())


class FilterBar(Horizontal):
    """`/ words`: hidden until the class ``-shown`` (queue.tcss)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Made here, not in compose: the queue reads and sets it while the bar mounts.
        self.input = FilterInput(placeholder=PLACEHOLDER, compact=True, id="queue-filter")

    def compose(self) -> ComposeResult:
        yield Label("/", id="queue-filter-prompt")
        yield self.input
