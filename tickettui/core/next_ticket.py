"""Next in queue: "take the next ticket for me", as one backend operation.

A system that offers it says so in ``Capabilities.next_in_queue`` and implements ``TakesNext``
(checked with ``isinstance``, never by probing). What "next" means is the system's:

- SuperOffice without a section: its own ``GetNextInQueue`` (the server's queue rules: statuses
  used in the queue, the agent's categories). With a section: the oldest ticket (by creation)
  of that section's filter that nobody owns and is active, accepted for the agent
  (``AcceptTickets``).
- Keliweb: the oldest ticket of the section that is waiting for an answer and flagged to nobody.
  The API signs in as the customer and cannot assign: the ticket is opened, not taken, and
  ``TakenTicket.note`` says so.

An empty queue is ``TakenTicket(None, ...)``; ``nothing_waiting`` words it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tickettui.core.domain import Capabilities, Section
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_text import inert_line

if TYPE_CHECKING:  # core.domain_detail loads on first use, after the first frame
    from tickettui.core.domain import TicketDetail

__all__ = ["TakenTicket", "TakesNext", "next_taker", "nothing_waiting", "taken_message"]


@dataclass(frozen=True, slots=True)
class TakenTicket:
    """What taking the next ticket did."""

    detail: TicketDetail | None  # None: nothing was waiting
    assigned: bool = False  # the ticket is the agent's now
    note: str = ""  # what the system could not do (plain, one line)
    queue: str = ""  # whose queue it came from, as users call it ("Unassigned", "the queue")


@runtime_checkable
class TakesNext(Protocol):
    async def take_next(self, section: Section | None) -> TakenTicket:
        """Take the next waiting ticket of ``section`` (None: the system's own queue) for the
        signed-in agent, where the system can assign it, and return it."""
        ...


def queue_name(section: Section | None) -> str:
    return inert_line(section.title) if section is not None else "your queue"


def nothing_waiting(section: Section | None) -> str:
    """The one line for an empty queue."""
    return f"No ticket waiting in {queue_name(section)}"


def taken_message(taken: TakenTicket) -> str:
    """One line: what was taken (or that nothing was), and what could not be done."""
    if taken.detail is None:
        return f"No ticket waiting in {taken.queue or 'your queue'}"
    number = taken.detail.summary.display_number
    verb = "Took" if taken.assigned else "Opened"
    line = f"{verb} ticket {number} from {taken.queue or 'your queue'}"
    return f"{line}: {taken.note}" if taken.note else line


def next_taker(backend: object, capabilities: Capabilities) -> TakesNext:
    """``backend`` as a ``TakesNext``; one clear line where the system has no "next"."""
    if capabilities.next_in_queue and isinstance(backend, TakesNext):
        return backend
    raise TicketTuiError(f"{capabilities.system_name} has no queue to take the next ticket from")
