"""Service-level times of a ticket: deadline, alert level, and the time counters.

The first line (deadline and alert) is always there; the counters (business hours and their
24x7 "Real" twins) are shown when ``expanded``, so an 80x24 terminal keeps room for the thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive

from tickettui.core.domain import StatusKind, TicketDetail, TimeMetrics
from tickettui.core.durations import human_duration
from tickettui.ui.widgets.line_block import LineBlock
from tickettui.ui.widgets.text_wrap import pack
from tickettui.ui.widgets.thread import when

Clock = Callable[[], datetime]
REAL = "24\u00d77"  # 24 hours a day, 7 days a week: the "Real" counters


def _now_like(moment: datetime, now: datetime) -> datetime:
    """``now`` comparable with ``moment``: aware with aware, naive (local) with naive."""
    if moment.tzinfo is not None and now.tzinfo is None:
        return now.astimezone()
    if moment.tzinfo is None and now.tzinfo is not None:
        return now.astimezone().replace(tzinfo=None)
    return now


@dataclass(slots=True, frozen=True)
class Deadline:
    text: str
    overdue: bool


def deadline_text(deadline: datetime, closed: bool, now: datetime) -> Deadline:
    """ "overdue by 2d 3h", "due in 5h", or just the date once the ticket is closed."""
    if closed:
        return Deadline(f"was due {when(deadline)}", False)
    seconds = int((deadline - _now_like(deadline, now)).total_seconds())
    if seconds < 0:
        return Deadline(f"overdue by {human_duration(-seconds)} ({when(deadline)})", True)
    return Deadline(f"due in {human_duration(seconds)} ({when(deadline)})", False)


def counter_cells(metrics: TimeMetrics) -> list[tuple[str, str]]:
    """(label, "business · 24x7 real") for every counter the system tracks."""
    pairs = (
        ("To reply", metrics.time_to_reply, metrics.real_time_to_reply),
        ("To close", metrics.time_to_close, metrics.real_time_to_close),
        ("Internal", metrics.spent_internally, metrics.real_spent_internally),
        ("External", metrics.spent_externally, metrics.real_spent_externally),
        ("In queue", metrics.spent_queue, metrics.real_spent_queue),
    )
    return [
        (label, f"{human_duration(value)} · {REAL} {human_duration(real)}")
        for label, value, real in pairs
        if value is not None or real is not None
    ]


class MetricsPanel(LineBlock):
    COMPONENT_CLASSES = {
        "metrics-panel--label",
        "metrics-panel--overdue",
        "metrics-panel--due",
        "metrics-panel--alert",
        "metrics-panel--hint",
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
        cells = counter_cells(metrics)
        if cells and not self.expanded:
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
        label_width = max(cell_len(name) for name, _ in cells) + 1
        cell_width = label_width + max(cell_len(value) for _, value in cells) + 3
        columns = max(1, width // cell_width)
        for start in range(0, len(cells), columns):
            line = Text(no_wrap=True, overflow="ellipsis")
            for name, value in cells[start : start + columns]:
                line.append(name.ljust(label_width), label)
                line.append(value.ljust(cell_width - label_width))
            line.rstrip()
            line.truncate(width, overflow="ellipsis")
            lines.append(line)
        return lines
