"""Hostile text, and the checks that it reached the screen inert, shared by every hostile test.

Two kinds: what customers write (titles, bodies, names: ``HOSTILE``) and what a server itself
supplies (department and status names, ticket numbers, error messages: ``SERVER_HOSTILE``).
Either is shown as visible stand-ins with brackets as typed: nothing reaches the terminal raw,
and nothing is parsed as markup.
"""

from __future__ import annotations

from typing import Any

HOSTILE = {
    "rich markup": "[bold red]BOLD[/bold red] [link=https://evil.example]x[/link] [/]",
    "ANSI CSI": "\x1b[31mRED\x1b[0m\x1b[2J\x1b[H",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "OSC 8 link": "\x1b]8;;https://evil.example\x1b\\click me\x1b]8;;\x1b\\",
    "BiDi override": "invoice\u202egpj.exe\u202c",
    "NUL and controls": "a\x00b\x07c\x08d\x7fe\x9bf",
    "10,000-character line": "W" * 10_000,
}
HOSTILE_INPUTS = len(HOSTILE) + 1  # + the 1 MB body (the README figures count these)
RAW = ("\x1b", "\x07", "\x00", "\u202e", "\x9b", "\x08", "\u200b", "\ufeff")
STAND_INS = ("\u241b", "<U+202E>", "\u2400")  # ␛, the BiDi override, ␀
MB_BODY = ("Line of a huge forwarded log \x1b[1mbold\x1b[0m.\n" * 24_000)[:1_000_000]

# What a server supplies. The first two are the audit's: a clickable action that writes a file
# where the server chose, and markup that crashed the palette with MarkupError.
CLICK = "Domini[@click=app.screenshot('pwned.svg','.')]CLICKME[/]"
CRASH = "Commerciale [link=https://evil.example]x[/link] [/b]"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: writes the clipboard
WINDOW_TITLE = "\x1b]0;PWNED\x07"  # OSC 0: sets the window title
CLEAR = "\x1b[2J"  # clears the screen
INVISIBLE = "pay\u200bpal\ufeff"


def server_name(word: str) -> str:
    """A name as a hostile server sends it: a readable word, then every trick at once."""
    return f"{word} {CLIPBOARD}{WINDOW_TITLE}{CLEAR}[b]x[/b] {INVISIBLE}"


def assert_inert(text: str) -> None:
    for raw in RAW:
        assert raw not in text, f"raw {raw!r} reached the screen"


def assert_shown_inert(app: Any) -> str:
    """Nothing raw on screen, and no markup applied (no link or action from data); the text."""
    from tickettui.ui.textual_compat import rendered_strips  # here: the rest needs no Textual

    strips = rendered_strips(app.screen)
    text = "\n".join(strip.text for strip in strips)
    assert_inert(text)
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            assert not style.link or "evil.example" not in style.link, "markup made a link"
            meta = str(style.meta)  # {} when there is none
            assert "screenshot" not in meta, "markup made a clickable action"
    return text
