"""Attachments on Keliweb (WHMCS): listing, download and the upload field (TRIAGE-CALLS §3).

**Listing.** get-ticket gives each message (the opening one is reply 0, then replies and
notes) the 8.x ``attachments`` list (``{filename, index}``) and the legacy ``attachment``
string, ``<6 random chars>_<name>`` joined by ``|``; either may be missing, so both are read.
There is no size, no type and no id: an attachment is ``(type, relatedid, index)``, its ref
``"reply:88:0"`` (type ``ticket`` with the ticket id for the opening message, ``note`` with
the note id for a note).

**Download.** get-ticket-attachment answers ``{"result", "filename", "data"}`` with the whole
file inline as base64. The answer is read a chunk at a time and the ``data`` string decoded as
it arrives (``Base64Stream``): the file never sits in memory, encoded or not. Keliweb does not
document the slug; a 404 on it means it is not offered, and says so.

**Upload.** ``attachments`` = base64(JSON ``[{"name", "data"}]``) on add-ticket-reply,
add-ticket-note and open-ticket. WHMCS reduces names to ``[A-Za-z0-9-_ .]`` and silently
skips an entry keyed otherwise or with a disallowed extension, still answering ``success``:
the ticket is read again afterwards and a file missing from the new message is reported.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from tickettui.core.attachments import FilesReport, Outgoing
from tickettui.core.domain import Attachment
from tickettui.core.errors import NotFound, TicketTuiError, UnexpectedResponse
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.decoding import raise_for_result
from tickettui.systems.keliweb.models import AttachmentRef, Reply, TicketNote, TicketResponse

__all__ = [
    "ACTION",
    "Base64Stream",
    "attachments_of",
    "download",
    "stored_report",
    "upload_field",
    "whmcs_name",
]

ACTION = "get-ticket-attachment"
_PREFIX = re.compile(r"^[A-Za-z0-9]{6}_")
_NOT_WHMCS = re.compile(r"[^A-Za-z0-9\-_ .]")
_PREFIX_LIMIT = 1 << 20  # what may come before "data" (result, filename): 1 MB is plenty


def _legacy_names(attachment: str) -> list[str]:
    names = [part for part in attachment.split("|") if part]
    return [_PREFIX.sub("", name, count=1) for name in names]


def _refs(refs: Sequence[AttachmentRef], legacy: str) -> list[tuple[int, str]]:
    """(index, name) of a message's files: the 8.x list where there is one, else the string."""
    if refs:
        return [
            (ref.index if ref.index is not None else i, ref.filename) for i, ref in enumerate(refs)
        ]
    return list(enumerate(_legacy_names(legacy)))


def _of(kind: str, related: int, message_id: int, refs: list[tuple[int, str]]) -> list[Attachment]:
    return [
        Attachment(ref=f"{kind}:{related}:{index}", message_id=message_id, name=name)
        for index, name in refs
    ]


def reply_attachments(reply: Reply, ticket_id: int) -> tuple[Attachment, ...]:
    if reply.attachments_removed:
        return ()
    refs = _refs(reply.attachments, reply.attachment)
    if reply.is_opening:
        return tuple(_of("ticket", ticket_id, 0, refs))
    replyid = reply.replyid or 0
    return tuple(_of("reply", replyid, replyid, refs))


def note_attachments(note: TicketNote) -> tuple[Attachment, ...]:
    if note.attachments_removed:
        return ()
    noteid = note.noteid or 0
    return tuple(_of("note", noteid, -noteid, _refs(note.attachments, note.attachment)))


def attachments_of(ticket: TicketResponse) -> list[Attachment]:
    """Every file of the ticket's messages, in thread order (mapping.messages_from_ticket)."""
    from tickettui.systems.keliweb.mapping import messages_from_ticket

    return [a for message in messages_from_ticket(ticket) for a in message.attachments]


def _parsed_ref(ref: str) -> tuple[str, int, int]:
    kind, _, rest = ref.partition(":")
    related, _, index = rest.partition(":")
    if kind not in ("ticket", "reply", "note") or not related.isdigit() or not index.isdigit():
        raise TicketTuiError(f"Not a Keliweb attachment: {ref!r}")
    return kind, int(related), int(index)


class Base64Stream:
    """Decodes the ``data`` string of a JSON answer as its bytes arrive (see the module doc).

    ``feed`` returns the decoded bytes so far; ``close`` the rest, after checking the answer
    around the data (``result: error`` raises the server's error).
    """

    def __init__(self) -> None:
        self._head = bytearray()  # the JSON before the data string
        self._tail = bytearray()  # and after it
        self._state = "head"
        self._b64 = b""  # base64 not yet decodable (fewer than 4 characters)
        self._escape = False  # the last chunk ended in the "\\" of an escape

    def feed(self, chunk: bytes) -> bytes:
        if self._state == "tail":
            self._tail += chunk
            return b""
        if self._state == "head":
            self._head += chunk
            found = re.search(rb'"data"\s*:\s*"', self._head)
            if found is None:
                if len(self._head) > _PREFIX_LIMIT:
                    raise UnexpectedResponse(f"Keliweb: {ACTION} answered no file data")
                return b""
            chunk = bytes(self._head[found.end() :])
            del self._head[found.end() - 1 :]  # keep '"data":' and close it later
            self._state = "data"
        return self._data(chunk)

    def _data(self, chunk: bytes) -> bytes:
        end = chunk.find(b'"')  # base64 has no quote, escaped or not: the string ends here
        if end >= 0:
            self._tail += chunk[end + 1 :]
            chunk = chunk[:end]
            self._state = "tail"
        text = (b"\\" if self._escape else b"") + chunk
        self._escape = self._state == "data" and text.endswith(b"\\")
        if self._escape:
            text = text[:-1]  # an escape cut in two: finished with the next chunk
        # PHP's json_encode writes "/" as "\/"; some bridges wrap lines ("\n", "\r\n").
        text = text.replace(b"\\/", b"/").replace(b"\\n", b"").replace(b"\\r", b"")
        text = self._b64 + text.translate(None, b" \t\r\n")
        usable = len(text) - len(text) % 4 if self._state == "data" else len(text)
        self._b64 = text[usable:]
        try:
            return base64.b64decode(text[:usable], validate=True)
        except binascii.Error:
            raise UnexpectedResponse(f"Keliweb: {ACTION} sent data that is not base64") from None

    def close(self) -> None:
        """Check the whole answer: the JSON around the data, and that the data was complete."""
        if self._state == "data":
            raise UnexpectedResponse(f"Keliweb: the answer to {ACTION} was cut off")
        text = bytes(self._head) + (b'""' + bytes(self._tail) if self._state == "tail" else b"")
        try:
            answer = json.loads(text or b"null")
        except ValueError:
            raise UnexpectedResponse(f"Keliweb: {ACTION} answered something not JSON") from None
        raise_for_result(answer, action=ACTION)
        if self._state != "tail":
            raise UnexpectedResponse(f"Keliweb: {ACTION} answered no file data")


async def download(client: KeliwebClient, attachment: Attachment) -> AsyncIterator[bytes]:
    """The file's bytes, decoded from the answer as it streams in."""
    kind, related, index = _parsed_ref(attachment.ref)
    fields: dict[str, str | int] = {"relatedid": related, "type": kind, "index": index}
    decoder = Base64Stream()
    try:
        async with client.streamed(ACTION, fields) as response:
            async for chunk in response.aiter_bytes():
                data = decoder.feed(chunk)
                if data:
                    yield data
    except NotFound as error:
        if error.status == 404:
            raise TicketTuiError(
                "Keliweb does not offer attachment downloads (get-ticket-attachment: 404): "
                "open the ticket in Keliweb's client area to get the file"
            ) from None
        raise
    decoder.close()


def whmcs_name(name: str) -> str:
    """The name as WHMCS will store it: only ``[A-Za-z0-9-_ .]`` kept (never empty)."""
    reduced = _NOT_WHMCS.sub("", name).strip(" .")
    if not reduced or reduced.startswith("."):
        extension = Path(name).suffix
        reduced = "attachment" + _NOT_WHMCS.sub("", extension)
    return reduced


def upload_field(files: Sequence[Outgoing]) -> str:
    """The ``attachments`` field: base64 of the JSON list of ``{"name", "data"}`` (exactly
    those keys: WHMCS skips an entry keyed ``filename``)."""
    entries = [
        {"name": whmcs_name(f.name), "data": base64.b64encode(f.path.read_bytes()).decode()}
        for f in files
    ]
    return base64.b64encode(json.dumps(entries).encode()).decode()


def missing_after(sent: Sequence[Outgoing], stored: Sequence[Attachment]) -> tuple[str, ...]:
    """The files sent that the new message does not have (WHMCS skipped them silently)."""
    left = [a.name for a in stored]
    missing = []
    for outgoing in sent:
        name = whmcs_name(outgoing.name)
        if name in left:
            left.remove(name)
        else:
            missing.append(outgoing.name)
    return tuple(missing)


def _normal(text: str) -> str:
    return " ".join(text.split())


async def stored_report(
    client: KeliwebClient,
    ticket_id: int,
    before: set[tuple[bool, int]],
    text: str,
    internal: bool,
    files: Sequence[Outgoing],
) -> FilesReport:
    """Read the ticket again and say which of ``files`` the new message (or, ``before`` empty,
    the opening one) does not have: WHMCS answers ``success`` and silently skips a file whose
    extension its admin did not allow."""
    from tickettui.core.domain import MessageKind
    from tickettui.systems.keliweb.bodies import body_text
    from tickettui.systems.keliweb.mapping import messages_from_ticket

    try:
        ticket = await client.get_ticket(ticket_id)
    except TicketTuiError as error:
        return FilesReport(
            missing=tuple(f.name for f in files),
            note=f"Sent, but the ticket could not be read again to check its files ({error})",
        )
    thread = messages_from_ticket(ticket)
    if not before:
        new = [m for m in thread if m.id == 0]
    else:
        wanted = {_normal(text), _normal(body_text(text))}
        new = [
            m
            for m in thread
            if (m.kind is MessageKind.NOTE) == internal
            and ((m.kind is MessageKind.NOTE), m.id) not in before
            and _normal(m.body) in wanted
        ]
    if not new:
        return FilesReport(
            missing=tuple(f.name for f in files),
            note="Sent, but the new message was not found to check its files",
        )
    stored = new[-1].attachments
    return FilesReport(attached=tuple(a.name for a in stored), missing=missing_after(files, stored))
