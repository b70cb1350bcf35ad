"""Command palette (ctrl+p) entries for the queue: sections, go to ticket N, sorting, refresh.

Entries name things a server chose (Keliweb departments and statuses, SuperOffice sections),
so the palette is handed ``Content``, never a ``str``: Textual parses a string hit as markup,
and a department named ``x[@click=app.screenshot(...)]y[/]`` would become a clickable action,
one with ``[/b]`` in it would crash the app as soon as the palette searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, cast, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tickettui.core.safe_text import inert_line

# "123", "#123", "go 123", "go to ticket 123", "ticket 123", "open 123"
# "616611", "#616611", "ABC-123456", "id:41227", after "go to", "open" or "ticket" if typed.
_TICKET_NUMBER = re.compile(
    r"^\s*(?:(?:go\s*(?:to)?|open|ticket)\s*)*(id:\s*\d{1,18}|#?\s*[A-Za-z0-9][A-Za-z0-9-]{0,39})\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str  # may hold server text: shown inert and never parsed as markup
    help: str
    run: Callable[[], Any]

    @property
    def shown_title(self) -> str:
        return inert_line(self.title)


def _plain(text: str) -> str:
    """Help text as ``Content``: the palette passes it through ``Content.from_markup``, which
    returns a Content unchanged (typed ``str`` in Textual, hence the cast)."""
    return cast(str, Content(inert_line(text)))


def _highlighted(matcher: Matcher, candidate: str) -> Content:
    """``matcher.highlight`` without its markup parsing: the matched letters styled on plain
    content (the offsets are the candidate's own characters)."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


@runtime_checkable
class ListsCommands(Protocol):
    """A screen with commands of its own for the palette."""

    def palette_commands(self) -> list[PaletteCommand]: ...


@runtime_checkable
class OffersCommands(ListsCommands, Protocol):
    """One that also opens a ticket by number ("go to ticket N")."""

    def go_to_ticket(self, number: str) -> None: ...


def ticket_number(query: str) -> str | None:
    """The ticket a palette query asks for, as typed ("616611", "#42", "ABC-123456",
    "id:41227"), if it asks for one: a number has a digit in it ("sort" is a word)."""
    match = _TICKET_NUMBER.match(query)
    if match is None or not any(char.isdigit() for char in match.group(1)):
        return None
    return "".join(match.group(1).split())


class QueueCommands(Provider):
    """The calling screen's own commands, plus "Go to ticket N" when a number is typed."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, ListsCommands) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            title = command.shown_title
            yield DiscoveryHit(Content(title), command.run, text=title, help=_plain(command.help))

    async def search(self, query: str) -> Hits:
        screen = self.screen
        number = ticket_number(query)
        if number is not None and isinstance(screen, OffersCommands):
            yield Hit(
                1.0,
                Content(f"Go to ticket {number}"),
                partial(screen.go_to_ticket, number),
                text=f"Go to ticket {number}",
                help=_plain("Open the ticket"),
            )
        matcher = self.matcher(query)
        for command in self._commands():
            title = command.shown_title
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, title),
                    command.run,
                    text=title,
                    help=_plain(command.help),
                )
