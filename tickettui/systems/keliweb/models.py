"""Pydantic v2 models of Keliweb's (WHMCS's) JSON answers. Field names are the JSON names.

Every model keeps unknown fields (``extra="allow"``): newer WHMCS versions add columns, and a
model should never drop what the server said. The lenient types live in ``lenient.py``.

``EscapedText`` marks what WHMCS stores and returns HTML-escaped (it escapes all input before
storing it): subjects, names and e-mail addresses of clients, contacts and admins, department
names, status and priority titles. Such a field is decoded once, here. Message bodies stay
``Text`` (``bodies.body_text`` decodes them with their markup), and so do ids, dates, hashes,
``service`` ("S12") and attachment names (WHMCS keeps only ``[A-Za-z0-9-_ .]`` in those).
WHMCS returns no custom-field values from get-ticket or get-tickets, so no model carries any.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, SecretStr

from tickettui.systems.keliweb.lenient import (
    Count,
    EscapedText,
    OptionalId,
    RequiredId,
    Text,
    TicketNumber,
    WhmcsDateTime,
    unwrap_list,
    wrapped,
)

__all__ = [
    "ActionResult",
    "AttachmentRef",
    "Department",
    "DepartmentsResponse",
    "ErrorBody",
    "KwModel",
    "ListedTicket",
    "Reply",
    "Status",
    "StatusesResponse",
    "TicketNote",
    "TicketResponse",
    "TicketsResponse",
    "TokenResponse",
]


class KwModel(BaseModel):
    """A WHMCS JSON object: unknown fields are kept, names are the JSON names."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class _Answer(KwModel):
    """A whole answer. ``result`` is "success" ("error" became an exception in decoding)."""

    result: Text = ""


class AttachmentRef(KwModel):
    """One of the 8.x ``attachments[]``: a stored file's name (no prefix) and its index."""

    filename: Text = ""
    index: OptionalId = None


def _refs(value: Any) -> Any:
    """``attachments`` as a list of objects: wrapped or bare, anything else dropped."""
    try:
        items = unwrap_list(value, "attachment")
    except ValueError:
        return []  # a shape no version sends: the legacy string still names the files
    return [item for item in items if isinstance(item, dict)]


AttachmentRefs = Annotated[list[AttachmentRef], BeforeValidator(_refs)]


class Reply(KwModel):
    """One of ``replies.reply[]``. ``replyid`` 0 is the opening message, synthesised by WHMCS."""

    replyid: OptionalId = None
    userid: OptionalId = None
    contactid: OptionalId = None
    name: EscapedText = ""
    email: EscapedText = ""
    requestor_name: EscapedText = ""
    requestor_email: EscapedText = ""
    requestor_type: Text = ""  # a fixed word: Owner, Sub-Account, Operator...
    date: WhmcsDateTime = None
    message: Text = ""  # raw: bodies.body_text decodes it
    attachment: Text = ""  # legacy: "<6 random chars>_<name>|..." (attachments.py reads both)
    attachments: AttachmentRefs = Field(default_factory=list)
    attachments_removed: Count = 0
    admin: EscapedText = ""  # the admin's name; "" for a client's message
    rating: Count = 0

    @property
    def by_staff(self) -> bool:
        return bool(self.admin.strip())

    @property
    def is_opening(self) -> bool:
        return self.replyid == 0


class TicketNote(KwModel):
    """One of ``notes.note[]``: internal, never visible to the customer."""

    noteid: OptionalId = None
    date: WhmcsDateTime = None
    message: Text = ""  # raw: bodies.body_text decodes it
    attachment: Text = ""
    attachments: AttachmentRefs = Field(default_factory=list)
    attachments_removed: Count = 0
    admin: EscapedText = ""


class _TicketColumns(KwModel):
    """What get-ticket and get-tickets both carry for a ticket."""

    tid: TicketNumber = Field("", validation_alias=AliasChoices("tid", "ticketnum"))
    c: Text = Field("", repr=False)  # the client-area access hash: a secret
    deptid: OptionalId = None
    userid: OptionalId = None
    contactid: OptionalId = None
    name: EscapedText = ""
    email: EscapedText = ""
    cc: EscapedText = ""
    date: WhmcsDateTime = None
    subject: EscapedText = ""
    status: EscapedText = ""
    priority: EscapedText = ""
    admin: EscapedText = ""  # the admin who opened it, if one did
    lastreply: WhmcsDateTime = None
    flag: Count = 0  # the admin id it is flagged to; 0 = nobody
    service: Text = ""  # "S12" (a service) or "D3" (a domain)
    requestor_name: EscapedText = ""
    requestor_email: EscapedText = ""
    requestor_type: Text = ""


class TicketResponse(_TicketColumns, _Answer):
    """``get-ticket``: the ticket's columns, its replies and its notes."""

    ticketid: RequiredId = Field(validation_alias=AliasChoices("ticketid", "id"))
    deptname: EscapedText = ""
    replies: Annotated[list[Reply], wrapped("reply")] = Field(default_factory=list)
    notes: Annotated[list[TicketNote], wrapped("note")] = Field(default_factory=list)


class ListedTicket(_TicketColumns):
    """An item of ``get-tickets``' ``tickets.ticket[]`` (``id``, not ``ticketid``)."""

    id: RequiredId = Field(validation_alias=AliasChoices("id", "ticketid"))
    deptname: EscapedText = ""  # not in WHMCS' list; some versions add it
    owner_name: EscapedText = ""


class TicketsResponse(_Answer):
    """``get-tickets``: one page. ``tickets`` is simply absent when nothing matches."""

    totalresults: Count = 0
    startnumber: Count = 0
    numreturned: Count = 0
    tickets: Annotated[list[ListedTicket], wrapped("ticket")] = Field(default_factory=list)


class Department(KwModel):
    id: RequiredId
    name: EscapedText = ""
    awaitingreply: Count = 0
    opentickets: Count = 0


class DepartmentsResponse(_Answer):
    totalresults: Count = 0
    departments: Annotated[list[Department], wrapped("department")] = Field(default_factory=list)


class Status(KwModel):
    title: EscapedText
    count: Count = 0
    color: Text = ""  # "#779500"; undocumented but sent by WHMCS 8


class StatusesResponse(_Answer):
    totalresults: Count = 0
    statuses: Annotated[list[Status], wrapped("status")] = Field(default_factory=list)


class ActionResult(_Answer):
    """What a write answers: ``{"result":"success"}``, with ids where WHMCS sends them."""

    message: Text = ""
    ticketid: OptionalId = None
    id: OptionalId = None  # open-ticket: the new ticket's id
    tid: TicketNumber = ""
    c: Text = Field("", repr=False)

    @property
    def new_ticket_id(self) -> int | None:
        return self.id or self.ticketid


class TokenResponse(BaseModel):
    """``/oauth/token`` (Laravel Passport). Tokens are SecretStr: no repr shows them."""

    model_config = ConfigDict(extra="allow")

    token_type: Text = "Bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_in: Count = 0
    access_token: SecretStr
    refresh_token: SecretStr | None = None


class ErrorBody(BaseModel):
    """Every error shape seen: WHMCS ``result``/``message`` (GetEmails: ``status``), Laravel
    ``message`` + ``errors`` (401/422) and OAuth ``error`` + ``error_description`` (400/401).
    """

    model_config = ConfigDict(extra="allow")

    result: Text = ""
    status: Text = ""
    message: Text = ""
    error: Text = ""
    error_description: Text = ""
    hint: Text = ""
    errors: dict[str, Any] | None = None
