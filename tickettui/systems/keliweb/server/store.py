"""SQLite schema (modelled on WHMCS's tbltickets & co.) and the queries the actions share.

Text is stored the way WHMCS stores it: HTML-encoded on the way in (messages, subjects, cc,
and the names of clients, contacts, admins, departments and statuses), messages with the line
breaks they arrived with. OAuth tokens are stored as SHA-256 hashes only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS admin (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL, firstname TEXT NOT NULL,
    lastname TEXT NOT NULL, email TEXT NOT NULL, disabled INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS department (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, sortorder INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_status (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, color TEXT NOT NULL,
    sortorder INTEGER NOT NULL, showactive INTEGER NOT NULL, showawaiting INTEGER NOT NULL,
    autoclose INTEGER NOT NULL
);
-- Keliweb customers (WHMCS clients) that can log in through Passport.
CREATE TABLE IF NOT EXISTS client (
    id INTEGER PRIMARY KEY, firstname TEXT NOT NULL, lastname TEXT NOT NULL,
    companyname TEXT NOT NULL, email TEXT NOT NULL, password_hash TEXT NOT NULL
);
-- A customer's contacts: for a reseller, its own end customers.
CREATE TABLE IF NOT EXISTS contact (
    id INTEGER PRIMARY KEY, userid INTEGER NOT NULL, firstname TEXT NOT NULL,
    lastname TEXT NOT NULL, companyname TEXT NOT NULL, email TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket (
    id INTEGER PRIMARY KEY, tid TEXT NOT NULL UNIQUE, c TEXT NOT NULL,
    did INTEGER NOT NULL, userid INTEGER NOT NULL, contactid INTEGER NOT NULL,
    name TEXT NOT NULL, email TEXT NOT NULL, cc TEXT NOT NULL,
    date TEXT NOT NULL, title TEXT NOT NULL, message TEXT NOT NULL,
    status TEXT NOT NULL, urgency TEXT NOT NULL,
    admin TEXT NOT NULL,                  -- name of the admin who opened it, '' if the client did
    attachment TEXT NOT NULL, lastreply TEXT NOT NULL,
    flag INTEGER NOT NULL,                -- admin id, 0 = not flagged
    service TEXT NOT NULL,                -- 'S<id>' service, 'D<id>' domain or ''
    merged_ticket_id INTEGER NOT NULL,    -- 0 = not merged
    editor TEXT NOT NULL,                 -- 'plain' or 'markdown'
    show_ticketnum INTEGER NOT NULL,      -- payload drift: get-ticket also sends 'ticketnum'
    clientunread INTEGER NOT NULL, adminunread TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reply (
    id INTEGER PRIMARY KEY, tid INTEGER NOT NULL, userid INTEGER NOT NULL,
    contactid INTEGER NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, date TEXT NOT NULL,
    message TEXT NOT NULL, admin TEXT NOT NULL, attachment TEXT NOT NULL,
    rating INTEGER NOT NULL, editor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS note (
    id INTEGER PRIMARY KEY, ticketid INTEGER NOT NULL, admin TEXT NOT NULL,
    date TEXT NOT NULL, message TEXT NOT NULL, attachments TEXT NOT NULL, editor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_client (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_hash TEXT NOT NULL,
    password_client INTEGER NOT NULL, revoked INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_access_token (
    token_hash TEXT PRIMARY KEY, jti TEXT NOT NULL, user_id INTEGER NOT NULL,
    client_id TEXT NOT NULL, expires_at REAL NOT NULL, revoked INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_refresh_token (
    token_hash TEXT PRIMARY KEY, access_jti TEXT NOT NULL, user_id INTEGER NOT NULL,
    client_id TEXT NOT NULL, expires_at REAL NOT NULL, revoked INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_ticket_user_lastreply ON ticket (userid, lastreply);
CREATE INDEX IF NOT EXISTS ix_reply_ticket ON reply (tid, date);
CREATE INDEX IF NOT EXISTS ix_note_ticket ON note (ticketid, date);
CREATE INDEX IF NOT EXISTS ix_access_jti ON oauth_access_token (jti);
"""

TICKET_COLUMNS = (
    "id",
    "tid",
    "c",
    "did",
    "userid",
    "contactid",
    "name",
    "email",
    "cc",
    "date",
    "title",
    "message",
    "status",
    "urgency",
    "admin",
    "attachment",
    "lastreply",
    "flag",
    "service",
    "merged_ticket_id",
    "editor",
    "show_ticketnum",
    "clientunread",
    "adminunread",
)
REPLY_COLUMNS = (
    "id",
    "tid",
    "userid",
    "contactid",
    "name",
    "email",
    "date",
    "message",
    "admin",
    "attachment",
    "rating",
    "editor",
)
NOTE_COLUMNS = ("id", "ticketid", "admin", "date", "message", "attachments", "editor")

Row = sqlite3.Row


def connect(path: Path) -> sqlite3.Connection:
    # The app is built in one thread and served from uvicorn's event-loop thread, where
    # every request then runs, one at a time.
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def is_seeded(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None


def insert(
    conn: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
) -> None:
    if rows:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
        conn.executemany(sql, rows)


def ticket_by_id(conn: sqlite3.Connection, ticket_id: int) -> Row | None:
    row: Row | None = conn.execute("SELECT * FROM ticket WHERE id = ?", (ticket_id,)).fetchone()
    return row


def ticket_by_tid(conn: sqlite3.Connection, tid: str) -> Row | None:
    row: Row | None = conn.execute("SELECT * FROM ticket WHERE tid = ?", (tid,)).fetchone()
    return row


def replies(conn: sqlite3.Connection, ticket_id: int) -> list[Row]:
    return list(conn.execute("SELECT * FROM reply WHERE tid = ? ORDER BY date, id", (ticket_id,)))


def notes(conn: sqlite3.Connection, ticket_id: int) -> list[Row]:
    return list(
        conn.execute("SELECT * FROM note WHERE ticketid = ? ORDER BY date, id", (ticket_id,))
    )


def statuses(conn: sqlite3.Connection) -> list[Row]:
    return list(conn.execute("SELECT * FROM ticket_status ORDER BY sortorder, id"))


def departments(conn: sqlite3.Connection) -> list[Row]:
    return list(conn.execute("SELECT * FROM department ORDER BY name, id"))


def department(conn: sqlite3.Connection, dept_id: int) -> Row | None:
    row: Row | None = conn.execute("SELECT * FROM department WHERE id = ?", (dept_id,)).fetchone()
    return row


def admin(conn: sqlite3.Connection, admin_id: int) -> Row | None:
    row: Row | None = conn.execute("SELECT * FROM admin WHERE id = ?", (admin_id,)).fetchone()
    return row


def client(conn: sqlite3.Connection, user_id: int) -> Row | None:
    row: Row | None = conn.execute("SELECT * FROM client WHERE id = ?", (user_id,)).fetchone()
    return row


def contact(conn: sqlite3.Connection, contact_id: int) -> Row | None:
    row: Row | None = conn.execute("SELECT * FROM contact WHERE id = ?", (contact_id,)).fetchone()
    return row
