"""What a bulk action did, when not everything went: done, failed with each reason, and the
tickets a stop left alone. The failed and the not started stay marked, for a retry."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tickettui.core.bulk import BulkReport, Outcome
from tickettui.core.safe_text import inert_line
from tickettui.ui.inert_text import line

__all__ = ["BulkSummary", "summary_line"]


def summary_line(report: BulkReport) -> str:
    """One line for the toast: "Close: 2 done, 1 failed (still marked)"."""
    what = report.change.describe()
    parts = [f"{len(report.done)} done"]
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.not_started:
        parts.append(f"{len(report.not_started)} not started (stopped)")
    kept = "" if report.all_ok else " — the rest stay marked"
    return f"{what[:1].upper()}{what[1:]}: {', '.join(parts)}{kept}"


class BulkSummary(ModalScreen[None]):
    """The report of one bulk action; esc or enter closes it."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="bulk_summary.close")]

    def __init__(self, report: BulkReport, numbers: Mapping[int, str]) -> None:
        super().__init__(classes="dialog")
        self._report = report
        self._numbers = numbers

    def compose(self) -> ComposeResult:
        report = self._report
        with Vertical(classes="dialog-body"):
            yield Label(line(summary_line(report), "bold"), classes="hint")
            with VerticalScroll(id="bulk-summary-rows"):
                yield Static(self._rows(), id="bulk-summary-text")
            yield Label(
                Text("esc: close (the tickets left stay marked: retry with the same key)"),
                classes="hint",
            )

    def _rows(self) -> Text:
        """Each failure on its own line with its reason; the tickets a stop left, together."""
        text = Text()
        left: list[str] = []
        for result in self._report.results:
            if result.ok:
                continue
            number = f"#{inert_line(self._numbers.get(result.ticket_id, str(result.ticket_id)))}"
            if result.outcome is Outcome.NOT_STARTED:
                left.append(number)
                continue
            if result.outcome is Outcome.UNKNOWN:
                why = f"unknown (reload before retrying): {inert_line(result.reason)}"
            else:
                why = inert_line(result.reason) or "failed"
            text.append(f"{number}  ", style="bold")
            text.append(f"{why}\n")
        if left:
            text.append("Not started (stopped): ", style="bold")
            text.append(", ".join(left) + "\n")
        return text
