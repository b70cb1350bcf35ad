"""Make untrusted text inert for a terminal.

Customers write whatever they like, and servers send names and error messages we do not
control. Escape sequences (ANSI CSI, OSC 8 links, OSC 52 clipboard, OSC 0 window titles), C0/C1
control characters, BiDi overrides and invisible format characters (zero-width spaces, word
joiners, the byte-order mark, line/paragraph separators, soft hyphens, tag characters) must never
reach the terminal as themselves: each becomes a visible, harmless stand-in, so agents still see
that something odd was there. (Rich and Textual markup is neutralised separately: data is shown
through ``rich.text.Text`` or ``textual.content.Content``, never parsed as markup.)
"""

from __future__ import annotations

import re

__all__ = ["inert", "inert_char", "inert_json", "inert_line"]

# Unicode's format (Cf), line-separator (Zl) and paragraph-separator (Zp) characters: invisible,
# or (BiDi controls among them) able to reorder what an agent reads (Trojan Source). A fixed
# table, not a scan of unicodedata at import (that costs ~0.3 s); tests/core/test_safe_text.py
# checks it covers every such character of the running Python's Unicode version. The Egyptian
# format controls run to U+1343F as of Unicode 15.
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
_ZWJ = "\u200d"


def _is_emoji_part(char: str) -> bool:
    """A character a ZWJ emoji sequence joins (👩, ❤, a skin tone, the VS16 after ❤).

    Only visible pictographs: the invisible tag characters (U+E0020..) lie above the emoji
    planes, and a joiner between two of them must show like any other invisible character."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code in (0xFE0F, 0x2640, 0x2642)
    )


def _joins_emoji(match: re.Match[str]) -> bool:
    """A zero-width joiner inside an emoji sequence (👩‍💻): kept, so the emoji stays readable."""
    text, at = match.string, match.start()
    return 0 < at < len(text) - 1 and _is_emoji_part(text[at - 1]) and _is_emoji_part(text[at + 1])


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    if char == _ZWJ and _joins_emoji(match):
        return char
    return f"<U+{code:04X}>"


def inert_char(text: str, at: int) -> str:
    """How ``inert`` shows the character at ``at`` of ``text`` (its neighbours decide whether a
    zero-width joiner is part of an emoji); line breaks and tabs as themselves."""
    match = _UNSAFE.match(text, at)
    return _stand_in(match) if match else text[at]


def inert(text: str) -> str:
    """Text safe to display: newlines and tabs kept, everything else visible and harmless."""
    if not _UNSAFE.search(text):
        return text  # the common case costs one regex scan
    return _UNSAFE.sub(_stand_in, text.replace("\r\n", "\n").replace("\r", "\n"))


def inert_line(text: str) -> str:
    """One-line form for list cells and headers: line breaks and tabs become spaces."""
    return inert(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))


# In JSON, control characters below U+0020 are escaped already; these are not. Compiled on
# first use (re's cache; ~0.35 ms): the app's first frame prints no JSON.
_JSON_UNSAFE = f"[\x7f-\x9f{_INVISIBLE}]"


def inert_json(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1, BiDi and invisible characters escaped as
    ``\\uXXXX`` (a surrogate pair beyond the BMP).

    Still the same JSON for a program; a terminal showing it gets nothing it would act on.
    """
    return re.sub(_JSON_UNSAFE, lambda m: _json_escape(m.group()), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
