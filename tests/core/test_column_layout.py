"""How the queue's columns share the width: short columns as wide as their values need, the
title (what agents read) takes the rest, and a narrow terminal still reads well."""

from __future__ import annotations

from collections.abc import Sequence

from tickettui.core.column_layout import (
    GAP,
    content_widths,
    header_text,
    layout_widths,
    text_cells,
    widen,
)
from tickettui.core.columns import DEFAULT_COLUMNS, Column, resolve_columns
from tickettui.core.domain import Capabilities, TicketSummary

COLUMNS = resolve_columns(DEFAULT_COLUMNS)
KEYS = [c.key for c in COLUMNS]


def queue(count: int = 40) -> list[TicketSummary]:
    """A helpdesk's active tickets: long titles, a long status, a handful of agents."""
    statuses = ("Open", "In progress", "Waiting for customer")
    priorities = ("Low", "Medium", "High")
    owners = ("Hannah Berg", "Emma Kristiansen", "")
    return [
        TicketSummary(
            id=100 + n,
            title=f"Invoice portal rejects valid login after the upgrade, case {n}",
            status=statuses[n % 3],
            priority=priorities[n % 3],
            category="Support/Software",
            owner=owners[n % 3],
            customer="James van Kowalski (Oakridge Construction Ltd)",
        )
        for n in range(count)
    ]


def laid_out(
    total: int, tickets: Sequence[TicketSummary], columns: Sequence[Column] = COLUMNS
) -> dict[str, int]:
    widths = layout_widths(columns, total, content_widths(columns, tickets))
    shown = [w for w in widths if w]
    assert sum(shown) + GAP * (len(shown) - 1) == total  # the row fills the width exactly
    return dict(zip([c.key for c in columns], widths, strict=True))


def test_a_wide_terminal_shows_every_short_value_whole_and_gives_the_title_the_rest() -> None:
    widths = laid_out(160, queue())
    assert widths["status"] == len("Waiting for customer")
    assert widths["owner"] == len("Emma Kristiansen")
    assert widths["id"] == 3  # three-digit numbers need no seven cells
    assert widths["customer"] == 20  # a long customer is cut at a sensible cap...
    assert widths["title"] >= 45  # ...and the title takes what the others leave
    assert all(widths[key] for key in KEYS)


def test_a_header_wider_than_its_values_is_abbreviated_readably() -> None:
    widths = laid_out(160, queue())
    priority = COLUMNS[KEYS.index("priority")]
    assert widths["priority"] == len("Medium")
    assert header_text(priority, widths["priority"]) == "Prio"
    critical = [*queue(), TicketSummary(id=999, title="x", priority="Critical")]
    assert laid_out(160, critical)["priority"] == len("Critical")
    assert header_text(priority, len("Critical")) == "Priority"


def test_a_column_of_empty_values_keeps_room_for_its_header() -> None:
    unassigned = [TicketSummary(id=n, title="Printer on fire", owner="") for n in range(5)]
    assert laid_out(160, unassigned)["owner"] == len("Owner")


def test_a_systems_own_title_is_never_replaced_by_our_abbreviation() -> None:
    caps = Capabilities(system_name="Keliweb", column_titles={"category": "Department"})
    category = next(c for c in resolve_columns(DEFAULT_COLUMNS, caps) if c.key == "category")
    assert header_text(category, 5) == "Department"  # cut with "…" by the painter, not "Cat."


def test_beside_the_preview_the_title_and_status_stay_readable() -> None:
    """160 columns with the preview beside leave the list ~105: the category and deadline
    (the preview shows both) give way before the title is cut to a stub."""
    widths = laid_out(105, queue())
    assert widths["deadline"] == 0 and widths["category"] == 0
    assert widths["title"] >= 34
    assert widths["status"] >= len("Waiting for")
    assert widths["priority"] >= len("Medium")
    assert widths["owner"] and widths["customer"] and widths["last_changed"]


def test_at_80_columns_the_same_columns_go_as_before_and_the_title_keeps_its_minimum() -> None:
    widths = laid_out(80, queue())
    assert widths["deadline"] == widths["category"] == 0
    assert widths["title"] >= 28
    assert all(widths[key] for key in ("status", "priority", "owner", "customer", "last_changed"))


def test_a_very_narrow_terminal_drops_columns_in_the_usual_order() -> None:
    widths = laid_out(60, queue())
    assert widths["customer"] == widths["priority"] == 0
    assert widths["title"] >= 28 and widths["status"] and widths["last_changed"]


def test_a_squeeze_takes_from_every_column_in_proportion_not_one_to_a_stub() -> None:
    widths = laid_out(130, queue())
    assert widths["deadline"] == 0 and widths["category"]  # one optional column was enough
    for key, whole in (("status", 20), ("owner", 16), ("customer", 20), ("title", 40)):
        assert whole * 0.75 <= widths[key] < whole, key


def test_an_optional_column_gives_way_rather_than_cost_the_others_its_width() -> None:
    widths = laid_out(120, queue())
    assert widths["deadline"] == widths["category"] == 0
    assert widths["status"] >= len("Waiting for cust") and widths["title"] >= 36


def test_wide_characters_count_two_cells() -> None:
    assert text_cells("東京オフィス") == 12
    assert text_cells("Café") == 4 and text_cells("Cafe\u0301") == 4
    tokyo = [TicketSummary(id=1, title="x", owner="東京オフィス")]
    assert laid_out(160, tokyo)["owner"] == 12


def test_patched_rows_widen_a_column_and_never_narrow_it() -> None:
    before = content_widths(COLUMNS, queue())
    patched = content_widths(COLUMNS, [TicketSummary(id=7, title="x", owner="Bo")])
    assert widen(before, patched) == before
    longer = content_widths(COLUMNS, [TicketSummary(id=7, title="x", status="Awaiting approval")])
    assert widen(patched, longer)[KEYS.index("status")] == len("Awaiting approval")


def test_without_measuring_the_columns_keep_their_default_widths() -> None:
    widths = dict(zip(KEYS, layout_widths(COLUMNS, 200), strict=True))
    assert widths["id"] == 7 and widths["status"] == 10 and widths["title"] > 40


def test_a_long_list_is_measured_on_a_sample_but_its_highest_number_always_fits() -> None:
    tickets = [TicketSummary(id=n, title="x", status="Open") for n in range(1, 100_001)]
    tickets[-1].status = "Escalated to vendor"  # one row in 100k: a sample may miss it...
    widths = laid_out(160, tickets)
    assert widths["id"] == len("100000")  # ...but never the number on the last row
    assert widths["status"] in (len("Status"), len("Escalated to vendor"))
