"""Attachments on SuperOffice (TRIAGE-CALLS §3): listing, streamed download, upload and link.

- A message's files: ``GET TicketMessage/{id}/Attachment`` (AttachmentEntity[]), asked only
  for the messages whose summary (``TicketEntity.Messages[].NumAttachments``) has any.
- The bytes: ``GET Attachment/{id}/Content`` with ``Accept: application/octet-stream``, read a
  chunk at a time.
- A reply with files, in the documented order: ``POST Attachment`` (a metadata row) and
  ``POST Attachment/{id}/Content`` (the raw bytes, streamed from disk) for each file, then
  the message, then ``POST TicketMessage/{msgId}/Attachment`` with the ids. The uploads come
  first so that a file the server refuses stops the reply before anything is sent.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import httpx
from pydantic import TypeAdapter

from tickettui.core.attachments import FilesReport, Outgoing
from tickettui.core.domain import Attachment
from tickettui.core.errors import TicketTuiError, UnexpectedResponse
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models.messages import AttachmentInfo, TicketMessageSummary

__all__ = [
    "download",
    "files_of",
    "link",
    "linked",
    "message_attachments",
    "upload",
]

CHUNK = 64 * 1024
_INFOS = TypeAdapter(list[AttachmentInfo])
CONCURRENCY = 4
log = logging.getLogger("tickettui.systems.superoffice")


def attachment_of(info: AttachmentInfo, message_id: int) -> Attachment | None:
    if not info.AttachmentId:
        return None
    return Attachment(
        ref=str(info.AttachmentId),
        message_id=message_id,
        name=info.Name or "",
        size=info.AttSize if info.AttSize is not None and info.AttSize >= 0 else None,
        content_type=info.ContentType or "",
        inline=bool(info.InlineImage),
    )


async def message_attachments(client: SuperOfficeClient, message_id: int) -> list[Attachment]:
    path = f"TicketMessage/{int(message_id)}/Attachment"
    data = await client._call("GET", path, what=f"Message {message_id}")
    infos = client._parse(_INFOS, data or [], "GET", path)
    found = (attachment_of(info, message_id) for info in infos)
    return [a for a in found if a is not None]


async def files_of(
    client: SuperOfficeClient,
    summaries: Sequence[TicketMessageSummary],
    *,
    tolerant: bool = True,
) -> dict[int, list[Attachment]]:
    """Message id -> its files, for the messages that have any (a few requests at a time).
    ``tolerant``: a message whose list cannot be had shows none (the thread); else the
    error stands (the list of attachments says why)."""
    wanted = [m.TicketMessageId for m in summaries if m.TicketMessageId and m.NumAttachments]
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(message_id: int) -> tuple[int, list[Attachment]]:
        async with gate:
            try:
                return message_id, await message_attachments(client, message_id)
            except TicketTuiError as error:
                if not tolerant:
                    raise
                # An older tenant without the call (404), no right to it (403), an answer we
                # cannot read: the thread still reads, without this message's files (the `A`
                # list says why).
                log.debug("attachments of message %s: %s", message_id, error)
                return message_id, []

    return dict(await asyncio.gather(*(one(i) for i in wanted if i is not None)))


async def download(client: SuperOfficeClient, attachment: Attachment) -> AsyncIterator[bytes]:
    if not attachment.ref.isdigit():
        raise TicketTuiError(f"Not a SuperOffice attachment: {attachment.ref!r}")
    path = f"Attachment/{attachment.ref}/Content"
    async with client._streamed(
        "GET",
        path,
        headers={"Accept": "application/octet-stream"},
        what=f"Attachment {attachment.ref}",
    ) as response:
        try:
            async for chunk in response.aiter_bytes(CHUNK):
                yield chunk
        except httpx.TransportError as exc:
            raise UnexpectedResponse(
                f"The download of attachment {attachment.ref} was cut off ({type(exc).__name__})"
            ) from exc


def content_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


def _file_chunks(path: Path) -> AsyncIterator[bytes]:
    async def chunks() -> AsyncIterator[bytes]:
        with path.open("rb") as file:
            while block := file.read(CHUNK):
                yield block

    return chunks()


async def upload(client: SuperOfficeClient, outgoing: Outgoing) -> int:
    """The new attachment's id, its bytes uploaded (not yet on any message)."""
    entity = {
        "AttachmentId": 0,
        "Name": outgoing.name,
        "ContentType": content_type(outgoing.name),
        "AttSize": outgoing.size,
        "InlineImage": False,
    }
    data = await client._call("POST", "Attachment", body=entity, what="A new attachment")
    info = client._model(AttachmentInfo, data, "POST", "Attachment")
    if not info.AttachmentId:
        raise UnexpectedResponse("The server gave the new attachment no id")
    path = f"Attachment/{info.AttachmentId}/Content"
    async with client._streamed(
        "POST",
        path,
        headers={"Content-Type": "application/octet-stream"},
        content=lambda: _file_chunks(outgoing.path),
        what=f"Attachment {info.AttachmentId}",
    ):
        pass
    return info.AttachmentId


async def link(client: SuperOfficeClient, message_id: int, ids: Sequence[int]) -> None:
    path = f"TicketMessage/{int(message_id)}/Attachment"
    await client._call("POST", path, body=list(ids), what=f"Message {message_id}")


async def linked(
    client: SuperOfficeClient, message_id: int, ids: Sequence[int], files: Sequence[Outgoing]
) -> FilesReport:
    """Link the uploaded ``ids`` to the message just sent; never sends the message again."""
    names = tuple(f.name for f in files)
    if not ids:
        return FilesReport()
    again = "send the files in a new message; do not send this one again"
    if not message_id:
        return FilesReport(
            missing=names,
            note=f"The message was sent, but its files could not be attached: {again}",
        )
    try:
        await link(client, message_id, ids)
    except TicketTuiError as error:
        return FilesReport(
            missing=names,
            note=f"The message was sent, but its files were not attached ({error}): {again}",
        )
    return FilesReport(attached=names)
