"""Links and the clipboard, the core side (issue 15, item 4): the web address filled in
safely, only http/https/mailto URLs without tricks become links, and copied text carries no
escape sequence of its own."""

from __future__ import annotations

import pytest

from tests.hostile_text import CLIPBOARD, HOSTILE, RAW, WINDOW_TITLE
from tickettui.core.errors import ConfigurationError
from tickettui.core.ticket_links import (
    MAX_LINK,
    check_template,
    clipboard_text,
    link_spans,
    safe_link,
    web_url,
)


def test_the_template_is_filled_and_a_hostile_number_cannot_add_parameters() -> None:
    template = "https://h.example/t?id={id}&n={number}"
    assert web_url(template, 41227, "616611") == "https://h.example/t?id=41227&n=616611"
    assert web_url(template, 1, "1&admin=1/../x") == (
        "https://h.example/t?id=1&n=1%26admin%3D1%2F..%2Fx"
    )


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("ftp://h/{id}", "must start with https:// or http://"),
        ("https://h/{ticket}", "unknown placeholder ticket"),
        ("https://h/{id", "web_url:"),
        ("https://h/ {id}", "spaces or control characters"),
    ],
)
def test_a_bad_template_is_one_line(template: str, words: str) -> None:
    with pytest.raises(ConfigurationError, match=None) as raised:
        check_template(template)
    assert words in str(raised.value)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://user@evil.example/",
        "https://a.example/\x1b]52;c;eA==\x07",
        "https://a.example/" + "a" * MAX_LINK,
        "data:text/html,<b>x</b>",
        "https://",
        "mailto:",
    ],
)
def test_unsafe_urls_are_no_links(url: str) -> None:
    assert not safe_link(url)


def test_links_in_text_stop_where_the_sentence_goes_on() -> None:
    text = "See https://a.example/x. Or (https://en.wikipedia.org/wiki/A_(b)), mailto:h@b.example!"
    assert [url for _, _, url in link_spans(text)] == [
        "https://a.example/x",
        "https://en.wikipedia.org/wiki/A_(b)",
        "mailto:h@b.example",
    ]
    start, end, url = link_spans(text)[0]
    assert text[start:end] == url


def test_markup_and_escape_sequences_make_no_link_of_their_own() -> None:
    spans = link_spans(HOSTILE["rich markup"] + " " + HOSTILE["OSC 8 link"])
    # The markup's URL is shown as text and links where it says, never to "x[/link]".
    assert all(url == "https://evil.example" for _, _, url in spans[:1])
    assert all("[" not in url and "\x1b" not in url and "\\" not in url for _, _, url in spans)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_copied_text_has_no_control_characters(name: str) -> None:
    copied = clipboard_text(HOSTILE[name] + CLIPBOARD + WINDOW_TITLE)
    for raw in RAW:
        assert raw not in copied


def test_copied_text_keeps_lines_and_tabs() -> None:
    assert clipboard_text("a\r\nb\tc\rd") == "a\nb\tc\nd"


@pytest.mark.parametrize(
    ("api", "page"),
    [
        (
            "https://online2.superoffice.com/Cust1234/api",
            "https://online2.superoffice.com/Cust1234/CS/scripts/ticket.fcgi",
        ),
        ("https://crm.example/SuperOffice/api/v1/", "https://crm.example/scripts/ticket.fcgi"),
    ],
)
def test_superoffice_opens_the_ticket_in_service(api: str, page: str) -> None:
    from tickettui.systems.superoffice.web_url import default_web_url

    assert default_web_url(api) == page + "?action=listTicket&ticketId={id}"
