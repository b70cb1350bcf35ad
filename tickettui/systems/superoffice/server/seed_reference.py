"""The seeded tenant's records besides tickets: companies, people (customers and agents),
the lists (categories, priorities, statuses, ticket types, tags), sales and projects.

Written first; what tickets refer to later (customers, sales, projects) is kept in the
SeedState. The order of the writers below is the order of draws from the random stream.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from typing import Any

from tickettui.systems.superoffice.server import accounts, corpus
from tickettui.systems.superoffice.server.dates import to_stored
from tickettui.systems.superoffice.server.seed_catalogue import (
    ACTIVE_AGENT_IDS,
    AGENTS,
    CATEGORIES,
    EJ_USER_OFFSET,
    OWN_COMPANY,
    OWN_COMPANY_ID,
    PRIORITIES,
    REFERENCE_DATE,
    STATUSES,
    TICKET_TYPES,
)
from tickettui.systems.superoffice.server.seed_state import SeedState, insert_rows


def write_reference_data(conn: sqlite3.Connection, state: SeedState) -> None:
    customer_contacts = _write_contacts(conn, state)
    _write_people(conn, state, customer_contacts)
    _write_lists(conn)
    _write_sales(conn, state)
    _write_projects(conn, state)


def _write_contacts(conn: sqlite3.Connection, state: SeedState) -> list[int]:
    """Our own company and 80 customer companies; the customers' contact ids."""
    rng = state.rng
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
        state.contact_names[contact_id] = name
    insert_rows(
        conn,
        "contact",
        ("contact_id", "name", "department", "orgnr", "phone", "country_id"),
        contacts,
    )
    return [c[0] for c in contacts[1:]]


def _write_people(conn: sqlite3.Connection, state: SeedState, customer_contacts: list[int]) -> None:
    """The agents (a person and an associate each), then 300 customers of the companies."""
    rng = state.rng
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
    for _ in range(300):
        person_id += 1
        first = rng.choice(corpus.FIRST_NAMES)
        middle = rng.choice(corpus.MIDDLE_NAMES)
        last = rng.choice(corpus.LAST_NAMES)
        contact = rng.choice(customer_contacts)
        domain = "".join(
            ch for ch in state.contact_names[contact].split()[0].lower() if ch.isalnum()
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
                rng.choice((0, 0, *ACTIVE_AGENT_IDS)),
            )
        )
        state.customer_persons.append((person_id, first, full, email, contact))
        state.contact_persons.setdefault(contact, []).append(person_id)
    insert_rows(
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
    insert_rows(
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


def _write_lists(conn: sqlite3.Connection) -> None:
    """Categories, priorities, statuses, ticket types and tags: fixed, nothing drawn."""
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
                ACTIVE_AGENT_IDS[rank % len(ACTIVE_AGENT_IDS)],
                100 + cid,
                1,
                f"{name.lower().replace('-', '')}@nordlys-software.example",
            )
        )
    insert_rows(
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
    insert_rows(
        conn,
        "priority",
        ("priority_id", "name", "sort_order", "deadline_minutes", "is_default"),
        [(pid, name, pid, minutes, default) for pid, name, minutes, default in PRIORITIES],
    )
    insert_rows(
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
    insert_rows(
        conn,
        "ticket_type",
        ("ticket_type_id", "name", "tooltip", "rank", "is_default"),
        [(tid, name, name, tid, default) for tid, name, default in TICKET_TYPES],
    )
    insert_rows(
        conn,
        "tag",
        ("tag_id", "name", "tooltip"),
        [(i, n, t) for i, (n, t) in enumerate(corpus.TAGS, start=1)],
    )


def _write_sales(conn: sqlite3.Connection, state: SeedState) -> None:
    rng = state.rng
    sales = []
    for sale_id in range(1, 31):
        person = rng.choice(state.customer_persons)
        sale_date = REFERENCE_DATE - timedelta(days=rng.randrange(0, 700))
        sales.append(
            (
                sale_id,
                f"{rng.choice(corpus.PRODUCTS).capitalize()} licences for "
                f"{state.contact_names[person[4]]}",
                to_stored(sale_date),
                float(rng.randrange(5, 400) * 500),
                "NOK",
                rng.choice(("Open", "Sold", "Lost")),
                person[4],
                person[0],
                rng.choice(ACTIVE_AGENT_IDS),
                rng.choice((10, 50, 90, 100)),
                f"S{sale_id:05d}",
            )
        )
        state.sale_ids.append(sale_id)
    insert_rows(
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


def _write_projects(conn: sqlite3.Connection, state: SeedState) -> None:
    rng = state.rng
    projects = []
    for project_id in range(1, 11):
        product = rng.choice(corpus.PRODUCTS)
        projects.append(
            (
                project_id,
                f"{product.capitalize()} rollout {2025 + project_id % 2}",
                f"Roll-out of the {product} for key accounts.",
                f"PRJ-{project_id:04d}",
                rng.choice(ACTIVE_AGENT_IDS),
                rng.choice(("Planned", "In progress", "Completed")),
                "Implementation",
                to_stored(REFERENCE_DATE - timedelta(days=rng.randrange(0, 300))),
            )
        )
        state.project_ids.append(project_id)
    insert_rows(
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


def _mobile(rng: random.Random) -> str:
    return f"+47 {rng.randrange(400, 999)} {rng.randrange(10, 99)} {rng.randrange(100, 999)}"
