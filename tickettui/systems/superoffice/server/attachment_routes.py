"""Attachments on the local SuperOffice server (TRIAGE-CALLS §3), in the REST shapes.

- ``GET TicketMessage/{id}/Attachment`` (``/Noninline``): the message's AttachmentEntity list
- ``GET Ticket/{id}/Attachments``: every message's, with ``IsSafeFileExtension``
- ``GET Attachment/{id}``, ``GET Attachment/default``: one entity, a blank one
- ``GET Attachment/{id}/Content``: the bytes, streamed as ``application/octet-stream``
- ``POST Attachment``: a metadata row (``AttachmentId`` 0) -> the entity with its new id
- ``POST Attachment/{id}/Content``: the raw bytes (any content type) -> 204
- ``POST TicketMessage/{id}/Attachment`` with ``[880, 881]``: linked to the message -> 204

A message's attachments live in its ``attachments_json`` (what its entity's ``AttachmentsInfo``
and ``NumAttachments`` show); the seed's use the message id as the attachment id and have no
stored bytes: ``servers.attachment_bytes`` makes them on demand. Uploads and the seed's extra
demo files are rows of the ``attachment`` table (ids from ``FIRST_ID``); an upload keeps its
bytes there. A request body over ``MAX_REQUEST_BYTES`` is refused with 413, as IIS does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from tickettui.servers.attachment_bytes import CHUNK, actual_size, file_bytes
from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.body import Body
from tickettui.systems.superoffice.server.errors import (
    ApiError,
    JsonResponse,
    bad_request,
    not_found,
)

__all__ = ["FIRST_ID", "MAX_REQUEST_BYTES", "create_table", "routes"]

# IIS request filtering's default maxAllowedContentLength: what a tenant takes in one request.
MAX_REQUEST_BYTES = 30_000_000
FIRST_ID = 9_000_000  # above any seeded message id (the seed's attachments use those)

SCHEMA = """
CREATE TABLE IF NOT EXISTS attachment (
    attachment_id INTEGER PRIMARY KEY, name TEXT NOT NULL, content_type TEXT NOT NULL,
    att_size INTEGER NOT NULL, inline_image INTEGER NOT NULL, content_id TEXT NOT NULL,
    auth_key TEXT NOT NULL, data BLOB
)
"""
SAFE_EXTENSIONS = frozenset(
    [
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "pdf",
        "txt",
        "log",
        "csv",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "zip",
        "gz",
        "tar",
        "eml",
        "msg",
        "xml",
        "json",
    ]
)


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute(SCHEMA)  # one statement: executescript would commit an open transaction


def _state(request: Request) -> Any:
    from tickettui.systems.superoffice.server.app import _state as state_of

    return state_of(request)


def _caller(request: Request) -> int:
    return authenticate(request.headers, _state(request).lookups)


def _conn(request: Request) -> sqlite3.Connection:
    conn: sqlite3.Connection = _state(request).conn
    return conn


def _safe_extension(name: str) -> bool:
    return "." in name and name.rsplit(".", 1)[-1].lower() in SAFE_EXTENSIONS


def entity_of(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "AttachmentId": row["attachment_id"],
        "Name": row["name"],
        "ContentType": row["content_type"],
        "AttSize": row["att_size"],
        "InlineImage": bool(row["inline_image"]),
        "ContentId": row["content_id"],
        "AuthKey": row["auth_key"],
    }


def _message_list(conn: sqlite3.Connection, message_id: int) -> list[dict[str, Any]] | None:
    row = conn.execute(
        "SELECT attachments_json FROM message WHERE message_id = ?", (message_id,)
    ).fetchone()
    if row is None:
        return None
    items = json.loads(row[0] or "[]")
    return [item for item in items if isinstance(item, dict)]


def _find(conn: sqlite3.Connection, attachment_id: int) -> tuple[dict[str, Any], bytes | None]:
    """The entity and the stored bytes (None: made on demand) of one attachment."""
    row = conn.execute(
        "SELECT * FROM attachment WHERE attachment_id = ?", (attachment_id,)
    ).fetchone()
    if row is not None:
        data = row["data"]
        return entity_of(row), (bytes(data) if data is not None else None)
    # A seeded one: its id is its message's id.
    for item in _message_list(conn, attachment_id) or []:
        if item.get("AttachmentId") == attachment_id:
            return item, None
    raise not_found(f"Attachment id {attachment_id} not found")


def _with_links(request: Request, entity: dict[str, Any]) -> dict[str, Any]:
    root = str(request.base_url).rstrip("/") + "/SuperOffice/api/v1"
    return {**entity, "_Links": {"Self": f"{root}/Attachment/{entity['AttachmentId']}"}}


async def message_attachments(request: Request) -> Response:
    _caller(request)
    message_id = request.path_params["message_id"]
    items = _message_list(_conn(request), message_id)
    if items is None:
        raise not_found(f"Ticket message id {message_id} not found")
    if request.url.path.lower().endswith("/noninline"):
        items = [item for item in items if not item.get("InlineImage")]
    return JsonResponse(items)


async def ticket_attachments(request: Request) -> Response:
    _caller(request)
    ticket_id = request.path_params["ticket_id"]
    conn = _conn(request)
    if conn.execute("SELECT 1 FROM ticket WHERE ticket_id = ?", (ticket_id,)).fetchone() is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    out = []
    for (text,) in conn.execute(
        "SELECT attachments_json FROM message WHERE ticket_id = ? ORDER BY created_at, message_id",
        (ticket_id,),
    ):
        for item in json.loads(text or "[]"):
            if isinstance(item, dict):
                name = str(item.get("Name") or "")
                out.append({**item, "IsSafeFileExtension": _safe_extension(name)})
    return JsonResponse(out)


async def get_attachment(request: Request) -> Response:
    _caller(request)
    entity, _ = _find(_conn(request), request.path_params["attachment_id"])
    return JsonResponse(_with_links(request, entity))


async def default_attachment(request: Request) -> Response:
    _caller(request)
    blank = {"AttachmentId": 0, "Name": "", "ContentType": "", "AttSize": 0, "InlineImage": False}
    return JsonResponse({**blank, "ContentId": "", "AuthKey": ""})


def _chunks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), CHUNK):
        yield data[start : start + CHUNK]


async def attachment_content(request: Request) -> Response:
    _caller(request)
    attachment_id = request.path_params["attachment_id"]
    entity, data = _find(_conn(request), attachment_id)
    name, size = str(entity.get("Name") or ""), int(entity.get("AttSize") or 0)
    if data is None:
        key = f"so-{attachment_id}"
        body: Iterator[bytes] = file_bytes(name, size, key)
        size = actual_size(name, size, key)
    else:
        body, size = _chunks(data), len(data)
    headers = {"Content-Length": str(size)}
    return StreamingResponse(body, media_type="application/octet-stream", headers=headers)


async def _body_within_limit(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise ApiError(413, "HttpException", "Request Entity Too Large")
    data = bytearray()
    stream: AsyncIterator[bytes] = request.stream()
    async for chunk in stream:
        data += chunk
        if len(data) > MAX_REQUEST_BYTES:
            raise ApiError(413, "HttpException", "Request Entity Too Large")
    return bytes(data)


async def post_attachment(request: Request) -> Response:
    _caller(request)
    body = Body.parse(await request.body())
    if body.integer("AttachmentId"):
        raise bad_request("Only new attachments (AttachmentId 0) can be posted here")
    conn = _conn(request)
    last = conn.execute("SELECT MAX(attachment_id) FROM attachment").fetchone()[0]
    attachment_id = max(int(last or 0) + 1, FIRST_ID + 1_000)
    conn.execute(
        "INSERT INTO attachment VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
        (
            attachment_id,
            body.text("Name") or "",
            body.text("ContentType") or "application/octet-stream",
            body.integer("AttSize"),
            int(bool(body.get("InlineImage", False))),
            body.text("ContentId") or "",
            f"a{attachment_id:08x}",
        ),
    )
    row = conn.execute("SELECT * FROM attachment WHERE attachment_id = ?", (attachment_id,))
    return JsonResponse(_with_links(request, entity_of(row.fetchone())))


async def upload_content(request: Request) -> Response:
    _caller(request)
    attachment_id = request.path_params["attachment_id"]
    conn = _conn(request)
    row = conn.execute(
        "SELECT 1 FROM attachment WHERE attachment_id = ?", (attachment_id,)
    ).fetchone()
    if row is None:
        raise not_found(f"Attachment id {attachment_id} not found")
    data = await _body_within_limit(request)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await _first_file(request, data)
        data = form
    conn.execute(
        "UPDATE attachment SET data = ?, att_size = ? WHERE attachment_id = ?",
        (data, len(data), attachment_id),
    )
    return Response(status_code=204)


async def _first_file(request: Request, data: bytes) -> bytes:
    """The first part of a multipart body (the docs accept multipart too)."""
    boundary = request.headers["content-type"].split("boundary=", 1)[-1].strip('"').encode()
    for part in data.split(b"--" + boundary)[1:]:
        _head, _, rest = part.partition(b"\r\n\r\n")
        if rest:
            return rest.removesuffix(b"\r\n")
    raise bad_request("The multipart body has no file part")


async def link_to_message(request: Request) -> Response:
    _caller(request)
    message_id = request.path_params["message_id"]
    conn = _conn(request)
    items = _message_list(conn, message_id)
    if items is None:
        raise not_found(f"Ticket message id {message_id} not found")
    try:
        ids = json.loads(await request.body() or b"[]")
    except ValueError:
        raise bad_request("The body must be an array of attachment ids") from None
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise bad_request("The body must be an array of attachment ids")
    known = {item.get("AttachmentId") for item in items}
    for attachment_id in ids:
        entity, _ = _find(conn, attachment_id)
        if attachment_id not in known:
            items.append(entity)
            known.add(attachment_id)
    conn.execute(
        "UPDATE message SET attachments_json = ? WHERE message_id = ?",
        (json.dumps(items), message_id),
    )
    if items:
        conn.execute(
            "UPDATE ticket SET has_attachment = 1 WHERE ticket_id = "
            "(SELECT ticket_id FROM message WHERE message_id = ?)",
            (message_id,),
        )
    return Response(status_code=204)


def routes(v1: str) -> list[BaseRoute]:
    return [
        Route(f"{v1}/TicketMessage/{{message_id:int}}/Attachment", message_attachments),
        Route(f"{v1}/TicketMessage/{{message_id:int}}/Attachment/Noninline", message_attachments),
        Route(
            f"{v1}/TicketMessage/{{message_id:int}}/Attachment",
            link_to_message,
            methods=["POST"],
        ),
        Route(f"{v1}/Ticket/{{ticket_id:int}}/Attachments", ticket_attachments),
        Route(f"{v1}/Attachment/default", default_attachment),
        Route(f"{v1}/Attachment", post_attachment, methods=["POST"]),
        Route(f"{v1}/Attachment/{{attachment_id:int}}", get_attachment),
        Route(f"{v1}/Attachment/{{attachment_id:int}}/Content", attachment_content),
        Route(f"{v1}/Attachment/{{attachment_id:int}}/Content", upload_content, methods=["POST"]),
    ]
