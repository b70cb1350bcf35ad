"""The ticket detail screen, as an agent uses it, against the real local SuperOffice server.

Tickets are picked by asking the server (through a backend) for ones that fit each story, so
the tests follow the seeded data instead of hard-coding ids. Only the 300-message / 1 MB thread
uses a small fake backend.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from textual.widgets import TextArea

from tests.pilot import error_notifications, screen_text, settle, wait_for
from tests.ui.detail_helpers import (
    EVERYTHING,
    NOW,
    SIZE,
    DetailApp,
    Seeded,
    keys,
    read_everything,
    send,
    server_messages,
)
from tickettui.core.domain import (
    Capabilities,
    Message,
    MessageKind,
    QuickAction,
    TicketDetail,
    TicketSummary,
    TimeMetrics,
)
from tickettui.core.safe_text import inert_line
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.compose import ComposeScreen, editor_command
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.pickers import Confirm
from tickettui.ui.widgets.metrics_panel import MetricsPanel
from tickettui.ui.widgets.thread import LABELS, ThreadView
from tickettui.ui.widgets.ticket_header import TicketHeader


def detail_screen(app: TicketApp) -> DetailScreen:
    screen = app.screen
    assert isinstance(screen, DetailScreen), screen
    return screen


def header_lines(app: TicketApp) -> list[str]:
    return detail_screen(app).query_one(TicketHeader).plain_lines()


def thread_lines(app: TicketApp) -> list[str]:
    return detail_screen(app).query_one(ThreadView).plain_lines()


def factory_for(url: str) -> Callable[[], Any]:
    from tests.conftest import superoffice_factory
    from tickettui.systems.superoffice.server import accounts
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

    return superoffice_factory(
        SuperOfficeSettings(
            url=url,
            auth=AuthScheme.BASIC,
            user=accounts.DEMO_USER,
            password=SecretStr(accounts.DEMO_PASSWORD),
        )
    )


def unreachable_factory() -> Callable[[], Any]:
    return factory_for("http://127.0.0.1:9/SuperOffice/api")  # discard port: nothing listens


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
        assert f"<{href}>" in text  # the link target survives as text
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


# --- replying and noting ---------------------------------------------------------------------


async def test_reply_typed_and_sent_lands_on_the_server_and_in_the_thread(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    text = "Hello, the driver update fixes it."
    before = await server_messages(fresh_backend_factory, 3)
    app = DetailApp(fresh_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "r", text)
        assert isinstance(app.screen, DetailScreen)
        assert not error_notifications(app)
        shown = thread_lines(app)
        assert any(text in line for line in shown)
    after = await server_messages(fresh_backend_factory, 3)
    assert len(after) == len(before) + 1
    new = next(m for m in after if m.id not in {b.id for b in before})
    assert new.body.strip() == text
    assert new.kind is MessageKind.REPLY


async def test_internal_note_lands_on_the_server_as_a_note(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    text = "Customer called, waiting for logs"
    before = await server_messages(fresh_backend_factory, 3)
    app = DetailApp(fresh_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "i", text)
        assert isinstance(app.screen, DetailScreen)
        shown = "\n".join(thread_lines(app))
        assert f"┆ {text}" in shown
    after = await server_messages(fresh_backend_factory, 3)
    new = next(m for m in after if m.id not in {b.id for b in before})
    assert new.kind is MessageKind.NOTE
    assert new.body.strip() == text


async def test_a_failed_send_keeps_the_text(so_backend_factory: Callable[[], Any]) -> None:
    text = "Please try restarting the spooler"
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*keys(text))
        # The network goes away between opening the ticket and sending.
        reachable = app.backend
        app.backend = unreachable_factory()()
        try:
            await pilot.press("ctrl+s")
            label = app.screen.query_one("#compose-status")
            await wait_for(pilot, lambda: "Not sent" in str(label.render()), "the failure")
            compose = app.screen
            assert isinstance(compose, ComposeScreen)
            assert compose.text == text
            assert error_notifications(app)
            status = str(compose.query_one("#compose-status").render())
            assert "Not sent" in status
            # esc asks before throwing the text away; "n" keeps it.
            await pilot.press("escape")
            assert isinstance(app.screen, Confirm)
            await pilot.press("n")
            assert app.screen is compose  # type: ignore[comparison-overlap]
            assert compose.text == text
        finally:
            await app.backend.aclose()
            app.backend = reachable


async def test_empty_compose_closes_on_esc_without_asking(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ComposeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


# --- $EDITOR ---------------------------------------------------------------------------------


def test_editor_command_prefers_visual_then_editor_with_arguments() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vim"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "emacs -nw"}) == ["emacs", "-nw"]
    fallback = editor_command({})
    assert fallback is None or Path(fallback[0]).name in ("nano", "vi")


@contextmanager
def _no_suspend() -> Iterator[None]:
    yield


async def test_ctrl_e_edits_in_editor_through_a_private_temp_file(
    so_backend_factory: Callable[[], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "seen.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, stat, sys\n"
        "path = sys.argv[1]\n"
        "mode = stat.S_IMODE(os.stat(path).st_mode)\n"
        "names = ('PASSWORD', 'TOKEN', 'APP_TOKEN', 'CLIENT_SECRET', 'KEPT')\n"
        "seen = sorted(n for n in os.environ if n.removeprefix('TICKETTUI_') in names)\n"
        "text = f'{path}\\n{mode:o}\\n{seen}\\n' + open(path).read()\n"
        f"open({str(record)!r}, 'w').write(text)\n"
        "open(path, 'a').write(' and more from the editor\\n')\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    # Started with secrets in its environment, the app hands the editor none of them.
    for name in ("PASSWORD", "TOKEN", "APP_TOKEN", "CLIENT_SECRET"):
        monkeypatch.setenv(f"TICKETTUI_{name}", f"s3cret-{name}")
    monkeypatch.setenv("KEPT", "anything else is handed on")
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "suspend", _no_suspend)  # headless: no terminal to hand over
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*keys("Draft"))
        await pilot.press("ctrl+e")
        await pilot.pause()
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        assert compose.text == "Draft and more from the editor"
        assert compose.query_one(TextArea).has_focus
    path, mode, variables, seen = record.read_text().split("\n", 3)
    assert mode == "600"
    assert variables == "['KEPT']"  # the secrets stayed behind
    assert seen == "Draft"
    assert not Path(path).exists()  # the draft file is gone  # noqa: ASYNC240


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


# --- a long thread ---------------------------------------------------------------------------


class BigThreadBackend:
    """300 messages, one of them 1 MB: what a fake needs to feed the detail screen."""

    # A system without internal notes: ``i`` must do nothing.
    capabilities = Capabilities(
        system_name="Fake", internal_notes=False, quick_actions=frozenset({QuickAction.CLOSE})
    )

    account = ("https://fake.example", "agent")

    async def my_owner_value(self) -> str | None:
        return None

    def __init__(self) -> None:
        kinds = (MessageKind.CUSTOMER, MessageKind.REPLY, MessageKind.NOTE)
        start = NOW - timedelta(days=30)
        self._messages = [
            Message(
                id=i,
                kind=kinds[i % 3],
                author=f"Writer {i}",
                created=start + timedelta(hours=i),
                body=f"Message {i} \x1b[31m[bold]not bold[/]\n" + "lorem ipsum " * 30,
            )
            for i in range(299)
        ]
        line = "x" * 99 + "\n"
        self._messages.append(
            Message(299, MessageKind.CUSTOMER, "Big", NOW, line * 10_000 + "THE END")
        )

    async def ticket(self, ticket_id: int) -> TicketDetail:
        summary = TicketSummary(ticket_id, "Long thread", "Open", deadline=NOW)
        return TicketDetail(summary, metrics=TimeMetrics(time_to_reply=600))

    async def messages(self, ticket_id: int) -> list[Message]:
        return list(self._messages)

    async def aclose(self) -> None:
        pass


async def test_300_messages_and_a_1mb_body_open_and_scroll() -> None:
    app = DetailApp(BigThreadBackend, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        thread = app.screen.query_one(ThreadView)
        assert len(thread.messages) == 300
        assert thread.virtual_size.height > 10_000
        await pilot.press("G")
        await pilot.pause()
        assert thread.scroll_y == thread.max_scroll_y
        assert "THE END" in screen_text(app)
        await pilot.press("o")
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert "Customer · Big" in text
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "Message 0 ␛[31m[bold]not bold[/]" in text  # inert, literally
        assert "\x1b" not in text
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)  # no notes on this system


# --- wrapping the thread ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "width", "expected"),
    [
        ("hello world again", 11, ["hello world", "again"]),
        ("a" * 25, 10, ["a" * 10, "a" * 10, "a" * 5]),
        ("ab " + "c" * 12 + " d", 5, ["ab", "ccccc", "ccccc", "cc d"]),
        ("漢字漢字漢字", 5, ["漢字", "漢字", "漢字"]),  # wide characters count twice
        ("", 10, [""]),
    ],
)
def test_thread_lines_wrap_by_terminal_cells(line: str, width: int, expected: list[str]) -> None:
    from rich.cells import cell_len

    from tickettui.ui.widgets.text_wrap import wrap_line

    wrapped = wrap_line(line, width)
    assert wrapped == expected
    assert all(cell_len(part) <= width for part in wrapped)


# --- the alert level (no seeded ticket has one) ----------------------------------------------


async def test_an_alert_level_is_called_out_with_its_next_escalation() -> None:
    from textual.app import App, ComposeResult

    detail = TicketDetail(
        TicketSummary(5, "Escalating", "Open", deadline=NOW + timedelta(hours=2)),
        metrics=TimeMetrics(alert_level=2, alert_timeout=NOW + timedelta(minutes=30)),
    )

    class PanelApp(App[None]):
        def compose(self) -> ComposeResult:
            yield MetricsPanel(lambda: NOW)

        def on_mount(self) -> None:
            self.query_one(MetricsPanel).show(detail)

    async with PanelApp().run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        panel = pilot.app.query_one(MetricsPanel)
        text = " ".join(panel.plain_lines(80))
        assert "Deadline due in 2h" in text
        assert "⚠ Alert level 2" in text
        assert "Next escalation 2026-11-20 09:30" in text
        assert panel.has_class("-alert")
        assert not panel.has_class("-overdue")

        # No service times at all (another system): the panel is not shown.
        panel.show(TicketDetail(TicketSummary(6, "Untracked")))
        assert not panel.display
