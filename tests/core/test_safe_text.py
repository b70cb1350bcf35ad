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


# --- invisible characters -----------------------------------------------------------------

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "soft hyphen": "\u00ad",
    "tag character": "\U000e0041",
    "cancel tag": "\U000e007f",
}


def test_invisible_characters_get_visible_stand_ins() -> None:
    for name, char in INVISIBLE.items():
        shown = inert(f"pay{char}pal")
        assert char not in shown, name
        assert f"<U+{ord(char):04X}>" in shown, name
        assert char not in inert_line(f"pay{char}pal"), name


def test_a_zero_width_joiner_inside_an_emoji_stays_readable() -> None:
    technologist = "\U0001f469\u200d\U0001f4bb"  # 👩‍💻
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧
    heart = "\u2764\ufe0f\u200d\U0001f525"  # ❤️‍🔥
    for emoji in (technologist, family, heart):
        assert inert(f"thanks {emoji}!") == f"thanks {emoji}!"
    assert inert("a\u200db") == "a<U+200D>b"  # between letters it hides a join: shown
    # Between two invisible tag characters (found by test_editable_text's property test) it is
    # as invisible as they are: all three shown.
    assert inert("\U000e0041\u200d\U000e0041") == "<U+E0041><U+200D><U+E0041>"


def test_the_table_covers_every_format_and_separator_character() -> None:
    # The pattern is a fixed table (fast to import); this keeps it true to unicodedata.
    import sys
    import unicodedata

    from tickettui.core.safe_text import _UNSAFE

    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cf", "Zl", "Zp", "Cc")
        and chr(code) not in "\n\t"
        and not _UNSAFE.match(chr(code))
    ]
    assert missed == []


def test_json_escapes_invisible_characters_but_keeps_the_data() -> None:
    import json

    from tickettui.core.safe_text import inert_json

    raw = json.dumps({"t": "a\u200bb\U000e0041c\u202e"}, ensure_ascii=False)
    shown = inert_json(raw)
    assert all(char not in shown for char in "\u200b\U000e0041\u202e")
    assert json.loads(shown) == {"t": "a\u200bb\U000e0041c\u202e"}


def test_a_redirect_target_loses_its_query_and_its_escapes() -> None:
    from tickettui.core.http.errors import redirect_target

    shown = redirect_target("https://user:pw@sso.example/lo\x1b]0;T\x07gin?token=t0k3n#f")
    assert shown == "https://sso.example/lo␛]0;T␇gin"
    assert redirect_target("not a url \x1b[2J?x=1") == "not a url ␛[2J"
