"""The queue's preview shows what the customer wrote, not the history their mail quotes nor their
signature (issue 18): the preview's lines for the sample mails (tests/email_corpus.py)."""

from __future__ import annotations

from tests.email_corpus import body
from tickettui.ui.widgets.preview_message import first_lines


def test_a_bottom_posted_reply_previews_its_answer_not_the_quote() -> None:
    text = "> On Monday you wrote:\n> Is the printer fixed?\n\nNo, it still shows error 49.\n"
    assert first_lines(text, 60, 3) == ["No, it still shows error 49."]


def test_outlook_and_gmail_replies_preview_the_new_text_only() -> None:
    outlook = first_lines(body("outlook_reply.html"), 200, 10)
    assert outlook[0] == "Buongiorno,"
    assert outlook[-1] == "[1] https://support.example.com/kb/4410"  # the footnotes stay
    assert not any("Kind regards" in line or "From:" in line for line in outlook)
    gmail = first_lines(body("gmail_reply.html"), 200, 10)
    assert gmail == [
        "Hi team,",
        "that worked, thank you! The VPN connects again from home.",
        "One more question: do I need to repeat this on my laptop too?",
    ]


def test_a_message_that_is_only_a_quote_still_shows_it() -> None:
    assert first_lines("> forwarded: the log is attached", 60, 3) == [
        "> forwarded: the log is attached"
    ]
