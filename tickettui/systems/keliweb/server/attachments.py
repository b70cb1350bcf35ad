"""Attachments on the local Keliweb server, as WHMCS 8 keeps and serves them (TRIAGE-CALLS §3).

Stored: each ticket, reply and note row has the legacy string ``<6 random chars>_<name>``
joined by ``|`` (wire.py lists it as ``attachment`` and ``attachments[]``); the bytes of an
upload, and the size of the seed's extra demo files, are rows of ``attachment_file`` keyed by
(type, related id, index). A seeded file with no row gets a size drawn from its key, and its
bytes, like every seeded file's, come from ``servers.attachment_bytes`` on demand.

Upload (``store_uploads``): ``attachments`` is base64 of a JSON list of ``{"name","data"}``.
As WHMCS 8 does: an entry without exactly those keys (``filename``...) is skipped, a name is
reduced to ``[A-Za-z0-9-_ .]``, and a file whose extension is not allowed (``ALLOWED``, the
admin's list) is skipped, all silently: the action still answers ``success``.

Download: ``get-ticket-attachment`` (``relatedid``, ``type``, ``index``) answers
``{"result","filename","data"}`` with the whole file base64-encoded inline, streamed, ``/``
written ``\\/`` as PHP's json_encode does; WHMCS's documented errors otherwise.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
import re
import secrets
import sqlite3
import string
from collections.abc import Iterator

from starlette.responses import StreamingResponse

from tickettui.servers.attachment_bytes import file_bytes
from tickettui.systems.keliweb.server import store
from tickettui.systems.keliweb.server.errors import WhmcsError

__all__ = [
    "ALLOWED",
    "ATTACHMENT_ACTION",
    "POST_MAX_SIZE",
    "create_table",
    "get_ticket_attachment",
    "store_uploads",
    "stored_names",
]

# WHMCS's "Allowed File Attachment Types", as this demo's admin set it.
ALLOWED = frozenset(
    [".jpg", ".jpeg", ".gif", ".png", ".txt", ".pdf", ".log", ".zip", ".csv", ".gz"]
)
POST_MAX_SIZE = 8 * 1024 * 1024  # PHP's default post_max_size: a bigger body has no fields
_NOT_WHMCS = re.compile(r"[^A-Za-z0-9\-_ .]")
KINDS = ("ticket", "reply", "note")
ATTACHMENT_ACTION = "get-ticket-attachment"  # streamed: app.py answers it itself

SCHEMA = """
CREATE TABLE IF NOT EXISTS attachment_file (
    kind TEXT NOT NULL, related INTEGER NOT NULL, idx INTEGER NOT NULL,
    size INTEGER NOT NULL, data BLOB, PRIMARY KEY (kind, related, idx)
)
"""


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute(SCHEMA)  # one statement: executescript would commit an open transaction


def _prefix() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(6))


def stored_names(attachment: str) -> list[str]:
    """The names of a legacy string, without their random prefixes."""
    return [part.split("_", 1)[-1] for part in attachment.split("|") if part]


def store_uploads(
    conn: sqlite3.Connection, field: str, kind: str, related: int, existing: str = ""
) -> str:
    """Keep the files of an ``attachments`` field; the row's new legacy string."""
    if not field:
        return existing
    try:
        entries = json.loads(base64.b64decode(field, validate=False))
    except (binascii.Error, ValueError):
        return existing  # WHMCS: nothing usable, nothing stored, still "success"
    if not isinstance(entries, list):
        return existing
    names = [part for part in existing.split("|") if part]
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"name", "data"}:
            continue
        name = _NOT_WHMCS.sub("", str(entry["name"]))
        extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
        if not name or extension not in ALLOWED:
            continue
        try:
            data = base64.b64decode(str(entry["data"]), validate=False)
        except binascii.Error:
            continue
        conn.execute(
            "INSERT OR REPLACE INTO attachment_file VALUES (?, ?, ?, ?, ?)",
            (kind, related, len(names), len(data), data),
        )
        names.append(f"{_prefix()}_{name}")
    return "|".join(names)


def _owner_ticket(conn: sqlite3.Connection, kind: str, related: int) -> tuple[int, str] | None:
    """(ticket id, legacy string) of the ticket, reply or note ``related``."""
    if kind == "ticket":
        row = conn.execute("SELECT id, attachment FROM ticket WHERE id = ?", (related,))
    elif kind == "reply":
        row = conn.execute("SELECT tid, attachment FROM reply WHERE id = ?", (related,))
    else:
        row = conn.execute("SELECT ticketid, attachments FROM note WHERE id = ?", (related,))
    found = row.fetchone()
    return (int(found[0]), str(found[1])) if found is not None else None


def _size(conn: sqlite3.Connection, kind: str, related: int, index: int, key: str) -> int:
    row = conn.execute(
        "SELECT size FROM attachment_file WHERE kind = ? AND related = ? AND idx = ?",
        (kind, related, index),
    ).fetchone()
    return int(row[0]) if row is not None else random.Random(key).randrange(20_000, 400_000)


def _base64_chunks(chunks: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        usable = len(data) - len(data) % 3
        carry = data[usable:]
        if usable:
            yield base64.b64encode(data[:usable]).replace(b"/", b"\\/")
    if carry:
        yield base64.b64encode(carry).replace(b"/", b"\\/")


def _answer(filename: str, body: Iterator[bytes]) -> Iterator[bytes]:
    name = json.dumps(filename).replace("/", "\\/")
    yield b'{"result":"success","filename":' + name.encode() + b',"data":"'
    yield from _base64_chunks(body)
    yield b'"}'


def get_ticket_attachment(conn: sqlite3.Connection, user_id: int, form: dict[str, str]) -> object:
    """The action: a streamed answer, or WhmcsError with WHMCS's words."""
    related_text = form.get("relatedid", "").strip()
    if not related_text:
        raise WhmcsError("Related ID Required")
    kind = form.get("type", "").strip()
    if kind not in KINDS:
        raise WhmcsError("Invalid Type. Must be one of ticket, reply, note")
    index_text = form.get("index", "").strip()
    if not index_text:
        raise WhmcsError("Attachment Index Required")
    related = int(related_text) if related_text.isdigit() else 0
    owner = _owner_ticket(conn, kind, related)
    ticket = store.ticket_by_id(conn, owner[0]) if owner is not None else None
    if owner is None or ticket is None or ticket["userid"] != user_id:
        raise WhmcsError("Related ID Not Found")
    names = stored_names(owner[1])
    if not names:
        raise WhmcsError("No Attachments Found")
    index = int(index_text) if index_text.isdigit() else -1
    if not 0 <= index < len(names):
        raise WhmcsError("Invalid Attachment Index")
    name = names[index]
    row = conn.execute(
        "SELECT data FROM attachment_file WHERE kind = ? AND related = ? AND idx = ?",
        (kind, related, index),
    ).fetchone()
    if row is not None and row[0] is not None:
        data = bytes(row[0])
        body: Iterator[bytes] = iter([data[i : i + 65536] for i in range(0, len(data), 65536)])
    else:
        key = f"kw-{kind}-{related}-{index}"
        body = file_bytes(name, _size(conn, kind, related, index, key), key)
    return StreamingResponse(_answer(name, body), media_type="application/json")
