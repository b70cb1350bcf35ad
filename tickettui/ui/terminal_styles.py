"""Fewer bytes for the same screen: each change of style written as a change, not a new start.

Textual writes every run of cells of one style as ``ESC[<the whole style>m text ESC[0m``: the
label and the value beside it cost two whole styles and two resets, though only the colour
differs, and a line ends with a reset that the next line's first style undoes. Over SSH every
byte crosses the link. ``StyleChanges`` rewrites what the app writes so the terminal ends up
showing exactly the same cells: a style is written when text is about to be drawn in it, and
then only as what differs from the style the terminal has (``ESC[38;5;253m``), or a reset with
the new style in one sequence (``ESC[0;1;38;5;253m``) when something must be switched off. A
newline or cursor move right before another cursor move (Textual writes a newline after every
line it updates, and a move to each part of a line even when there is nothing to draw there)
is left out: the last move puts the cursor where it goes anyway. (A newline on the last line
would scroll the screen; Textual writes newlines only between the lines of an update.)

Safe by construction: before anything other than text, cursor moves and styles (erasing, modes,
the end of a write) the terminal is given exactly the style the app asked for; and whatever it
cannot read (an unknown style code, a sequence cut off at the end of a write, a restore of a
saved cursor) it passes through untouched, and does nothing but pass text through until the app
next resets the style.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

__all__ = ["PLAIN", "Look", "StyleChanges"]

_Write = Callable[[str], None]

# What the app writes, one piece at a time: a style (SGR), a cursor move (CUP), another control
# sequence (CSI), an OSC string, a two-character escape, a newline, text; an escape cut off at
# the end of the write (or one not known here) comes out as ``rest``.
_PIECES = (
    r"(?P<sgr>\x1b\[(?P<params>[0-9;]*)m)"
    r"|(?P<cup>\x1b\[[0-9]*(?:;[0-9]*)?H)"
    r"|(?P<csi>\x1b\[(?P<csi_params>[0-?]*)[ -/]*(?P<csi_final>[@-~]))"
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))"
    r"|(?P<esc>\x1b[ -/]*[0-Z\\^-~])"
    r"|(?P<newline>\n)"
    r"|(?P<text>[^\x1b\n]+)"
    r"|(?P<rest>\x1b[\s\S]*)"
)


@lru_cache(maxsize=1)
def _pieces() -> re.Pattern[str]:
    """Compiled when first written (in the writer's thread), not when imported (at start)."""
    return re.compile(_PIECES)


# Control sequences that move the cursor, erase (in the style asked for, given first), or set
# modes that keep the style: the style the terminal has is still known after them.
_KEEPS_STYLE_FINALS = frozenset("ABCDEFGHJKXdfhlrtnqsc")
# Modes that save or restore the cursor with its style: after them the style is not known.
_SAVES_STYLE_MODES = frozenset({"?1048", "?1049", "?47", "?1047"})
_FLAGS = frozenset({"1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53"})
_FLAGS_OFF = {
    "22": ("1", "2"),
    "23": ("3",),
    "24": ("4", "21"),
    "25": ("5", "6"),
    "27": ("7",),
    "28": ("8",),
    "29": ("9",),
    "54": ("51", "52"),
    "55": ("53",),
}
_COLOUR_SLOTS = {"38": "fg", "48": "bg", "58": "ul"}


class Look(NamedTuple):
    """A terminal's style: the attributes on, and each colour as its SGR code (None: the
    terminal's default)."""

    flags: frozenset[str] = frozenset()
    fg: str | None = None
    bg: str | None = None
    ul: str | None = None


PLAIN = Look()


@lru_cache(maxsize=1024)
def _after(look: Look, params: str) -> Look | None:
    """``look`` once the terminal has read ``ESC[<params>m``; None: a code not known here."""
    codes = params.split(";") if params else ["0"]
    flags, colours = set(look.flags), {"fg": look.fg, "bg": look.bg, "ul": look.ul}
    index = 0
    while index < len(codes):
        code = codes[index]
        if code in ("", "0"):
            flags.clear()
            colours = {"fg": None, "bg": None, "ul": None}
        elif code in _FLAGS:
            flags.add(code)
        elif code in _FLAGS_OFF:
            flags.difference_update(_FLAGS_OFF[code])
        elif code in _COLOUR_SLOTS:
            kind = codes[index + 1] if index + 1 < len(codes) else ""
            width = {"5": 1, "2": 3}.get(kind)
            if width is None or index + 1 + width >= len(codes):
                return None
            colours[_COLOUR_SLOTS[code]] = ";".join(codes[index : index + 2 + width])
            index += 1 + width
        elif code in ("39", "49", "59"):
            colours[{"39": "fg", "49": "bg", "59": "ul"}[code]] = None
        elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
            colours["fg"] = code
        elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
            colours["bg"] = code
        else:
            return None
        index += 1
    return Look(frozenset(flags), colours["fg"], colours["bg"], colours["ul"])


def _codes(look: Look) -> list[str]:
    colours = [colour for colour in (look.fg, look.bg, look.ul) if colour is not None]
    return sorted(look.flags, key=int) + colours


@lru_cache(maxsize=4096)
def _change(have: Look, want: Look) -> str:
    """The shortest of the two ways this module writes to go from ``have`` to ``want``."""
    if have == want:
        return ""
    fresh = "\x1b[" + ";".join(["0", *_codes(want)]) + "m"
    if have.flags - want.flags or (have.ul is not None and want.ul is None):
        return fresh
    codes = sorted(want.flags - have.flags, key=int)
    if want.fg != have.fg:
        codes.append("39" if want.fg is None else want.fg)
    if want.bg != have.bg:
        codes.append("49" if want.bg is None else want.bg)
    if want.ul != have.ul and want.ul is not None:
        codes.append(want.ul)
    changed = "\x1b[" + ";".join(codes) + "m"
    return changed if len(changed) < len(fresh) else fresh


class StyleChanges:
    """Rewrites one terminal's output, write by write (``rewrite``); keeps what the terminal's
    style is between writes (after each write it is exactly what the app asked for)."""

    def __init__(self) -> None:
        self._have: Look | None = None  # what the terminal has; None: not known
        self._want: Look | None = None  # what the app has asked for so far

    def rewrite(self, text: str) -> str:
        out: list[str] = []
        write = out.append
        # Cursor moves and newlines not yet written: a cursor move after them makes them needless.
        moves: list[str] = []
        for piece in _pieces().finditer(text):
            kind = piece.lastgroup
            if kind == "cup":
                moves = [piece.group()]
                continue
            if kind == "newline":
                moves.append("\n")
                continue
            if kind == "sgr":
                self._style(piece.group(), piece.group("params"), write)
                continue
            self._settle(write)  # (a newline on the last line scrolls in this style too)
            if moves:
                write("".join(moves))
                moves = []
            write(piece.group())
            if kind == "csi":
                params, final = piece.group("csi_params"), piece.group("csi_final")
                if final not in _KEEPS_STYLE_FINALS or params in _SAVES_STYLE_MODES:
                    self._forget()
            elif kind in ("esc", "rest"):  # ESC 7/8 save and restore the style too
                self._forget()
        self._settle(write)
        write("".join(moves))
        return "".join(out)

    def _style(self, sequence: str, params: str, write: _Write) -> None:
        want = self._want
        if want is None:  # not known: as written, known again from a reset on
            write(sequence)
            reset = params == "" or params.split(";", 1)[0] in ("", "0")
            known = _after(PLAIN, params) if reset else None
            self._have = self._want = known
            return
        after = _after(want, params)
        if after is None:
            self._settle(write)
            write(sequence)
            self._forget()
            return
        self._want = after

    def _settle(self, write: _Write) -> None:
        """Give the terminal the style the app has asked for."""
        have, want = self._have, self._want
        if want is None or have is None:
            return
        if have != want:
            write(_change(have, want))
            self._have = want

    def _forget(self) -> None:
        self._have = self._want = None
