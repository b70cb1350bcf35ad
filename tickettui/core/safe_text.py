"""Make untrusted ticket text inert for a terminal.

Customers write whatever they like. Escape sequences (ANSI CSI, OSC 8 links, OSC 52 clipboard),
C0/C1 control characters and BiDi overrides must never reach the terminal as themselves:
each becomes a visible, harmless stand-in so agents still see that something odd was there.
(Rich markup is neutralised separately by rendering through ``rich.text.Text``, never markup.)
"""

from __future__ import annotations

import re

# BiDi embedding/override/isolate controls can reorder what an agent reads (Trojan Source).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def inert(text: str) -> str:
    """Text safe to display: newlines and tabs kept, everything else visible and harmless."""
    if not _UNSAFE.search(text):
        return text  # the common case costs one regex scan
    return _UNSAFE.sub(_stand_in, text.replace("\r\n", "\n").replace("\r", "\n"))


def inert_line(text: str) -> str:
    """One-line form for list cells and headers: line breaks and tabs become spaces."""
    return inert(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))


# In JSON, control characters below U+0020 are escaped already; these are not.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}]")


def inert_json(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1 and BiDi controls escaped as ``\\uXXXX``.

    Still the same JSON for a program; a terminal showing it gets nothing it would act on.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
