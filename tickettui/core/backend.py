"""The interface every ticket system implements. Screens talk only to this.

A backend owns its HTTP client and turns wire payloads into domain objects. Screens never
build URLs or parse JSON; backends never know about widgets.

What a system can do is said in typed form, never found out by probing attributes:
``Backend.capabilities`` (a record: replies, notes, read status, quick actions...) for what
the system itself offers, and the protocols below, checked with ``isinstance``, for what the
wrappers in front of every system add (``HeadStart``: the cache's data to paint before the
network answers; ``StartsLate``: a backend built once the first screen has painted).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tickettui.core.domain import Capabilities, QuickAction, Section, TicketSummary

# Types only: core.domain_detail is not needed before the first frame.
if TYPE_CHECKING:
    from tickettui.core.domain import Choice, EditForm, Message, TicketDetail
    from tickettui.core.save_result import SaveResult as SaveResult
else:

    def __getattr__(name: str) -> object:
        """``SaveResult``, from core.save_result, defined on first use (not before the first
        frame, which saves nothing)."""
        if name != "SaveResult":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from tickettui.core.save_result import SaveResult

        globals()["SaveResult"] = SaveResult
        return SaveResult


# The server (API root) and the user a backend is signed in as: names drafts and the disk
# cache. Known before anything is built or fetched; never a secret.
Account = tuple[str, str]


class Backend(Protocol):
    capabilities: Capabilities

    @property
    def account(self) -> Account: ...

    async def current_user(self) -> str:
        """Display name of the signed-in agent (checks the credential too)."""
        ...

    async def my_owner_value(self) -> str | None:
        """The owner choice (``FieldSpec`` value) that is the signed-in agent, for "assign to
        me" in the edit form; None where the system has no owners to choose from."""
        ...

    async def sections(self) -> list[Section]: ...

    async def resolve(self, number: str) -> int:
        """The id of the ticket users call ``number``: the number they see (Keliweb's tid,
        "616611" or "ABC-123456"; SuperOffice's ticket id), or ``id:N`` for the internal id.

        NotFound when there is no such ticket, AmbiguousNumber when two tickets answer to it.
        """
        ...

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        """Every ticket of a section; ``columns`` are the visible ones (fetch only those)."""
        ...

    async def ticket(self, ticket_id: int) -> TicketDetail: ...

    async def messages(self, ticket_id: int) -> list[Message]:
        """The whole thread, oldest first, bodies as plain text."""
        ...

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        """An edit starting from the full ticket; ``None`` starts a new ticket."""
        ...

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        """Re-read the ticket, merge field by field against ``form.base``, then save.

        Conflicts (both sides changed a field differently) save nothing and come back for the
        user to resolve; after that, call again with ``form.base`` set to ``result.current``.
        """
        ...

    async def quick_action(
        self, ticket_id: int, action: QuickAction, value: str | datetime | None = None
    ) -> SaveResult: ...

    async def choices(self, key: str) -> Sequence[Choice]:
        """Choices for a field (priorities, statuses...) for quick triage pickers."""
        ...

    async def add_message(self, ticket_id: int, text: str, *, internal: bool) -> None:
        """A reply to the customer, or an internal note."""
        ...

    async def aclose(self) -> None: ...


Gate = Callable[[], Awaitable[object]]


@runtime_checkable
class StartsLate(Protocol):
    """A backend built on first use, after a gate opens (the app: its first paint)."""

    def defer_until(self, gate: Gate) -> None: ...


@runtime_checkable
class HeadStart(Protocol):
    """What the cache in front of every backend adds: something to paint before the network
    answers, and details fetched ahead of the agent."""

    def cached_list(self, section: Section, columns: Sequence[str]) -> list[TicketSummary] | None:
        """The section's list from the last run (the disk cache), or None."""
        ...

    def cached_ticket(self, ticket_id: int) -> TicketDetail | None:
        """A detail fetched earlier (memory, then disk), or None."""
        ...

    def fresh_ticket(self, ticket_id: int) -> TicketDetail | None:
        """A detail fetched moments ago (a prefetch), or None."""
        ...

    def cached_messages(self, ticket_id: int) -> list[Message] | None:
        """A thread fetched earlier in this run, or None."""
        ...

    async def prefetch(self, ticket_ids: Iterable[int]) -> int:
        """Fetch the details and threads of ``ticket_ids`` ahead; how many were fetched."""
        ...
