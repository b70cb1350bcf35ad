"""The ticket detail screen, as an agent uses it, against the real local SuperOffice server.

Tickets are picked by asking the server (through a backend) for ones that fit each story, so
the tests follow the seeded data instead of hard-coding ids. Only the 300-message / 1 MB thread
uses a small fake backend (test_detail_long_threads.py).

Reading a ticket and triage from it here; replying, notes and $EDITOR: test_detail_compose.py.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import SecretStr

from tests.pilot import error_notifications, screen_text, settle, wait_for
from tests.ui.detail_helpers import (
    EVERYTHING,
    SIZE,
    DetailApp,
    Seeded,
    factory_for,
    header_lines,
    read_everything,
    thread_lines,
)
from tickettui.core.domain import (
    MessageKind,
)
from tickettui.core.safe_text import inert_line
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.widgets.metrics_panel import MetricsPanel
from tickettui.ui.widgets.thread import LABELS, ThreadView

# --- finding tickets that fit a story --------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(so_server: Any) -> Seeded:
    """Every seeded ticket with its detail and whole thread, read once for this module."""
    return asyncio.run(read_everything(factory_for(so_server.base_url)))


# --- reading a ticket ------------------------------------------------------------------------


async def test_open_ticket_header_shows_title_status_owner_and_thread_every_author(
    so_backend_factory: Callable[[], Any], seeded: Seeded
) -> None:
    candidates = seeded
    row, detail, messages = next(
        (r, d, m)
        for r, d, m in candidates
        if d.summary.owner and len(m) >= 3 and "[" not in r.title and "\x1b" not in r.title
    )
    app = DetailApp(so_backend_factory, row.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = header_lines(app)
        assert header[0].startswith(f"#{row.id} ")
        assert inert_line(detail.summary.title) in " ".join(header)
        facts = " ".join(header[1:])
        assert f"Status {detail.summary.status}" in facts
        assert f"Owner {detail.summary.owner}" in facts
        assert f"Priority {detail.summary.priority}" in facts
        shown = thread_lines(app)
        headers = [line for line in shown if " · " in line and line[0] in "▌┃┆"]
        assert len(headers) == len(messages)
        for message, line in zip(messages, headers, strict=True):
            assert f"{LABELS[message.kind]} · {inert_line(message.author)}" in line
        title = str(app.screen.query_one("#detail-thread-title").render())
        assert f"{len(messages)} messages" in title
        assert "oldest first" in title
        # What the terminal shows, not only what the widgets hold.
        assert f"Owner {detail.summary.owner}" in screen_text(app)


async def test_an_internal_note_is_labelled_as_internal(
    so_backend_factory: Callable[[], Any], seeded: Seeded
) -> None:
    candidates = seeded
    row, _, messages = next(
        (r, d, m)
        for r, d, m in candidates
        if any(x.kind is MessageKind.NOTE for x in m)
        and any(x.kind is not MessageKind.NOTE for x in m)
    )
    note = next(m for m in messages if m.kind is MessageKind.NOTE)
    app = DetailApp(so_backend_factory, row.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = thread_lines(app)
        assert f"┆ Internal note · {inert_line(note.author)}" in "\n".join(shown)
        # Not by colour alone: other kinds carry their own word and glyph.
        other = next(m for m in messages if m.kind is not MessageKind.NOTE)
        other_header = next(
            line for line in shown if line.startswith(("▌", "┃")) and other.author in line
        )
        assert "Internal note" not in other_header


async def test_html_bodies_read_as_text_with_links_kept(
    so_server: Any, so_backend_factory: Callable[[], Any]
) -> None:
    from tickettui.systems.superoffice.client import SuperOfficeClient
    from tickettui.systems.superoffice.server import accounts
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

    client = SuperOfficeClient(
        SuperOfficeSettings(
            url=so_server.base_url,
            auth=AuthScheme.BASIC,
            user=accounts.DEMO_USER,
            password=SecretStr(accounts.DEMO_PASSWORD),
        )
    )
    try:
        found = None
        for ticket_id in range(1, 60):
            rows = await client.get_ticket_messages(ticket_id, select=("htmlBody",))
            for message_row in rows:
                html = str(message_row.columns.get("htmlBody") or "")
                if '<a href="' in html:
                    href = html.split('<a href="', 1)[1].split('"', 1)[0]
                    found = (ticket_id, href)
                    break
            if found:
                break
    finally:
        await client.aclose()
    assert found, "the seed has HTML messages with links"
    ticket_id, href = found
    app = DetailApp(so_backend_factory, ticket_id)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = "\n".join(thread_lines(app))
        # The link target survives as text: a numbered footnote at the end of the message.
        assert re.search(rf"^. \[\d+\] {re.escape(href)}$", text, re.MULTILINE), text
        for tag in ("<p>", "</p>", "<a href", "</a>", "<br>", "<script", "<style"):
            assert tag not in text


async def test_a_title_with_markup_and_escape_sequences_shows_literally(
    so_backend_factory: Callable[[], Any],
) -> None:
    backend = so_backend_factory()
    try:
        rows = await backend.list_tickets(EVERYTHING, ["title"])
    finally:
        await backend.aclose()
    markup = next(r for r in rows if "[bold" in r.title)
    escape = next(r for r in rows if "\x1b" in r.title)
    for row in (markup, escape):
        app = DetailApp(so_backend_factory, row.id)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            header = " ".join(header_lines(app))
            assert inert_line(row.title) in header
            terminal = screen_text(app)
            assert "\x1b" not in terminal
            assert "\x07" not in terminal
            if row is markup:
                assert "[bold red]URGENT[/]" in terminal
                assert "[link=https://evil.example]" in terminal
            else:
                assert "␛" in terminal  # the escape is visible, and harmless


async def test_o_flips_the_thread_order(
    so_backend_factory: Callable[[], Any], seeded: Seeded
) -> None:
    candidates = seeded
    row, _, messages = next(
        (r, d, m) for r, d, m in candidates if len({x.author for x in m}) >= 2 and len(m) >= 3
    )
    app = DetailApp(so_backend_factory, row.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        thread = app.screen.query_one(ThreadView)
        assert [m.id for m in thread.ordered()] == [m.id for m in messages]
        first = thread_lines(app)[0]
        assert inert_line(messages[0].author) in first
        await pilot.press("o")
        assert [m.id for m in thread.ordered()] == [m.id for m in reversed(messages)]
        assert inert_line(messages[-1].author) in thread_lines(app)[0]
        assert "newest first" in str(app.screen.query_one("#detail-thread-title").render())
        await pilot.press("o")
        assert thread_lines(app)[0] == first


async def test_thread_keys_scroll(so_backend_factory: Callable[[], Any], seeded: Seeded) -> None:
    candidates = seeded
    row = max(candidates, key=lambda c: sum(len(m.body) for m in c[2]))[0]
    app = DetailApp(so_backend_factory, row.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        thread = app.screen.query_one(ThreadView)
        assert thread.has_focus
        assert thread.max_scroll_y > 0
        await pilot.press("j")
        assert thread.scroll_y == 1
        await pilot.press("k")
        assert thread.scroll_y == 0
        await pilot.press("G")
        assert thread.scroll_y == thread.max_scroll_y
        await pilot.press("g")
        assert thread.scroll_y == 0
        await pilot.press("space")
        assert thread.scroll_y > 1
        await pilot.press("pageup")
        assert thread.scroll_y == 0
        await pilot.press("right_square_bracket")
        assert thread.scroll_y > 0  # the second message's header is at the top


async def test_a_ticket_that_cannot_be_loaded_keeps_the_screen_and_esc_goes_back(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = DetailApp(so_backend_factory, 987654)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert error_notifications(app)
        assert "could not be loaded" in header_lines(app)[0]
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailScreen)


async def test_e_opens_the_edit_screen_for_this_ticket(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = DetailApp(so_backend_factory, 1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert app.edited == [1]


# --- service times (what they say: test_service_times_screen.py) -----------------------------


async def test_s_toggles_the_time_counters(so_backend_factory: Callable[[], Any]) -> None:
    app = DetailApp(so_backend_factory, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(MetricsPanel)
        assert not panel.expanded  # 24 rows: the thread gets the room
        collapsed = len(panel.plain_lines(80))
        await pilot.press("s")
        assert panel.expanded
        assert len(panel.plain_lines(80)) > collapsed


# --- quick triage ----------------------------------------------------------------------------


async def test_mark_unread_from_the_detail_screen_updates_the_header(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = DetailApp(fresh_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await wait_for(pilot, lambda: "● Unread" in " ".join(header_lines(app)), "unread")
        await pilot.press("m")
        await wait_for(pilot, lambda: "○ Read" in " ".join(header_lines(app)), "read")
