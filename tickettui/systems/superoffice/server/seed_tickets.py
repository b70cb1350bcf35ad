"""The seeded tickets: when each was created, its status, owner, customer and timeline of
messages, and the times, read state and custom fields that follow from them.

Dates come from REFERENCE_DATE and the seed's random stream only, never the wall clock.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from tickettui.systems.superoffice.server import corpus, enums
from tickettui.systems.superoffice.server.dates import to_stored
from tickettui.systems.superoffice.server.office_hours import (
    OfficeHours,
    elapsed_seconds,
    hours_of,
    office_minutes,
    office_seconds,
    wall_minutes,
)
from tickettui.systems.superoffice.server.seed_catalogue import (
    ACTIVE_AGENT_IDS,
    AGENT_NAMES,
    AGENT_REPLY,
    CATEGORIES,
    CATEGORY_WEIGHTS,
    CUSTOMER_FOLLOWUP,
    CUSTOMER_MESSAGE,
    CUSTOMER_ORIGINS,
    DELETED_AGENT_IDS,
    HISTORY,
    HOSTILE_IDS,
    INTERNAL_NOTE,
    OWNER_WEIGHTS,
    PRIORITIES,
    PRIORITY_WEIGHTS,
    REFERENCE_DATE,
)
from tickettui.systems.superoffice.server.seed_messages import message_row
from tickettui.systems.superoffice.server.seed_state import SeedState, insert_rows
from tickettui.systems.superoffice.server.store import MESSAGE_COLUMNS, TICKET_COLUMNS
from tickettui.systems.superoffice.server.ticket_fields import us_date, us_datetime


def write_tickets(conn: sqlite3.Connection, state: SeedState, count: int) -> int:
    """``count`` tickets spread over HISTORY with their messages and tags; messages written."""
    rng = state.rng
    start = REFERENCE_DATE - HISTORY
    span = HISTORY.total_seconds()
    offsets = sorted(rng.random() for _ in range(count))
    ticket_rows: list[tuple[Any, ...]] = []
    message_rows: list[tuple[Any, ...]] = []
    tag_rows: list[tuple[int, int]] = []
    message_id = 0
    category_ids = [c[0] for c in CATEGORIES]
    priority_ids = [p[0] for p in PRIORITIES]
    for index in range(count):
        ticket_id = index + 1
        created = start + timedelta(seconds=int(offsets[index] * span))
        created = created.replace(hour=7 + (created.hour % 11))  # mostly office hours
        created = min(created, REFERENCE_DATE - timedelta(minutes=30 + index % 60))
        age = (REFERENCE_DATE - created).total_seconds() / span
        ticket, messages, tags = _ticket(
            state, ticket_id, created, age, message_id, category_ids, priority_ids
        )
        message_id += len(messages)
        ticket_rows.append(ticket)
        message_rows.extend(messages)
        tag_rows.extend((ticket_id, tag) for tag in tags)
        if len(message_rows) > 50_000:  # bound memory for very large seeds
            insert_rows(conn, "message", MESSAGE_COLUMNS, message_rows)
            message_rows.clear()
    insert_rows(conn, "ticket", TICKET_COLUMNS, ticket_rows)
    insert_rows(conn, "message", MESSAGE_COLUMNS, message_rows)
    conn.executemany("INSERT INTO ticket_tag VALUES (?, ?)", tag_rows)
    return message_id


def _ticket(
    state: SeedState,
    ticket_id: int,
    created: datetime,
    age: float,
    first_message_id: int,
    category_ids: list[int],
    priority_ids: list[int],
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[int]]:
    rng = state.rng
    product = rng.choice(corpus.PRODUCTS)
    title = rng.choice(corpus.TITLE_TEMPLATES).format(
        p=product,
        inv=f"INV-{rng.randrange(10_000, 99_999)}",
        order=rng.randrange(100_000, 999_999),
    )
    title = title[0].upper() + title[1:]
    hostile = ticket_id in HOSTILE_IDS
    if hostile:
        title = corpus.HOSTILE_TITLES[HOSTILE_IDS.index(ticket_id)]

    roll = rng.random()
    if roll < 0.15 + 0.8 * age:
        base = enums.CLOSED
    elif roll < 0.16 + 0.8 * age:
        base = rng.choice((enums.DELETED, enums.MERGED))
    elif rng.random() < 0.15:
        base = enums.POSTPONED
    else:
        base = enums.ACTIVE
    status_id = {enums.CLOSED: 2, enums.POSTPONED: 3, enums.DELETED: 4, enums.MERGED: 5}.get(
        base
    ) or rng.choice((1, 1, 1, 6, 7))

    if age > 0.5 and rng.random() < 0.1:
        owner = DELETED_AGENT_IDS[0]
    elif base == enums.ACTIVE and rng.random() < 0.1:
        owner = 0  # unassigned, waiting in the queue
    else:
        owner = rng.choices(ACTIVE_AGENT_IDS, OWNER_WEIGHTS)[0]

    origin = rng.choices((1, 4, 8, 11, 7, 12), (55, 15, 12, 8, 5, 5))[0]
    person = rng.choice(state.customer_persons) if (origin != 7 and rng.random() < 0.95) else None
    category_id = rng.choices(category_ids, CATEGORY_WEIGHTS)[0]
    priority_index = rng.choices(range(len(PRIORITIES)), PRIORITY_WEIGHTS)[0]
    priority_id = priority_ids[priority_index]
    deadline = created + timedelta(minutes=PRIORITIES[priority_index][2])
    slevel = (
        enums.INTERNAL
        if origin == 7
        else (enums.EXTERNAL if rng.random() < 0.95 else enums.INTERNAL)
    )
    customer_first = origin in CUSTOMER_ORIGINS and person is not None
    created_by = 0 if customer_first else (owner or rng.choice(ACTIVE_AGENT_IDS))

    # Message timeline: gaps scaled so the last message is before the reference date.
    count = rng.choices(range(1, 9), (25, 22, 18, 12, 9, 7, 4, 3))[0]
    gaps = [rng.expovariate(1 / 21600) + 120 for _ in range(count - 1)]
    room = (REFERENCE_DATE - created).total_seconds() * 0.9
    if gaps and sum(gaps) > room:
        scale = room / sum(gaps)
        gaps = [g * scale for g in gaps]
    moments = [created]
    for gap in gaps:
        moments.append(moments[-1] + timedelta(seconds=int(gap)))

    kinds = [CUSTOMER_MESSAGE if customer_first else INTERNAL_NOTE if origin == 7 else AGENT_REPLY]
    for _ in range(count - 1):
        previous = kinds[-1]
        if person is None:
            kinds.append(rng.choice((AGENT_REPLY, INTERNAL_NOTE)))
        elif previous in (CUSTOMER_MESSAGE, CUSTOMER_FOLLOWUP):
            kinds.append(AGENT_REPLY if rng.random() < 0.7 else INTERNAL_NOTE)
        else:
            kinds.append(
                CUSTOMER_FOLLOWUP
                if rng.random() < 0.6
                else rng.choice((INTERNAL_NOTE, AGENT_REPLY))
            )

    messages: list[tuple[Any, ...]] = []
    replied_at: datetime | None = None
    replies = 0
    minutes_spent = 0
    has_attachment = 0
    for number, (kind, moment) in enumerate(zip(kinds, moments, strict=True)):
        row, spent, attached = message_row(
            state,
            first_message_id + number + 1,
            ticket_id,
            number,
            kind,
            moment,
            title,
            product,
            person,
            owner,
            hostile and number == 0,
        )
        messages.append(row)
        minutes_spent += spent
        has_attachment |= attached
        if kind == AGENT_REPLY:
            replies += 1
            if replied_at is None and number > 0:
                replied_at = moment
    last_message = moments[-1]
    last_changed = min(last_message + timedelta(minutes=rng.randrange(0, 30)), REFERENCE_DATE)
    closed_at = last_changed if base in (enums.CLOSED, enums.MERGED) else None
    activate = None
    if base == enums.POSTPONED:
        activate = REFERENCE_DATE + timedelta(days=rng.randrange(-3, 30))
        activate = activate.replace(hour=8, minute=0, second=0)

    read_status, read_by_owner = _read_state(rng, base, owner, kinds, moments, last_changed)
    first_read = None
    if read_by_owner is not None:
        first_read = min(read_by_owner, created + timedelta(minutes=rng.randrange(1, 240)))
    read_by_customer = None
    if replied_at is not None and person is not None and rng.random() < 0.6:
        read_by_customer = replied_at + timedelta(minutes=rng.randrange(5, 600))

    hours = hours_of(priority_id)
    reply = _minutes(created, replied_at, hours)
    close = _minutes(created, closed_at, hours)
    internal_share = rng.random()
    queue_share = rng.random() * (1 - internal_share)
    in_statuses = _time_in_statuses(created, last_changed, queue_share, internal_share, hours)
    level = rng.choice(corpus.CONTRACT_LEVELS)
    breached = bool(closed_at and deadline < closed_at)
    version = f"{rng.randrange(3, 6)}.{rng.randrange(0, 10)}.{rng.randrange(0, 20)}"
    # The draws stay as they were (so does every later ticket); what they pick is now the
    # tenant's extra fields (see ticket_fields).
    contract_no = f"CR-{created.year}-{rng.randrange(1, 99_999):05d}" if level else ""
    affected_users = rng.randrange(1, 250)
    custom, extra = _own_fields(
        ticket_id, created, level, breached, version, contract_no, affected_users, origin, person
    )
    secondary: list[int] = []
    if person is not None and rng.random() < 0.05:
        colleagues = [p for p in state.contact_persons.get(person[4], []) if p != person[0]]
        secondary = colleagues[: rng.randrange(1, 3)]
    tags = sorted(
        rng.sample(range(1, len(corpus.TAGS) + 1), rng.choices((0, 1, 2, 3), (55, 30, 11, 4))[0])
    )
    author = person[3] if customer_first and person else AGENT_NAMES.get(created_by, ("", ""))[0]

    ticket = (
        ticket_id,
        title,
        to_stored(created),
        to_stored(last_changed),
        _stored(read_by_owner),
        _stored(read_by_customer),
        _stored(first_read),
        _stored(first_read),
        _stored(activate),
        _stored(closed_at),
        _stored(replied_at),
        None,
        to_stored(deadline),
        created_by,
        author,
        owner,
        category_id,
        slevel,
        priority_id,
        base,
        status_id,
        origin,
        person[0] if person else None,
        0,
        max(1, ticket_id - rng.randrange(1, 50)) if base == enums.MERGED else 0,
        read_status,
        *reply,
        *close,
        *in_statuses,
        minutes_spent,
        has_attachment,
        replies,
        count,
        person[3] if origin == 1 and person else "",
        "en",
        rng.randrange(-100, 101) if person else 0,
        rng.randrange(0, 101) if person else 0,
        rng.choice(state.sale_ids) if rng.random() < 0.05 else None,
        rng.choice(state.project_ids) if rng.random() < 0.03 else None,
        rng.choices((1, 2, 3, 4), (70, 15, 10, 5))[0],
        json.dumps(secondary),
        json.dumps(custom),
        json.dumps(extra),
        to_stored(last_changed),  # status_changed_at: the last change set its status
    )
    return ticket, messages, tags


def _minutes(created: datetime, moment: datetime | None, hours: OfficeHours) -> tuple[int, int]:
    """(TimeToX, RealTimeToX) in minutes: within the priority's office hours, and 24x7;
    0 and 0 while it has not happened."""
    if moment is None:
        return 0, 0
    return office_minutes(created, moment, hours), wall_minutes(created, moment)


def _time_in_statuses(
    created: datetime,
    changed: datetime,
    queue_share: float,
    internal_share: float,
    hours: OfficeHours,
) -> tuple[int, ...]:
    """TimeSpentInternally/Externally/Queue and their Real* twins, in seconds: the life of the
    ticket up to its last change, first in the queue, then worked on, then waiting for the
    customer (the shares drawn), each part counted within office hours and 24x7."""
    lifetime = (changed - created).total_seconds()
    queued = created + timedelta(seconds=int(lifetime * queue_share))
    worked = queued + timedelta(seconds=int(lifetime * internal_share))
    parts = ((queued, worked), (worked, changed), (created, queued))  # internal, external, queue
    return (
        *(office_seconds(start, end, hours) for start, end in parts),
        *(elapsed_seconds(start, end) for start, end in parts),
    )


SOURCE_SYSTEMS = {1: "Mail gateway", 4: "Phone", 8: "Customer centre", 12: "Web form"}
SLA_PLANS = {"Gold": "4h response, 24x7", "Silver": "8h response", "Bronze": "24h response"}


def _own_fields(
    ticket_id: int,
    created: datetime,
    level: str,
    breached: bool,
    version: str,
    contract_no: str,
    affected_users: int,
    origin: int,
    person: Any,
) -> tuple[dict[str, str], dict[str, str]]:
    """The ticket's extra fields (stored encoded, as the API sends them) and plug-in data.

    A stream of its own, seeded from the ticket, so the seed's main stream is untouched.
    """
    own = random.Random(f"fields:{ticket_id}:{version}:{level}")
    renewal = created.date() + timedelta(days=own.randrange(30, 400)) if level else None
    hours = own.randrange(1, 40) / 2 if own.random() < 0.25 else None
    callback = created + timedelta(hours=own.randrange(2, 72)) if own.random() < 0.1 else None
    custom = {
        "x_contract_no": contract_no,
        "x_contract_level": level,
        "x_renewal_date": f"[D:{us_date(renewal)}]" if renewal else "",
        "x_affected_users": f"[I:{affected_users}]",
        "x_sla_breached": "[I:1]" if breached else "[I:0]",
        "x_hours_quoted": "" if hours is None else f"[F:{hours:g}]",
        "x_callback_at": f"[DT:{us_datetime(callback.replace(minute=0))}]" if callback else "",
        "x_product_version": version,
        "x_source_system": SOURCE_SYSTEMS.get(origin, "Service"),
    }
    extra: dict[str, str] = {}
    if level:
        extra["custom.sla"] = SLA_PLANS[level]
    if person is not None:
        extra["erp.customer_no"] = f"[I:{20_000 + person[4]}]"
    return custom, extra


def _read_state(
    rng: random.Random,
    base: int,
    owner: int,
    kinds: list[int],
    moments: list[datetime],
    last_changed: datetime,
) -> tuple[int, datetime | None]:
    if owner == 0:
        return enums.RED, None
    if base != enums.ACTIVE and base != enums.POSTPONED:
        return enums.GREEN, last_changed
    roll = rng.random()
    if roll < 0.45:
        return enums.GREEN, last_changed
    if roll < 0.75 and len(kinds) > 1 and kinds[-1] in (CUSTOMER_MESSAGE, CUSTOMER_FOLLOWUP):
        # Read before the customer's latest message arrived: new info since last read.
        return enums.YELLOW, moments[-2] + timedelta(minutes=1)
    return enums.RED, None


def _stored(value: datetime | None) -> str | None:
    return to_stored(value) if value is not None else None
