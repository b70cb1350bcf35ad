"""The search at 80x24 on both systems (issue 15, item 3): the prompt saying what the system
searches, and the results in their own tab after the sections (``🔍 ...``), the status line
saying they are search results and how to close them. Against the seeded local servers, the
clock stopped at the seeds' reference moment, times in UTC (tests/ui/snapshot_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import settle, until
from tests.ui.snapshot_helpers import FrozenQueueApp, still_cursors
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.screens.search_prompt import SearchPrompt

__all__ = ["kw_server"]  # fixture, imported for pytest

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py

QUERIES = {"superoffice": "printer", "keliweb": "backup"}


@pytest.fixture(params=["superoffice", "keliweb"])
def system(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def factory(system: str, request: pytest.FixtureRequest) -> Callable[[], Any]:
    if system == "superoffice":
        return request.getfixturevalue("so_backend_factory")  # type: ignore[no-any-return]
    server: LocalKeliweb = request.getfixturevalue("kw_server")
    return kw_factory(server)


async def _prompt(pilot: Pilot[Any], text: str) -> None:
    await settle(pilot)
    await pilot.press("f")
    await until(pilot, lambda: isinstance(pilot.app.screen, SearchPrompt), "the search prompt")
    await pilot.press(*text)
    still_cursors(pilot)
    await pilot.pause()


def test_search_prompt(snap_compare: Any, factory: Any, system: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _prompt(pilot, QUERIES[system])

    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_search_results_in_their_own_tab(snap_compare: Any, factory: Any, system: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _prompt(pilot, QUERIES[system])
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)
