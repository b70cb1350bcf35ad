"""What the queue's workers (``queue_loader``) report to the queue screen, as typed messages.

Each carries what was fetched, or the error; the screen's handlers put it into the queue's
model (``core/queue_model``) and render. The workers themselves touch no widget. None of these
bubbles past the screen.

Plain classes, not dataclasses: this module is imported before the queue's first frame, and a
dataclass costs ~0.2 ms to create (issue 16: 2 ms for these ten).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tickettui.core.domain import Section, TicketSummary

if TYPE_CHECKING:
    from tickettui.core.domain import Message as TicketMessage
    from tickettui.core.domain import TicketDetail


class SectionsLoaded(Message, bubble=False):
    """The server's sections (tabs), in order."""

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections


class SectionsFailed(Message, bubble=False):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class SectionLoaded(Message, bubble=False):
    """A section's list, asked for to show it (or refresh it)."""

    def __init__(
        self,
        section: Section,
        tickets: list[TicketSummary],
        all_counts: bool = False,
        in_place: bool = True,
    ) -> None:
        super().__init__()
        self.section = section
        self.tickets = tickets
        self.all_counts = all_counts  # refresh every other section's count too, however fresh
        self.in_place = in_place  # update the rows where they are, if no ticket left


class SectionFailed(Message, bubble=False):
    def __init__(self, section: Section, error: Exception) -> None:
        super().__init__()
        self.section = section
        self.error = error


class CountLoaded(Message, bubble=False):
    """Another section's list, loaded in the background for its tab's count."""

    def __init__(self, section: Section, tickets: list[TicketSummary]) -> None:
        super().__init__()
        self.section = section
        self.tickets = tickets


class UserLoaded(Message, bubble=False):
    """The signed-in agent's display name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class PreviewLoaded(Message, bubble=False):
    def __init__(self, ticket_id: int, detail: TicketDetail) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.detail = detail


class PreviewFailed(Message, bubble=False):
    def __init__(self, ticket_id: int, error: Exception) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.error = error


class PreviewMessageLoaded(Message, bubble=False):
    """The latest message the customer wrote on ``ticket_id`` (None: they wrote none)."""

    def __init__(self, ticket_id: int, message: TicketMessage | None) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.message = message


class PreviewMessageFailed(Message, bubble=False):
    def __init__(self, ticket_id: int, error: Exception) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.error = error
