"""A queue section written out as CSV or JSON: the app's export key and `tickettui list --csv`.

CSV is for spreadsheets, and a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``): customers write titles, so
every such cell, and one starting with a tab or carriage return (which some spreadsheets strip
before looking), gets a leading ``'`` (OWASP's advice; the apostrophe is shown as text).
Control characters and escape sequences become the same visible stand-ins as on screen
(``core.safe_text.inert``), so `cat export.csv` in a terminal is as harmless as the app.

The file the app writes starts with a UTF-8 byte-order mark: Excel reads a CSV without one in
the machine's ANSI code page and shows "MÃ¼ller"; LibreOffice, Numbers, pandas and Python's
``utf-8-sig`` read it either way. ``list --csv`` prints none: its output goes to other programs
(cut, awk, a script), for which a BOM is junk glued to the first header.

JSON is `list --json`'s shape (``summary_json``), for the file and the command line alike.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tickettui.core.columns import Column
from tickettui.core.domain import Capabilities, TicketSummary
from tickettui.core.errors import TicketTuiError
from tickettui.core.private_files import write_private
from tickettui.core.safe_text import inert, inert_json

__all__ = [
    "EXPORT_FORMATS",
    "ExportError",
    "check_target",
    "csv_cell",
    "csv_text",
    "export_text",
    "json_text",
    "summary_json",
    "table_csv",
    "write_export",
]

BOM = "\ufeff"
EXPORT_FORMATS = (".csv", ".json")
# What a spreadsheet may read as the start of a formula (tab and CR: stripped by some first).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(TicketTuiError):
    """An export that cannot be written: one line naming the path and why."""


def csv_cell(text: str) -> str:
    """One cell: neutralised for spreadsheets (a leading ``'``) and for terminals (inert)."""
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return inert(text)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = False) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) of already-made cell texts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return (BOM if bom else "") + out.getvalue()


def table_csv(
    columns: Sequence[Column],
    headers: Sequence[str],
    tickets: Iterable[TicketSummary],
    *,
    bom: bool = False,
) -> str:
    """The tickets as a table shows them: these columns, their header words, each cell's text."""
    return csv_text(headers, ([c.text(t) for c in columns] for t in tickets), bom=bom)


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# The queue column behind each field of a summary: a field whose column the system does not
# have (Capabilities.hidden_columns: Keliweb has no read status and no deadline) is left out.
_FIELD_COLUMNS = {
    "status": "status",
    "statusKind": "status",
    "priority": "priority",
    "priorityRank": "priority",
    "category": "category",
    "owner": "owner",
    "customer": "customer",
    "readStatus": "read",
    "created": "created",
    "lastChanged": "last_changed",
    "deadline": "deadline",
}


def summary_json(ticket: TicketSummary, capabilities: Capabilities | None = None) -> dict[str, Any]:
    """A ticket's summary for scripts: every field filled or absent, never null. Absent: what
    the system does not have (``capabilities``) and what this ticket has not (no deadline)."""
    hidden = capabilities.hidden_columns if capabilities else frozenset()
    fields: dict[str, Any] = {
        "status": ticket.status,
        "statusKind": ticket.status_kind.value,
        "priority": ticket.priority,
        "priorityRank": ticket.priority_rank,
        "category": ticket.category,
        "owner": ticket.owner,
        "customer": ticket.customer,
        "readStatus": ticket.read_status.value,
        "created": _date(ticket.created),
        "lastChanged": _date(ticket.last_changed),
        "deadline": _date(ticket.deadline),
    }
    if capabilities is not None and not capabilities.read_status:
        hidden = hidden | {"read"}
    data: dict[str, Any] = {
        "id": ticket.id,
        "number": ticket.display_number,
        "title": ticket.title,
    }
    data.update(
        (key, value)
        for key, value in fields.items()
        if value is not None and _FIELD_COLUMNS[key] not in hidden
    )
    return data


def json_text(data: Any) -> str:
    """Pretty JSON whose text is inert in a terminal (BiDi and C1 controls escaped)."""
    return inert_json(json.dumps(data, indent=2, ensure_ascii=False))


def export_text(
    path: Path,
    columns: Sequence[Column],
    headers: Sequence[str],
    tickets: Sequence[TicketSummary],
    capabilities: Capabilities | None,
) -> str:
    """The file's text for ``path``'s extension: .csv (with a BOM) or .json."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return table_csv(columns, headers, tickets, bom=True)
    if suffix == ".json":
        return json_text([summary_json(t, capabilities) for t in tickets]) + "\n"
    raise ExportError(f"Export to {path.name}: the name must end in .csv or .json")


def check_target(path: Path) -> None:
    """One clear line for a path that cannot take an export (before asking to overwrite)."""
    if path.suffix.lower() not in EXPORT_FORMATS:
        raise ExportError(f"Export to {path.name}: the name must end in .csv or .json")
    if not path.parent.is_dir():
        raise ExportError(f"Export: no folder {path.parent} (it is not created for you)")
    if path.is_dir():
        raise ExportError(f"Export: {path} is a folder; give a file name")


def write_export(path: Path, text: str) -> None:
    """Write the export, readable by its owner only (0600), whole or not at all."""
    check_target(path)
    try:
        write_private(path, text)
    except OSError as error:
        raise ExportError(f"Export to {path}: {error.strerror or error}") from None
