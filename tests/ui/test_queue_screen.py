"""The queue screen, as an agent uses it, against the real local SuperOffice server: opening
it, its sections, filter and sort, and opening, editing and creating tickets from it.

Triage, refresh and the preview: test_queue_triage_and_preview.py; trouble and keys:
test_queue_trouble_and_keys.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.widgets import OptionList

from tests.pilot import notifications, settle, until
from tests.ui.queue_helpers import SIZE, RecordingApp, queue, server_counts, status_text
from tickettui.core.columns import haystack
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.pickers import Confirm, SortPicker
from tickettui.ui.screens.queue import QueueScreen


def focused(screen: QueueScreen) -> Any:
    return screen.focused


# --- opening the queue and switching sections ------------------------------------------------


async def test_open_the_queue_first_section_listed_with_counts_on_tabs(
    so_backend_factory: Callable[[], Any],
) -> None:
    expected = await server_counts(so_backend_factory)
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        first = screen.sections[0]
        assert first.title == "My open"
        assert screen.ticket_list.total_count == expected["My open"] > 0
        assert focused(screen) is screen.ticket_list
        # Every tab knows its count: the others were loaded in the background.
        tabs = screen.tabs
        assert [tabs.count(i) for i in range(len(screen.sections))] == [
            expected[s.title] for s in screen.sections
        ]
        rendered = str(tabs.render())
        assert f"1 My open ({expected['My open']})" in rendered
        status = status_text(screen)
        assert "My open" in status
        assert f"{expected['My open']} tickets" in status
        assert await app.backend.current_user() in status


async def test_press_3_all_active_is_shown_and_brackets_step_through_sections(
    so_backend_factory: Callable[[], Any],
) -> None:
    expected = await server_counts(so_backend_factory)
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3")
        # Counts were loaded in the background, so the section shows at once.
        assert screen.active_section is not None
        assert screen.active_section.title == "All active"
        assert screen.ticket_list.total_count == expected["All active"]
        await settle(pilot)
        assert screen.ticket_list.total_count == expected["All active"]
        assert "All active" in status_text(screen)

        await pilot.press("right_square_bracket")
        assert screen.active_section.title == "Postponed"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.active_section.title == "Unassigned"
        await pilot.press("tab")
        assert screen.active_section.title == "All active"
        await pilot.press("9")  # no ninth section: nothing happens
        assert screen.active_section.title == "All active"
        await settle(pilot)
        assert screen.ticket_list.total_count == expected["All active"]


async def test_switching_back_keeps_the_cursor_where_it_was_in_that_section(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3", "j", "j", "j")
        await settle(pilot)
        ticket = screen.ticket_list.cursor_ticket
        assert ticket is not None
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("3")
        assert screen.ticket_list.cursor_ticket == ticket


# --- filter and sort -------------------------------------------------------------------------


async def test_slash_then_a_word_narrows_the_list_and_esc_restores_it(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3")
        await settle(pilot)
        listing = screen.ticket_list
        total = listing.total_count
        # A word from a known ticket's title that not every ticket has.
        titles = [listing.ticket_at(row).title.lower() for row in range(listing.visible_count)]
        word = next(
            w
            for title in titles
            for w in title.split()
            if len(w) > 4 and w.isalpha() and sum(w in t for t in titles) < total // 2
        )
        await pilot.press("slash")
        assert focused(screen) is screen.filter_input
        await pilot.press(*word)
        shown = listing.visible_count
        assert 0 < shown < total
        assert all(word in haystack(listing.ticket_at(row)) for row in range(shown))
        assert f"{shown} of {total}" in status_text(screen)

        await pilot.press("escape")
        assert listing.visible_count == total
        assert focused(screen) is listing
        assert screen.filter_input.value == ""
        assert not screen.filter_shown

        # enter keeps the filter and goes back to the list, where j/k move again.
        await pilot.press("slash", *word, "enter")
        assert listing.visible_count == shown
        assert focused(screen) is listing
        assert screen.filter_shown
        await pilot.press("escape")  # esc on the list clears a kept filter too
        assert listing.visible_count == total


async def test_keys_typed_fast_after_slash_go_into_the_filter_not_to_the_list(
    so_backend_factory: Callable[[], Any],
) -> None:
    # `/cal` arriving in one burst, as a fast typist's keys reach the app: `c` and `a` are
    # one-key changes on the list (close, take), and must never get there.
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        owners = {t.id: t.owner for t in screen.ticket_list.rows.tickets}
        for key, character in (("slash", "/"), ("c", "c"), ("a", "a"), ("l", "l")):
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: screen.filter_input.value == "cal", "the filter's words")
        await settle(pilot)
        assert focused(screen) is screen.filter_input
        assert not any(isinstance(s, Confirm) for s in app.screen_stack)  # no "Close?"
        assert {t.id: t.owner for t in screen.ticket_list.rows.tickets} == owners
        assert not [n for n in notifications(app) if "owner" in n]  # no "#72 owner → me"
        # In the filter's own words `/` is a character like any other.
        await pilot.press("slash", "x")
        assert screen.filter_input.value == "cal/x"


async def test_press_s_and_choose_priority_the_list_is_sorted_and_S_reverses(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("s")
        picker = app.screen
        assert isinstance(picker, SortPicker)
        keys = [c.key for c in screen.ticket_list.columns]
        options = picker.query_one(OptionList)
        assert options.option_count == 1 + len(keys)  # the section's own order first
        assert options.highlighted == 0  # it opens on the sort in use: the server's order
        options.highlighted = 1 + keys.index("priority")
        await pilot.press("enter")
        assert app.screen is screen
        listing = screen.ticket_list
        assert listing.sort_key == "priority"
        # In the tenant's own order (its priority list's sort order), not alphabetically.
        shown = [listing.ticket_at(r) for r in range(listing.visible_count)]
        present = [t.priority_rank for t in shown if t.priority]
        assert present == sorted(present)
        assert "sort Priority ▲" in status_text(screen)

        await pilot.press("S")
        assert listing.sort_reverse
        shown = [listing.ticket_at(r) for r in range(listing.visible_count)]
        present = [t.priority_rank for t in shown if t.priority]
        assert present == sorted(present, reverse=True)
        assert "sort Priority ▼" in status_text(screen)

        await pilot.press("s")  # opens on the sort in use, with its direction
        picker = app.screen
        assert isinstance(picker, SortPicker)
        options = picker.query_one(OptionList)
        assert options.highlighted == 1 + keys.index("priority")
        assert "▼  (now)" in str(options.get_option_at_index(options.highlighted).prompt)
        await pilot.press("a")  # ascending, whichever way it was
        assert not listing.sort_reverse and listing.sort_key == "priority"
        await pilot.press("s", "home", "enter")  # back to the section's own order
        assert listing.sort_key is None


# --- opening, editing, creating ----------------------------------------------------------------


async def test_enter_opens_the_ticket_e_edits_it_and_n_starts_a_new_one(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("j")
        ticket = screen.ticket_list.cursor_ticket
        assert ticket is not None
        await pilot.press("enter")
        assert app.opened == [ticket.id]
        await pilot.press("e", "n")
        assert app.edited == [ticket.id, None]


async def test_enter_on_a_ticket_the_detail_screen_opens(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = queue(app).ticket_list.cursor_ticket
        assert ticket is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.ticket_id == ticket.id


async def test_palette_go_to_ticket_number_and_section_commands(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"42")
        await settle(pilot)  # the palette has gathered its hits
        await pilot.press("enter")
        await until(pilot, lambda: app.opened == [42], "ticket 42 opened")
        assert app.screen is screen

        await pilot.press("ctrl+p")
        await pilot.press(*"Section: Postponed")
        await settle(pilot)  # the palette has gathered its hits
        await pilot.press("enter")
        await pilot.pause()
        assert screen.active_section is not None
        assert screen.active_section.title == "Postponed"

        await pilot.press("ctrl+p")
        await pilot.press(*"Sort by Owner")
        await settle(pilot)  # the palette has gathered its hits
        await pilot.press("enter")
        await pilot.pause()
        assert screen.ticket_list.sort_key == "owner"
