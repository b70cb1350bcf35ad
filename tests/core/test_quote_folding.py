"""Quoted history and signatures found in a message body (issue 18): what the thread folds and
dims. The samples are tests/fixtures/emails as the backends turn them into text."""

from __future__ import annotations

from tests.email_corpus import EMAILS, body
from tickettui.core.quote_folding import Segment, SegmentKind, quoted_line_count, segments

TEXT, QUOTE, SIGNATURE = SegmentKind.TEXT, SegmentKind.QUOTE, SegmentKind.SIGNATURE


def kinds(parts: list[Segment]) -> list[SegmentKind]:
    return [part.kind for part in parts]


def of_kind(parts: list[Segment], kind: SegmentKind) -> list[Segment]:
    return [part for part in parts if part.kind is kind]


def test_every_sample_splits_into_segments_that_give_the_body_back() -> None:
    for path in sorted(EMAILS.iterdir()):
        text = body(path.name)
        parts = segments(text)
        assert "\n".join(line for part in parts for line in part.lines) == text, path.name
        assert all(part.lines for part in parts), path.name


def test_plain_text_quotes_fold_with_their_attribution_and_the_dash_signature_is_dimmed() -> None:
    parts = segments(body("plain_quoted.txt"))
    assert kinds(parts) == [TEXT, QUOTE, TEXT, SIGNATURE]
    quote = parts[1]
    assert quote.lines[0] == "> On 6 Mar 2026, Helpdesk wrote:"
    assert quote.lines[-1] == ">> Our nightly backup has not finished since Monday."
    assert quoted_line_count(quote) == 6
    assert parts[3].lines[:2] == ("-- ", "Sam Ortiz")


def test_gmail_on_wrote_and_its_blockquote_fold_as_one() -> None:
    parts = segments(body("gmail_reply.html"))
    assert kinds(parts) == [TEXT, SIGNATURE, QUOTE]
    assert parts[1].lines[:2] == ("Cheers,", "Tom")
    quote = parts[2]
    assert quote.lines[0] == "On Wed, 4 Mar 2026 at 10:02, Helpdesk <support@example.com> wrote:"
    assert quote.lines[-1].startswith("> > The VPN says")


def test_an_attribution_a_mail_client_wrapped_over_two_lines_is_part_of_the_quote() -> None:
    text = (
        "Yes.\n\nOn Wed, 4 Mar 2026 at 10:02, Helpdesk <\nsupport@example.com> wrote:\n\n> Is it?"
    )
    parts = segments(text)
    assert kinds(parts) == [TEXT, QUOTE]
    assert parts[1].lines[0].startswith("On Wed")


def test_apple_mail_cite_is_folded() -> None:
    parts = segments(body("apple_mail_reply.html"))
    assert kinds(parts) == [TEXT, QUOTE]
    assert parts[1].lines[0].startswith("> On 5 Mar 2026, at 11:15, Helpdesk")


def test_outlook_from_sent_header_and_everything_after_it_is_history() -> None:
    parts = segments(body("outlook_reply.html"))
    assert kinds(parts) == [TEXT, SIGNATURE, QUOTE, TEXT]
    history = parts[2]
    assert history.lines[0] == "From: Helpdesk <support@example.com>"
    assert "Hello, our HP printer shows error 49.4C02 since this morning." in history.lines
    assert parts[1].lines[0] == "Kind regards,"
    # The footnote list stays readable after the fold (the link was in the history).
    assert parts[3].lines == ("", "[1] https://support.example.com/kb/4410")


def test_original_message_separators_in_other_languages() -> None:
    for separator in ("-----Original Message-----", "----- Messaggio originale -----"):
        parts = segments(f"Ok, done.\n\n{separator}\nDa: x\nok?")
        assert kinds(parts) == [TEXT, QUOTE]
        assert parts[1].lines[0] == separator


def test_a_sign_off_block_at_the_end_is_a_signature_but_not_in_the_middle() -> None:
    parts = segments(body("signoff_plain.txt"))
    assert kinds(parts) == [TEXT, SIGNATURE]
    assert parts[1].lines[0] == "Best regards,"
    middle = "Thanks,\nthe printer works now but the scanner does not.\n\nCan you look?"
    assert kinds(segments(middle)) == [TEXT]
    long_tail = "Hi\n\nRegards,\n" + "x" * 100
    assert kinds(segments(long_tail)) == [TEXT]


def test_mail_without_history_or_signature_is_one_text_segment() -> None:
    for name in ("order_notification.html", "lists_nested.html", "hostile.html"):
        assert kinds(segments(body(name))) == [TEXT], name
    assert segments("") == [Segment(TEXT, ("",))]


def test_interleaved_answers_keep_each_quote_apart() -> None:
    text = "> first question?\nAnswer one.\n\n> second question?\n\nAnswer two."
    parts = segments(text)
    assert kinds(parts) == [QUOTE, TEXT, QUOTE, TEXT]
    assert [quoted_line_count(part) for part in of_kind(parts, QUOTE)] == [1, 1]


def test_a_from_line_without_a_date_near_it_is_just_text() -> None:
    text = "From: the accounts team\nwe need the invoice again.\n\nThanks a lot for the help today"
    assert kinds(segments(text)) == [TEXT]


def test_an_italian_outlook_header_is_history_and_sent_must_follow_closely() -> None:
    italian = "Va bene.\n\nDa: Helpdesk <help@example.com>\nInviato: martedì 3 marzo 2026\nOk?"
    assert kinds(segments(italian)) == [TEXT, QUOTE]
    far = "Note.\nFrom: accounts\na\nb\nc\nd\nSent: not a header this far down"
    assert kinds(segments(far)) == [TEXT]
