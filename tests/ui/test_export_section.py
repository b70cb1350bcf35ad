"""`E` in the queue (issue 15, item 5), as an agent uses it on both local servers: after a filter
and a sort the file holds exactly the rows shown, in their order (all of them, not only those on
screen), under the queue's columns; the prompt starts in the downloads folder; an existing file
is replaced only after a yes; a folder that does not exist is one line under the field."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import notifications, settle, until
from tests.ui.queue_helpers import SIZE, listing, queue
from tickettui.core.export import summary_json
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.export_prompt import ExportPrompt
from tickettui.ui.screens.pickers import ConfirmLoss
from tickettui.ui.screens.queue_status import column_name

__all__ = ["kw_server"]  # fixture, imported for pytest


async def _filter_and_sort(pilot: Any, app: TicketApp, words: str, key: str) -> list[Any]:
    await settle(pilot)
    await pilot.press("slash", *words, "enter")
    queue(app).sort_by(key, True)
    await settle(pilot)
    rows = listing(app).rows
    shown = [rows.ticket_at(n) for n in range(len(rows.view))]
    assert 1 < len(shown) < len(rows.tickets)  # the filter took some out
    return shown


async def _export_to(pilot: Any, app: TicketApp, path: Path) -> None:
    await pilot.press("E")
    await until(pilot, lambda: isinstance(app.screen, ExportPrompt), "the export prompt")
    field = app.screen.query_one(Input)
    field.value = str(path)
    await pilot.press("enter")


async def test_superoffice_exports_exactly_the_rows_shown_in_order(
    so_server: Any, tmp_path: Path
) -> None:
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        all_active = [s.key for s in queue(app).model.sections].index("all-active")
        await pilot.press(str(all_active + 1))
        shown = await _filter_and_sort(pilot, app, "open", "title")
        assert len(shown) > listing(app).size.height  # more than fit on screen
        path = tmp_path / "open.csv"
        await _export_to(pilot, app, path)
        await until(pilot, path.exists, "the file written")
        await settle(pilot)
        columns = listing(app).columns
        assert f"Exported {len(shown)} tickets to {path}" in notifications(app)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [column_name(c) for c in columns]
    number_column = [c.key for c in columns].index("id")
    assert [row[number_column] for row in rows[1:]] == [t.display_number for t in shown]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_keliweb_json_has_list_jsons_shape_in_the_shown_order(
    kw_server: Any, tmp_path: Path
) -> None:
    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE) as pilot:
        shown = await _filter_and_sort(pilot, app, "open", "priority")
        path = tmp_path / "kw.json"
        await _export_to(pilot, app, path)
        await until(pilot, path.exists, "the file written")
        await settle(pilot)
        expected = [summary_json(t, app.capabilities) for t in shown]
    assert json.loads(path.read_text()) == expected


async def test_an_existing_file_is_replaced_only_after_yes(so_server: Any, tmp_path: Path) -> None:
    path = tmp_path / "queue.csv"
    path.write_text("keep me")
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _export_to(pilot, app, path)
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question")
        await pilot.press("n")
        await until(pilot, lambda: "Nothing exported" in notifications(app), "no export")
        assert path.read_text() == "keep me"
        await _export_to(pilot, app, path)
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question")
        await pilot.press("y")
        await until(pilot, lambda: path.read_text() != "keep me", "the file replaced")
        await settle(pilot)
    assert ",Number,Title," in path.read_text(encoding="utf-8-sig").splitlines()[0]


async def test_a_folder_that_does_not_exist_is_one_line_and_the_prompt_stays(
    so_server: Any, tmp_path: Path
) -> None:
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _export_to(pilot, app, tmp_path / "nowhere" / "q.csv")
        await pilot.pause()
        assert isinstance(app.screen, ExportPrompt)
        problem = str(app.screen.query_one("#export-problem", Label).render())
        assert "no folder" in problem and "\n" not in problem.strip()
        await pilot.press("escape")
        await settle(pilot)
    assert not (tmp_path / "nowhere").exists()


async def test_the_prompt_starts_in_the_downloads_folder(
    so_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(tmp_path))
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await until(pilot, lambda: isinstance(app.screen, ExportPrompt), "the export prompt")
        default = Path(app.screen.query_one(Input).value)
        await pilot.press("escape")
        await settle(pilot)
    assert default.parent == tmp_path and default.suffix == ".csv"
