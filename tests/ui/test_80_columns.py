"""At 80x24, the SSH default, a new agent sees every key they need and nothing cut (issue 19,
item 15): the footer keeps the most used keys whole and always `?`, the title bar keeps the
sort, the tabs name no section by half a word, and the reply editor leaves the message being
answered in view. Pilot tests on both local servers; the pictures are in
test_snapshots_80x24.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import screen_text, settle, until
from tests.ui.queue_helpers import queue
from tickettui.core.domain import MessageKind
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.widgets.key_bar import KeyBar, ShownKey, fitting
from tickettui.ui.widgets.section_tabs import SectionTabs
from tickettui.ui.widgets.thread import ThreadView

__all__ = ["kw_server"]  # fixture, imported for pytest

SSH = (80, 24)


@pytest.fixture(params=["superoffice", "keliweb"])
def factory(request: pytest.FixtureRequest) -> Callable[[], Any]:
    if request.param == "superoffice":
        return request.getfixturevalue("so_backend_factory")  # type: ignore[no-any-return]
    server: LocalKeliweb = request.getfixturevalue("kw_server")
    return kw_factory(server)


def footer(app: TicketApp) -> str:
    return app.screen.query_one(KeyBar).line_text()


async def test_the_queue_footer_keeps_whole_keys_and_help_at_80_columns(factory: Any) -> None:
    app = TicketApp(factory)
    async with app.run_test(size=SSH) as pilot:
        await settle(pilot)
        line = footer(app)
        assert cell_len(line) <= 80
        assert line.rstrip().endswith("? Keys")  # was cut at "P▏^p palette"
        for key in ("⏎ Open", "/ Filter", "s Sort", "t Status", "c Close", "n New", "q Quit"):
            assert key in line, key
        # Whole keys only, most used first: the line is the first few of the screen's keys.
        words = [f"{k.display} {k.description}" for k in app.screen.query_one(KeyBar).shown_keys()]
        head = line.strip().removesuffix("? Keys").strip()
        assert any(" ".join(words[:n]) == head for n in range(len(words))), head
        # The tabs: no section named by half a word (was "2 Unass… (18)", "1»").
        tabs = str(app.screen.query_one(SectionTabs).render())
        assert "…" not in tabs and cell_len(tabs) <= 80


async def test_a_remapped_key_shows_in_the_footer_as_mapped(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory, keymap={"triage.status": "T"})
    async with app.run_test(size=SSH) as pilot:
        await settle(pilot)
        line = footer(app)
    assert "T Status" in line and "t Status" not in line


async def test_the_title_bar_keeps_the_sort_at_80_columns(factory: Any) -> None:
    app = TicketApp(factory)
    async with app.run_test(size=SSH) as pilot:
        await settle(pilot)
        queue(app).sort_by("priority", True)
        await settle(pilot)
        title = str(app.screen.query_one("#queue-status").render())
    assert "sort Priority ▼" in title  # was lost past the 80th column
    assert cell_len(title.rstrip()) <= 80


async def test_the_ticket_footer_has_reply_note_and_help_at_80_columns(factory: Any) -> None:
    app = TicketApp(factory)
    async with app.run_test(size=SSH) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket")
        await settle(pilot)
        line = footer(app)
    assert cell_len(line) <= 80 and line.rstrip().endswith("? Keys")
    assert "esc Back" in line and "r Reply" in line  # was cut at "a As▏"


async def test_the_reply_editor_keeps_the_customers_latest_message_in_view(
    factory: Any,
) -> None:
    app = TicketApp(factory)
    async with app.run_test(size=SSH) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        latest = [m for m in detail.messages if m.kind is MessageKind.CUSTOMER][-1]
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the editor")
        await settle(pilot)
        view = app.screen.query_one(ThreadView)
        text = screen_text(app)
        # Its header (who, when) and its first line are on screen above the editor.
        first_line = next(line for line in latest.body.splitlines() if line.strip())
        assert f"· {latest.author} ·" in text
        assert first_line.strip()[:30] in text
        assert view.size.height >= 8  # a real share of the 24 rows, not two lines
        await pilot.press(*"Thanks")
        assert app.screen.query_one("#compose-text").text == "Thanks"  # type: ignore[attr-defined]


def test_the_footer_drops_the_least_used_keys_whole_and_keeps_help() -> None:
    keys = [ShownKey(k, k, d) for k, d in (("a", "Alpha"), ("b", "Bravo"), ("c", "Charlie"))]
    help_key = ShownKey("?", "?", "Keys")
    palette = ShownKey("ctrl+p", "^p", "Palette")
    assert fitting(keys, 200, help_key=help_key, palette=palette)[-1] is palette
    narrow = fitting(keys, 24, help_key=help_key, palette=palette)
    assert [k.description for k in narrow] == ["Alpha", "Bravo", "Keys"]
    assert fitting(keys, 8, help_key=help_key, palette=palette) == [help_key]
