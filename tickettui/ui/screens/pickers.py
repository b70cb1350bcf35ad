"""Small modal dialogs: pick one of a list, type a date, confirm."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tickettui.core import zones
from tickettui.core.date_input import HINT, parse_user_datetime
from tickettui.core.domain import Choice
from tickettui.ui.inert_text import line


class ChoicePicker(ModalScreen[str | None]):
    """Choose one value; type to jump, enter picks, esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker.cancel")]

    def __init__(self, title: str, choices: Sequence[Choice], current: str | None = None) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._choices = list(choices)
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(line(self._title, "bold"))
            options = [Option(line(c.label), id=f"v{i}") for i, c in enumerate(self._choices)]
            yield OptionList(*options, id="picker-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for i, choice in enumerate(self._choices):
            if choice.value == self._current:
                options.highlighted = i
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._choices[event.option_index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DatePrompt(ModalScreen[datetime | None]):
    """Ask for a date; bad input is explained under the field and nothing is lost."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="date.cancel")]

    def __init__(self, title: str, initial: str = "") -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(line(self._title, "bold"))
            yield Input(
                self._initial, placeholder="tomorrow 9:00, +2d, 2026-12-01 14:00", id="date-input"
            )
            yield Label(Text(HINT), id="date-error", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#date-error", Label)
        try:
            value = parse_user_datetime(event.value, zones.now())  # in the display zone
        except ValueError as problem:
            error.update(Text(str(problem)))
            error.add_class("error")
            return
        if value is None:
            error.update(Text("A date is needed here"))
            error.add_class("error")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question whose yes loses nothing ("Leave? Your edit is kept"): enter says yes."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    HINT = "y / enter: yes    n / esc: no"

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog")
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(line(self._question))
            yield Label(Text(self.HINT), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmLoss(Confirm):
    """A question whose yes throws something away or cannot be taken back by a key ("Discard
    this note?", "Close ticket 7?"): only y says yes; enter, like n and esc, keeps things."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_loss.yes"),
        Binding("n,escape,enter", "answer(False)", "No", id="confirm_loss.no"),
    ]
    HINT = "y: yes    n / enter / esc: no"


SERVER_ORDER = ""  # the sort picker's "as the section sorts" entry


class SortPicker(ModalScreen[tuple[str, bool] | None]):
    """Choose the column to sort by and its direction; it opens on the current sort.

    enter sorts by the highlighted column (the current one again: the other way round), a and d
    choose ascending and descending, esc leaves the order as it is. Dismisses with
    ``(key, reverse)``; the key ``SERVER_ORDER`` is the section's own order.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="sort.cancel"),
        Binding("a", "direction(False)", "Ascending", id="sort.ascending"),
        Binding("d", "direction(True)", "Descending", id="sort.descending"),
    ]
    HINT = "enter: sort (the one now: turn it round)  a / d: ascending / descending  esc: cancel"

    def __init__(self, choices: Sequence[Choice], current: str | None, reverse: bool) -> None:
        super().__init__(classes="dialog")
        server = Choice(SERVER_ORDER, "As the section sorts (the server's order)")
        self._choices = [server, *choices]
        self._current = current or SERVER_ORDER
        self._reverse = reverse

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(line("Sort by", "bold"))
            options = [Option(self._label(c), id=f"v{i}") for i, c in enumerate(self._choices)]
            yield OptionList(*options, id="sort-options")
            yield Label(Text(self.HINT), classes="hint")

    def _label(self, choice: Choice) -> Text:
        if choice.value != self._current:
            return line(choice.label)
        arrow = "" if choice.value == SERVER_ORDER else (" ▼" if self._reverse else " ▲")
        return line(f"{choice.label}{arrow}  (now)", "bold")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next(
            i for i, c in enumerate(self._choices) if c.value == self._current
        )
        options.focus()

    def _highlighted(self) -> str:
        index = self.query_one(OptionList).highlighted or 0
        return self._choices[index].value

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        key = self._choices[event.option_index].value
        again = key == self._current and key != SERVER_ORDER
        self.dismiss((key, not self._reverse if again else False))

    def action_direction(self, reverse: bool) -> None:
        self.dismiss((self._highlighted(), reverse))

    def action_cancel(self) -> None:
        self.dismiss(None)
