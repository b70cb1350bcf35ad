"""Keliweb wire models -> the domain objects the screens show."""

from __future__ import annotations

from datetime import UTC, datetime

from tickettui.core.domain import (
    Message,
    MessageKind,
    StatusKind,
    TicketDetail,
    TicketSummary,
)
from tickettui.systems.keliweb.attachments import note_attachments, reply_attachments
from tickettui.systems.keliweb.bodies import body_text
from tickettui.systems.keliweb.models import ListedTicket, Reply, TicketNote, TicketResponse
from tickettui.systems.keliweb.pick_lists import PickLists

__all__ = ["detail_from_ticket", "messages_from_ticket", "status_kind", "summary_from_listed"]


EARLIEST = datetime.min.replace(tzinfo=UTC)  # a message without a date sorts first
# WHMCS's priorities are three fixed words (UpdateTicket refuses any other), lowest first.
PRIORITY_RANKS = {"low": 1, "medium": 2, "high": 3}


def status_kind(title: str) -> StatusKind:
    # WHMCS closes a ticket only through the "Closed" status; every other title is open work.
    return StatusKind.CLOSED if title.strip().casefold() == "closed" else StatusKind.ACTIVE


def _customer(t: ListedTicket | TicketResponse) -> str:
    name = t.requestor_name or t.name or getattr(t, "owner_name", "")
    email = t.requestor_email or t.email
    return name or email


def _summary(
    t: ListedTicket | TicketResponse, ticket_id: int, dept_name: str, lists: PickLists
) -> TicketSummary:
    lists.saw_flag(t.flag)
    return TicketSummary(
        id=ticket_id,
        title=t.subject,  # decoded once, by the model (lenient.EscapedText)
        status=t.status,
        status_kind=status_kind(t.status),
        status_colour=lists.status_colour(t.status),
        priority=t.priority,
        priority_rank=PRIORITY_RANKS.get(t.priority.strip().casefold()),
        category=lists.department_name(t.deptid, dept_name),
        owner=lists.admin_label(t.flag) if t.flag else "",
        customer=_customer(t),
        created=t.date,
        last_changed=t.lastreply or t.date,
        number=t.tid,
    )


def summary_from_listed(t: ListedTicket, lists: PickLists) -> TicketSummary:
    return _summary(t, t.id, t.deptname, lists)


def detail_from_ticket(t: TicketResponse, lists: PickLists) -> TicketDetail:
    extra: dict[str, str] = {}
    if t.service:
        kind = {"S": "service", "D": "domain"}.get(t.service[:1].upper(), "")
        extra["Service"] = f"{t.service} ({kind})" if kind else t.service
    if t.cc:
        extra["CC"] = t.cc
    if t.requestor_name or t.requestor_email:
        who = t.requestor_name or t.requestor_email
        extra["Requestor"] = f"{who} ({t.requestor_type})" if t.requestor_type else who
    if t.admin:
        extra["Opened by"] = t.admin
    return TicketDetail(
        summary=_summary(t, t.ticketid, t.deptname, lists),
        person=t.name or t.requestor_name,
        email=t.email or t.requestor_email,
        replied_at=t.lastreply,
        message_count=len(t.replies) + len(t.notes),
        extra=extra,
    )


def _reply(r: Reply, ticket: TicketResponse) -> Message:
    if r.by_staff:
        kind, author = MessageKind.REPLY, r.admin
    else:
        kind = MessageKind.CUSTOMER
        # WHMCS leaves name empty on a client's own replies: it is the ticket's client.
        author = r.requestor_name or r.name or ticket.name or r.email or ticket.email or "Customer"
    return Message(
        id=r.replyid or 0,
        kind=kind,
        author=author,
        created=r.date,
        body=body_text(r.message),
        attachments=reply_attachments(r, ticket.ticketid),
    )


def _note(n: TicketNote) -> Message:
    # Notes are numbered apart from replies: negative ids keep the two apart in one thread.
    return Message(
        id=-(n.noteid or 0),
        kind=MessageKind.NOTE,
        author=n.admin or "Staff",
        created=n.date,
        body=body_text(n.message),
        attachments=note_attachments(n),
    )


def messages_from_ticket(t: TicketResponse) -> list[Message]:
    """Replies and notes in one thread, oldest first; the opening message (reply 0) leads."""
    keyed: list[tuple[tuple[datetime, int, int], Message]] = []
    for r in t.replies:
        keyed.append(((r.date or EARLIEST, 0 if r.is_opening else 1, r.replyid or 0), _reply(r, t)))
    for n in t.notes:
        keyed.append(((n.date or EARLIEST, 2, n.noteid or 0), _note(n)))
    keyed.sort(key=lambda pair: pair[0])
    return [message for _, message in keyed]
