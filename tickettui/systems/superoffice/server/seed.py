"""Deterministic demo data: same (tickets, seed) -> byte-identical rows.

Every date is derived from the fixed REFERENCE_DATE rather than the wall clock, so
tests can assert on seeded values. Rows are built as tuples and bulk-inserted in a
single transaction; indexes are created afterwards (100k tickets in a few seconds).
"""

from __future__ import annotations

import html
import json
import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tickettui.servers.seeding import bulk_seed, reused_count
from tickettui.systems.superoffice.server import accounts, corpus, enums
from tickettui.systems.superoffice.server.dates import to_stored
from tickettui.systems.superoffice.server.store import (
    MESSAGE_COLUMNS,
    TICKET_COLUMNS,
    create_indexes,
    create_schema,
    is_seeded,
)

REFERENCE_DATE = datetime(2026, 11, 20, 9, 0, 0)
HISTORY = timedelta(days=730)
OWN_COMPANY_ID = 1
OWN_COMPANY = "Nordlys Software AS"
SUPPORT_ADDRESS = "support@nordlys-software.example"
EJ_USER_OFFSET = 20  # ejuser ids differ from associate ids, as in real databases

# (associate_id, login name, first name, last name, deleted)
AGENTS: tuple[tuple[int, str, str, str, bool], ...] = (
    (3, "TJ", "Tobias", "Johansen", False),
    (4, "PR", "Priya", "Raman", False),
    (accounts.DEMO_ASSOCIATE_ID, accounts.DEMO_USER, "Hannah", "Berg", False),
    (6, "MO", "Marcus", "Olsen", False),
    (7, "SL", "Sofia", "Lindqvist", False),
    (8, "DO", "Daniel", "Okafor", False),
    (9, "EK", "Emma", "Kristiansen", False),
    (10, "LM", "Lucas", "Moreau", False),
    (11, "IH", "Ingrid", "Haugen", False),
    (12, "AN", "Ahmed", "Nasser", False),
    (13, "CB", "Chloe", "Bennett", False),
    (14, "JE", "Jonas", "Eriksen", True),  # former employee: owns only old tickets
)

# (id, parent id, name)
CATEGORIES: tuple[tuple[int, int, str], ...] = (
    (1, -1, "Support"),
    (2, 1, "Hardware"),
    (3, 1, "Software"),
    (4, 1, "On-line"),
    (5, -1, "Sales"),
    (6, 5, "Licensing"),
    (7, -1, "Billing"),
    (8, 7, "Invoices"),
    (9, 7, "Refunds"),
    (10, -1, "Onboarding"),
)
CATEGORY_WEIGHTS = (8, 10, 22, 12, 4, 6, 3, 12, 6, 5)

# (id, name, deadline minutes, default)
PRIORITIES = (
    (1, "Low", 7200, 0),
    (2, "Medium", 2880, 1),
    (3, "High", 480, 0),
    (4, "Critical", 120, 0),
)
PRIORITY_WEIGHTS = (25, 45, 22, 8)

# (id, name, base status, time counter, default, used in queue)
STATUSES = (
    (1, "Open", enums.ACTIVE, 1, 1, 1),
    (2, "Closed", enums.CLOSED, 0, 1, 0),
    (3, "Postponed", enums.POSTPONED, 0, 1, 0),
    (4, "Deleted", enums.DELETED, 0, 1, 0),
    (5, "Merged", enums.MERGED, 0, 1, 0),
    (6, "Waiting for customer", enums.ACTIVE, 2, 0, 0),
    (7, "In progress", enums.ACTIVE, 1, 0, 1),
)
TICKET_TYPES = (
    (1, "Standard request", 1),
    (2, "Incident", 0),
    (3, "Service request", 0),
    (4, "Complaint", 0),
)

# Tickets carrying hostile text (kept low so small test seeds contain them).
HOSTILE_IDS = (4, 9, 13, 21, 34)

_CUSTOMER, _AGENT_REPLY, _NOTE, _FOLLOWUP = 0, 1, 2, 3
_CUSTOMER_ORIGINS = (1, 8, 11, 12)  # Email, CustomerCentre, Chat, Form


@dataclass(frozen=True)
class SeedResult:
    tickets: int
    messages: int
    seconds: float
    reused: bool = False


def _insert(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
        conn.executemany(sql, rows)


def ensure_seeded(path: Path, *, tickets: int = 200, seed: int = 7) -> SeedResult:
    """Seed ``path`` unless it already holds a seeded database (then reuse it)."""
    count = reused_count(path, is_seeded, "SELECT COUNT(*) FROM ticket")
    if count is not None:
        return SeedResult(tickets=count, messages=0, seconds=0.0, reused=True)
    return seed_database(path, tickets=tickets, seed=seed)


def seed_database(path: Path, *, tickets: int = 200, seed: int = 7) -> SeedResult:
    def write(conn: sqlite3.Connection) -> int:
        generator = _Generator(random.Random(seed), seed)
        generator.write_reference_data(conn)
        return generator.write_tickets(conn, tickets)

    messages, seconds = bulk_seed(
        path,
        tickets=tickets,
        seed=seed,
        create_schema=create_schema,
        write=write,
        after_commit=create_indexes,
    )
    return SeedResult(tickets=tickets, messages=messages, seconds=seconds)


class _Generator:
    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.seed = seed
        self.customer_persons: list[
            tuple[int, str, str, str, int]
        ] = []  # id, first, full, email, contact
        self.contact_names: dict[int, str] = {}
        self.contact_persons: dict[int, list[int]] = {}
        self.sale_ids: list[int] = []
        self.project_ids: list[int] = []
        self.agent_ids = [a[0] for a in AGENTS if not a[4]]
        self.deleted_agent_ids = [a[0] for a in AGENTS if a[4]]
        self.agent_names = {a[0]: (a[1], f"{a[2]} {a[3]}") for a in AGENTS}
        # The demo agent gets a larger share so "my tickets" is never empty.
        self.owner_weights = [3 if a == accounts.DEMO_ASSOCIATE_ID else 1 for a in self.agent_ids]

    # -- reference data ---------------------------------------------------------------
    def write_reference_data(self, conn: sqlite3.Connection) -> None:
        rng = self.rng
        contacts = [
            (OWN_COMPANY_ID, OWN_COMPANY, "Customer Service", "987654321", "+47 22 00 00 00", 578)
        ]
        used_names: set[str] = set()
        contact_id = OWN_COMPANY_ID
        while len(contacts) < 81:
            name = " ".join(
                part
                for part in (
                    rng.choice(corpus.COMPANY_STEMS),
                    rng.choice(corpus.COMPANY_KINDS),
                    rng.choice(corpus.COMPANY_SUFFIXES),
                )
                if part
            )
            if name in used_names:
                continue
            used_names.add(name)
            contact_id += 1
            contacts.append(
                (
                    contact_id,
                    name,
                    rng.choice(corpus.DEPARTMENTS),
                    str(rng.randrange(900_000_000, 999_999_999)),
                    f"+47 {rng.randrange(20, 99)} {rng.randrange(10, 99)} "
                    f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}",
                    rng.choice((578, 578, 752, 208, 826, 276)),
                )
            )
            self.contact_names[contact_id] = name
        _insert(
            conn,
            "contact",
            ("contact_id", "name", "department", "orgnr", "phone", "country_id"),
            contacts,
        )

        persons: list[tuple[Any, ...]] = []
        associates: list[tuple[Any, ...]] = []
        for index, (assoc_id, login, first, last, deleted) in enumerate(AGENTS, start=1):
            email = f"{first.lower()}.{last.lower()}@nordlys-software.example"
            persons.append(
                (
                    index,
                    OWN_COMPANY_ID,
                    first,
                    "",
                    last,
                    "",
                    "Support Agent",
                    email,
                    f"+47 22 00 00 {index:02d}",
                    "",
                    f"E{index:04d}",
                    2,
                    0,
                )
            )
            password = (
                accounts.DEMO_PASSWORD if assoc_id == accounts.DEMO_ASSOCIATE_ID else login.lower()
            )
            associates.append(
                (
                    assoc_id,
                    assoc_id + EJ_USER_OFFSET,
                    login,
                    first,
                    last,
                    f"{first} {last}",
                    email,
                    1,
                    index,
                    OWN_COMPANY_ID,
                    password,
                    int(deleted),
                    index,
                    1,
                )
            )
        person_id = len(AGENTS)
        customer_contacts = [c[0] for c in contacts[1:]]
        for _ in range(300):
            person_id += 1
            first = rng.choice(corpus.FIRST_NAMES)
            middle = rng.choice(corpus.MIDDLE_NAMES)
            last = rng.choice(corpus.LAST_NAMES)
            contact = rng.choice(customer_contacts)
            domain = "".join(
                ch for ch in self.contact_names[contact].split()[0].lower() if ch.isalnum()
            )
            mailbox = "".join(ch for ch in last.lower() if ch.isalpha())
            email = f"{first.lower()}.{mailbox}@{domain}.example"
            full = " ".join(p for p in (first, middle, last) if p)
            persons.append(
                (
                    person_id,
                    contact,
                    first,
                    middle,
                    last,
                    rng.choice(("Mr", "Ms", "")),
                    rng.choice(corpus.TITLES),
                    email,
                    _mobile(rng),
                    _mobile(rng),
                    f"P{person_id:05d}",
                    rng.choice((0, 0, 0, 3)),
                    rng.choice((0, 0, *self.agent_ids)),
                )
            )
            self.customer_persons.append((person_id, first, full, email, contact))
            self.contact_persons.setdefault(contact, []).append(person_id)
        _insert(
            conn,
            "person",
            (
                "person_id",
                "contact_id",
                "firstname",
                "middlename",
                "lastname",
                "mrmrs",
                "title",
                "email",
                "direct_phone",
                "mobile_phone",
                "person_number",
                "ticket_priority_id",
                "support_associate_id",
            ),
            persons,
        )
        _insert(
            conn,
            "associate",
            (
                "associate_id",
                "ej_user_id",
                "name",
                "firstname",
                "lastname",
                "full_name",
                "email",
                "type",
                "person_id",
                "contact_id",
                "password",
                "deleted",
                "rank",
                "group_idx",
            ),
            associates,
        )

        names = {cid: name for cid, _, name in CATEGORIES}
        categories = []
        for rank, (cid, parent, name) in enumerate(CATEGORIES, start=1):
            full = f"{names[parent]}/{name}" if parent > 0 else name
            categories.append(
                (
                    cid,
                    parent,
                    name,
                    full,
                    rank,
                    self.agent_ids[rank % len(self.agent_ids)],
                    100 + cid,
                    1,
                    f"{name.lower().replace('-', '')}@nordlys-software.example",
                )
            )
        _insert(
            conn,
            "category",
            (
                "category_id",
                "parent_id",
                "name",
                "fullname",
                "rank",
                "category_master",
                "reply_template_id",
                "default_status_id",
                "notification_email",
            ),
            categories,
        )
        _insert(
            conn,
            "priority",
            ("priority_id", "name", "sort_order", "deadline_minutes", "is_default"),
            [(pid, name, pid, minutes, default) for pid, name, minutes, default in PRIORITIES],
        )
        _insert(
            conn,
            "ticket_status",
            (
                "status_id",
                "name",
                "base_status",
                "time_counter",
                "no_email_reopen",
                "is_default",
                "used_in_queue",
                "rank",
            ),
            [
                (sid, name, base, counter, 0, default, queue, rank)
                for rank, (sid, name, base, counter, default, queue) in enumerate(STATUSES, start=1)
            ],
        )
        _insert(
            conn,
            "ticket_type",
            ("ticket_type_id", "name", "tooltip", "rank", "is_default"),
            [(tid, name, name, tid, default) for tid, name, default in TICKET_TYPES],
        )
        _insert(
            conn,
            "tag",
            ("tag_id", "name", "tooltip"),
            [(i, n, t) for i, (n, t) in enumerate(corpus.TAGS, start=1)],
        )

        sales = []
        for sale_id in range(1, 31):
            person = rng.choice(self.customer_persons)
            sale_date = REFERENCE_DATE - timedelta(days=rng.randrange(0, 700))
            sales.append(
                (
                    sale_id,
                    f"{rng.choice(corpus.PRODUCTS).capitalize()} licences for "
                    f"{self.contact_names[person[4]]}",
                    to_stored(sale_date),
                    float(rng.randrange(5, 400) * 500),
                    "NOK",
                    rng.choice(("Open", "Sold", "Lost")),
                    person[4],
                    person[0],
                    rng.choice(self.agent_ids),
                    rng.choice((10, 50, 90, 100)),
                    f"S{sale_id:05d}",
                )
            )
            self.sale_ids.append(sale_id)
        _insert(
            conn,
            "sale",
            (
                "sale_id",
                "heading",
                "sale_date",
                "amount",
                "currency",
                "status",
                "contact_id",
                "person_id",
                "associate_id",
                "probability",
                "number",
            ),
            sales,
        )
        projects = []
        for project_id in range(1, 11):
            product = rng.choice(corpus.PRODUCTS)
            projects.append(
                (
                    project_id,
                    f"{product.capitalize()} rollout {2025 + project_id % 2}",
                    f"Roll-out of the {product} for key accounts.",
                    f"PRJ-{project_id:04d}",
                    rng.choice(self.agent_ids),
                    rng.choice(("Planned", "In progress", "Completed")),
                    "Implementation",
                    to_stored(REFERENCE_DATE - timedelta(days=rng.randrange(0, 300))),
                )
            )
            self.project_ids.append(project_id)
        _insert(
            conn,
            "project",
            (
                "project_id",
                "name",
                "description",
                "project_number",
                "associate_id",
                "status_name",
                "type_name",
                "updated",
            ),
            projects,
        )

    # -- tickets and messages --------------------------------------------------------------
    def write_tickets(self, conn: sqlite3.Connection, count: int) -> int:
        rng = self.rng
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
            ticket, messages, tags = self._ticket(
                ticket_id, created, age, message_id, category_ids, priority_ids
            )
            message_id += len(messages)
            ticket_rows.append(ticket)
            message_rows.extend(messages)
            tag_rows.extend((ticket_id, tag) for tag in tags)
            if len(message_rows) > 50_000:  # bound memory for very large seeds
                _insert(conn, "message", MESSAGE_COLUMNS, message_rows)
                message_rows.clear()
        _insert(conn, "ticket", TICKET_COLUMNS, ticket_rows)
        _insert(conn, "message", MESSAGE_COLUMNS, message_rows)
        conn.executemany("INSERT INTO ticket_tag VALUES (?, ?)", tag_rows)
        return message_id

    def _ticket(
        self,
        ticket_id: int,
        created: datetime,
        age: float,
        first_message_id: int,
        category_ids: list[int],
        priority_ids: list[int],
    ) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[int]]:
        rng = self.rng
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
            owner = self.deleted_agent_ids[0]
        elif base == enums.ACTIVE and rng.random() < 0.1:
            owner = 0  # unassigned, waiting in the queue
        else:
            owner = rng.choices(self.agent_ids, self.owner_weights)[0]

        origin = rng.choices((1, 4, 8, 11, 7, 12), (55, 15, 12, 8, 5, 5))[0]
        person = (
            rng.choice(self.customer_persons) if (origin != 7 and rng.random() < 0.95) else None
        )
        category_id = rng.choices(category_ids, CATEGORY_WEIGHTS)[0]
        priority_index = rng.choices(range(len(PRIORITIES)), PRIORITY_WEIGHTS)[0]
        priority_id = priority_ids[priority_index]
        deadline = created + timedelta(minutes=PRIORITIES[priority_index][2])
        slevel = (
            enums.INTERNAL
            if origin == 7
            else (enums.EXTERNAL if rng.random() < 0.95 else enums.INTERNAL)
        )
        customer_first = origin in _CUSTOMER_ORIGINS and person is not None
        created_by = 0 if customer_first else (owner or rng.choice(self.agent_ids))

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

        kinds = [_CUSTOMER if customer_first else _NOTE if origin == 7 else _AGENT_REPLY]
        for _ in range(count - 1):
            previous = kinds[-1]
            if person is None:
                kinds.append(rng.choice((_AGENT_REPLY, _NOTE)))
            elif previous in (_CUSTOMER, _FOLLOWUP):
                kinds.append(_AGENT_REPLY if rng.random() < 0.7 else _NOTE)
            else:
                kinds.append(_FOLLOWUP if rng.random() < 0.6 else rng.choice((_NOTE, _AGENT_REPLY)))

        messages: list[tuple[Any, ...]] = []
        replied_at: datetime | None = None
        replies = 0
        minutes_spent = 0
        has_attachment = 0
        for number, (kind, moment) in enumerate(zip(kinds, moments, strict=True)):
            row, spent, attached = self._message(
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
            if kind == _AGENT_REPLY:
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

        read_status, read_by_owner = self._read_state(base, owner, kinds, moments, last_changed)
        first_read = None
        if read_by_owner is not None:
            first_read = min(read_by_owner, created + timedelta(minutes=rng.randrange(1, 240)))
        read_by_customer = None
        if replied_at is not None and person is not None and rng.random() < 0.6:
            read_by_customer = replied_at + timedelta(minutes=rng.randrange(5, 600))

        real_reply = int((replied_at - created).total_seconds() // 60) if replied_at else 0
        real_close = int((closed_at - created).total_seconds() // 60) if closed_at else 0
        lifetime = int((last_changed - created).total_seconds())
        internal_share = rng.random()
        queue_share = rng.random() * (1 - internal_share)
        level = rng.choice(corpus.CONTRACT_LEVELS)
        breached = bool(closed_at and deadline < closed_at)
        version = f"{rng.randrange(3, 6)}.{rng.randrange(0, 10)}.{rng.randrange(0, 20)}"
        custom = {
            "SuperOffice:1": f"CR-{created.year}-{rng.randrange(1, 99_999):05d}" if level else "",
            "SuperOffice:2": rng.randrange(1, 250),
            "x_contract_level": level,
            "x_sla_breached": breached,
            "x_product_version": version,
        }
        extra = {
            "x_contract_level": level,
            "x_sla_breached": str(breached),
            "x_product_version": version,
        }
        secondary: list[int] = []
        if person is not None and rng.random() < 0.05:
            colleagues = [p for p in self.contact_persons.get(person[4], []) if p != person[0]]
            secondary = colleagues[: rng.randrange(1, 3)]
        tags = sorted(
            rng.sample(
                range(1, len(corpus.TAGS) + 1), rng.choices((0, 1, 2, 3), (55, 30, 11, 4))[0]
            )
        )
        author = (
            person[3]
            if customer_first and person
            else self.agent_names.get(created_by, ("", ""))[0]
        )

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
            int(real_reply * 0.35),
            real_reply,
            int(real_close * 0.35),
            real_close,
            int(lifetime * internal_share * 0.3),
            int(lifetime * (1 - internal_share - queue_share) * 0.3),
            int(lifetime * queue_share * 0.3),
            int(lifetime * internal_share),
            int(lifetime * (1 - internal_share - queue_share)),
            int(lifetime * queue_share),
            minutes_spent,
            has_attachment,
            replies,
            count,
            person[3] if origin == 1 and person else "",
            "en",
            rng.randrange(-100, 101) if person else 0,
            rng.randrange(0, 101) if person else 0,
            rng.choice(self.sale_ids) if rng.random() < 0.05 else None,
            rng.choice(self.project_ids) if rng.random() < 0.03 else None,
            rng.choices((1, 2, 3, 4), (70, 15, 10, 5))[0],
            json.dumps(secondary),
            json.dumps(custom),
            json.dumps(extra),
        )
        return ticket, messages, tags

    def _read_state(
        self,
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
        roll = self.rng.random()
        if roll < 0.45:
            return enums.GREEN, last_changed
        if roll < 0.75 and len(kinds) > 1 and kinds[-1] in (_CUSTOMER, _FOLLOWUP):
            # Read before the customer's latest message arrived: new info since last read.
            return enums.YELLOW, moments[-2] + timedelta(minutes=1)
        return enums.RED, None

    def _message(
        self,
        message_id: int,
        ticket_id: int,
        number: int,
        kind: int,
        moment: datetime,
        title: str,
        product: str,
        person: tuple[int, str, str, str, int] | None,
        owner: int,
        hostile: bool,
    ) -> tuple[tuple[Any, ...], int, int]:
        rng = self.rng
        agent = owner if owner and rng.random() < 0.8 else rng.choice(self.agent_ids)
        agent_login, agent_name = self.agent_names[agent]
        headers = "[]"
        email_header = ""
        attachments = "[]"
        attached = 0
        spent = 0
        badge = 0
        if kind in (_CUSTOMER, _FOLLOWUP) and person is not None:
            created_by, author, slevel, badge = 0, person[3], enums.EXTERNAL, 4
            company = self.contact_names[person[4]]
            if kind == _CUSTOMER:
                paragraphs = [
                    f"Our {product} has a problem: {rng.choice(corpus.SYMPTOMS)}.",
                    rng.choice(corpus.CUSTOMER_DETAILS),
                ]
            else:
                paragraphs = [rng.choice(corpus.CUSTOMER_FOLLOWUPS)]
            greeting, signature = "Hi,", ["Best regards,", person[2], company]
            items: list[str] = []
            link = None
            headers = json.dumps(
                [
                    {
                        "Id": message_id * 10 + 1,
                        "Name": "From",
                        "Value": f"{person[2]} <{person[3]}>",
                        "StdItem": "From",
                        "StdItemCol": 0,
                    },
                    {
                        "Id": message_id * 10 + 2,
                        "Name": "To",
                        "Value": SUPPORT_ADDRESS,
                        "StdItem": "To",
                        "StdItemCol": 0,
                    },
                ]
            )
            email_header = (
                f"From: {person[2]} <{person[3]}>\r\nTo: {SUPPORT_ADDRESS}\r\nSubject: {title}\r\n"
            )
            if rng.random() < 0.08:
                attached = 1
                attachments = json.dumps(
                    [
                        {
                            "AttachmentId": message_id,
                            "Name": rng.choice(("screenshot.png", "error.log", "invoice.pdf")),
                            "ContentType": "application/octet-stream",
                            "AttSize": rng.randrange(2_000, 900_000),
                            "InlineImage": False,
                            "ContentId": "",
                            "AuthKey": f"k{message_id:08x}",
                            "IsSafeFileExtension": True,
                        }
                    ]
                )
        elif kind == _NOTE:
            created_by, author, slevel, badge = agent, agent_login, enums.INTERNAL, 3
            greeting, signature, items, link = "", [], [], None
            paragraphs = [rng.choice(corpus.INTERNAL_NOTES)]
            spent = rng.randrange(0, 20)
        else:
            created_by, author, slevel, badge = agent, agent_login, enums.EXTERNAL, 1
            greeting = f"Hi {person[1]}," if person else "Hi,"
            paragraphs = [rng.choice(corpus.AGENT_ACKS), "Please try the following:"]
            items = rng.sample(corpus.AGENT_STEPS, rng.randrange(2, 4))
            link = rng.choice(corpus.KB_LINKS)
            signature = [
                rng.choice(corpus.AGENT_CLOSINGS),
                "",
                "Kind regards,",
                agent_name,
                "Nordlys Software Support",
            ]
            spent = rng.randrange(2, 30)
        if hostile:
            paragraphs.append(corpus.HOSTILE_BODIES[message_id % len(corpus.HOSTILE_BODIES)])

        body_lines = [greeting, ""] if greeting else []
        for paragraph in paragraphs:
            body_lines += [paragraph, ""]
        for step, item in enumerate(items, start=1):
            body_lines.append(f"{step}. {item}")
        if items:
            body_lines.append("")
        if link:
            body_lines += [f"See {link[1]}: {link[0]}", ""]
        body_lines += signature
        body = "\n".join(body_lines).strip()

        as_html = kind != _NOTE and (hostile or rng.random() < 0.55)
        html_body = ""
        if as_html:
            parts = [f"<p>{html.escape(greeting)}</p>"] if greeting else []
            parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
            if items:
                parts.append(
                    "<ol>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ol>"
                )
            if link:
                parts.append(f'<p>See <a href="{link[0]}">{html.escape(link[1])}</a>.</p>')
            if signature:
                parts.append("<p>" + "<br>".join(html.escape(s) for s in signature if s) + "</p>")
            if hostile or rng.random() < 0.02:
                parts.insert(0, corpus.HOSTILE_HTML)  # e.g. a forwarded newsletter
            html_body = "".join(parts)

        search_title = title if number == 0 else f"Re: {title}"
        row = (
            message_id,
            ticket_id,
            to_stored(moment),
            to_stored(moment),
            created_by,
            author,
            slevel,
            enums.HTML if as_html else enums.PLAIN,
            body,
            html_body,
            int(rng.random() < 0.03),
            1,
            person[0] if person and kind in (_CUSTOMER, _FOLLOWUP) else None,
            f"<{ticket_id}.{message_id}.{self.seed}@mail.nordlys-software.example>",
            email_header,
            headers,
            attachments,
            spent,
            "en",
            rng.randrange(-100, 101) if badge == 4 else 0,
            rng.randrange(0, 101) if badge == 4 else 0,
            badge,
            search_title,
            "",
            "{}",
            "{}",
        )
        return row, spent, attached


def _mobile(rng: random.Random) -> str:
    return f"+47 {rng.randrange(400, 999)} {rng.randrange(10, 99)} {rng.randrange(100, 999)}"


def _stored(value: datetime | None) -> str | None:
    return to_stored(value) if value is not None else None


def main() -> None:
    """``python -m tickettui.systems.superoffice.server.seed DB [TICKETS] [SEED]`` prints timing."""
    import sys

    path = Path(sys.argv[1])
    tickets = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    if path.exists():
        path.unlink()
    result = seed_database(path, tickets=tickets, seed=seed)
    print(f"seeded {result.tickets} tickets, {result.messages} messages in {result.seconds:.1f}s")


if __name__ == "__main__":
    main()
