"""SuperOffice wire models -> domain objects the screens show."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from tickettui.core.domain import (
    Message,
    MessageKind,
    ReadStatus,
    StatusKind,
    TicketDetail,
    TicketSummary,
    TimeMetrics,
)
from tickettui.core.html_text import html_to_text, looks_like_html
from tickettui.core.zones import aware
from tickettui.systems.superoffice.custom_fields import custom_fields
from tickettui.systems.superoffice.dates import parse_so_datetime
from tickettui.systems.superoffice.models import ArchiveRow, MDOListItem, TicketEntity
from tickettui.systems.superoffice.models.field_info import FieldInfo

log = logging.getLogger("tickettui.systems.superoffice")

READ_STATUS = {
    "red": ReadStatus.UNREAD,
    "yellow": ReadStatus.NEW_INFO,
    "green": ReadStatus.READ,
}
STATUS_KIND = {
    "active": StatusKind.ACTIVE,
    "1": StatusKind.ACTIVE,
    "postponed": StatusKind.POSTPONED,
    "3": StatusKind.POSTPONED,
    "closed": StatusKind.CLOSED,
    "2": StatusKind.CLOSED,
}
UNASSIGNED_IDS = {0, 1}  # 0 on entities, 1 (the system user) on flat carriers
DATES_SHARED = 50_000  # distinct date strings a SummaryMapper remembers (most repeat early)
# Dates looked up before a SummaryMapper decides whether sharing them pays: where fewer than
# one in four repeats (times to the second, as most are), the table of date strings only held
# ~6 MB at 100k rows until the load ended (bench: peak memory).
DATES_TRIAL = 2_000


def read_status(value: object) -> ReadStatus:
    return READ_STATUS.get(str(value or "").strip().lower(), ReadStatus.UNKNOWN)


def status_kind(value: object) -> StatusKind:
    return STATUS_KIND.get(str(value or "").strip().lower(), StatusKind.OTHER)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _date(value: object, zone: tzinfo = UTC) -> datetime | None:
    """An archive cell's date, aware: one without an offset is in ``zone`` (the one asked
    for in SO-TimeZone; see dates.wire_zone)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return aware(value, zone)
    try:
        moment = parse_so_datetime(str(value))
    except ValueError:
        # One odd cell must not cost the agent the whole queue: shown as no date.
        log.debug("unreadable date in an archive row: %.40r", value)
        return None
    return None if moment is None else aware(moment, zone)


def _aware(moment: datetime | None, zone: tzinfo) -> datetime | None:
    return None if moment is None else aware(moment, zone)


def priority_ranks(items: Sequence[MDOListItem]) -> dict[str, int]:
    """Priority name -> its rank in the ``ticketpriority`` list (the tenant's sort order)."""
    return {item.Name: item.Rank for item in items if item.Name and item.Rank is not None}


def summary_from_row(row: ArchiveRow, zone: tzinfo = UTC) -> TicketSummary:
    """A Slim archive row; columns are named exactly as selected."""
    return summary_from_columns(row.PrimaryKey or 0, row.columns, zone)


def summary_from_columns(key: int, c: Mapping[str, Any], zone: tzinfo = UTC) -> TicketSummary:
    """A Slim row's columns (named exactly as selected) and its primary key; dates aware
    (``zone``: that of a date without an offset)."""
    person = _text(c.get("person/fullName"))
    contact = _text(c.get("contact/name"))
    customer = f"{person} ({contact})" if person and contact else person or contact
    return TicketSummary(
        id=key,
        title=_text(c.get("title")),
        status=_text(c.get("ticketStatusName") or c.get("status")),
        status_kind=status_kind(c.get("status")),
        priority=_text(c.get("priorityName")),
        category=_text(c.get("categoryFullName")),
        owner=_text(c.get("ownedBy/fullName") or c.get("ownedBy")),
        customer=customer,
        created=_date(c.get("createdAt"), zone),
        last_changed=_date(c.get("lastChanged"), zone),
        deadline=_date(c.get("deadline"), zone),
        read_status=read_status(c.get("readStatus")),
    )


class SummaryMapper:
    """``summary_from_columns`` for a big list: repeated values are stored once.

    Titles, statuses, priorities, categories, owners and customers repeat across a 100k-row
    queue; so do time zones and many dates. Each distinct one is kept once instead of once per
    row (the JSON decoder makes a new string for every value). One mapper per load.
    """

    __slots__ = ("_date_hits", "_date_looks", "_dates", "_strings", "_zone", "_zones")

    def __init__(self, zone: tzinfo = UTC) -> None:
        self._zone = zone  # of a date without an offset
        self._strings: dict[str, str] = {}
        self._dates: dict[str, datetime | None] | None = {}  # None: dates hardly repeat
        self._date_looks = 0
        self._date_hits = 0
        self._zones: dict[tzinfo, tzinfo] = {}

    def __call__(self, key: int, c: Mapping[str, Any]) -> TicketSummary:
        t = summary_from_columns(key, c, self._zone)
        share = self._strings.setdefault
        # Titles too: alerts, form submissions and "Password reset" repeat by the thousand; the
        # table holds only strings the rows keep anyway, and goes with the mapper.
        t.title = share(t.title, t.title)
        t.status = share(t.status, t.status)
        t.priority = share(t.priority, t.priority)
        t.category = share(t.category, t.category)
        t.owner = share(t.owner, t.owner)
        t.customer = share(t.customer, t.customer)
        t.created = self._date(c.get("createdAt"), t.created)
        t.last_changed = self._date(c.get("lastChanged"), t.last_changed)
        t.deadline = self._date(c.get("deadline"), t.deadline)
        return t

    def _date(self, raw: object, parsed: datetime | None) -> datetime | None:
        if parsed is None or not isinstance(raw, str):
            return parsed
        dates = self._dates
        if dates is not None:
            self._date_looks += 1
            known = dates.get(raw)
            if known is not None:
                self._date_hits += 1
                return known
            if self._date_looks == DATES_TRIAL and self._date_hits * 4 < DATES_TRIAL:
                self._dates = dates = None
        zone = parsed.tzinfo
        if zone is not None:
            shared = self._zones.setdefault(zone, zone)
            if shared is not zone:
                parsed = parsed.replace(tzinfo=shared)
        if dates is not None and len(dates) < DATES_SHARED:
            dates[raw] = parsed
        return parsed


def _minutes(value: int | None) -> int | None:
    return None if value is None else value * 60


def summary_from_entity(e: TicketEntity, zone: tzinfo = UTC) -> TicketSummary:
    person = e.Person.FullName if e.Person and e.Person.FullName else ""
    contact = e.Person.ContactName if e.Person and e.Person.ContactName else ""
    customer = f"{person} ({contact})" if person and contact else person or contact
    owner = ""
    if e.OwnedBy and (e.OwnedBy.AssociateId or 0) not in UNASSIGNED_IDS:
        owner = e.OwnedBy.FullName or e.OwnedBy.Name or ""
    return TicketSummary(
        id=e.TicketId or 0,
        title=e.Title or "",
        status=(e.Status.Name if e.Status and e.Status.Name else e.BaseStatus) or "",
        status_kind=status_kind(e.BaseStatus),
        priority=(e.Priority.Name if e.Priority else "") or "",
        priority_rank=e.Priority.SortOrder if e.Priority and e.Priority.Name else None,
        category=(e.Category.Fullname or e.Category.Name if e.Category else "") or "",
        owner=owner,
        customer=customer,
        created=_aware(e.CreatedAt, zone),
        last_changed=_aware(e.LastChanged, zone),
        deadline=_aware(e.Deadline, zone),
        read_status=read_status(e.ReadStatus),
    )


def detail_from_entity(
    e: TicketEntity, infos: Mapping[str, FieldInfo] | None = None, zone: tzinfo = UTC
) -> TicketDetail:
    """The detail; ``infos`` (``GET Ticket/CustomField``) label and type the tenant's fields;
    dates aware (``zone``: that of a date without an offset)."""
    person = e.Person
    return TicketDetail(
        summary=summary_from_entity(e, zone),
        person=(person.FullName or "") if person else "",
        contact=(person.ContactName or "") if person else "",
        email=(person.Email or "") if person else "",
        origin=e.Origin or "",
        tags=tuple(t.Name for t in (e.Tags or []) if t.Name),
        sale=(e.Sale.Title or "") if e.Sale else "",
        project=(e.Project.Name or "") if e.Project else "",
        security_level=e.Slevel or "",
        closed_at=_aware(e.ClosedAt, zone),
        postponed_until=_aware(e.Activate, zone),
        replied_at=_aware(e.RepliedAt, zone),
        message_count=e.NumMessages or len(e.Messages or []),
        metrics=TimeMetrics(
            time_to_reply=_minutes(e.TimeToReply),
            real_time_to_reply=_minutes(e.RealTimeToReply),
            time_to_close=_minutes(e.TimeToClose),
            real_time_to_close=_minutes(e.RealTimeToClose),
            spent_internally=e.TimeSpentInternally,
            spent_externally=e.TimeSpentExternally,
            spent_queue=e.TimeSpentQueue,
            real_spent_internally=e.RealTimeSpentInternally,
            real_spent_externally=e.RealTimeSpentExternally,
            real_spent_queue=e.RealTimeSpentQueue,
            alert_level=e.AlertLevel,
            alert_timeout=_aware(e.AlertTimeout, zone),
        ),
        custom_fields=custom_fields(e, infos or {}),
    )


def message_from_row(
    row: ArchiveRow, agent_written: bool, name: str = "", zone: tzinfo = UTC
) -> Message:
    """A TicketMessage archive row; ``agent_written`` comes from the entity's summaries,
    ``name`` (who wrote it, by name) from ``authors.AuthorNames``: else the stored author."""
    c = row.columns
    html = _text(c.get("htmlBody"))
    body = html_to_text(html) if html and looks_like_html(html) else _text(c.get("body")) or html
    internal = _text(c.get("slevel")).lower() == "internal"
    if internal:
        kind = MessageKind.NOTE
    else:
        kind = MessageKind.REPLY if agent_written else MessageKind.CUSTOMER
    return Message(
        id=row.PrimaryKey or 0,
        kind=kind,
        author=name or _text(c.get("author")),
        created=_date(c.get("createdAt"), zone),
        body=body.replace("\r\n", "\n"),
        important=bool(c.get("important")),
    )
