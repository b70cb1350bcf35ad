"""The sample e-mails as the ticket screen shows them (issue 18), at 80x24 and 160x50, quotes
folded and opened, on both systems' bodies (tests/ui/mail_samples.py): the order table in
aligned columns with its footnote links, Outlook's and Gmail's history folded to one line,
signatures dimmed."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.pilot import settle
from tests.ui.mail_samples import SYSTEMS, samples_factory
from tests.ui.snapshot_helpers import FrozenDetailApp

pytestmark = [pytest.mark.usefixtures("utc"), pytest.mark.parametrize("system", SYSTEMS)]


def keys(*pressed: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


def test_order_mail_at_80x24(snap_compare: Any, system: str) -> None:
    app = FrozenDetailApp(samples_factory(system), 1)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("g"))


def test_outlook_reply_folded_at_80x24(snap_compare: Any, system: str) -> None:
    app = FrozenDetailApp(samples_factory(system), 1)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("g", "n"))


def test_thread_folded_at_160x50(snap_compare: Any, system: str) -> None:
    app = FrozenDetailApp(samples_factory(system), 1)
    assert snap_compare(app, terminal_size=(160, 50), run_before=keys("g", "right_square_bracket"))


def test_thread_opened_at_160x50(snap_compare: Any, system: str) -> None:
    app = FrozenDetailApp(samples_factory(system), 1)
    keys_ = keys("z", "g", "n")
    assert snap_compare(app, terminal_size=(160, 50), run_before=keys_)
