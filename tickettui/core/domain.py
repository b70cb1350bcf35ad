"""Domain objects the screens work with. Backends translate their wire formats into these.

Plain slotted dataclasses: a 100k-ticket queue is 100k ``TicketSummary`` objects, so they stay lean.

Those of a ticket's detail, its thread and the edit form (``LATER``: ``TicketDetail``,
``Message``, ``Choice``, ``EditForm``...) are defined in ``core.domain_detail``, loaded the
first time one of them is asked for from here (``from tickettui.core.domain import Message``):
the queue's first frame on a cold start uses none of them, and they take ~4.5 ms to define.
Before the first frame, name them for types only (under ``TYPE_CHECKING``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from tickettui.core.safe_text import inert_line

if TYPE_CHECKING:
    from tickettui.core.domain_detail import Attachment as Attachment
    from tickettui.core.domain_detail import Choice as Choice
    from tickettui.core.domain_detail import CustomField as CustomField
    from tickettui.core.domain_detail import EditForm as EditForm
    from tickettui.core.domain_detail import FieldSpec as FieldSpec
    from tickettui.core.domain_detail import Message as Message
    from tickettui.core.domain_detail import TicketDetail as TicketDetail
    from tickettui.core.domain_detail import TimeMetrics as TimeMetrics


class ReadStatus(StrEnum):
    """Whether the owner has seen the latest information (SuperOffice's red/yellow/green)."""

    UNKNOWN = "unknown"
    UNREAD = "unread"  # red: never read by the owner
    NEW_INFO = "new_info"  # yellow: new information since the owner read it
    READ = "read"  # green


class StatusKind(StrEnum):
    """The system-level state behind a user-visible status name."""

    ACTIVE = "active"
    POSTPONED = "postponed"
    CLOSED = "closed"
    OTHER = "other"


@dataclass(slots=True)
class TicketSummary:
    """One row of a queue."""

    id: int
    title: str
    status: str = ""
    status_kind: StatusKind = StatusKind.ACTIVE
    status_colour: str | None = None  # "#rrggbb" where the server defines status colours
    priority: str = ""
    category: str = ""  # SuperOffice category; Keliweb department
    owner: str = ""
    customer: str = ""
    created: datetime | None = None
    last_changed: datetime | None = None
    deadline: datetime | None = None
    read_status: ReadStatus = ReadStatus.UNKNOWN
    number: str = ""  # the number users quote; empty means str(id)
    # Where the priority stands in the system's own order (SuperOffice: its priority list's
    # sort order; Keliweb/WHMCS: Low 1 < Medium 2 < High 3); None where the system gives none.
    priority_rank: int | None = None

    @property
    def display_number(self) -> str:
        """The number to show: inert, as any text from a server (a cache written before tids
        were checked may still hold one that is not a number)."""
        return inert_line(self.number) if self.number else str(self.id)


class MessageKind(StrEnum):
    CUSTOMER = "customer"  # written by the customer
    REPLY = "reply"  # an agent's external message, visible to the customer
    NOTE = "note"  # internal: never visible to the customer


class FieldKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"  # one of a list (a tenant's list field too)
    DATETIME = "datetime"
    TAGS = "tags"
    NUMBER = "number"  # a whole number or a decimal (FieldSpec.decimals)
    BOOL = "bool"  # yes / no (or not set)
    DATE = "date"  # a day, no time


# What a field holds: text or a choice's value (str), a moment, a day, a number, yes/no, tags.
# ``datetime`` is a ``date`` and ``bool`` an ``int``: tell them apart by the field's kind.
FieldValue = str | datetime | date | bool | int | float | tuple[str, ...] | None


@dataclass(slots=True, frozen=True)
class Section:
    """A saved query: a named tab over the queue."""

    key: str
    title: str
    query: str  # backend-specific; for SuperOffice an archive $filter
    order_by: str = ""


class QuickAction(StrEnum):
    ASSIGN_TO_ME = "assign_to_me"
    CLOSE = "close"
    POSTPONE = "postpone"
    SET_PRIORITY = "set_priority"
    SET_STATUS = "set_status"
    MARK_READ = "mark_read"
    MARK_UNREAD = "mark_unread"


class BulkCall(StrEnum):
    """A call over many tickets a system offers (``core.bulk_calls.BulkCalls`` says what each
    does): read status for many ids, take many, and a checked one-request change of a field."""

    READ_STATUS = "read_status"  # SuperOffice UpdateTicketsReadStatus
    TAKE = "take"  # SuperOffice AcceptTickets: the caller becomes the owner
    FIELD_PATCH = "field_patch"  # a batch read, then PATCH with a JSON Patch "test" per ticket


class SearchKind(StrEnum):
    """What a server-side search looks for (core.ticket_search reads the query into these)."""

    NUMBER = "number"  # #123, id:123: the number users quote
    TITLE = "title"  # title: words in the title (subject)
    CUSTOMER = "customer"  # cust: the customer (name, company or e-mail, as the system can)
    TEXT = "text"  # text: words in the messages
    WORDS = "words"  # plain words: the number, title or customer, as the system can


class CustomerBy(StrEnum):
    """How a system's search finds a customer's tickets."""

    NAME = "name"  # part of the person's or company's name
    EMAIL = "email"  # the whole e-mail address


@dataclass(slots=True, frozen=True)
class Capabilities:
    """What a system can do; the UI asks this instead of checking which system it talks to."""

    system_name: str
    read_status: bool = False
    internal_notes: bool = True
    notify_toggle: bool = False
    postpone: bool = False
    # Service times (time to reply and to close, time spent by status): the detail's metrics
    # panel and its `s` key. A system without them shows neither.
    time_metrics: bool = False
    quick_actions: frozenset[QuickAction] = frozenset()
    # Calls over many tickets at once (the bulk engine uses them, ticket by ticket otherwise).
    bulk_calls: frozenset[BulkCall] = frozenset()
    # The edit form's key for a shared column where the system keys it differently
    # (Keliweb: category -> "department", owner -> "flag"); the column's own key otherwise.
    field_keys: Mapping[str, str] = field(default_factory=dict)
    # "Take the next ticket for me" (core.next_ticket.TakesNext): the `N` key, `tickettui next`.
    next_in_queue: bool = False
    # A section fetches only what changed since its last fetch (core.live_refresh.PollsChanges):
    # live queues. A system without it is only ever reloaded whole.
    change_polling: bool = False
    # Server-side search (core.ticket_search.SearchesTickets): the kinds it can look for, and
    # how it finds a customer. Empty: no search on the server (the `f` key is hidden).
    search: frozenset[SearchKind] = frozenset()
    search_customer_by: frozenset[CustomerBy] = frozenset()
    # Reply templates of the system's own (core.reply_templates.OffersReplyTemplates): the
    # compose window's ctrl+t and `tickettui templates` list them beside the local ones.
    reply_templates: bool = False
    # Column key -> title where a system names a shared column differently ("Department").
    column_titles: Mapping[str, str] = field(default_factory=dict)
    # Columns this system has no data for.
    hidden_columns: frozenset[str] = frozenset()
    # How replies and notes are named: in the keys (footer, help), as the compose window's
    # title ("<title> on ticket N") and in the line under it. Where the API acts as the
    # customer, a "reply" is the customer's own message and must not read as an agent's.
    reply_label: str = "Reply"
    reply_title: str = "Reply to the customer"
    reply_hint: str = "The customer receives this message."
    note_label: str = "Note"
    note_title: str = "Internal note"
    note_hint: str = "Only agents see this. The customer is not notified."
    # Attachments (core.attachments): listed on messages (ServesAttachments), saved to disk,
    # and sent with replies, notes and new tickets (SendsAttachments), each where the system can.
    attachment_list: bool = False
    attachment_download: bool = False
    attachment_upload: bool = False
    # The largest file the server takes, in bytes (0: none known); checked before sending.
    attachment_limit: int = 0
    # Where the limit comes from, for the one line that refuses a file ("Keliweb's limit...").
    attachment_limit_why: str = ""


LATER = frozenset(
    {
        "Attachment",
        "Choice",
        "CustomField",
        "EditForm",
        "FieldSpec",
        "Message",
        "TicketDetail",
        "TimeMetrics",
    }
)

if not TYPE_CHECKING:  # (for mypy, the names are the imports above)

    def __getattr__(name: str) -> object:
        """A name of ``LATER``: core.domain_detail is loaded, and all of them kept here."""
        if name not in LATER:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from tickettui.core import domain_detail

        for later in LATER:
            globals()[later] = getattr(domain_detail, later)
        return globals()[name]
