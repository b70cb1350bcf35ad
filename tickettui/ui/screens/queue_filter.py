"""The queue's `/` line, mixed into ``QueueScreen``: as-you-type filter words for the list.

The line (``ui/widgets/filter_bar.py``) is mounted right after the first frame (issue 16: that
frame has no use for an input field), so `/` finds it ready. `/` is a priority key: the app acts
on it as it reads it, so keys typed right after it in one burst ("/cal", or keys an SSH link
delivers together) go into the line, never to the list, where `c` and `a` are one-key changes.
enter keeps the words and goes back to the list; esc clears them.

Handlers by name (every class's own is called), as this mixin is not a Textual class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.widgets import Input

from tickettui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from tickettui.ui.widgets.filter_bar import FilterBar, FilterInput
    from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["QueueFilterMixin"]

FILTER_ID = "queue-filter"


class QueueFilterMixin:
    """Needs the queue's ``ticket_list`` and ``_update_status``; a Screen's ``mount``,
    ``focused`` and ``set_focus``."""

    ticket_list: TicketList

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._filter_bar: FilterBar | None = None  # the `/` line, made when first asked for
        self._filter_mounting: AwaitMount | None = None

    @property
    def filter_bar(self) -> FilterBar:
        """The `/` line, mounted after the first frame (or when asked for before)."""
        bar = self._filter_bar
        if bar is None:
            from tickettui.ui.widgets.filter_bar import FilterBar  # its Input: not at start

            bar = self._filter_bar = FilterBar(id="queue-filter-bar")
            screen: Any = self
            self._filter_mounting = screen.mount(bar, before=screen.query_one(KeyBar))
        return bar

    @property
    def filter_input(self) -> FilterInput:
        return self.filter_bar.input

    @property
    def filter_shown(self) -> bool:
        return self._filter_bar is not None and self._filter_bar.has_class("-shown")

    def typed_filter(self) -> str:
        """What the `/` line holds ("" while it was never opened)."""
        return "" if self._filter_bar is None else self._filter_bar.input.value

    # --- Textual's handlers (by name) ------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == FILTER_ID:
            self.ticket_list.set_filter(event.value)
            self._update_status()  # type: ignore[attr-defined]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == FILTER_ID:
            self._leave_filter()

    def on_filter_input_cancelled(self) -> None:  # FilterInput.Cancelled: esc in the line
        self.ticket_list.set_filter("")
        self._leave_filter()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.control.id == FILTER_ID and not self.filter_input.value:
            self.filter_bar.remove_class("-shown")

    def _leave_filter(self) -> None:
        self.filter_bar.set_class(bool(self.filter_input.value), "-shown")
        self.ticket_list.focus()
        self._update_status()  # type: ignore[attr-defined]

    # --- actions ---------------------------------------------------------------------------

    async def action_filter(self) -> None:
        bar = self.filter_bar
        screen: Any = self
        if screen.focused is bar.input:  # `/` among the filter's own words
            bar.input.insert_text_at_cursor("/")
            return
        mounting = self._filter_mounting
        if not bar.input.is_mounted and mounting is not None:  # `/` before the first frame
            await mounting
        bar.add_class("-shown")
        screen.set_focus(bar.input)  # now, not after the messages already queued (as focus())

    def action_clear_filter(self) -> None:
        if self.typed_filter() or self.ticket_list.filter_text:
            self.filter_input.value = ""
            self.ticket_list.set_filter("")
            self._leave_filter()
