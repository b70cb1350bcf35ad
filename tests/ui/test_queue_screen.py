"""The queue screen, as an agent uses it, against the real local SuperOffice server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr
from textual.screen import Screen
from textual.widgets import OptionList

from tests.pilot import error_notifications, notifications, settle, until
from tests.ui.queue_helpers import SIZE, queue
from tickettui.core.columns import DEFAULT_COLUMNS, haystack
from tickettui.core.domain import QuickAction
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.pickers import SortPicker
from tickettui.ui.screens.queue import QueueScreen


class RecordingApp(TicketApp):
    """Records where the queue sends the agent instead of opening those screens."""

    def __init__(self, factory: Callable[[], Any], **options: Any) -> None:
        super().__init__(factory, **options)
        self.opened: list[int] = []
        self.edited: list[int | None] = []

    def open_ticket(self, ticket_id: int) -> None:
        self.opened.append(ticket_id)

    def edit_ticket(self, ticket_id: int | None) -> None:
        self.edited.append(ticket_id)


def priorities(listing: Any) -> list[str]:
    """The priorities shown, top to bottom (empty ones sort last and are left out)."""
    shown = (listing.ticket_at(row).priority for row in range(listing.visible_count))
    return [p.casefold() for p in shown if p]


def focused(screen: QueueScreen) -> Any:
    return screen.focused


def status_text(screen: QueueScreen) -> str:
    return str(screen.query_one("#queue-status").render())


async def server_counts(factory: Callable[[], Any]) -> dict[str, int]:
    backend = factory()
    try:
        return {
            s.title: len(await backend.list_tickets(s, DEFAULT_COLUMNS))
            for s in await backend.sections()
        }
    finally:
        await backend.aclose()


def unreachable_factory(**overrides: Any) -> Callable[[], Any]:
    from tests.conftest import superoffice_factory
    from tickettui.systems.superoffice.server import accounts
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

    values: dict[str, Any] = {
        "url": "http://127.0.0.1:9/SuperOffice/api",  # discard port: nothing listens
        "auth": AuthScheme.BASIC,
        "user": accounts.DEMO_USER,
        "password": SecretStr(accounts.DEMO_PASSWORD),
    } | overrides
    return superoffice_factory(SuperOfficeSettings(**values))


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


# --- triage and refresh ------------------------------------------------------------------------


async def test_press_a_the_ticket_is_assigned_to_me_and_the_server_has_it(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    before = await server_counts(fresh_backend_factory)
    app = RecordingApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("2")  # Unassigned
        await settle(pilot)
        ticket = screen.ticket_list.cursor_ticket
        assert ticket is not None and not ticket.owner
        await pilot.press("a")
        await settle(pilot)
        me = await app.backend.current_user()

        check = fresh_backend_factory()
        try:
            detail = await check.ticket(ticket.id)
        finally:
            await check.aclose()
        assert detail.summary.owner == me
        # It left Unassigned and joined My open, in the list and on the tabs.
        listing = screen.ticket_list
        assert ticket.id not in {listing.ticket_at(r).id for r in range(listing.visible_count)}
        assert listing.total_count == before["Unassigned"] - 1
        assert screen.tabs.count(0) == before["My open"] + 1
        assert f"#{ticket.number or ticket.id} owner → {me} · u undoes" in notifications(app)


async def test_r_shows_the_fresh_order_and_keeps_the_cursor_on_the_same_ticket(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3")
        await settle(pilot)
        listing = screen.ticket_list
        await pilot.press("j", "j", "j", "j", "j")
        ticket = listing.cursor_ticket
        assert ticket is not None
        row = listing.cursor_row
        # Someone else touches the bottom ticket: it becomes the most recently changed.
        bottom = listing.ticket_at(listing.visible_count - 1)
        other = fresh_backend_factory()
        try:
            choices = await other.choices("priority")
            new = next(c for c in choices if c.label != bottom.priority)
            result = await other.quick_action(bottom.id, QuickAction.SET_PRIORITY, new.value)
            assert result.saved
        finally:
            await other.aclose()

        await pilot.press("r")
        await settle(pilot)
        assert listing.ticket_at(0).id == bottom.id
        assert listing.ticket_at(0).priority == new.label
        assert listing.cursor_ticket is not None
        assert listing.cursor_ticket.id == ticket.id
        assert listing.cursor_row == row + 1


async def test_coming_back_to_the_queue_shows_changes_made_meanwhile(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3", "j", "j")
        await settle(pilot)
        listing = screen.ticket_list
        ticket = listing.cursor_ticket
        assert ticket is not None
        other = fresh_backend_factory()
        try:
            choices = await other.choices("priority")
            new = next(c for c in choices if c.label != ticket.priority)
            await other.quick_action(ticket.id, QuickAction.SET_PRIORITY, new.value)
        finally:
            await other.aclose()

        await app.push_screen(Screen())  # stands in for the detail screen
        await pilot.pause()
        app.pop_screen()
        await settle(pilot)
        assert listing.cursor_ticket is not None
        assert listing.cursor_ticket.id == ticket.id
        assert listing.cursor_ticket.priority == new.label
        assert listing.cursor_row == 2  # updated in place: nothing jumped


# --- preview and small terminals ---------------------------------------------------------------


async def test_the_preview_follows_the_cursor_with_the_ticket_detail(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert screen.preview_shown  # 36 lines: room for it below the list
        assert not screen.has_class("-wide")
        await pilot.press("j", "j")
        await settle(pilot)
        ticket = screen.ticket_list.cursor_ticket
        assert ticket is not None
        preview = screen.preview
        assert preview.ticket_id == ticket.id
        assert preview.detail is not None
        assert preview.detail.summary.title == ticket.title
        assert preview.region.y > screen.ticket_list.region.y  # below the list

        await pilot.press("v")
        assert not screen.preview_shown
        assert not preview.display


async def test_at_80x24_the_list_has_the_room_and_v_shows_the_preview(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert not screen.preview_shown
        listing = screen.ticket_list
        assert listing.size.height >= 24 - 4  # status, tabs, footer; the header row inside
        await pilot.press("j")
        await pilot.press("v")
        await settle(pilot)
        assert screen.preview_shown
        assert screen.preview.ticket_id == listing.cursor_ticket.id
        assert listing.size.height >= 8


async def test_wide_terminal_the_preview_sits_beside_the_list(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert screen.has_class("-wide")
        assert screen.preview.region.x > screen.ticket_list.region.x
        assert screen.preview.region.y == screen.ticket_list.region.y


# --- trouble -----------------------------------------------------------------------------------


async def test_an_unreachable_server_shows_a_one_line_error_and_the_app_keeps_running() -> None:
    app = RecordingApp(unreachable_factory())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = queue(app)
        errors = error_notifications(app)
        assert errors
        assert all("\n" not in message for message in errors)
        assert "not loaded" in status_text(screen)
        # Still usable: keys work, another section just reports again.
        await pilot.press("3")
        await settle(pilot)
        assert screen.active_section is not None
        assert screen.active_section.title == "All active"
        assert len(error_notifications(app)) > len(errors)
        assert app.is_running


async def test_a_wrong_password_is_reported_and_the_last_list_stays(
    so_server: Any, so_backend_factory: Callable[[], Any]
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        total = screen.ticket_list.total_count
        assert total > 0
        # The password changes under the running app (expired, revoked...).
        await app.backend.aclose()
        app.backend = unreachable_factory(url=so_server.base_url, password=SecretStr("wrong"))()
        await pilot.press("r")
        await settle(pilot)
        assert error_notifications(app)
        assert screen.ticket_list.total_count == total
        assert "refresh failed" in status_text(screen)


# --- keys --------------------------------------------------------------------------------------


async def test_remapped_keys_work_and_help_lists_the_queue_keys(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory, keymap={"queue.sort": "o"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, SortPicker)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        from tickettui.ui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        table = str(app.screen.query_one("#help-table").render())
        for binding_id in ("queue.filter", "queue.refresh", "queue.sort", "triage.assign_to_me"):
            assert binding_id in table


async def test_q_quits_from_the_queue_but_is_just_a_letter_in_the_filter(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.return_code is None  # "q" went into the filter
        await pilot.press("escape", "escape")  # leave the filter, then clear it
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_a_mistyped_keymap_id_is_named_once_the_queue_is_up(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory, keymap={"queue.sort": "o", "queue.refesh": "f5"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: notifications(app, "warning"), "the keymap warning")
        warnings = notifications(app, "warning")
        assert warnings == [
            "keymap: 'queue.refesh' is no binding id (did you mean queue.refresh?) — ignored"
        ]


# --- the small pieces ----------------------------------------------------------------------------


def test_tabs_shorten_the_other_sections_to_key_and_count_never_cutting_a_name() -> None:
    from rich.cells import cell_len

    from tickettui.ui.widgets.section_tabs import tab_line

    titles = ["My open", "Unassigned", "All active", "Postponed", "Recently closed"]
    counts = [39, 18, 186, 40, 272]
    wide = dict(tab_line(titles, counts, 2, 200).labels)
    assert wide[0] == " 1 My open (39) " and wide[4] == " 5 Recently closed (272) "
    narrow = tab_line(titles, counts, 0, 80)  # the demo at 80x24 (was "2 Unass… (18)")
    labels = dict(narrow.labels)
    assert sum(cell_len(label) for label in labels.values()) <= 80
    assert labels[0] == " 1 My open (39) "  # the active one whole
    # Names come back nearest the active tab first while they fit; the rest key and count.
    assert labels[1] == " 2 Unassigned (18) " and labels[4] == " 5 (272) "
    assert "…" not in "".join(labels.values())
    assert [i for i, _ in narrow.labels] == [0, 1, 2, 3, 4] and not narrow.before + narrow.after
    at_56 = dict(tab_line(titles, counts, 2, 56).labels)
    assert at_56[2] == " 3 All active (186) " and at_56[1] == " 2 (18) " and len(at_56) == 5


def test_too_many_sections_scroll_with_the_active_one_and_say_how_many_more() -> None:
    from rich.cells import cell_len

    from tickettui.ui.widgets.section_tabs import more_marker, tab_line

    # Keliweb: four statuses and ten departments.
    titles = ["All active", "Open", "Answered", "Customer-Reply"] + [
        f"Department {n}" for n in range(1, 11)
    ]
    counts = [223, 110, 13, 88, *range(10, 110, 10)]
    first = tab_line(titles, counts, 0, 80)
    assert first.before == 0 and first.after > 0
    assert first.labels[0] == (0, " 1 All active (223) ")
    assert more_marker(first.after, left=False) == f" {first.after} more» "
    assert all("…" not in label for _, label in first.labels)
    last = tab_line(titles, counts, 13, 80)
    assert last.after == 0 and last.before > 0
    assert last.labels[-1] == (13, " Department 10 (100) ")  # past 9: no key, so its name
    shown = sum(cell_len(label) for _, label in last.labels)
    assert shown + cell_len(more_marker(last.before, left=True)) <= 80


def test_palette_reads_ticket_numbers_in_the_ways_agents_type_them() -> None:
    from tickettui.ui.commands import ticket_number

    for query in ("42", "go 42", "go to 42", "go to ticket 42", " 42 "):
        assert ticket_number(query) == "42", query
    assert ticket_number("open #42") == ticket_number("#42") == "#42"  # only the number seen
    assert ticket_number("go to ABC-123456") == "ABC-123456"  # a WHMCS ticket mask
    assert ticket_number("id: 41227") == "id:41227"  # only the internal id
    for query in ("", "sort", "4 2", "section 2x", "Domini", "open ticket"):
        assert ticket_number(query) is None, query
