"""Request bodies as Laravel reads them: urlencoded, real multipart, or JSON.

Starlette's own form parser needs python-multipart, which the app does not depend on,
so multipart bodies go through the stdlib e-mail parser (a form-data body is a MIME
multipart message). Keliweb's PHP examples declare ``multipart/form-data`` without a
boundary while sending urlencoded text (NOTES section 4); like PHP, that yields no fields.
"""

from __future__ import annotations

import json
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl

from starlette.requests import Request

Form = dict[str, str]


async def read_form(request: Request) -> Form:
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        return _multipart(content_type, body)
    if kind == "application/json" or kind.endswith("+json"):
        return _json(body)
    # PHP parses urlencoded bodies; anything else unrecognised is read the same way.
    text = body.decode("utf-8", errors="replace")
    return dict(parse_qsl(text, keep_blank_values=True))


def _multipart(content_type: str, body: bytes) -> Form:
    if "boundary=" not in content_type.lower():
        return {}
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: Form = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        assert isinstance(part, Message)
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.get_filename() is not None:
            continue  # file uploads are not stored by this server
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            fields[name] = payload.decode(part.get_content_charset() or "utf-8", "replace")
    return fields


def _json(body: bytes) -> Form:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(key): (
            "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        )
        for key, value in data.items()
    }
