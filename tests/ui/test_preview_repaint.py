"""Over SSH every byte the app writes crosses the link (issue 16, item 2): moving the cursor
repaints only the preview lines that differ between the two tickets, each only as far as it
differs; the pane's border is not painted again, and the server's answer that says what the
pane already shows repaints nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tests.pilot import settle
from tests.ui.queue_helpers import RecordingApp, queue
from tickettui.ui.widgets.preview_lines import changed_cells

WIDE = (160, 50)  # the preview beside the list


def texts(lines: Any) -> list[str]:
    return [strip.text for strip in lines]


async def test_a_cursor_move_repaints_only_the_preview_cells_that_differ(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = queue(app)
        painter = screen.preview.painter
        await pilot.press("j")
        await settle(pilot)  # the detail and the latest message have come
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("k")  # back to one whose detail and message are in memory
        await settle(pilot)  # at rest (moves in quick succession are key repeat)
        before = texts(painter.lines)
        await pilot.press("j")  # painted from memory in the same call as the cursor
        after = texts(painter.lines)
        assert screen.preview.ticket_id == screen.ticket_list.cursor_ticket.id
        assert before != after

        painted = dict(painter.last_painted)
        assert painted, "nothing repainted for another ticket"
        width = painter.width
        for y in range(max(len(before), len(after))):
            old = before[y] if y < len(before) else ""
            new = after[y] if y < len(after) else ""
            if old == new:
                # (the text reads the same; only a change of colour would repaint it)
                assert painted.get(y, 0) <= width
                continue
            assert y in painted, f"line {y} changed ({old!r} -> {new!r}) but was not repainted"
            # Up to the last character that differs, not the spaces to the pane's edge.
            last = max(len(old.rstrip()), len(new.rstrip()))
            assert painted[y] <= last, f"line {y}: {painted[y]} cells for {old!r} -> {new!r}"
        assert any(y not in painted for y in range(len(after))), "every line was repainted"

        # The pane's own border and padding are outside what a line repaints.
        assert painter.region.x > screen.preview.region.x + 1

        # Resting there, the server is asked again; its answer is what the pane shows.
        await settle(pilot)
        assert texts(painter.lines) == after
        assert painter.last_painted == []


def test_a_line_is_written_as_far_as_it_differs() -> None:
    grey = Style(color="grey50", bgcolor="black")
    white = Style(color="white", bgcolor="black")

    def line(*parts: tuple[str, Style]) -> Strip:
        return Strip([Segment(text, style) for text, style in parts])

    status = line(("Status   ", grey), ("Open               ", white))
    assert changed_cells(status, status) == 0
    # A shorter value: the old one's last letters are overwritten, the spaces after are not.
    assert changed_cells(status, line(("Status   ", grey), ("New                ", white))) == 13
    # A colour alone changes: those letters are written (the spaces after them look the same).
    assert changed_cells(status, line(("Status   ", white), ("Open               ", white))) == 6
    # Styles that are not equal but look the same (reverse=False said or not) are the same.
    same = Style(color="white", bgcolor="black", reverse=False)
    assert changed_cells(status, line(("Status   ", grey), ("Open               ", same))) == 0
    # Spaces look alike whatever their colour or boldness: only their background shows.
    overdue = Style(color="red", bgcolor="black", bold=True)
    late = line(("Deadline ", grey), ("today", overdue), ("     ", overdue))
    assert changed_cells(late, line(("Deadline ", grey), ("today", overdue), ("     ", white))) == 0
    assert changed_cells(late, line(("Deadline ", grey), ("today", overdue), ("     ", grey))) == 0
    on_red = line(("Deadline ", grey), ("today", overdue), ("     ", Style(bgcolor="red")))
    assert changed_cells(late, on_red) == 19
    # A wide character counts two cells.
    assert changed_cells(line(("日本", white)), line(("日x ", white))) == 4
