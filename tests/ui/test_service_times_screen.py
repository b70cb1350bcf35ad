"""Service times on the ticket screen, as an agent reads them (issue 19, item 2).

An agent opens a ticket 43 days past its deadline that nobody has answered: the panel says
"not replied yet · overdue ...", not "To reply 0m". Once answered, office hours read as hours
("272h business") beside wall-clock days ("43d 2h 24x7"). On Keliweb, which keeps no such
times, there is no panel and no `s` key anywhere: not in the footer, not in the help.
The words themselves are checked against hand-computed times in tests/core/test_service_times.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import screen_text, settle, until, wait_for
from tests.ui.detail_helpers import NOW, DetailApp, read_everything, send
from tickettui.core.domain import StatusKind, TicketDetail
from tickettui.core.durations import human_duration
from tickettui.core.service_times import REAL, business_duration, pending_reply, seconds_between
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.help import HelpScreen
from tickettui.ui.widgets.metrics_panel import MetricsPanel

__all__ = ["kw_server"]  # fixture, imported for pytest

WIDE, NARROW = (160, 50), (80, 24)
KELIWEB_TICKET = 40287  # the first ticket of "All active" in the Keliweb seed


def panel_text(app: DetailApp, width: int) -> str:
    """The panel's lines, each with its runs of spaces made one."""
    lines = app.screen.query_one(MetricsPanel).plain_lines(width)
    return "\n".join(" ".join(line.split()) for line in lines)


def footer(app: Any) -> str:
    return screen_text(app).splitlines()[-1]


async def overdue_and_unanswered(factory: Callable[[], Any]) -> TicketDetail:
    return next(
        detail
        for _, detail, _ in await read_everything(factory)
        if pending_reply(detail)
        and detail.summary.status_kind is StatusKind.ACTIVE
        and detail.summary.deadline is not None
        and seconds_between(detail.summary.deadline, NOW) > 86400
    )


async def test_an_overdue_ticket_nobody_answered_says_not_replied_yet_and_how_late(
    so_backend_factory: Callable[[], Any],
) -> None:
    detail = await overdue_and_unanswered(so_backend_factory)
    assert detail.summary.deadline is not None
    late = human_duration(seconds_between(detail.summary.deadline, NOW))
    app = DetailApp(so_backend_factory, detail.summary.id)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = panel_text(app, WIDE[0])
        panel = app.screen.query_one(MetricsPanel)
        assert text.startswith(f"Deadline overdue by {late}")
        assert panel.has_class("-overdue")
        assert f"To reply not replied yet · overdue {late}" in text
        assert "To close not closed yet · open " in text
        assert "0m ·" not in text and f"{REAL} 0m" not in text  # the old "To reply 0m · 24x7 0m"
        assert "s Times" in footer(app)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        table = str(app.screen.query_one("#help-table").render())
        assert "office hours (in hours)" in table and "detail.times" in table


async def test_at_80x24_the_first_line_still_says_not_replied_yet_and_s_shows_the_rest(
    so_backend_factory: Callable[[], Any],
) -> None:
    detail = await overdue_and_unanswered(so_backend_factory)
    app = DetailApp(so_backend_factory, detail.summary.id)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(MetricsPanel)
        assert not panel.expanded  # 24 rows: the thread gets the room
        collapsed = panel_text(app, NARROW[0])
        assert "not replied yet" in collapsed and "s: times" in collapsed
        assert "To reply" not in collapsed
        await pilot.press("s")
        await until(pilot, lambda: "To reply not replied yet" in panel_text(app, 80), "the times")
        assert "s: times" not in panel_text(app, 80)


async def test_a_replied_ticket_shows_office_hours_as_hours_beside_wall_clock_days(
    so_backend_factory: Callable[[], Any],
) -> None:
    detail = next(
        detail
        for _, detail, _ in await read_everything(so_backend_factory)
        if detail.replied_at is not None
        and detail.metrics is not None
        and (detail.metrics.time_to_reply or 0) >= 24 * 3600  # a day of office hours or more
    )
    assert detail.metrics is not None and detail.metrics.time_to_reply is not None
    business = business_duration(detail.metrics.time_to_reply)
    assert "d" not in business  # hours, never days
    real = human_duration(detail.metrics.real_time_to_reply)
    app = DetailApp(so_backend_factory, detail.summary.id)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert f"To reply {business} business · {real} {REAL}" in panel_text(app, WIDE[0])


async def test_the_same_ticket_five_hours_before_its_deadline_is_simply_due(
    so_backend_factory: Callable[[], Any],
) -> None:
    detail = await overdue_and_unanswered(so_backend_factory)
    assert detail.summary.deadline is not None and detail.summary.created is not None
    before = detail.summary.deadline - timedelta(hours=5)
    waited = human_duration(seconds_between(detail.summary.created, before))
    app = DetailApp(so_backend_factory, detail.summary.id, now=lambda: before)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = panel_text(app, WIDE[0])
        assert text.startswith("Deadline due in 5h")
        assert f"To reply not replied yet · waiting {waited}" in text
        assert not app.screen.query_one(MetricsPanel).has_class("-overdue")


async def test_replying_turns_not_replied_yet_into_the_time_it_took(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    detail = await overdue_and_unanswered(fresh_backend_factory)
    app = DetailApp(fresh_backend_factory, detail.summary.id)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "To reply not replied yet" in panel_text(app, WIDE[0])
        await send(pilot, "r", "Sorry for the wait, fixed now.")
        await wait_for(
            pilot, lambda: "not replied yet" not in panel_text(app, WIDE[0]), "the new times"
        )
        # The server measured it (from creation to now): office hours as hours, then 24x7.
        took = re.search(
            rf"To reply (\S+(?: \S+)?) business · (\S+(?: \S+)?) {REAL}", panel_text(app, WIDE[0])
        )
        assert took is not None, panel_text(app, WIDE[0])
        assert "d" not in took[1]


async def test_keliweb_keeps_no_service_times_so_s_is_nowhere(kw_server: LocalKeliweb) -> None:
    app = DetailApp(kw_factory(kw_server), KELIWEB_TICKET)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.detail is not None
        assert not screen.query_one(MetricsPanel).display
        assert "Times" not in footer(app) and " s " not in f" {footer(app)} "
        assert "s" not in screen.active_bindings
        before = screen_text(app)
        await pilot.press("s")  # nothing happens, nothing breaks
        await settle(pilot)
        assert screen_text(app) == before

        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        table = str(app.screen.query_one("#help-table").render())
        assert "detail.times" not in table and "service times" not in table
        assert "detail.reply" in table  # the help of this screen, without the times
