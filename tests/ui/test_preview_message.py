"""The queue's preview shows the first lines of the latest message the customer wrote, with its
author and time, inert; from the cache's thread or the preview's own worker, never holding the
cursor; a 1 MB body costs what a short one does."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.hostile_text import HOSTILE, MB_BODY, STAND_INS, assert_inert
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import screen_text, settle, until
from tests.ui.queue_helpers import listing, queue
from tickettui.core.domain import Message, MessageKind
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.systems.superoffice.server.seed import ensure_seeded
from tickettui.ui.app import TicketApp
from tickettui.ui.widgets.preview import format_moment
from tickettui.ui.widgets.preview_message import LOOKED_AT, first_lines, latest_from_customer

__all__ = ["kw_server"]

WIDE = (160, 50)  # the preview beside the list
HUGE, HOSTILE_TICKET, SILENT = 3, 5, 7  # tickets of the crafted server below
AFTER_LOOKED_AT = "NEVER-SHOWN-MARKER"


async def thread(factory: Callable[[], Any], ticket_id: int) -> list[Message]:
    backend = factory()
    try:
        return list(await backend.messages(ticket_id))
    finally:
        await backend.aclose()


def latest_customer_ids(server: Any, *tickets: int) -> dict[int, int]:
    """Each ticket's latest customer message id, as the app reads the thread."""

    async def read() -> dict[int, int]:
        found = {}
        for ticket_id in tickets:
            latest = latest_from_customer(await thread(backend_factory_for(server), ticket_id))
            assert latest is not None
            found[ticket_id] = latest.id
        return found

    return asyncio.run(read())


@pytest.fixture(scope="module")
def crafted_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Ticket HUGE: the customer's latest message is 1 MB; HOSTILE_TICKET: it carries every
    hostile input, by a hostile author; SILENT: no messages at all. All three active."""
    path = tmp_path_factory.mktemp("preview") / "so.sqlite"
    ensure_seeded(path, tickets=30, seed=7)
    with sqlite3.connect(path) as conn:
        (active,) = conn.execute(
            "SELECT status_id FROM ticket_status WHERE base_status = 1"
        ).fetchone()
        conn.execute(
            "UPDATE ticket SET base_status = 1, status_id = ? WHERE ticket_id IN (?, ?, ?)",
            (active, HUGE, HOSTILE_TICKET, SILENT),
        )
    server = LocalSuperOffice.start(db_path=path)
    ids = latest_customer_ids(server, HUGE, HOSTILE_TICKET)
    with sqlite3.connect(path) as conn:
        huge = MB_BODY[:LOOKED_AT] + AFTER_LOOKED_AT + MB_BODY[LOOKED_AT:]
        conn.execute(
            "UPDATE message SET body = ?, html_body = '' WHERE message_id = ?", (huge, ids[HUGE])
        )
        conn.execute(
            "UPDATE message SET body = ?, html_body = '', author = ? WHERE message_id = ?",
            (
                "\n".join(HOSTILE.values()),
                HOSTILE["OSC 52 clipboard"] + HOSTILE["rich markup"],
                ids[HOSTILE_TICKET],
            ),
        )
        conn.execute("DELETE FROM message WHERE ticket_id = ?", (SILENT,))
    yield server
    server.stop()


class OnlyItsStart(str):
    """A message body that lets only its first ``LOOKED_AT`` characters be read: slicing past
    them, or using the whole (its length, a method, going through it), fails the test."""

    def __getitem__(self, key: Any) -> str:
        start_only = isinstance(key, slice) and not key.start and key.step in (None, 1)
        if not start_only or key.stop is None or not 0 <= key.stop <= LOOKED_AT:
            raise AssertionError(f"more than the start of a long body read: [{key!r}]")
        return str.__getitem__(self, key)

    def __getattribute__(self, name: str) -> Any:
        if name in ("__getitem__", "__class__"):
            return super().__getattribute__(name)
        raise AssertionError(f"a long body used whole: .{name}")

    def __len__(self) -> int:
        raise AssertionError("a long body measured whole")

    def __iter__(self) -> Any:
        raise AssertionError("a long body gone through whole")

    def __contains__(self, part: object) -> bool:
        raise AssertionError("a long body searched whole")


async def put_cursor_on(pilot: Any, app: TicketApp, ticket_id: int) -> None:
    await until(pilot, lambda: listing(app).move_cursor_to_id(ticket_id), f"ticket {ticket_id}")


async def test_the_preview_shows_the_first_lines_of_the_customers_latest_message(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("3", "j", "j")
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None and queue(app).preview_shown
        latest = latest_from_customer(await thread(so_backend_factory, ticket.id))
        assert latest is not None and latest.kind is MessageKind.CUSTOMER
        lines = [line.strip()[:30] for line in latest.body.splitlines() if line.strip()][:3]
        await until(
            pilot,
            lambda: "Latest from the customer" in screen_text(app),
            "the customer's latest message in the preview",
        )
        text = screen_text(app)
        assert all(line in text for line in lines), (lines, text)
        assert latest.author in text
        assert format_moment(latest.created) in text


async def test_the_message_comes_from_the_cache_once_fetched_and_the_cursor_never_waits(
    so_backend_factory: Callable[[], Any],
) -> None:
    asked: list[int] = []

    def counting() -> Any:
        backend = so_backend_factory()
        real = backend.messages

        async def messages(ticket_id: int) -> list[Message]:
            asked.append(ticket_id)
            return list(await real(ticket_id))

        backend.messages = messages
        return backend

    app = TicketApp(counting)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("3")  # All active: enough tickets to move through
        await settle(pilot)
        first = listing(app).cursor_ticket
        assert first is not None
        await until(pilot, lambda: "Latest from the customer" in screen_text(app), "the message")
        await settle(pilot)
        # Moving fast: key repeat over ten tickets asks for none of those in between. The ten
        # moves of j (the list's cursor_down) come in one go, with no await between them: no
        # time passes for the app in between, so the debounce (TicketList.HIGHLIGHT_DELAY) never
        # fires for a ticket passed over, however busy the machine. Ten pilot key presses each
        # wait for the screen: on a loaded machine one took up to 0.8 s, a rest long enough for
        # the debounce to fire, as it rightly does when an agent stops on a ticket.
        before = len(asked)
        for _ in range(10):
            listing(app).action_cursor_down()
        # The cursor is there at once, without a thread asked: it never waits for one.
        assert listing(app).cursor_row == 10 and asked[before:] == []
        landed = listing(app).cursor_ticket
        assert landed is not None
        await until(
            pilot, lambda: landed.id in asked[before:], "the thread of the ticket landed on"
        )
        await settle(pilot)
        # Those passed over never asked (8 and 9 are the landing's neighbours: prefetched).
        assert not set(asked[before:]) & {listing(app).ticket_at(r).id for r in range(1, 8)}
        # Back on the first ticket: shown from memory, not asked again.
        count = asked.count(first.id)
        await pilot.press("g")
        await until(pilot, lambda: queue(app).preview.ticket_id == first.id, "the first again")
        await settle(pilot)
        assert "Latest from the customer" in screen_text(app)
        assert asked.count(first.id) == count


async def test_a_1mb_message_is_cut_to_its_first_lines_and_does_not_slow_the_preview(
    crafted_server: Any,
) -> None:
    app = TicketApp(backend_factory_for(crafted_server))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await put_cursor_on(pilot, app, HUGE)
        await until(
            pilot, lambda: "Line of a huge forwarded log" in screen_text(app), "the 1 MB message"
        )
        text = screen_text(app)
        assert_inert(text)
        assert "\u241b[1mbold" in text  # its escape shown as a stand-in, not applied
        assert AFTER_LOOKED_AT not in text
        preview = queue(app).preview
        shown = text.count("Line of a huge forwarded log")
        assert 3 <= shown <= preview.size.height
        # Showing it again costs what a short message costs: only its start is ever read (a
        # body that lets nothing else be read says so, however fast or slow the machine).
        whole = await thread(backend_factory_for(crafted_server), HUGE)
        message = next(m for m in reversed(whole) if m.kind is MessageKind.CUSTOMER)
        assert len(message.body) > 1_000_000
        kept = latest_from_customer(whole)  # what the preview keeps: only what it reads
        assert kept is not None and len(kept.body) == LOOKED_AT
        assert preview.ticket_id == HUGE  # so showing it renders it at once
        preview.show_message(HUGE, replace(message, body=OnlyItsStart(message.body)))
        assert "Line of a huge forwarded log" in screen_text(app)
        lines = first_lines(OnlyItsStart(MB_BODY * 10), 60, 40)
        assert len(lines) == 40


async def test_hostile_text_and_a_ticket_without_customer_messages(crafted_server: Any) -> None:
    app = TicketApp(backend_factory_for(crafted_server))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await put_cursor_on(pilot, app, HOSTILE_TICKET)
        await until(pilot, lambda: "click me" in screen_text(app), "the hostile message")
        text = screen_text(app)
        assert_inert(text)
        assert any(stand_in in text for stand_in in STAND_INS)
        assert "[bold red]BOLD[/bold red]" in text  # the author's markup shown as typed
        await put_cursor_on(pilot, app, SILENT)
        await until(pilot, lambda: "No message from the customer" in screen_text(app), "no message")


async def test_keliweb_shows_the_customers_latest_message_too(kw_server: Any) -> None:
    factory = kw_factory(kw_server)
    app = TicketApp(factory)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        latest = latest_from_customer(await thread(factory, ticket.id))
        expected = "Latest from the customer" if latest else "No message from the customer"
        await until(pilot, lambda: expected in screen_text(app), "the message part")
        if latest is not None:
            first = next(line.strip() for line in latest.body.splitlines() if line.strip())
            await until(pilot, lambda: first[:20] in screen_text(app), "its first line")
