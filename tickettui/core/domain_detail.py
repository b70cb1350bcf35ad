"""The domain objects of a ticket's detail, its thread and the edit form (``TicketDetail``,
``Message``, ``Choice``, ``EditForm``...): defined on first use, through ``core.domain``.

Eight slotted dataclasses take ~4.5 ms to define (each generates its methods with ``exec``),
and the queue's first frame on a cold start shows none of them: ``core.domain`` loads this
module when one of its names is first asked for (``from tickettui.core.domain import
TicketDetail`` works as ever), so import them from there, not from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tickettui.core.domain import FieldKind, FieldValue, MessageKind, TicketSummary

__all__ = [
    "Attachment",
    "Choice",
    "CustomField",
    "EditForm",
    "FieldSpec",
    "Message",
    "TicketDetail",
    "TimeMetrics",
]


@dataclass(slots=True, frozen=True)
class TimeMetrics:
    """Service-level times. Durations in seconds; None where the system does not track it.

    The plain ones count the priority's office hours, the ``real_`` ones 24x7. A time to reply
    or to close is 0 until the reply or the close (``core.service_times`` words all this)."""

    time_to_reply: int | None = None
    real_time_to_reply: int | None = None
    time_to_close: int | None = None
    real_time_to_close: int | None = None
    spent_internally: int | None = None
    spent_externally: int | None = None
    spent_queue: int | None = None
    real_spent_internally: int | None = None
    real_spent_externally: int | None = None
    real_spent_queue: int | None = None
    alert_level: int | None = None
    alert_timeout: datetime | None = None


@dataclass(slots=True)
class TicketDetail:
    """Everything the detail screen's header and metrics panel show."""

    summary: TicketSummary
    person: str = ""
    contact: str = ""
    email: str = ""
    origin: str = ""
    tags: Sequence[str] = ()
    sale: str = ""
    project: str = ""
    security_level: str = ""
    closed_at: datetime | None = None
    postponed_until: datetime | None = None
    replied_at: datetime | None = None
    message_count: int = 0
    metrics: TimeMetrics | None = None
    # Extra labelled facts a system has and others do not (e.g. Keliweb's flag or service).
    extra: Mapping[str, str] = field(default_factory=dict)
    # The tenant's own fields on the ticket (SuperOffice's custom and extra fields), in the
    # order the tenant ranks them; empty where a ticket or a system has none.
    custom_fields: Sequence[CustomField] = ()


@dataclass(slots=True, frozen=True)
class Attachment:
    """A file on a message (``core.attachments`` reads and saves them). ``name``, like all
    server text, is untrusted: shown inert, never used as a path (``core.safe_filenames``)."""

    ref: str  # the system's handle, opaque to the app (SuperOffice "880"; Keliweb "reply:88:0")
    message_id: int  # the Message.id it belongs to
    name: str
    size: int | None = None  # bytes; None where the system does not say (Keliweb)
    content_type: str = ""  # as the server says; "" where it does not say
    inline: bool = False  # an image shown inside an HTML body


@dataclass(slots=True, frozen=True)
class Message:
    id: int
    kind: MessageKind
    author: str
    created: datetime | None
    body: str  # plain text: backends turn HTML into readable text
    important: bool = False
    attachments: tuple[Attachment, ...] = ()


@dataclass(slots=True, frozen=True)
class Choice:
    value: str  # the backend's id, as text
    label: str


@dataclass(slots=True, frozen=True)
class FieldSpec:
    """An editable field: what it is called, what kind of input it takes, what it may be."""

    key: str
    label: str
    kind: FieldKind
    choices: Sequence[Choice] = ()
    required: bool = False
    max_length: int | None = None
    # NUMBER only: 0 takes whole numbers only; None (or more) takes decimals too.
    decimals: int | None = None


@dataclass(slots=True, frozen=True)
class CustomField:
    """One of the tenant's own fields on a ticket, as the detail shows it and scripts read it.

    ``key`` is the system's name for it (SuperOffice: ``x_contract_level``, ``SuperOffice:3``,
    a plug-in's ``custom.sla``); ``label`` the tenant's label, or the key where the server
    gives none. ``value`` is typed by ``kind`` (text or a list's value: str; NUMBER: int or
    float; BOOL: bool; DATE: date; DATETIME: datetime), None when the field is empty.
    """

    key: str
    label: str
    kind: FieldKind
    value: FieldValue = None
    choices: Sequence[Choice] = ()  # a list field's items
    editable: bool = False  # offered in the edit form
    hidden: bool = False  # the tenant hides it from screens (still in `show --json`)
    source: str = ""  # where the system keeps it (SuperOffice: "CustomFields"/"ExtraFields")


@dataclass(slots=True)
class EditForm:
    """An edit in progress. ``base`` is what the server had when the edit started."""

    ticket_id: int  # 0 for a new ticket
    specs: Sequence[FieldSpec]
    base: dict[str, FieldValue]
    values: dict[str, FieldValue]
    number: str = ""  # the number users quote (TicketSummary.number); empty means str(ticket_id)

    @property
    def is_new(self) -> bool:
        return self.ticket_id == 0

    def changed_keys(self) -> list[str]:
        return [s.key for s in self.specs if self.values.get(s.key) != self.base.get(s.key)]

    def spec(self, key: str) -> FieldSpec:
        for spec in self.specs:
            if spec.key == key:
                return spec
        raise KeyError(key)
