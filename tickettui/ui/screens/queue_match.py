"""Why the ticket under the cursor is in the filtered list, when no column on show says so:
"matched category “Billing/Invoices”" (a narrow terminal dropped the column, or the profile
does not show it). The preview pane shows it, or the status line while the preview is hidden.
"""

from __future__ import annotations

from collections.abc import Mapping

from tickettui.core.domain import Capabilities, TicketSummary
from tickettui.core.safe_text import inert_line
from tickettui.core.ticket_filter import ID, NUMBER, matched_elsewhere
from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["match_hint"]

FIELD_WORDS: Mapping[str, str] = {NUMBER: "number", ID: "internal id"}
LONGEST = 60  # characters of a field's text quoted in the hint


def _quoted(text: str) -> str:
    line = inert_line(text).strip()
    return f"“{line[: LONGEST - 1]}…”" if len(line) > LONGEST else f"“{line}”"


def match_hint(
    ticket: TicketSummary | None, listing: TicketList, capabilities: Capabilities
) -> str:
    """ "matched <field> “<its text>”" for ``ticket``, or "" when every match is in sight."""
    terms = listing.rows.filter_terms
    if ticket is None or not terms:
        return ""
    columns = listing.columns
    widths = listing.column_widths
    shown = {column.key for column, width in zip(columns, widths, strict=True) if width}
    found = matched_elsewhere(ticket, terms, shown)
    if not found:
        return ""
    titles = capabilities.column_titles  # Keliweb: the category is its Department
    parts = [
        f"{FIELD_WORDS.get(field) or titles.get(field, field).lower()} {_quoted(text)}"
        for field, text in found
    ]
    return "matched " + ", ".join(parts)
