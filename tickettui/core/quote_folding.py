"""A message body split into what was written, the quoted history and the signature.

Mail replies carry the whole earlier conversation again; a reader wants it folded to one line,
as mutt and aerc do. This finds, in plain text (``core.html_text`` writes ``<blockquote>`` as
"> " lines, so HTML and plain mail look alike here):

- quoted lines: runs of lines starting with ">", with the attribution line before them
  ("On Tue, 3 Mar 2026, Tom wrote:", "Il ... ha scritto:", "Am ... schrieb ...:", "Le ... a
  écrit :"), even when a mail client wrapped it over two lines;
- Outlook's history: a "From: ..." line followed within a few lines by "Sent:" or "Date:"
  (or the languages' equivalents), or an "-----Original Message-----" line: everything from
  there on is earlier mail;
- the signature: the "-- " line and what follows, or a short sign-off block at the end of what
  was written ("Best regards,", "Cordiali saluti", a name and a few short lines).

The footnote list ``html_text`` puts at the end ("[1] https://...") stays text, after them.
Pure and UI-free: the thread view decides how each kind looks and which quotes are open.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

__all__ = ["Segment", "SegmentKind", "quoted_line_count", "segments"]


class SegmentKind(StrEnum):
    TEXT = "text"
    QUOTE = "quote"
    SIGNATURE = "signature"


@dataclass(slots=True, frozen=True)
class Segment:
    kind: SegmentKind
    lines: tuple[str, ...]


HEADER_REACH = 4  # "Sent:" within this many lines after "From:"
_ATTRIBUTION_END = re.compile(
    r"(?:wrote|writes|ha scritto|schrieb|a écrit|escribió|schreef|skrev)\s*:\s*$", re.IGNORECASE
)
_ATTRIBUTION_START = re.compile(r"^(?:On|Il|Am|Le|El|Op|Den|Em)\s", re.IGNORECASE)
_ORIGINAL = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:Original Message|Messaggio originale|Ursprüngliche Nachricht|"
    r"Message d'origine|Mensaje original)[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_OUTLOOK_HEADER = re.compile(
    rf"^[ \t]*\**(?:From|Da|Von|De|Van|Från)[ \t]*:\**[ \t]*\S.*\n(?:.*\n){{0,{HEADER_REACH - 1}}}?"
    r"[ \t]*\**(?:Sent|Date|Inviato|Data|Gesendet|Datum|Envoyé|Enviado|Fecha|Verzonden|Skickat)"
    r"[ \t]*:\**[ \t]*\S",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_LINE = re.compile(r"^--[ \t]?$", re.MULTILINE)
# A run of quoted lines, blank lines between them included, ending on a quoted line.
_QUOTE_RUN = re.compile(r"^[ \t]{0,3}>.*(?:\n(?:[ \t]*\n)*[ \t]{0,3}>.*)*", re.MULTILINE)
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:best|kind|warm|many thanks and|with kind)?\s*regards|best wishes|cheers|"
    r"thanks|thank you|many thanks|sincerely|yours(?: sincerely| truly)?|"
    r"cordiali saluti|distinti saluti|saluti|un saluto|grazie(?: mille)?|buona giornata|"
    r"mit freundlichen grüßen|viele grüße|beste grüße|gruß|cordialement|bien à vous|"
    r"saludos|un saludo|atentamente|met vriendelijke groet)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^\[\d+\] \S+$")
SIGN_OFF_LINES = 6  # a sign-off block is at most this many lines after the sign-off line
SIGN_OFF_WIDTH = 72  # and none of them longer (a paragraph after "Thanks," is no signature)


def _footnotes_start(lines: list[str]) -> int:
    """Where the trailing footnote list begins (``len(lines)`` without one)."""
    at = len(lines)
    while at > 0 and _FOOTNOTE.match(lines[at - 1]):
        at -= 1
    if at == len(lines) or at == 0 or lines[at - 1].strip():
        return len(lines)  # no list, or not set apart by a blank line: ordinary text
    return at


class _Lines:
    """The body's lines and where each starts, so whole-body regex searches (in C) find the
    few candidate lines instead of a Python loop matching every line (a 300-message thread
    is ~30,000 lines, laid out as the thread opens)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.lines = body.split("\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.lines)]

    def index(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def matching(self, pattern: re.Pattern[str], start: int, end: int) -> Iterator[int]:
        """Indexes of the lines in [start, end) where ``pattern`` (MULTILINE) matches."""
        for match in pattern.finditer(self.body, self.starts[start], self.starts[end]):
            yield self.index(match.start())


def _outlook_history(text: _Lines, end: int) -> int:
    """Where Outlook's quoted history begins (``end`` without one): the first separator line,
    or "From:" with "Sent:"/"Date:" within the next HEADER_REACH lines (each one regex search)."""
    limit = text.starts[end]
    found = [
        text.index(match.start())
        for pattern in (_ORIGINAL, _OUTLOOK_HEADER)
        if (match := pattern.search(text.body, 0, limit))
    ]
    return min(found, default=end)


def _attribution(lines: list[str], quote_start: int, floor: int) -> int:
    """The first line of the attribution right above the quote at ``quote_start`` (one blank
    line may sit between), or ``quote_start`` without one."""
    at = quote_start
    if at - 1 >= floor and not lines[at - 1].strip():
        at -= 1
    if at - 1 >= floor and _ATTRIBUTION_END.search(lines[at - 1]):
        first = at - 1
        if _ATTRIBUTION_START.match(lines[first]):
            return first
        if first - 1 >= floor and _ATTRIBUTION_START.match(lines[first - 1]):
            return first - 1  # "On Wed, 4 Mar 2026 at 10:02, Helpdesk <" / "x@y> wrote:"
        return first
    return quote_start


def _quote_runs(text: _Lines, end: int) -> list[tuple[int, int]]:
    """(start, end) of each quoted block before ``end``, attribution included: quoted lines
    with only blank lines between them are one block (one regex match each)."""
    runs: list[tuple[int, int]] = []
    for match in _QUOTE_RUN.finditer(text.body, 0, text.starts[end]):
        start, last = text.index(match.start()), text.index(match.end())
        runs.append((_attribution(text.lines, start, runs[-1][1] if runs else 0), last + 1))
    return runs


def _signature_start(text: _Lines, start: int, end: int, *, last: bool) -> int:
    """Where the signature of the text ``lines[start:end]`` begins (``end`` without one).

    A sign-off block counts only in the text that ends the message or comes right before the
    quoted history (``last``): "Thanks," in the middle of a mail is just a word."""
    lines = text.lines
    for at in text.matching(_SIGNATURE_LINE, start, end):
        return at
    if not last:
        return end
    tail_end = end
    while tail_end > start and not lines[tail_end - 1].strip():
        tail_end -= 1
    for at in range(max(start, tail_end - SIGN_OFF_LINES - 1), tail_end):
        if _SIGN_OFF.match(lines[at]) and at > start:
            block = lines[at + 1 : tail_end]
            if all(len(line) <= SIGN_OFF_WIDTH for line in block) and "" not in [
                line.strip() for line in block
            ]:
                return at
    return end


def _text_and_signature(text: _Lines, start: int, end: int, *, last: bool) -> list[Segment]:
    if start >= end:
        return []
    lines = text.lines
    cut = _signature_start(text, start, end, last=last)
    parts = [Segment(SegmentKind.TEXT, tuple(lines[start:cut]))] if cut > start else []
    if cut < end:
        parts.append(Segment(SegmentKind.SIGNATURE, tuple(lines[cut:end])))
    return parts


def segments(body: str) -> list[Segment]:
    """``body`` as consecutive segments; joining their lines with "\\n" gives ``body`` back."""
    text = _Lines(body)
    lines = text.lines
    notes = _footnotes_start(lines)
    history = _outlook_history(text, notes)
    runs = _quote_runs(text, history)
    if history < notes:
        end = notes
        while end > history + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the history stay, so the footnotes stay set apart
        runs.append((history, end))
    parts: list[Segment] = []
    at = 0
    for index, (start, end) in enumerate(runs):
        # The text before the first quote is what was written; a sign-off there is the sign-off.
        parts.extend(_text_and_signature(text, at, start, last=index == 0))
        parts.append(Segment(SegmentKind.QUOTE, tuple(lines[start:end])))
        at = end
    parts.extend(_text_and_signature(text, at, notes, last=not runs))
    if notes < len(lines):
        tail = tuple(lines[notes:])
        if parts and parts[-1].kind is SegmentKind.TEXT:
            parts[-1] = Segment(SegmentKind.TEXT, parts[-1].lines + tail)
        else:
            parts.append(Segment(SegmentKind.TEXT, tail))
    return _merged(parts)


def _merged(parts: list[Segment]) -> list[Segment]:
    """Neighbours of the same kind as one segment (two quote runs with only blank lines between
    them fold as one)."""
    merged: list[Segment] = []
    for part in parts:
        if merged and merged[-1].kind is part.kind:
            merged[-1] = Segment(part.kind, merged[-1].lines + part.lines)
        elif (
            part.kind is SegmentKind.QUOTE
            and len(merged) >= 2
            and merged[-2].kind is SegmentKind.QUOTE
            and merged[-1].kind is SegmentKind.TEXT
            and not any(line.strip() for line in merged[-1].lines)
        ):
            blank = merged.pop()
            merged[-1] = Segment(SegmentKind.QUOTE, merged[-1].lines + blank.lines + part.lines)
        else:
            merged.append(part)
    return merged


def quoted_line_count(segment: Segment) -> int:
    """How many lines a folded quote hides (its non-blank ones: what the fold line counts)."""
    return sum(1 for line in segment.lines if line.strip())
