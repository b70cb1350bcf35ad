"""Server text in an input: shown inert, saved back byte for byte except what the user changed.

An input can only show text that is safe for the terminal, so an escape, a BiDi control or a
zero-width space is shown as a visible stand-in (``␛``, ``<U+202E>``). When the user appends a
word to such a title, the save must send the original characters, not the stand-ins: the user
never touched them.

``shown(original)`` lays the text out as tokens, one per character (or ``\\r\\n`` pair) of the
original, each displayed as itself or as its stand-in. The display is unambiguous: a stand-in
always means the character it stands for, so a literal ``␛`` or ``<U+0041>`` in the original is
itself shown as a stand-in. ``saved(original, typed)`` reads what the input holds back into
tokens, keeps the original characters of the tokens before and after the edit, and takes the
edited tokens as typed (a stand-in the user kept or moved within the text means its character
again; one typed from scratch stays the text it is).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tickettui.core.safe_text import inert_char

__all__ = ["saved", "shown"]

# A stand-in in what an input holds: "<U+202E>", or a control picture (␀ .. ␟, ␡) for a C0
# control or DEL. The same two shapes, met literally in the original, are shown as stand-ins.
_STAND_IN = re.compile(r"<U\+[0-9A-F]{4,6}>|[\u2400-\u241f\u2421]")


@dataclass(frozen=True, slots=True)
class _Token:
    shown: str  # what the input holds for it
    original: str  # the characters it stands for


def _picture(char: str) -> str | None:
    """The control picture a C0 control or DEL is shown as."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return None


def _tokens(original: str, *, one_line: bool) -> Iterator[_Token]:
    at = 0
    while at < len(original):
        char = original[at]
        if char == "\r" and original.startswith("\r\n", at) and not one_line:
            yield _Token("\n", "\r\n")
            at += 2
            continue
        at += 1
        if char in "\n\t" and not one_line:
            yield _Token(char, char)
        elif (picture := _picture(char)) is not None:
            yield _Token(picture, char)
        elif _STAND_IN.match(original, at - 1):
            yield _Token(f"<U+{ord(char):04X}>", char)  # a literal look-alike, told apart
        else:
            yield _Token(inert_char(original, at - 1), char)


def shown(original: str, *, one_line: bool) -> str:
    """What an input holds for ``original``: inert, and read back exactly by ``saved``."""
    return "".join(token.shown for token in _tokens(original, one_line=one_line))


def _typed_tokens(typed: str) -> list[str]:
    """What the input holds, split as ``shown`` would have laid it out."""
    tokens: list[str] = []
    at = 0
    for match in _STAND_IN.finditer(typed):
        tokens.extend(typed[at : match.start()])
        tokens.append(match.group())
        at = match.end()
    tokens.extend(typed[at:])
    return tokens


def saved(original: str, typed: str, *, one_line: bool, trim: bool = False) -> str:
    """The text to save when an input that showed ``original`` holds ``typed``: the original's
    own characters where the user changed nothing, what the user typed where they did.

    ``trim``: spaces the user typed at the very start or end are dropped (a title retyped as
    "  New title "), never the original's own.
    """
    before = list(_tokens(original, one_line=one_line))
    after = _typed_tokens(typed)
    start = 0
    while start < min(len(before), len(after)) and before[start].shown == after[start]:
        start += 1
    end = 0
    while (
        end < min(len(before), len(after)) - start
        and before[len(before) - 1 - end].shown == after[len(after) - 1 - end]
    ):
        end += 1
    # A stand-in in the edited part that the original had (kept, or moved within the text)
    # means that character again; anything else is what the user typed, as typed.
    known = {t.shown: t.original for t in before if t.shown not in (t.original, "\n")}
    if not one_line and "\r\n" in original and "\n" not in original.replace("\r\n", ""):
        known["\n"] = "\r\n"  # new lines in a CRLF text get its line ends
    middle = "".join(known.get(token, token) for token in after[start : len(after) - end])
    head = "".join(token.original for token in before[:start])
    tail = "".join(token.original for token in before[len(before) - end :])
    if trim:
        middle = middle if head else middle.lstrip()
        middle = middle if tail else middle.rstrip()
    return head + middle + tail
