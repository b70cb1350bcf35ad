"""HTML message bodies read well in a terminal: as a mail client shows them (issue 18).

The samples are tests/fixtures/emails (tests/email_corpus.py)."""

from __future__ import annotations

import re

from tests.email_corpus import HTML_EMAILS, body, huge_html
from tickettui.core.html_text import html_to_text, looks_like_html
from tickettui.core.safe_text import inert
from tickettui.core.ticket_links import link_spans


def test_paragraphs_breaks_and_lists_become_lines() -> None:
    text = html_to_text("<p>Hi,</p><p>Line one<br>Line two</p><ul><li>a</li><li>b</li></ul>")
    # Bullets are indented now, as a mail client draws a list (was "• a" at the margin).
    assert text == "Hi,\n\nLine one\nLine two\n\n  • a\n  • b"


def test_links_become_numbered_footnotes_with_their_targets_at_the_end() -> None:
    # Was "the article <https://example.com/kb/12>." inline: the sentence now reads as written.
    assert html_to_text('See <a href="https://example.com/kb/12">the article</a>.') == (
        "See the article [1].\n\n[1] https://example.com/kb/12"
    )


def test_the_same_target_twice_is_one_footnote_and_a_visible_address_needs_none() -> None:
    text = html_to_text(
        '<p><a href="https://x.example/a">one</a>, <a href="https://x.example/a">again</a>,'
        ' <a href="https://x.example/b">https://x.example/b</a>,'
        ' <a href="mailto:help@x.example">help@x.example</a></p>'
    )
    assert (
        text == "one [1], again [1], https://x.example/b, help@x.example\n\n[1] https://x.example/a"
    )


def test_scripts_styles_and_javascript_links_are_dropped() -> None:
    html = (
        "<head><style>p{color:red}</style></head><script>alert(1)</script>"
        '<p>ok <a href="javascript:steal()">click</a></p>'
    )
    assert html_to_text(html) == "ok click"


def test_entities_are_decoded_and_source_whitespace_collapsed() -> None:
    # A non-breaking space is a plain space in a terminal (it was kept as U+00A0).
    assert html_to_text("<p>Fish &amp;\n   chips&nbsp;&lt;3</p>") == "Fish & chips <3"


def test_entities_are_decoded_once_wherever_the_text_sits() -> None:
    # A mail about HTML writes "&amp;lt;b&amp;gt;" to show "&lt;b&gt;"; decoding it twice
    # showed "<b>". In a paragraph with inline markup, preformatted text, a table cell and a
    # table inside a cell (each cell is one more pass in the layout engine).
    assert (
        html_to_text("<p>Type <b>&amp;lt;b&amp;gt;</b> &amp; R&amp;D</p>") == "Type &lt;b&gt; & R&D"
    )
    assert html_to_text("<pre>p &amp;amp; q</pre>") == "p &amp; q"
    assert html_to_text("<table><tr><td>&amp;copy; 2026</td></tr></table>") == "&copy; 2026"
    nested = "<table><tr><td><table><tr><td>&amp;lt;n&amp;gt;</td></tr></table></td></tr></table>"
    assert html_to_text(nested) == "&lt;n&gt;"


def test_preformatted_text_keeps_its_layout() -> None:
    assert "a\n  b" in html_to_text("<pre>a\n  b</pre>")


def test_detects_html_bodies() -> None:
    assert looks_like_html("<p>hi</p>")
    assert not looks_like_html("a < b and c > d")


# --- the sample e-mails ------------------------------------------------------------------------


def test_the_order_table_reads_in_aligned_columns() -> None:
    lines = body("order_notification.html").split("\n")
    header = next(line for line in lines if line.startswith("Item"))
    toner = next(line for line in lines if line.startswith("Toner HP 410A"))
    paper = next(line for line in lines if line.startswith("Paper A4"))
    for column in ("Qty", "Price"):
        at = header.index(column)
        assert toner[at - 1] == " " and toner[at] != " ", (column, header, toner)
        assert paper[at - 1] == " " and paper[at] != " "
    assert toner.split() == ["Toner", "HP", "410A", "2", "€", "89,00"]
    assert "trackOpen" not in body("order_notification.html")  # the head's script
    assert "Order confirmation" not in body("order_notification.html")  # the head's title


def test_numbered_and_nested_lists_keep_their_numbers_and_levels() -> None:
    lines = body("lists_nested.html").split("\n")
    assert " 1. Back up the old mailbox" in lines
    assert " 3. Import the backup" in lines
    nested = next(line for line in lines if "Server: mail.example.com" in line)
    assert nested.strip().startswith("1.") and nested.index("1.") > lines[2].index("1.")
    assert (lines[lines.index("  • Shared folders") :]) == [
        "  • Shared folders",
        "      ◦ Accounting",
        "      ◦ Sales",
        "          ▪ Offers 2026",
    ]


def test_an_ordered_list_may_start_elsewhere() -> None:
    assert html_to_text('<ol start="4"><li>d</li><li>e</li></ol>') == " 4. d\n 5. e"


def test_blockquotes_are_quoted_lines_as_a_plain_text_reply_writes_them() -> None:
    gmail = body("gmail_reply.html").split("\n")
    assert "> Hello Tom," in gmail
    assert ">  1. Open the VPN client" in gmail
    assert '> > The VPN says "authentication failed" since I changed my password.' in gmail
    assert not any(line.startswith(">") for line in gmail[: gmail.index("Tom")])
    apple = body("apple_mail_reply.html")
    assert "> our technician can replace the disk on Thursday. Does 14:00 suit you?" in apple


def test_outlook_paragraphs_are_lines_and_its_empty_ones_blank_lines() -> None:
    lines = body("outlook_reply.html").split("\n")
    start = lines.index("Kind regards,")
    assert lines[start : start + 4] == [
        "Kind regards,",
        "Marta Rinaldi",
        "Office Manager | Studio Rinaldi & Figli",
        "Tel. +39 02 5550 1234",
    ]
    assert lines[start - 1] == ""
    assert "From: Helpdesk <support@example.com>" in lines


def test_broken_html_keeps_every_word_and_the_rows_apart() -> None:
    lines = body("broken_unclosed.html").split("\n")
    assert "the invoice INV-2026-118 is wrong: the VAT rate should be 22%, not 10%." in lines
    assert [line.split() for line in lines if line.startswith(("Net", "VAT"))] == [
        ["Net", "€", "1.000,00"],
        ["VAT", "€", "100,00"],
    ]
    assert lines[-3:] == ["--", "Giulia Conti", "Accounts payable"]


def test_the_hostile_mail_stays_text_and_its_bad_links_are_no_links() -> None:
    text = body("hostile.html")
    assert "[@click=app.quit]click here[/]" in text  # markup is shown, never parsed
    assert '<script>alert("escaped text stays text")</script>' in text
    for gone in ("document.cookie", "display:none", "noscript content", "alert(1)", "alert(2)"):
        assert gone not in text
    assert "Reset your password or this or that or https://bank.example/login or vb." in text
    assert not re.search(r"\[\d+\]", text)  # javascript:, data:, vbscript:, user@host: none
    # A link's words that look like an address are only ever a link to what they say.
    assert [url for _, _, url in link_spans(text)] == ["https://bank.example/login"]
    assert "evil.example/login" not in text
    shown = inert(text)
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown
    assert "␛]8;;https://evil.example" in shown


def test_every_sample_converts_to_text_with_no_trailing_blanks() -> None:
    for name in HTML_EMAILS:
        text = body(name)
        assert text.strip(), name
        assert all(line == line.rstrip() for line in text.split("\n")), name
        assert "\n\n\n" not in text, name


def test_a_huge_body_is_converted_whole() -> None:
    text = html_to_text(huge_html(1_000_000))
    lines = text.split("\n")
    assert lines[lines.index("[1] https://shop.example.com/track/2026-0415") - 2] == "END OF BODY"
    assert text.count("Toner HP 410A") == text.count("Paper A4 80 g")
    assert "document.cookie" not in text


def test_html_nested_past_the_parsers_limit_loses_no_words() -> None:
    # lxml stops at 256 levels and drops the rest; such a body is read flat instead.
    html = "<div>" * 3000 + 'deep <a href="https://x.example/k">kb</a>' + "</div>" * 3000
    text = html_to_text(html + "<p>after</p><script>no()</script>")
    assert text.split("\n") == ["deep kb [1]", "", "after", "", "[1] https://x.example/k"]
