"""An agent marks tickets to act on them together (issue 14, item 1): space marks the cursor's
ticket and moves down, V marks a range, * every ticket shown, esc unmarks; the marks are shown
with a glyph and counted in the status line, and they survive sorting, filtering, switching
sections and refreshing. Pilot tests on the local SuperOffice server (read only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.pilot import settle, until
from tests.ui.marks_helpers import footer, marked, shown_ids, status
from tests.ui.queue_helpers import SIZE, listing, queue
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.help import HelpScreen
from tickettui.ui.widgets.ticket_list_marks import MARK_GLYPH


async def test_space_marks_and_moves_down_v_marks_a_range_esc_unmarks(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = shown_ids(app)
        assert footer(app).count("Unmark") == 0 and "marked" not in status(app)
        await pilot.press("space")
        assert marked(app) == [ids[0]] and listing(app).cursor_row == 1
        await pilot.press("j", "j", "j", "V")  # from the last marked (row 0) to row 4
        assert sorted(marked(app), key=ids.index) == ids[:5]
        await pilot.press("space")  # the cursor's ticket again: unmarked
        assert sorted(marked(app), key=ids.index) == ids[:4]
        await pilot.pause()
        assert "4 marked" in status(app)
        line = footer(app)
        assert line.strip().startswith("esc Unmark space Mark") and "? Keys" in line
        # The marks' column: a glyph, so it reads without colour too.
        rows = [listing(app).render_line(y).text for y in range(1, 7)]
        assert [row.startswith(MARK_GLYPH) for row in rows] == [True] * 4 + [False] * 2
        await pilot.press("escape")
        assert marked(app) == [] and "marked" not in status(app)
        assert not listing(app).render_line(1).text.startswith(MARK_GLYPH)


async def test_star_marks_every_match_of_the_filter_and_marks_outlive_sort_filter_and_sections(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")  # All active
        await settle(pilot)
        await pilot.press("slash", *"invoice", "enter")
        await settle(pilot)
        matches = shown_ids(app)
        assert 1 < len(matches) < listing(app).total_count
        await pilot.press("asterisk")
        assert sorted(marked(app)) == sorted(matches)
        await pilot.press("escape")  # esc: the filter goes first, the marks (more work) stay
        assert listing(app).filter_text == "" and sorted(marked(app)) == sorted(matches)
        assert f"{len(matches)} marked" in status(app)

        queue(app).sort_by("priority", True)  # sorting
        await settle(pilot)
        await pilot.press("1")  # another section, and back
        await settle(pilot)
        assert sorted(marked(app)) == sorted(matches)
        assert f"{len(matches)} marked" in status(app)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("r")  # a refresh
        await settle(pilot)
        assert sorted(marked(app)) == sorted(matches)
        glyphs = [listing(app).render_line(y).text.startswith(MARK_GLYPH) for y in range(1, 9)]
        on_show = [i in matches for i in shown_ids(app)[:8]]
        assert glyphs == on_show


async def test_the_mark_keys_are_remappable_and_explained_in_help(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory, keymap={"marks.toggle": "x"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = shown_ids(app)[0]
        await pilot.press("x")
        assert marked(app) == [first]
        await pilot.pause()
        assert "x Mark" in footer(app)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        words = " ".join(str(app.screen.query_one("#help-table").render()).split())
    assert "x Mark or unmark the ticket under the cursor, and move down marks.toggle" in words
    assert "V Mark every ticket from the last one marked to the cursor marks.range" in words
    assert "* Mark every ticket shown" in words
