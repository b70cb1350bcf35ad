"""The queue's export key: the section as the agent sees it (after the filter and the sort;
every row, not only those on screen; the queue's columns) to a CSV or JSON file.

The prompt starts on ``<section>-<date>-<time>.csv`` in the platform's downloads folder; an
existing file is replaced only after a yes; the file is 0600 and written whole or not at all
(``core.export``). The notice names the file in one line.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from tickettui.core.domain import TicketSummary
from tickettui.ui.screens.queue_status import column_name

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp
    from tickettui.ui.widgets.ticket_list import TicketList

EXPORT_BINDING = Binding("E", "export", "Export", show=False, id="queue.export")


def downloads_folder() -> Path:
    """The platform's downloads folder; the working folder where there is none (a server)."""
    import platformdirs

    folder = Path(platformdirs.user_downloads_dir())
    return folder if folder.is_dir() else Path.cwd()


def default_export_path(section_key: str, now: datetime, folder: Path | None = None) -> Path:
    """``<section>-YYYYmmdd-HHMM.csv`` in the downloads folder (only safe characters kept)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in section_key)[:40]
    name = f"{safe.strip('-') or 'tickets'}-{now:%Y%m%d-%H%M}.csv"
    return (folder or downloads_folder()) / name


class QueueExportMixin:
    """Needs ``ticket_list`` and the model's active section; the queue screen mixes it in."""

    app: TicketApp
    ticket_list: TicketList

    def shown_tickets(self) -> list[TicketSummary]:
        """Every ticket the list shows, top to bottom (the filter and sort applied)."""
        rows = self.ticket_list.rows
        return [rows.ticket_at(row) for row in range(len(rows.view))]

    def export_section_key(self) -> str:
        raise NotImplementedError

    def action_export(self) -> None:
        self._export()

    @work(exclusive=True, group="export", exit_on_error=False)
    async def _export(self) -> None:
        from tickettui.ui.screens.export_prompt import ExportPrompt
        from tickettui.ui.screens.pickers import ConfirmLoss

        app = self.app
        tickets = self.shown_tickets()
        columns = list(self.ticket_list.columns)
        headers = [column_name(c) for c in columns]
        default = default_export_path(self.export_section_key(), datetime.now())
        count = len(tickets)
        path = await app.push_screen_wait(
            ExportPrompt(f"Export the {count} tickets shown to", default)
        )
        if path is None:
            return
        if path.exists() and not await app.push_screen_wait(
            ConfirmLoss(f"{path.name} exists. Replace it?")
        ):
            app.notify("Nothing exported", markup=False)
            return
        from tickettui.core.export import ExportError, export_text, write_export

        try:
            text = export_text(path, columns, headers, tickets, app.capabilities)
            await asyncio.to_thread(write_export, path, text)
        except ExportError as error:
            app.notify(str(error), severity="error", markup=False)
            return
        app.notify(f"Exported {count} tickets to {path}", markup=False)
