"""Customer-written text reaches the terminal as inert, visible characters."""

from tickettui.core.safe_text import inert, inert_line


def test_plain_text_is_untouched() -> None:
    assert inert("Hello, world — ça va?\nBye") == "Hello, world — ça va?\nBye"


def test_escape_sequences_lose_their_escape_character() -> None:
    shown = inert("\x1b[31mred\x1b[0m \x1b]52;c;c2VjcmV0\x07 \x1b]8;;https://evil\x1b\\x")
    assert "\x1b" not in shown and "\x07" not in shown
    assert "␛[31mred" in shown


def test_bidi_overrides_and_nul_become_visible_markers() -> None:
    shown = inert("invoice\u202egnp.exe\x00")
    assert "\u202e" not in shown and "\x00" not in shown
    assert "<U+202E>" in shown and "␀" in shown


def test_c1_controls_are_neutralised() -> None:
    assert "\x9b" not in inert("a\x9b31mb")


def test_one_line_form_flattens_line_breaks_and_tabs() -> None:
    assert inert_line("a\r\nb\tc\nd") == "a b c d"


def test_rich_markup_is_left_as_literal_text() -> None:
    # Markup is neutralised by rendering through rich.text.Text; the characters stay as typed.
    assert inert("[bold red]alert[/]") == "[bold red]alert[/]"
