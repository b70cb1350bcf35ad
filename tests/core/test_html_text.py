"""HTML message bodies read well in a terminal."""

from tickettui.core.html_text import html_to_text, looks_like_html


def test_paragraphs_breaks_and_lists_become_lines() -> None:
    text = html_to_text("<p>Hi,</p><p>Line one<br>Line two</p><ul><li>a</li><li>b</li></ul>")
    assert text == "Hi,\n\nLine one\nLine two\n\n• a\n• b"


def test_links_keep_their_target() -> None:
    assert html_to_text('See <a href="https://example.com/kb/12">the article</a>.') == (
        "See the article <https://example.com/kb/12>."
    )


def test_scripts_styles_and_javascript_links_are_dropped() -> None:
    html = (
        "<head><style>p{color:red}</style></head><script>alert(1)</script>"
        '<p>ok <a href="javascript:steal()">click</a></p>'
    )
    assert html_to_text(html) == "ok click"


def test_entities_are_decoded_and_source_whitespace_collapsed() -> None:
    assert html_to_text("<p>Fish &amp;\n   chips&nbsp;&lt;3</p>") == "Fish & chips\xa0<3"


def test_preformatted_text_keeps_its_layout() -> None:
    assert "a\n  b" in html_to_text("<pre>a\n  b</pre>")


def test_detects_html_bodies() -> None:
    assert looks_like_html("<p>hi</p>")
    assert not looks_like_html("a < b and c > d")
