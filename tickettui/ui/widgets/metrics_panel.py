"""Service-level times of a ticket: deadline, alert level, and the time counters.

The first line (deadline and alert) is always there; the counters (within the priority's
office hours, "business", and their 24x7 "Real" twins; ``core.service_times`` words them) are
shown when ``expanded``, so an 80x24 terminal keeps room for the thread. Collapsed, a ticket
nobody has replied to yet still says so on the first line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from tickettui.core.domain import StatusKind, TicketDetail
from tickettui.core.durations import human_duration
from tickettui.core.service_times import (
    REPLY,
    Counter,
    counters,
    pending_reply,
    seconds_between,
)
from tickettui.ui.widgets.line_block import LineBlock
from tickettui.ui.widgets.text_wrap import pack
from tickettui.ui.widgets.thread import when

Clock = Callable[[], datetime]


@dataclass(slots=True, frozen=True)
class Deadline:
    text: str
    overdue: bool


def deadline_text(deadline: datetime, closed: bool, now: datetime) -> Deadline:
    """ "overdue by 2d 3h", "due in 5h", or just the date once the ticket is closed."""
    if closed:
        return Deadline(f"was due {when(deadline)}", False)
    seconds = seconds_between(now, deadline)
    if seconds < 0:
        return Deadline(f"overdue by {human_duration(-seconds)} ({when(deadline)})", True)
    return Deadline(f"due in {human_duration(seconds)} ({when(deadline)})", False)


class MetricsPanel(LineBlock):
    COMPONENT_CLASSES = {
        "metrics-panel--label",
        "metrics-panel--overdue",
        "metrics-panel--due",
        "metrics-panel--alert",
        "metrics-panel--hint",
        "metrics-panel--pending",
    }

    expanded: reactive[bool] = reactive(True, layout=True)

    def __init__(self, clock: Clock, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._clock = clock
        self._detail: TicketDetail | None = None

    def show(self, detail: TicketDetail) -> None:
        self._detail = detail
        metrics = detail.metrics
        self.display = metrics is not None
        self.set_class(bool(metrics and (metrics.alert_level or 0) > 0), "-alert")
        overdue = self._deadline()
        self.set_class(bool(overdue and overdue.overdue), "-overdue")
        self.refresh(layout=True)

    def _deadline(self) -> Deadline | None:
        if self._detail is None or self._detail.summary.deadline is None:
            return None
        closed = self._detail.summary.status_kind is StatusKind.CLOSED
        return deadline_text(self._detail.summary.deadline, closed, self._clock())

    def _lines(self, width: int) -> list[Text]:
        detail = self._detail
        if detail is None or detail.metrics is None:
            return []
        metrics = detail.metrics
        width = max(width, 10)
        label = self.get_component_rich_style("metrics-panel--label")
        pieces: list[Text] = []  # deadline, alert, escalation: each kept on one line
        deadline = self._deadline()
        if deadline is not None:
            role = "overdue" if deadline.overdue else "due"
            piece = Text("Deadline ", label)
            piece.append(deadline.text, self.get_component_rich_style(f"metrics-panel--{role}"))
            pieces.append(piece)
        level = metrics.alert_level or 0
        alert = self.get_component_rich_style("metrics-panel--alert") if level > 0 else ""
        if level > 0:
            pieces.append(Text(f"⚠ Alert level {level}", alert))
        if metrics.alert_timeout is not None:
            pieces.append(Text(f"Next escalation {when(metrics.alert_timeout)}", alert))
        cells = counters(detail, self._clock())
        closed = detail.summary.status_kind is StatusKind.CLOSED
        if cells and not self.expanded:
            reply = next((cell for cell in cells if cell.label == REPLY), None)
            if reply is not None and pending_reply(detail) and not closed:
                pieces.append(Text("not replied yet", self._style(reply)))
            pieces.append(Text("s: times", self.get_component_rich_style("metrics-panel--hint")))
        if not cells and not pieces:
            return [Text("No service times for this ticket.", label)]
        lines: list[Text] = []
        for row in pack([piece.cell_len for piece in pieces], width):
            line = Text(no_wrap=True, overflow="ellipsis")
            for i, n in enumerate(row):
                if i:
                    line.append("  ")
                line.append_text(pieces[n])
            line.truncate(width, overflow="ellipsis")  # Textual would wrap it otherwise
            lines.append(line)
        if not cells or not self.expanded:
            return lines
        label_width = max(cell_len(cell.label) for cell in cells) + 1
        cell_width = label_width + max(cell_len(cell.text) for cell in cells) + 3
        columns = max(1, (width + 3) // cell_width)  # the last column needs no gap after it
        for start in range(0, len(cells), columns):
            line = Text(no_wrap=True, overflow="ellipsis")
            for cell in cells[start : start + columns]:
                line.append(cell.label.ljust(label_width), label)
                line.append(cell.text, self._style(cell))
                line.append(" " * (cell_width - label_width - cell_len(cell.text)))
            line.rstrip()
            line.truncate(width, overflow="ellipsis")
            lines.append(line)
        return lines

    def _style(self, cell: Counter) -> str | Style:
        if cell.overdue:
            return self.get_component_rich_style("metrics-panel--overdue")
        if cell.pending:
            return self.get_component_rich_style("metrics-panel--pending")
        return ""
