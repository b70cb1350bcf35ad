"""The queue screen when things go wrong (an unreachable server, a wrong password, a mistyped
keymap) and its keys; then the small pieces (tabs, palette numbers) on their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr

from tests.pilot import error_notifications, notifications, settle, until
from tests.ui.queue_helpers import SIZE, RecordingApp, queue, status_text
from tickettui.ui.screens.pickers import SortPicker


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
