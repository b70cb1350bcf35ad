"""The detail screen with what no seeded ticket has: 300 messages and a 1 MB body (a small fake
backend), thread lines wrapped by terminal cells, and an alert level with its next escalation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.pilot import screen_text, settle
from tests.ui.detail_helpers import (
    NOW,
    DetailApp,
)
from tickettui.core.domain import (
    Capabilities,
    Message,
    MessageKind,
    QuickAction,
    TicketDetail,
    TicketSummary,
    TimeMetrics,
)
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.widgets.metrics_panel import MetricsPanel
from tickettui.ui.widgets.thread import ThreadView

# --- a long thread ---------------------------------------------------------------------------


class BigThreadBackend:
    """300 messages, one of them 1 MB: what a fake needs to feed the detail screen."""

    # A system without internal notes: ``i`` must do nothing.
    capabilities = Capabilities(
        system_name="Fake", internal_notes=False, quick_actions=frozenset({QuickAction.CLOSE})
    )

    account = ("https://fake.example", "agent")

    async def my_owner_value(self) -> str | None:
        return None

    def __init__(self) -> None:
        kinds = (MessageKind.CUSTOMER, MessageKind.REPLY, MessageKind.NOTE)
        start = NOW - timedelta(days=30)
        self._messages = [
            Message(
                id=i,
                kind=kinds[i % 3],
                author=f"Writer {i}",
                created=start + timedelta(hours=i),
                body=f"Message {i} \x1b[31m[bold]not bold[/]\n" + "lorem ipsum " * 30,
            )
            for i in range(299)
        ]
        line = "x" * 99 + "\n"
        self._messages.append(
            Message(299, MessageKind.CUSTOMER, "Big", NOW, line * 10_000 + "THE END")
        )

    async def ticket(self, ticket_id: int) -> TicketDetail:
        summary = TicketSummary(ticket_id, "Long thread", "Open", deadline=NOW)
        return TicketDetail(summary, metrics=TimeMetrics(time_to_reply=600))

    async def messages(self, ticket_id: int) -> list[Message]:
        return list(self._messages)

    async def aclose(self) -> None:
        pass


async def test_300_messages_and_a_1mb_body_open_and_scroll() -> None:
    app = DetailApp(BigThreadBackend, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        thread = app.screen.query_one(ThreadView)
        assert len(thread.messages) == 300
        assert thread.virtual_size.height > 10_000
        await pilot.press("G")
        await pilot.pause()
        assert thread.scroll_y == thread.max_scroll_y
        assert "THE END" in screen_text(app)
        await pilot.press("o")
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert "Customer · Big" in text
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "Message 0 ␛[31m[bold]not bold[/]" in text  # inert, literally
        assert "\x1b" not in text
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)  # no notes on this system


# --- wrapping the thread ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "width", "expected"),
    [
        ("hello world again", 11, ["hello world", "again"]),
        ("a" * 25, 10, ["a" * 10, "a" * 10, "a" * 5]),
        ("ab " + "c" * 12 + " d", 5, ["ab", "ccccc", "ccccc", "cc d"]),
        ("漢字漢字漢字", 5, ["漢字", "漢字", "漢字"]),  # wide characters count twice
        ("", 10, [""]),
    ],
)
def test_thread_lines_wrap_by_terminal_cells(line: str, width: int, expected: list[str]) -> None:
    from rich.cells import cell_len

    from tickettui.ui.widgets.text_wrap import wrap_line

    wrapped = wrap_line(line, width)
    assert wrapped == expected
    assert all(cell_len(part) <= width for part in wrapped)


# --- the alert level (no seeded ticket has one) ----------------------------------------------


async def test_an_alert_level_is_called_out_with_its_next_escalation() -> None:
    from textual.app import App, ComposeResult

    detail = TicketDetail(
        TicketSummary(5, "Escalating", "Open", deadline=NOW + timedelta(hours=2)),
        metrics=TimeMetrics(alert_level=2, alert_timeout=NOW + timedelta(minutes=30)),
    )

    class PanelApp(App[None]):
        def compose(self) -> ComposeResult:
            yield MetricsPanel(lambda: NOW)

        def on_mount(self) -> None:
            self.query_one(MetricsPanel).show(detail)

    async with PanelApp().run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        panel = pilot.app.query_one(MetricsPanel)
        text = " ".join(panel.plain_lines(80))
        assert "Deadline due in 2h" in text
        assert "⚠ Alert level 2" in text
        assert "Next escalation 2026-11-20 09:30" in text
        assert panel.has_class("-alert")
        assert not panel.has_class("-overdue")

        # No service times at all (another system): the panel is not shown.
        panel.show(TicketDetail(TicketSummary(6, "Untracked")))
        assert not panel.display
