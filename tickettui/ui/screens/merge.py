"""Both you and another writer changed the same fields: choose, per field, whose value wins."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from tickettui.core.domain import FieldKind, FieldSpec, FieldValue
from tickettui.core.field_values import value_text
from tickettui.core.merge import FieldConflict
from tickettui.core.safe_text import inert_line
from tickettui.ui.inert_text import line
from tickettui.ui.widgets.key_bar import KeyBar

EMPTY = "(empty)"


class Side(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


def describe_value(spec: FieldSpec | None, value: FieldValue) -> str:
    """A field value as a person reads it: choice labels, formatted dates, tag names, Yes/No."""
    kind = spec.kind if spec else FieldKind.TEXT
    return value_text(kind, value, spec.choices if spec else ()) or EMPTY


class ConflictRow(Widget, can_focus=True):
    """One conflicting field: what it was, yours, theirs, and which one is chosen."""

    chosen: reactive[Side | None] = reactive(None)

    def __init__(self, conflict: FieldConflict, spec: FieldSpec | None) -> None:
        super().__init__(classes="conflict-row")
        self.conflict = conflict
        self.spec = spec

    @property
    def label(self) -> str:
        return self.spec.label if self.spec else self.conflict.key

    def render(self) -> Text:
        text = Text()
        text.append(inert_line(self.label), style="bold")
        if self.chosen is None:
            text.append("  — choose m (yours) or t (theirs)", style="italic")
        text.append("\n")
        text.append(f"    was:    {describe_value(self.spec, self.conflict.base)}\n", style="dim")
        for side, name, value in (
            (Side.MINE, "yours: ", self.conflict.mine),
            (Side.THEIRS, "theirs:", self.conflict.theirs),
        ):
            picked = self.chosen is side
            text.append(" ▶  " if picked else "    ", style="bold")
            text.append(
                f"{name} {describe_value(self.spec, value)}", style="bold" if picked else ""
            )
            if picked:
                text.append("  ✓ keep", style="bold")
            text.append("\n")
        text.rstrip()
        return text

    def watch_chosen(self, chosen: Side | None) -> None:
        self.set_class(chosen is None, "-undecided")

    def value(self) -> FieldValue:
        return self.conflict.mine if self.chosen is Side.MINE else self.conflict.theirs


class MergeScreen(Screen[dict[str, FieldValue] | None]):
    """Dismisses with the chosen value per conflicting key, or None (esc: back to the form)."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Previous", id="merge.previous"),
        Binding("down,j", "move(1)", "Next", id="merge.next"),
        Binding("m,left", "choose('mine')", "Keep mine", id="merge.mine"),
        Binding("t,right", "choose('theirs')", "Keep theirs", id="merge.theirs"),
        Binding("M", "choose_all('mine')", "All mine", show=False, id="merge.all_mine"),
        Binding("T", "choose_all('theirs')", "All theirs", show=False, id="merge.all_theirs"),
        Binding("enter,ctrl+s", "apply", "Save with these", id="merge.apply"),
        Binding("escape", "back", "Back to the form", id="merge.back"),
    ]

    def __init__(
        self, conflicts: Sequence[FieldConflict], specs: Sequence[FieldSpec], *, number: str = ""
    ) -> None:
        super().__init__()
        self._conflicts = list(conflicts)
        self._specs = {spec.key: spec for spec in specs}
        self._number = number  # the number users quote for the ticket; "" for a new one

    def compose(self) -> ComposeResult:
        count = len(self._conflicts)
        fields = "field" if count == 1 else "fields"
        on_ticket = f" on ticket {inert_line(self._number)}" if self._number else ""
        yield Static(
            Text(
                f"Someone else changed {count} {fields} you changed too{on_ticket}. "
                "Choose whose value to keep for each; nothing is saved until you press enter.",
            ),
            id="merge-intro",
        )
        with VerticalScroll(id="merge-rows"):
            for conflict in self._conflicts:
                yield ConflictRow(conflict, self._specs.get(conflict.key))
        yield Label("", id="merge-error", classes="error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Resolve conflicting changes"
        self._rows()[0].focus()

    def _rows(self) -> list[ConflictRow]:
        return list(self.query(ConflictRow))

    def _current(self) -> ConflictRow:
        focused = self.focused
        return focused if isinstance(focused, ConflictRow) else self._rows()[0]

    def action_move(self, step: int) -> None:
        rows = self._rows()
        index = (rows.index(self._current()) + step) % len(rows)
        rows[index].focus()
        rows[index].scroll_visible()

    def action_choose(self, side: str) -> None:
        row = self._current()
        row.chosen = Side(side)
        self.query_one("#merge-error", Label).update("")
        rows = self._rows()
        # Move on to the next undecided field, so m/t m/t ... works through the list.
        undecided = [r for r in rows if r.chosen is None]
        if undecided:
            undecided[0].focus()
            undecided[0].scroll_visible()

    def action_choose_all(self, side: str) -> None:
        for row in self._rows():
            row.chosen = Side(side)

    def action_apply(self) -> None:
        undecided = [row for row in self._rows() if row.chosen is None]
        if undecided:
            names = ", ".join(row.label for row in undecided)
            self.query_one("#merge-error", Label).update(
                line(f"Choose yours (m) or theirs (t) for: {names}")
            )
            undecided[0].focus()
            return
        self.dismiss({row.conflict.key: row.value() for row in self._rows()})

    def action_back(self) -> None:
        self.dismiss(None)
