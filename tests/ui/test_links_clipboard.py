"""Links and the clipboard as an agent uses them (issue 15, item 4), on both local servers:
`y` copies the number users quote, `Y` the ticket's web address, `w` opens the page where there
is a desktop and copies the address over SSH, `C` in the ticket copies the message being read.
What the app sends to the terminal's clipboard (OSC 52, ``copy_to_clipboard``, the boundary
recorded here) never carries a control character of the message's; URLs in a message are
OSC 8 links to exactly the text shown, hostile ones none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.hostile_text import CLIPBOARD, HOSTILE, RAW
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.opener_spy import spied, spy_on_the_opener
from tests.pilot import notifications, settle, until
from tests.ui.queue_helpers import SIZE, listing
from tickettui.core.ticket_links import web_url
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.textual_compat import rendered_strips
from tickettui.ui.widgets.thread import ThreadView

__all__ = ["kw_server"]  # fixture, imported for pytest

SO_PAGE = "https://so.example/scripts/ticket.fcgi?action=listTicket&ticketId={id}"
KW_PAGE = "https://clients.example/viewticket.php?tid={number}"


class ClipboardApp(TicketApp):
    """The app with the terminal's clipboard (OSC 52) recorded instead of written."""

    def __init__(self, factory: Any, **options: Any) -> None:
        super().__init__(factory, **options)
        self.copied: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)


@pytest.fixture()
def over_ssh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")
    monkeypatch.setenv("DISPLAY", ":0")  # X forwarding: still no browser of the agent's own


@pytest.fixture()
def on_a_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")


async def press_w_on_the_first_ticket(pilot: Any, app: ClipboardApp) -> str:
    """w on the queue's first ticket; the link it should open."""
    await settle(pilot)
    ticket = listing(app).cursor_ticket
    assert ticket is not None
    await pilot.press("w")
    return SO_PAGE.format(id=ticket.id)


async def test_superoffice_y_and_Y_copy_the_number_and_the_link(so_server: Any) -> None:
    app = ClipboardApp(backend_factory_for(so_server), web_url=SO_PAGE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        await pilot.press("y", "Y")
        assert app.copied == [str(ticket.id), SO_PAGE.format(id=ticket.id)]
        assert f"Copied the ticket number: {ticket.id}" in notifications(app)


async def test_keliweb_copies_the_number_users_quote_not_the_id(kw_server: Any) -> None:
    app = ClipboardApp(kw_factory(kw_server), web_url=KW_PAGE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None and ticket.number and ticket.number != str(ticket.id)
        await pilot.press("y", "Y")
        assert app.copied == [ticket.number, web_url(KW_PAGE, ticket.id, ticket.number)]


async def test_without_a_web_page_the_link_keys_are_hidden(kw_server: Any) -> None:
    app = ClipboardApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("Y", "w", "y")
        ticket = listing(app).cursor_ticket
        assert ticket is not None and app.copied == [ticket.number]


@pytest.mark.usefixtures("over_ssh")
async def test_over_ssh_w_copies_the_link_and_says_why(so_server: Any) -> None:
    app = ClipboardApp(backend_factory_for(so_server), web_url=SO_PAGE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        await pilot.press("w")
        assert app.copied == [SO_PAGE.format(id=ticket.id)]
        assert any("no desktop here" in n for n in notifications(app))


async def test_on_a_desktop_w_opens_the_browser_without_the_apps_secrets(
    so_server: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, on_a_desktop: None
) -> None:
    # The browser (the desktop's opener, which starts it) gets no TICKETTUI_* variable, as
    # $EDITOR: a page the ticket links to, or an extension, could pass a secret on.
    record = spy_on_the_opener(monkeypatch, tmp_path)
    app = ClipboardApp(backend_factory_for(so_server), web_url=SO_PAGE)
    async with app.run_test(size=SIZE) as pilot:
        link = await press_w_on_the_first_ticket(pilot, app)
        await until(pilot, lambda: spied(record), "the browser")
        await until(pilot, lambda: any("in the browser" in n for n in notifications(app)), "toast")
        assert app.copied == []
    assert spied(record) == ("KEPT", link)


async def test_on_a_desktop_without_an_opener_w_copies_the_link(
    so_server: Any, monkeypatch: pytest.MonkeyPatch, on_a_desktop: None
) -> None:
    from tickettui.ui import desktop

    monkeypatch.setattr(desktop, "system_opener", lambda url: ["no-such-opener-here", url])
    app = ClipboardApp(backend_factory_for(so_server), web_url=SO_PAGE)
    async with app.run_test(size=SIZE) as pilot:
        link = await press_w_on_the_first_ticket(pilot, app)
        await until(pilot, lambda: app.copied, "the link copied instead")
        assert app.copied == [link]


async def _open_first(pilot: Any, app: ClipboardApp) -> DetailScreen:
    await settle(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket opened")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    return screen


async def test_detail_copies_number_link_and_the_hostile_message_inert(
    fresh_so_server: Any,
) -> None:
    factory = backend_factory_for(fresh_so_server)
    hostile = "Call me: https://ok.example/help?x=1 " + " ".join(HOSTILE.values())
    app = ClipboardApp(factory, web_url=SO_PAGE)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        await app.backend.add_message(ticket.id, hostile + CLIPBOARD, internal=True)
        screen = await _open_first(pilot, app)
        await pilot.press("y", "Y")
        assert app.copied == [str(ticket.id), SO_PAGE.format(id=ticket.id)]
        thread = screen.query_one(ThreadView)
        thread.scroll_end(animate=False)
        await settle(pilot)
        await pilot.press("C")
        copied = app.copied[-1]
        assert copied.startswith("Call me: https://ok.example/help?x=1")
        for raw in RAW:
            assert raw not in copied
        # The plain URL is a link to itself; the markup's and the OSC 8's are none.
        row = next(n for n, text in enumerate(thread.plain_lines()) if "Call me" in text)
        thread.scroll_to(y=row, animate=False)
        await settle(pilot)
        links = {
            (segment.text, segment.style.link)
            for strip in rendered_strips(app.screen)
            for segment in strip
            if segment.style is not None and segment.style.link
        }
        assert ("https://ok.example/help?x=1", "https://ok.example/help?x=1") in links
        assert all(text == link for text, link in links)


async def test_a_message_too_long_for_a_terminals_clipboard_is_not_copied_and_says_so(
    fresh_so_server: Any,
) -> None:
    # A pasted log: OSC 52 would push 160 KB through the link and most terminals would drop it.
    factory = backend_factory_for(fresh_so_server)
    app = ClipboardApp(factory, web_url=SO_PAGE)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        log = "\n".join(
            f"2026-12-04 10:{n % 60:02} worker {n}: retrying the sync" for n in range(3000)
        )
        await app.backend.add_message(ticket.id, log, internal=True)
        screen = await _open_first(pilot, app)
        screen.query_one(ThreadView).scroll_end(animate=False)
        await settle(pilot)
        await pilot.press("C")
        assert app.copied == []
        assert any(n.startswith("Not copied: the message by ") for n in notifications(app))
        await pilot.press("y")  # short things still copy
        assert app.copied == [str(ticket.id)]


async def test_the_palette_copies_on_the_queue_and_in_the_ticket(so_server: Any) -> None:
    app = ClipboardApp(backend_factory_for(so_server), web_url=SO_PAGE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        for typed in ("copy the ticket's link", "copy the ticket number"):
            await pilot.press("ctrl+p", *typed)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert app.copied == [SO_PAGE.format(id=ticket.id), str(ticket.id)]
        screen = await _open_first(pilot, app)
        await pilot.press("ctrl+p", *"copy the message")
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: len(app.copied) == 3, "the message copied")
        latest = screen.query_one(ThreadView).current_message()
        assert latest is not None and app.copied[-1].startswith(latest.body.strip()[:20])


@pytest.mark.parametrize(
    ("environ", "platform", "desktop"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "linux", False),  # a console, or a server
        ({}, "darwin", True),
        ({}, "win32", True),
        ({"SSH_TTY": "/dev/pts/3"}, "darwin", False),
        ({"SSH_CONNECTION": "192.0.2.1 5 192.0.2.2 22", "DISPLAY": "localhost:10"}, "linux", False),
    ],
)
def test_a_browser_is_started_only_on_a_desktop_and_never_over_ssh(
    environ: dict[str, str], platform: str, desktop: bool
) -> None:
    from tickettui.ui.desktop import has_desktop

    assert has_desktop(environ, platform) is desktop
