"""Server text in an input is shown inert and saved back byte for byte but for the user's edit.

The property the edit form promises: for any original text (control characters, escapes, BiDi
and invisible characters, line breaks, look-alikes of the stand-ins themselves) and any single
edit made in the input, the text saved is the original with exactly that edit.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tickettui.core.editable_text import _tokens, saved, shown
from tickettui.core.safe_text import inert

# What customers and servers put in text: plain words, escapes, controls, invisible and BiDi
# characters, CR/LF/tab, the stand-ins' own glyphs and "<U+...>" spelled out, emoji with ZWJ.
PIECES = st.sampled_from(
    [
        "Printer",
        " ",
        "é",
        "\x1b[31m",
        "\x1b]52;c;cm0=\x07",
        "\x00",
        "\x7f",
        "\x9b",
        "\u202e",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u2028",
        "\U000e0041",
        "\r\n",
        "\n",
        "\r",
        "\t",
        "␛",
        "␀",
        "<U+202E>",
        "<U+0041>",
        "<",
        "U+",
        "\U0001f469\u200d\U0001f4bb",
    ]
)
ORIGINALS = st.lists(PIECES | st.text(max_size=3), max_size=12).map("".join)
# What a user types: anything a keyboard gives but the two shapes a stand-in has.
TYPED = st.text(
    alphabet=st.characters(
        categories=("L", "N", "Zs", "P", "S"), exclude_characters="<>\u2400\u2421"
    ).filter(lambda c: not "\u2400" <= c <= "\u241f"),
    max_size=8,
)


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, bool, str, str]:
    """An original, a one-line flag, what the input holds after one edit, and the expected save."""
    original = draw(ORIGINALS)
    one_line = draw(st.booleans())
    tokens = list(_tokens(original, one_line=one_line))
    start = draw(st.integers(0, len(tokens)))
    end = draw(st.integers(start, len(tokens)))
    typed_in = draw(TYPED)
    if not one_line:
        typed_in = typed_in.replace("\n", "")
    holds = "".join(t.shown for t in tokens[:start]) + typed_in
    holds += "".join(t.shown for t in tokens[end:])
    expected = "".join(t.original for t in tokens[:start]) + typed_in
    expected += "".join(t.original for t in tokens[end:])
    return original, one_line, holds, expected


@settings(max_examples=600)
@given(edits())
def test_a_single_edit_saves_the_original_with_that_edit(
    case: tuple[str, bool, str, str],
) -> None:
    original, one_line, holds, expected = case
    assert saved(original, holds, one_line=one_line) == expected


@settings(max_examples=300)
@given(ORIGINALS, st.booleans())
def test_untouched_text_is_saved_as_it_came_and_shown_inert(original: str, one_line: bool) -> None:
    display = shown(original, one_line=one_line)
    assert saved(original, display, one_line=one_line) == original
    # Nothing in the display acts on a terminal: inert() leaves it as it is.
    assert inert(display) == display.replace("\r\n", "\n")
    if one_line:
        assert "\n" not in display and "\t" not in display and "\r" not in display


def test_appending_a_word_to_a_hostile_title_keeps_every_original_character() -> None:
    title = "Printer \x1b[31mjams\u202e \u200b␛ <U+0041>"
    display = shown(title, one_line=True)
    assert display == "Printer ␛[31mjams<U+202E> <U+200B><U+241B> <U+003C>U+0041>"
    assert saved(title, display + " again", one_line=True) == title + " again"


def test_deleting_a_stand_in_deletes_its_character() -> None:
    title = "a\u202eb\u202dc"
    display = shown(title, one_line=True)  # "a<U+202E>b<U+202D>c"
    assert saved(title, display.replace("<U+202E>", ""), one_line=True) == "ab\u202dc"
    assert saved(title, "a<U+202D>c", one_line=True) == "a\u202dc"


def test_a_stand_in_typed_from_scratch_stays_text_and_new_lines_follow_crlf() -> None:
    assert saved("plain", "plain <U+202E>", one_line=True) == "plain <U+202E>"
    body = "Hello\r\nThanks\r\n"
    assert saved(body, "Hello\nMore\nThanks\n", one_line=False) == "Hello\r\nMore\r\nThanks\r\n"


def test_spaces_typed_at_the_ends_are_trimmed_the_originals_are_not() -> None:
    assert saved("Old", "  New title ", one_line=True, trim=True) == "New title"
    assert saved(" Old", " Old more ", one_line=True, trim=True) == " Old more"
