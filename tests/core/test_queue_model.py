"""The queue's state without a terminal: sections, loads, counts policy, what the list shows."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from tickettui.core.columns import COLUMNS
from tickettui.core.domain import Section, TicketSummary
from tickettui.core.queue_model import COUNTS_MAX_AGE, ListState, QueueModel, Takes
from tickettui.core.ticket_rows import TicketRows

MINE = Section("mine", "My open", "owner = me")
UNASSIGNED = Section("unassigned", "Unassigned", "owner = none")
ALL = Section("all", "All active", "status = open")


def tickets(*ids: int) -> list[TicketSummary]:
    return [TicketSummary(i, f"Ticket {i}", number=f"N{i}") for i in ids]


def started() -> QueueModel:
    model = QueueModel()
    model.set_sections([MINE, UNASSIGNED, ALL])
    return model


# --- sections ----------------------------------------------------------------------------------


def test_before_the_sections_are_known_nothing_is_active() -> None:
    model = QueueModel()
    assert not model.started
    assert model.active_section is None
    assert model.step(1) is None
    assert model.switch_to(0) is None
    model.set_sections([])
    assert model.started and model.sections == []


def test_switching_sections_and_stepping_round_the_end() -> None:
    model = started()
    assert model.active_section == MINE
    assert model.switch_to(2) == ALL
    assert model.active == 2
    assert model.step(1) == 0
    assert model.step(-1) == 1
    assert model.switch_to(3) is None  # no fourth section: nothing changes
    assert model.active_section == ALL
    assert model.index_of("unassigned") == 1
    assert model.section("nope") is None


def test_the_cursor_is_remembered_only_for_the_section_the_list_shows() -> None:
    model = started()
    model.show("mine", tickets(1, 2, 3))
    model.switch_to(1, cursor_id=2)
    assert model.remembered_cursor("mine") == 2
    # The list still shows My open while Unassigned has nothing: leaving it remembers nothing.
    model.switch_to(2, cursor_id=3)
    assert model.remembered_cursor("unassigned") is None
    assert model.remembered_cursor("mine") == 2


# --- loads and the status line -----------------------------------------------------------------


def test_a_section_goes_from_loading_to_current_and_a_failed_refresh_keeps_its_list() -> None:
    model = started()
    assert model.list_state("mine") is ListState.LOADING
    model.begin_load("mine")
    assert model.is_loading("mine")
    model.load_failed("mine")
    assert model.list_state("mine") is ListState.NOT_LOADED
    model.begin_load("mine")
    model.load_landed("mine", tickets(1, 2), now=10.0)
    assert model.list_state("mine") is ListState.CURRENT
    assert not model.has_failed("mine")
    model.begin_load("mine")
    assert model.list_state("mine") is ListState.REFRESHING
    model.load_failed("mine")
    assert model.list_state("mine") is ListState.REFRESH_FAILED
    assert model.tickets("mine") == tickets(1, 2)  # the last list stays


def test_a_new_section_load_replaces_the_one_under_way() -> None:
    model = started()
    model.begin_load("mine")
    model.begin_load("all")
    assert not model.is_loading("mine")
    assert model.is_loading("all")


def test_a_background_count_does_not_clear_a_failed_load() -> None:
    model = started()
    model.load_failed("all")
    model.count_landed("all", tickets(1), now=1.0)
    assert model.has_failed("all")
    assert model.list_state("all") is ListState.REFRESH_FAILED


def test_counts_come_from_the_last_list_the_last_runs_included() -> None:
    model = started()
    assert [model.count(i) for i in range(3)] == [None, None, None]
    model.head_start("mine", tickets(1, 2, 3))
    model.load_landed("all", tickets(4), now=1.0)
    assert [model.count(i) for i in range(3)] == [3, None, 1]
    assert model.count(7) is None


# --- the counts policy -------------------------------------------------------------------------


def test_counts_are_due_for_the_other_sections_until_fresh_and_again_when_old() -> None:
    model = started()
    assert model.counts_due(0.0) == [UNASSIGNED, ALL]  # never the active one
    model.count_landed("unassigned", tickets(1), now=100.0)
    model.head_start("all", tickets(2))  # the last run's list is not fresh
    assert model.counts_due(100.0 + COUNTS_MAX_AGE - 1) == [ALL]
    assert model.counts_due(100.0 + COUNTS_MAX_AGE) == [UNASSIGNED, ALL]
    model.count_landed("all", tickets(2), now=101.0)
    assert model.counts_due(102.0) == []
    assert model.counts_due(102.0, force=True) == [UNASSIGNED, ALL]
    model.switch_to(1)
    assert model.counts_due(102.0, force=True) == [MINE, ALL]
    assert not model.count_due("unassigned", 1e9, force=True)


# --- what the list shows -----------------------------------------------------------------------


def test_a_fresh_list_patches_in_place_unless_a_ticket_left_or_a_reset_is_asked() -> None:
    model = started()
    assert model.show("mine", tickets(1, 2, 3)) is Takes.RESET  # nothing shown before
    assert model.shown_key == "mine"
    assert model.show("mine", tickets(3, 1, 2, 4)) is Takes.PATCH  # one came: in place
    assert model.show("mine", tickets(1, 2, 3, 4), in_place=False) is Takes.RESET
    assert model.show("mine", tickets(1, 2)) is Takes.RESET  # tickets left
    assert model.show("all", tickets(1, 2)) is Takes.RESET  # another section
    model.show("all", [])
    assert model.show("all", tickets(5)) is Takes.RESET  # an empty list has no places


def test_a_background_list_goes_on_screen_only_where_the_agent_is_and_the_list_shows_it() -> None:
    model = started()
    model.show("mine", tickets(1))
    assert not model.takes_background_list("unassigned")
    model.switch_to(1)
    assert not model.takes_background_list("unassigned")  # the list still holds My open
    model.show("unassigned", [])
    assert model.takes_background_list("unassigned")
    assert not model.takes_background_list("mine")


def test_a_ticket_is_found_by_the_number_users_quote_in_any_list() -> None:
    model = started()
    model.load_landed("mine", tickets(1, 2), now=0.0)
    model.head_start("all", tickets(7))
    assert model.find_number("N7") == 7
    assert model.find_number("N2") == 2
    assert model.find_number("N9") is None


def test_the_rows_on_show_are_the_models_with_their_filter_and_sort() -> None:
    rows = TicketRows(tickets(3, 1, 2))
    model = QueueModel(rows)
    assert model.rows is rows
    rows.sort_by(COLUMNS["id"])
    rows.set_filter("ticket")
    assert (model.rows.sort_key, model.rows.filter_text) == ("id", "ticket")


# --- marks -------------------------------------------------------------------------------------


def test_marks_are_kept_by_ticket_id_across_sections_sorts_filters_and_refreshes() -> None:
    model = started()
    model.show("mine", tickets(1, 2, 3))
    assert model.toggle_mark(2) and model.toggle_mark(3)
    model.rows.replace(tickets(1, 2, 3))
    model.rows.sort_by(COLUMNS["title"], reverse=True)
    model.rows.set_filter("ticket 1")
    model.switch_to(2)
    model.show("all", tickets(9))
    model.load_landed("mine", [replace(t, title="changed") for t in tickets(1, 2)], now=5.0)
    assert model.marks == {2, 3}
    assert model.is_marked(3)
    assert not model.toggle_mark(3)
    assert model.marks == {2}
    model.clear_marks()
    assert model.marks == frozenset()


def test_the_model_and_the_rows_import_no_textual_and_nothing_outside_the_core() -> None:
    code = (
        "import sys\n"
        "import tickettui.core.queue_model, tickettui.core.ticket_rows\n"
        "bad = ('textual', 'rich', 'tickettui.ui', 'tickettui.systems', 'tickettui.config',"
        " 'tickettui.cache', 'tickettui.credentials')\n"
        "print(','.join(m for m in sys.modules if m.startswith(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
