"""Over SSH every byte the app writes crosses the link (issue 16, item 2): moving the cursor
repaints only the preview lines that differ between the two tickets, each only where it
differs (not the label before a value, not the spaces after it); the pane's border is not
painted again, and the server's answer that says what the pane already shows repaints
nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tests.pilot import settle
from tests.pty_terminal import CSI, Terminal, app_env
from tests.ui.queue_helpers import RecordingApp, queue
from tickettui.ui.widgets.preview_lines import changed_span

WIDE = (160, 50)  # the preview beside the list
LABELS = {"Status", "Priority", "Category", "Owner", "Customer", "Deadline", "Read", "Tags"}
LABELS |= {"Messages", "Changed", "Until"}


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

        painted = {y: (start, end) for y, start, end in painter.last_painted}
        assert painted, "nothing repainted for another ticket"
        for y in range(max(len(before), len(after))):
            old = before[y] if y < len(before) else ""
            new = after[y] if y < len(after) else ""
            if old == new:
                continue  # (the text reads the same; only a change of colour repaints it)
            assert y in painted, f"line {y} changed ({old!r} -> {new!r}) but was not repainted"
            start, end = painted[y]
            # Up to the last character that differs, not the spaces to the pane's edge.
            assert end <= max(len(old.rstrip()), len(new.rstrip())), f"line {y}: {old!r} {new!r}"
            label = old.split(" ", 1)[0]
            if label in LABELS and new.split(" ", 1)[0] == label:
                assert start >= len(label), f"line {y}: the label written again: {new!r}"
        assert any(y not in painted for y in range(len(after))), "every line was repainted"
        assert any(start > 0 for start, _ in painted.values()), "no label was kept"

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
    assert changed_span(status, status) == (0, 0)
    # A shorter value: from where it differs; the old one's last letters are overwritten, the
    # spaces after them are not; the label is not written again.
    shorter = line(("Status   ", grey), ("New                ", white))
    assert changed_span(status, shorter) == (9, 13)
    # A colour alone changes: those letters are written (the spaces after them look the same).
    assert changed_span(status, line(("Status   ", white), ("Open               ", white))) == (
        0,
        6,
    )
    # Styles that are not equal but look the same (reverse=False said or not) are the same.
    same = Style(color="white", bgcolor="black", reverse=False)
    assert changed_span(status, line(("Status   ", grey), ("Open               ", same))) == (0, 0)
    # Spaces look alike whatever their colour or boldness: only their background shows.
    overdue = Style(color="red", bgcolor="black", bold=True)
    late = line(("Deadline ", grey), ("today", overdue), ("     ", overdue))
    assert changed_span(late, line(("Deadline ", grey), ("today", overdue), ("     ", white))) == (
        0,
        0,
    )
    assert changed_span(late, line(("Deadline ", grey), ("today", overdue), ("     ", grey))) == (
        0,
        0,
    )
    on_red = line(("Deadline ", grey), ("today", overdue), ("     ", Style(bgcolor="red")))
    assert changed_span(late, on_red) == (14, 19)
    # A wide character counts two cells, and is written whole.
    assert changed_span(line(("日本", white)), line(("日x ", white))) == (2, 4)
    assert changed_span(line(("a日", white)), line(("a", white), ("日", grey))) == (1, 3)
    assert changed_span(line(("a日b", white)), line(("a", white), ("日", white), ("c", white))) == (
        3,
        4,
    )


def written_after(terminal: Terminal, keys: str) -> str:
    """Everything the app writes after ``keys`` until it has written nothing for a second (a
    move, then the server's answers once the cursor rests)."""
    start = len(terminal.output)
    terminal.type(keys)
    seen = -1
    while seen != len(terminal.output):
        seen = len(terminal.output)
        terminal.read(1.0)
    return terminal.output[start:]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_over_a_terminal_a_move_does_not_send_the_preview_labels_or_border_again(
    so_server: Any, tmp_path: Path
) -> None:
    terminal = Terminal(app_env(so_server, tmp_path))  # 120x40: the preview below the list
    try:
        terminal.wait_for("Latest from the customer")
        written_after(terminal, "j")  # the pane grows to the longer of the two tickets
        for key in "kjk":
            moved = CSI.sub("", written_after(terminal, key))
            assert moved.strip(), "nothing written for a move"
            assert "Status   " not in moved  # the first label, where it always is
            assert "─" * 10 not in moved  # the pane's top border
            assert terminal.process.poll() is None
    finally:
        terminal.kill()
