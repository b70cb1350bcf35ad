"""The queue filter says why a ticket matched and takes field prefixes: the matched text is
marked in the row (bold and underlined, so NO_COLOR keeps it), a match in a field no column
shows is named (the status line, or the preview when it is shown), and status: prio: owner:me
cust: cat:/dept: title: # narrow by one field, on both local servers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.segment import Segment
from textual.color import Color

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import screen_text, settle, until
from tests.ui.queue_helpers import listing, queue
from tickettui.core.domain import TicketSummary
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.help import HelpScreen
from tickettui.ui.widgets.ticket_list import HEADER_HEIGHT
from tickettui.ui.widgets.ticket_list_match import match_spans

__all__ = ["kw_server"]

ME = "Hannah Berg"  # the local SuperOffice server's demo agent
KEYS = {" ": "space", ":": "colon", "#": "number_sign", "/": "slash", "&": "ampersand"}


async def type_filter(pilot: Any, text: str) -> None:
    await pilot.press("slash", *(KEYS.get(char, char) for char in text))
    await settle(pilot)


def shown(app: TicketApp) -> list[TicketSummary]:
    rows = listing(app)
    return [rows.ticket_at(row) for row in range(rows.visible_count)]


async def all_active(pilot: Any, app: TicketApp) -> None:
    await settle(pilot)
    await pilot.press("3")
    await until(pilot, lambda: queue(app).active_section.key == "all-active", "All active")
    await settle(pilot)


def only_in_category(app: TicketApp, word: str) -> TicketSummary:
    """A ticket on show that holds ``word`` in its category and nowhere else."""
    for ticket in shown(app):
        elsewhere = (ticket.display_number, ticket.title, ticket.status, ticket.priority)
        elsewhere += (ticket.owner, ticket.customer)
        if word in ticket.category.lower() and not any(word in f.lower() for f in elsewhere):
            return ticket
    raise AssertionError(f"no ticket with {word!r} in its category only")


def status_text(app: TicketApp) -> str:
    return str(queue(app).query_one("#queue-status").render())


async def test_a_word_matched_in_a_column_not_shown_is_named_in_the_status_line(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=(80, 24)) as pilot:  # too narrow for the category column
        await all_active(pilot, app)
        await type_filter(pilot, "invoice")
        assert not queue(app).preview_shown
        calendar = only_in_category(app, "invoice")
        assert listing(app).move_cursor_to_id(calendar.id)
        said = f"matched category “{calendar.category}”"
        await until(pilot, lambda: said in status_text(app), "the hint in the status line")
        # A ticket whose title says it needs no hint.
        titled = next(t for t in shown(app) if "invoice" in t.title.lower())
        assert listing(app).move_cursor_to_id(titled.id)
        await until(pilot, lambda: "matched" not in status_text(app), "no hint")


async def test_the_preview_names_a_match_in_a_column_the_terminal_dropped(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=(80, 40)) as pilot:  # tall enough for the preview
        await all_active(pilot, app)
        await type_filter(pilot, "invoice")
        assert queue(app).preview_shown
        calendar = only_in_category(app, "invoice")
        assert listing(app).move_cursor_to_id(calendar.id)
        said = f"matched category “{calendar.category}”"
        await until(pilot, lambda: said in screen_text(app), "the hint in the preview")
        assert "matched" not in status_text(app)  # said once, where the ticket is shown


def marked_runs(app: TicketApp, y: int) -> list[str]:
    """The runs of bold underlined text in the list's line ``y``, after the app's own line
    filters (with NO_COLOR set: colours gone)."""
    segments: list[Segment] = list(listing(app).render_line(y))
    for line_filter in app.get_line_filters():
        segments = line_filter.apply(segments, Color(0, 0, 0))
    runs: list[str] = []
    previous = False
    for text, style, _ in segments:
        marked = style is not None and bool(style.underline) and bool(style.bold)
        if marked and previous:
            runs[-1] += text
        elif marked:
            runs.append(text)
        previous = marked
    return runs


async def test_the_matched_text_is_marked_in_the_cells_without_colour_too(
    so_backend_factory: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.no_color
        await all_active(pilot, app)
        await type_filter(pilot, "printer")
        lines = range(HEADER_HEIGHT, HEADER_HEIGHT + min(10, listing(app).visible_count))
        runs = [marked_runs(app, y) for y in lines]
        assert any(runs), "no row marks what matched"
        assert all(run.lower() == "printer" for row in runs for run in row), runs
        assert runs[0], "the cursor's row marks it too"
        await pilot.press("escape")
        await settle(pilot)
        assert not any(marked_runs(app, y) for y in lines)  # no filter, no marks


async def test_field_prefixes_narrow_by_one_field(so_backend_factory: Callable[[], Any]) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await all_active(pilot, app)
        everything = shown(app)
        high = next(t.priority for t in everything if "high" in t.priority.lower())
        await type_filter(pilot, "prio:high")
        assert shown(app) == [t for t in everything if "high" in t.priority.lower()]
        assert any(t.priority == high for t in shown(app))

        await pilot.press("escape")
        await type_filter(pilot, "owner:me")
        mine = [t for t in everything if t.owner == ME]
        assert mine and shown(app) == mine

        await pilot.press("escape")
        customer = next(t.customer for t in everything if t.customer)
        word = customer.split()[0].lower()
        await type_filter(pilot, f"cust:{word} status:")
        assert shown(app) == [t for t in everything if word in t.customer.lower()]

        await pilot.press("escape")
        await type_filter(pilot, "#1")
        assert shown(app) == [t for t in everything if t.display_number.startswith("1")]

        await pilot.press("escape")
        await type_filter(pilot, "title:invoice")
        titled = [t for t in everything if "invoice" in t.title.lower()]
        assert shown(app) == titled
        everywhere = [t for t in everything if "invoice" in t.category.lower()]
        assert not set(map(id, everywhere)) <= set(map(id, titled))  # the prefix made a difference


async def test_keliweb_calls_the_category_department_in_the_prefix_and_the_hint(
    kw_server: Any,
) -> None:
    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        everything = shown(app)
        word = "dns"
        await type_filter(pilot, f"dept:{word}")
        expected = [t for t in everything if word in t.category.lower()]
        assert expected and shown(app) == expected
        await pilot.press("escape")
        await type_filter(pilot, word)
        ticket = only_in_category(app, word)
        assert listing(app).move_cursor_to_id(ticket.id)
        said = f"matched department “{ticket.category}”"
        await until(pilot, lambda: said in status_text(app), "the hint names the department")


async def test_the_placeholder_and_help_name_the_prefixes(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "status:" in queue(app).filter_input.placeholder
        assert "owner:me" in queue(app).filter_input.placeholder
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        for prefix in ("status:", "prio:", "owner:me", "cust:", "cat:", "dept:", "title:", "#123"):
            assert prefix in text, prefix


def test_match_spans_are_case_insensitive_and_merged() -> None:
    assert match_spans("Billing/Invoices", ["invoice"]) == [(8, 15)]
    assert match_spans("Printer printer", ["print", "rint"]) == [(0, 5), (8, 13)]
    assert match_spans("abcabc", ["abc", "ca"]) == [(0, 6)]
    assert match_spans("İstanbul", ["stan"]) == []  # lower() changes the length: no marks
