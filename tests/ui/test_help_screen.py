"""`?` explains the keys of the screen an agent is on, grouped, in words, without Textual's own
noise; every key the app binds has its sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.pilot import settle, until
from tests.ui.queue_helpers import SIZE
from tickettui.ui.app import TicketApp
from tickettui.ui.binding_ids import known_binding_ids
from tickettui.ui.key_help import EXPLAINED, GROUPS, group_of
from tickettui.ui.screens.help import HelpScreen


def test_every_key_the_app_binds_is_explained_and_grouped() -> None:
    ids = known_binding_ids()
    assert sorted(ids - set(EXPLAINED)) == []  # a new key needs its sentence
    assert sorted(set(EXPLAINED) - ids) == []  # and an old sentence its key
    assert all(group_of(binding_id) in GROUPS.values() for binding_id in ids)


async def test_the_queue_help_is_grouped_and_has_no_framework_noise(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        table = str(app.screen.query_one("#help-table").render())
    assert table.startswith("Keys on the queue")
    words = " ".join(table.split())  # lines wrap at the help's width
    for heading in ("The queue", "Moving through the list", "Change the ticket", "Everywhere"):
        assert heading in table
    assert "Choose the column to sort by, and its direction queue.sort" in words
    assert "Close the ticket (asks first) triage.close" in words
    for noise in ("Copy selected text", "Page Left", "Page Right", "[queue.sort]"):
        assert noise not in table
    # Groups in a fixed order: the screen's own keys first, the app's last.
    assert table.index("The queue") < table.index("Change the ticket") < table.index("Everywhere")
