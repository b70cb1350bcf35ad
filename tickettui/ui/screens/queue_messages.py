"""What the queue's workers (``queue_loader``) report to the queue screen, as typed messages.

Each carries what was fetched, or the error; the screen's handlers put it into the queue's
model (``core/queue_model``) and render. The workers themselves touch no widget. None of these
bubbles past the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tickettui.core.domain import Message as TicketMessage
from tickettui.core.domain import Section, TicketDetail, TicketSummary


@dataclass
class SectionsLoaded(Message, bubble=False):
    """The server's sections (tabs), in order."""

    sections: list[Section]


@dataclass
class SectionsFailed(Message, bubble=False):
    error: Exception


@dataclass
class SectionLoaded(Message, bubble=False):
    """A section's list, asked for to show it (or refresh it)."""

    section: Section
    tickets: list[TicketSummary]
    all_counts: bool = False  # refresh every other section's count too, however fresh
    in_place: bool = True  # update the rows where they are, if no ticket left


@dataclass
class SectionFailed(Message, bubble=False):
    section: Section
    error: Exception


@dataclass
class CountLoaded(Message, bubble=False):
    """Another section's list, loaded in the background for its tab's count."""

    section: Section
    tickets: list[TicketSummary]


@dataclass
class UserLoaded(Message, bubble=False):
    """The signed-in agent's display name."""

    name: str


@dataclass
class PreviewLoaded(Message, bubble=False):
    ticket_id: int
    detail: TicketDetail


@dataclass
class PreviewFailed(Message, bubble=False):
    ticket_id: int
    error: Exception


@dataclass
class PreviewMessageLoaded(Message, bubble=False):
    """The latest message the customer wrote on ``ticket_id`` (None: they wrote none)."""

    ticket_id: int
    message: TicketMessage | None


@dataclass
class PreviewMessageFailed(Message, bubble=False):
    ticket_id: int
    error: Exception
