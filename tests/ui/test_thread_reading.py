"""Reading a thread of real-world mail (issue 18): quoted history folded to one line that x
opens (and a click), z for all of them, n to the first new message, signatures and footnote
links, on both systems' bodies (tests/ui/mail_samples.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.email_corpus import body
from tests.pilot import notifications, screen_text, settle, until
from tests.ui.detail_helpers import DetailApp
from tests.ui.mail_samples import SYSTEMS, samples_factory
from tickettui.core.domain import Message, MessageKind
from tickettui.ui.textual_compat import rendered_strips
from tickettui.ui.widgets.thread import ThreadView

pytestmark = pytest.mark.parametrize("system", SYSTEMS)


def thread(app: DetailApp) -> ThreadView:
    return app.screen.query_one(ThreadView)


def folds(app: DetailApp) -> list[str]:
    return [line for line in thread(app).plain_lines() if "quoted line" in line]


def message_at_top(app: DetailApp) -> Message | None:
    view = thread(app)
    top = round(view.scroll_y)
    for row, message in zip(reversed(view._header_rows), reversed(view.ordered()), strict=False):
        if row <= top:
            return message
    return None


async def test_quoted_history_is_folded_to_one_line_per_quote(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        lines = thread(app).plain_lines()
        # The plain reply's quote (6 lines), Outlook's history (15), Gmail's (12): one line each.
        assert folds(app) == [
            "┃ … 6 quoted lines",
            "▌ … 15 quoted lines",
            "▌ … 12 quoted lines",
        ]
        joined = "\n".join(lines)
        assert "Could you send us the log" not in joined
        assert "Dear Marta," not in joined
        assert "please follow these steps" not in joined
        # What was written, the signatures and the footnotes stay.
        assert "▌ Can someone come by tomorrow morning?" in lines
        assert "▌ Kind regards," in lines
        assert "▌ [1] https://shop.example.com/track/2026-0415" in lines
        assert "▌ [1] https://support.example.com/kb/4410" in lines


OPENED = "┃ > Could you send us the log of the last backup run?"  # the plain reply's quote


async def x_at_the_top(pilot: Any, app: DetailApp) -> ThreadView:
    """x with the thread at its top: opens the first quote on screen, the plain reply's."""
    await settle(pilot)
    view = thread(app)
    view.scroll_home(animate=False)
    await pilot.pause()
    await pilot.press("x")
    return view


async def test_x_opens_the_quote_on_screen_and_folds_it_again(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 40)) as pilot:
        view = await x_at_the_top(pilot, app)
        assert OPENED in view.plain_lines()
        assert folds(app) == ["▌ … 15 quoted lines", "▌ … 12 quoted lines"]
        await pilot.press("x")
        assert folds(app)[0] == "┃ … 6 quoted lines"


async def test_a_quote_opened_with_x_stays_open_when_the_thread_reloads(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 40)) as pilot:
        view = await x_at_the_top(pilot, app)
        assert OPENED in view.plain_lines()
        # The customer answers meanwhile; R reads the thread again, new answer included.
        answer = Message(9999, MessageKind.CUSTOMER, "Tom Baker", None, "Log attached.")
        app.backend._messages.append(answer)
        await pilot.press("R")
        await until(pilot, lambda: "▌ Log attached." in view.plain_lines(), "the new answer")
        assert OPENED in view.plain_lines()
        assert folds(app) == ["▌ … 15 quoted lines", "▌ … 12 quoted lines"]


async def test_a_click_on_the_fold_line_opens_it(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        view = thread(app)
        rows = view.plain_lines()
        target = rows.index("▌ … 15 quoted lines")
        view.scroll_to(y=target - 2, animate=False)
        await pilot.pause()
        await pilot.click(ThreadView, offset=(4, target - round(view.scroll_y)))
        assert "▌ From: Helpdesk <support@example.com>" in view.plain_lines()
        assert "▌ … 15 quoted lines" not in view.plain_lines()


async def test_z_opens_every_quote_then_folds_them_all(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        view = thread(app)
        await pilot.press("z")
        assert folds(app) == []
        lines = view.plain_lines()
        assert '▌ > > The VPN says "authentication failed" since I changed my password.' in lines
        assert "▌ Hello, our HP printer shows error 49.4C02 since this morning." in lines
        await pilot.press("x")  # one folded against the rest
        assert len(folds(app)) == 1
        await pilot.press("z")  # one folded: z opens all again
        assert folds(app) == []
        await pilot.press("z")
        assert len(folds(app)) == 3


async def test_n_goes_to_the_first_message_after_the_last_reply(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.press("n")
        await pilot.pause()
        first_new = message_at_top(app)
        assert first_new is not None and first_new.author == "Marta Rinaldi"
        assert "Customer · Marta Rinaldi" in screen_text(app)
        # The older messages are still there: ] and [ go on from here.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        latest = thread(app).current_message()
        assert latest is not None and latest.author == "Tom Baker"


async def test_n_without_anything_new_says_so(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        view = thread(app)
        view.set_messages(view.messages[:2])  # the thread ends with the agent's reply
        await pilot.press("n")
        await pilot.pause()
        assert "Nothing new since the last reply" in notifications(app)


def shown_links(app: DetailApp) -> set[tuple[str, str]]:
    """(text, target) of every OSC 8 link on screen."""
    return {
        (segment.text, segment.style.link)
        for strip in rendered_strips(app.screen)
        for segment in strip
        if segment.style is not None and segment.style.link
    }


async def test_footnote_urls_are_links_and_a_hostile_mail_has_none_of_its_own(system: str) -> None:
    app = DetailApp(samples_factory(system), 1)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        links = shown_links(app)
        assert ("https://shop.example.com/help", "https://shop.example.com/help") in links
        assert all(text == target for text, target in links)
        view = thread(app)
        hostile = Message(9, MessageKind.CUSTOMER, "Mallory", None, body("hostile.html"))
        view.set_messages([hostile])
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]click here[/]" in text and "\x1b" not in text
        # Only the words that are an address link, to exactly that address.
        assert shown_links(app) == {("https://bank.example/login", "https://bank.example/login")}
