"""Command palette (ctrl+p) entries for the queue: sections, go to ticket N, sorting, refresh."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

# "123", "#123", "go 123", "go to ticket 123", "ticket 123", "open 123"
_TICKET_NUMBER = re.compile(r"^\s*(?:(?:go\s*(?:to)?|open|ticket)\s*)*#?\s*(\d{1,10})\s*$", re.I)


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str
    help: str
    run: Callable[[], Any]


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with commands of its own for the palette."""

    def palette_commands(self) -> list[PaletteCommand]: ...

    def go_to_ticket(self, number: int) -> None: ...


def ticket_number(query: str) -> int | None:
    """The ticket number a palette query asks for, if it is one."""
    match = _TICKET_NUMBER.match(query)
    return int(match.group(1)) if match else None


class QueueCommands(Provider):
    """The calling screen's own commands, plus "Go to ticket N" when a number is typed."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, OffersCommands) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        screen = self.screen
        number = ticket_number(query)
        if number is not None and isinstance(screen, OffersCommands):
            yield Hit(
                1.0,
                Text(f"Go to ticket {number}"),
                partial(screen.go_to_ticket, number),
                text=f"Go to ticket {number}",
                help="Open the ticket",
            )
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.run,
                    text=command.title,
                    help=command.help,
                )
