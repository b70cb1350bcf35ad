"""Tags in the edit form (issue 19, item 10): an agent sees which are ticked without colour, and
the list uses the room the terminal has.

Before, a ticked and an unticked tag were both drawn "▐X▌ Bug", told apart by colour alone; the
list was 5 rows high even at 160x50. These tests run with NO_COLOR, read the characters on
screen (no snapshot), and measure the list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.pilot import screen_text, until
from tests.ui.edit_helpers import app_for, field, open_edit, tab_to
from tickettui.ui.widgets.check_marks import CHECKED, UNCHECKED, TagList

TICKET = 7  # no tags yet; the tenant has ten
TAGS = 10


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NO_COLOR", "1")
    yield


def row_of(app: Any, tag: str) -> str:
    """The screen line that lists ``tag`` in the form, as the terminal shows it."""
    return next(line for line in screen_text(app).splitlines() if f" {tag}" in line).strip()


async def test_ticking_a_tag_changes_its_characters_not_only_its_colour(so_server: Any) -> None:
    app = app_for(so_server)
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.no_color
        screen = await open_edit(pilot, TICKET)
        tags = field(screen, "tags")
        assert isinstance(tags, TagList)
        assert row_of(app, "Bug").endswith(f"{UNCHECKED} Bug")
        assert row_of(app, "Escalated").endswith(f"{UNCHECKED} Escalated")

        await tab_to(pilot, screen, "tags")
        await pilot.press("space")  # the highlighted one, the first: Bug
        await until(pilot, lambda: row_of(app, "Bug").endswith(f"{CHECKED} Bug"), "Bug ticked")
        assert row_of(app, "Escalated").endswith(f"{UNCHECKED} Escalated")
        assert len(tags.selected) == 1

        await pilot.press("space")
        await until(pilot, lambda: row_of(app, "Bug").endswith(f"{UNCHECKED} Bug"), "unticked")


async def test_the_notify_box_shows_an_x_only_when_ticked(so_server: Any) -> None:
    app = app_for(so_server)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_edit(pilot, TICKET)
        assert "▐ ▌ Notify" in row_of(app, "Notify")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: "▐X▌ Notify" in row_of(app, "Notify"), "notify ticked")


@pytest.mark.parametrize(
    ("size", "rows"),
    [
        ((160, 50), TAGS),  # room for all ten
        ((80, 24), 6),  # a quarter of the terminal; the rest scroll, the fields after stay in view
    ],
)
async def test_the_tag_list_uses_the_room_it_has(
    so_server: Any, size: tuple[int, int], rows: int
) -> None:
    app = app_for(so_server)
    async with app.run_test(size=size) as pilot:
        screen = await open_edit(pilot, TICKET)
        tags = field(screen, "tags")
        assert tags.size.height == rows
        assert tags.option_count == TAGS
        assert tags.max_scroll_y == TAGS - rows
        # Every field above the tags and the first one below are on the first page.
        text = screen_text(app)
        for label in ("Title", "Status", "Priority", "Owner", "Tags", "Security level"):
            assert label in text, label
