"""SQLite schema, connection and the queries the routes share.

Reference tables (associates, categories, ...) never change through the API, so they
are loaded once into ``Lookups``; tickets and messages are always read from SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contact (
    contact_id INTEGER PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL,
    orgnr TEXT NOT NULL, phone TEXT NOT NULL, country_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS person (
    person_id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, firstname TEXT NOT NULL,
    middlename TEXT NOT NULL, lastname TEXT NOT NULL, mrmrs TEXT NOT NULL, title TEXT NOT NULL,
    email TEXT NOT NULL, direct_phone TEXT NOT NULL, mobile_phone TEXT NOT NULL,
    person_number TEXT NOT NULL, ticket_priority_id INTEGER NOT NULL,
    support_associate_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS associate (
    associate_id INTEGER PRIMARY KEY, ej_user_id INTEGER NOT NULL, name TEXT NOT NULL,
    firstname TEXT NOT NULL, lastname TEXT NOT NULL, full_name TEXT NOT NULL,
    email TEXT NOT NULL, type INTEGER NOT NULL, person_id INTEGER NOT NULL,
    contact_id INTEGER NOT NULL, password TEXT NOT NULL, deleted INTEGER NOT NULL,
    rank INTEGER NOT NULL, group_idx INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS category (
    category_id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL, name TEXT NOT NULL,
    fullname TEXT NOT NULL, rank INTEGER NOT NULL, category_master INTEGER NOT NULL,
    reply_template_id INTEGER NOT NULL, default_status_id INTEGER NOT NULL,
    notification_email TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS priority (
    priority_id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort_order INTEGER NOT NULL,
    deadline_minutes INTEGER NOT NULL, is_default INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_status (
    status_id INTEGER PRIMARY KEY, name TEXT NOT NULL, base_status INTEGER NOT NULL,
    time_counter INTEGER NOT NULL, no_email_reopen INTEGER NOT NULL,
    is_default INTEGER NOT NULL, used_in_queue INTEGER NOT NULL, rank INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_type (
    ticket_type_id INTEGER PRIMARY KEY, name TEXT NOT NULL, tooltip TEXT NOT NULL,
    rank INTEGER NOT NULL, is_default INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tag (
    tag_id INTEGER PRIMARY KEY, name TEXT NOT NULL, tooltip TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sale (
    sale_id INTEGER PRIMARY KEY, heading TEXT NOT NULL, sale_date TEXT, amount REAL NOT NULL,
    currency TEXT NOT NULL, status TEXT NOT NULL, contact_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL, associate_id INTEGER NOT NULL, probability INTEGER NOT NULL,
    number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS project (
    project_id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
    project_number TEXT NOT NULL, associate_id INTEGER NOT NULL, status_name TEXT NOT NULL,
    type_name TEXT NOT NULL, updated TEXT
);
CREATE TABLE IF NOT EXISTS ticket (
    ticket_id INTEGER PRIMARY KEY, title TEXT NOT NULL, created_at TEXT, last_changed TEXT,
    read_by_owner TEXT, read_by_customer TEXT, first_read_by_owner TEXT,
    first_read_by_user TEXT, activate TEXT, closed_at TEXT, replied_at TEXT,
    alert_timeout TEXT, deadline TEXT,
    created_by INTEGER NOT NULL,          -- associate id; 0 = system user (created externally)
    author TEXT NOT NULL,
    owned_by INTEGER NOT NULL,            -- associate id; 0 = unassigned
    category_id INTEGER, slevel INTEGER NOT NULL, priority_id INTEGER,
    base_status INTEGER NOT NULL, status_id INTEGER NOT NULL, origin INTEGER NOT NULL,
    person_id INTEGER,                    -- NULL = no customer
    alert_level INTEGER NOT NULL, connect_id INTEGER NOT NULL, read_status INTEGER NOT NULL,
    time_to_reply INTEGER NOT NULL, real_time_to_reply INTEGER NOT NULL,
    time_to_close INTEGER NOT NULL, real_time_to_close INTEGER NOT NULL,
    time_spent_internally INTEGER NOT NULL, time_spent_externally INTEGER NOT NULL,
    time_spent_queue INTEGER NOT NULL, real_time_spent_internally INTEGER NOT NULL,
    real_time_spent_externally INTEGER NOT NULL, real_time_spent_queue INTEGER NOT NULL,
    time_spent INTEGER NOT NULL, has_attachment INTEGER NOT NULL,
    num_replies INTEGER NOT NULL, num_messages INTEGER NOT NULL, from_address TEXT NOT NULL,
    language TEXT NOT NULL, sentiment INTEGER NOT NULL, sentiment_confidence INTEGER NOT NULL,
    sale_id INTEGER, project_id INTEGER, ticket_type_id INTEGER,
    secondary_person_ids TEXT NOT NULL,   -- JSON list of person ids
    custom_fields TEXT NOT NULL,          -- JSON object, persisted verbatim
    extra_fields TEXT NOT NULL,           -- JSON object, persisted verbatim
    status_changed_at TEXT                -- since when it has its status (TimeSpent* counters)
);
CREATE TABLE IF NOT EXISTS ticket_tag (
    ticket_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY KEY (ticket_id, tag_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS message (
    message_id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, created_at TEXT,
    changed_at TEXT,
    created_by INTEGER NOT NULL,          -- associate id; 0 = system (customer e-mail etc.)
    author TEXT NOT NULL, slevel INTEGER NOT NULL, type INTEGER NOT NULL,
    body TEXT NOT NULL, html_body TEXT NOT NULL, important INTEGER NOT NULL,
    message_category INTEGER NOT NULL, person_id INTEGER, message_id_header TEXT NOT NULL,
    email_header TEXT NOT NULL, headers_json TEXT NOT NULL, attachments_json TEXT NOT NULL,
    time_spent INTEGER NOT NULL, language TEXT NOT NULL, sentiment INTEGER NOT NULL,
    sentiment_confidence INTEGER NOT NULL, badge INTEGER NOT NULL, search_title TEXT NOT NULL,
    debug_info TEXT NOT NULL, custom_fields TEXT NOT NULL, extra_fields TEXT NOT NULL
);
"""

# Created after bulk loading: building indexes once is much faster than maintaining
# them row by row. Each one backs a common archive filter or sort order.
INDEXES = """
CREATE INDEX IF NOT EXISTS ix_ticket_owner_status ON ticket (owned_by, base_status);
CREATE INDEX IF NOT EXISTS ix_ticket_base_status ON ticket (base_status);
CREATE INDEX IF NOT EXISTS ix_ticket_status_id ON ticket (status_id);
CREATE INDEX IF NOT EXISTS ix_ticket_category ON ticket (category_id);
CREATE INDEX IF NOT EXISTS ix_ticket_priority ON ticket (priority_id);
CREATE INDEX IF NOT EXISTS ix_ticket_person ON ticket (person_id);
CREATE INDEX IF NOT EXISTS ix_ticket_created ON ticket (created_at);
CREATE INDEX IF NOT EXISTS ix_ticket_changed ON ticket (last_changed);
CREATE INDEX IF NOT EXISTS ix_ticket_deadline ON ticket (deadline);
CREATE INDEX IF NOT EXISTS ix_ticket_read_status ON ticket (read_status);
CREATE INDEX IF NOT EXISTS ix_ticket_tag_tag ON ticket_tag (tag_id);
CREATE INDEX IF NOT EXISTS ix_message_ticket ON message (ticket_id, created_at);
CREATE INDEX IF NOT EXISTS ix_person_contact ON person (contact_id);
"""

# Column order of bulk inserts and full-row writes.
TICKET_COLUMNS = (
    "ticket_id",
    "title",
    "created_at",
    "last_changed",
    "read_by_owner",
    "read_by_customer",
    "first_read_by_owner",
    "first_read_by_user",
    "activate",
    "closed_at",
    "replied_at",
    "alert_timeout",
    "deadline",
    "created_by",
    "author",
    "owned_by",
    "category_id",
    "slevel",
    "priority_id",
    "base_status",
    "status_id",
    "origin",
    "person_id",
    "alert_level",
    "connect_id",
    "read_status",
    "time_to_reply",
    "real_time_to_reply",
    "time_to_close",
    "real_time_to_close",
    "time_spent_internally",
    "time_spent_externally",
    "time_spent_queue",
    "real_time_spent_internally",
    "real_time_spent_externally",
    "real_time_spent_queue",
    "time_spent",
    "has_attachment",
    "num_replies",
    "num_messages",
    "from_address",
    "language",
    "sentiment",
    "sentiment_confidence",
    "sale_id",
    "project_id",
    "ticket_type_id",
    "secondary_person_ids",
    "custom_fields",
    "extra_fields",
    "status_changed_at",
)
MESSAGE_COLUMNS = (
    "message_id",
    "ticket_id",
    "created_at",
    "changed_at",
    "created_by",
    "author",
    "slevel",
    "type",
    "body",
    "html_body",
    "important",
    "message_category",
    "person_id",
    "message_id_header",
    "email_header",
    "headers_json",
    "attachments_json",
    "time_spent",
    "language",
    "sentiment",
    "sentiment_confidence",
    "badge",
    "search_title",
    "debug_info",
    "custom_fields",
    "extra_fields",
)

Row = sqlite3.Row


def connect(path: Path) -> sqlite3.Connection:
    # check_same_thread=False: the app is built in one thread and served from uvicorn's
    # event-loop thread; all access then happens on that single loop thread.
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def upgrade(conn: sqlite3.Connection) -> None:
    """Bring a database seeded by an older version up to this schema (a demo keeps its file)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(ticket)")}
    if columns and "status_changed_at" not in columns:
        # NULL: since its last change, as the seed has it.
        conn.execute("ALTER TABLE ticket ADD COLUMN status_changed_at TEXT")


def create_indexes(conn: sqlite3.Connection) -> None:
    conn.executescript(INDEXES)


def is_seeded(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None


@dataclass
class Lookups:
    """Reference tables held in memory (they are static after seeding)."""

    associates: dict[int, Row] = field(default_factory=dict)
    persons: dict[int, Row] = field(default_factory=dict)
    contacts: dict[int, Row] = field(default_factory=dict)
    categories: dict[int, Row] = field(default_factory=dict)
    priorities: dict[int, Row] = field(default_factory=dict)
    statuses: dict[int, Row] = field(default_factory=dict)
    ticket_types: dict[int, Row] = field(default_factory=dict)
    tags: dict[int, Row] = field(default_factory=dict)
    sales: dict[int, Row] = field(default_factory=dict)
    projects: dict[int, Row] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Lookups:
        def table(sql: str) -> dict[int, Row]:
            return {row[0]: row for row in conn.execute(sql)}

        return cls(
            associates=table("SELECT associate_id, * FROM associate ORDER BY rank"),
            persons=table("SELECT person_id, * FROM person"),
            contacts=table("SELECT contact_id, * FROM contact"),
            categories=table("SELECT category_id, * FROM category ORDER BY rank"),
            priorities=table("SELECT priority_id, * FROM priority ORDER BY sort_order"),
            statuses=table("SELECT status_id, * FROM ticket_status ORDER BY rank"),
            ticket_types=table("SELECT ticket_type_id, * FROM ticket_type ORDER BY rank"),
            tags=table("SELECT tag_id, * FROM tag ORDER BY name"),
            sales=table("SELECT sale_id, * FROM sale"),
            projects=table("SELECT project_id, * FROM project"),
        )

    def default_status_for(self, base_status: int) -> Row | None:
        candidates = [s for s in self.statuses.values() if s["base_status"] == base_status]
        for status in candidates:
            if status["is_default"]:
                return status
        return candidates[0] if candidates else None

    def default_priority(self) -> Row:
        for row in self.priorities.values():
            if row["is_default"]:
                return row
        return next(iter(self.priorities.values()))

    def default_category(self) -> Row:
        return next(iter(self.categories.values()))

    def default_ticket_type(self) -> Row | None:
        for row in self.ticket_types.values():
            if row["is_default"]:
                return row
        return None


def get_ticket(conn: sqlite3.Connection, ticket_id: int) -> Row | None:
    row: Row | None = conn.execute(
        "SELECT * FROM ticket WHERE ticket_id = ?", (ticket_id,)
    ).fetchone()
    return row


def get_tickets(conn: sqlite3.Connection, ticket_ids: Iterable[int]) -> dict[int, Row]:
    ids = list(dict.fromkeys(ticket_ids))
    found: dict[int, Row] = {}
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        sql = f"SELECT * FROM ticket WHERE ticket_id IN ({marks})"  # noqa: S608
        for row in conn.execute(sql, chunk):
            found[row["ticket_id"]] = row
    return found


def ticket_tag_ids(conn: sqlite3.Connection, ticket_id: int) -> list[int]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT tag_id FROM ticket_tag WHERE ticket_id = ? ORDER BY tag_id", (ticket_id,)
        )
    ]


def ticket_messages(conn: sqlite3.Connection, ticket_id: int) -> list[Row]:
    return list(
        conn.execute(
            "SELECT * FROM message WHERE ticket_id = ? ORDER BY created_at, message_id",
            (ticket_id,),
        )
    )


def get_message(conn: sqlite3.Connection, message_id: int) -> Row | None:
    row: Row | None = conn.execute(
        "SELECT * FROM message WHERE message_id = ?", (message_id,)
    ).fetchone()
    return row


def json_object(text: str) -> dict[str, Any]:
    value = json.loads(text or "{}")
    return value if isinstance(value, dict) else {}


def json_list(text: str) -> list[Any]:
    value = json.loads(text or "[]")
    return value if isinstance(value, list) else []
