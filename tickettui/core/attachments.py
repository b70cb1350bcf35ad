"""Attachments: what a backend offers for them, and the words the screens and commands use.

A system that lists the files on its messages says so in ``Capabilities.attachment_list`` and
implements ``ServesAttachments`` (``attachment_download`` where it can send the bytes too); one
that sends files with replies, notes and new tickets says ``attachment_upload`` and implements
``SendsAttachments``. Both are checked with ``isinstance``, never by probing.

The bytes always come as an async iterator of chunks (``attachment_chunks``): nothing reads a
whole file into memory; ``core.attachment_files`` writes them to disk.
"""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from tickettui.core.backend import SaveResult
from tickettui.core.domain import Attachment, Capabilities, EditForm
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_text import inert_line

__all__ = [
    "FilesReport",
    "Outgoing",
    "SendsAttachments",
    "ServesAttachments",
    "attachment_row",
    "file_sender",
    "file_server",
    "files_report_line",
    "human_size",
    "outgoing_file",
]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A file the agent attaches: read from ``path`` only when the message is sent."""

    path: Path
    name: str  # the name it gets on the server (the file's own, made safe by the backend)
    size: int


@dataclass(frozen=True, slots=True)
class FilesReport:
    """What became of the files sent with a message or a new ticket."""

    attached: tuple[str, ...] = ()  # names as the server stored them
    # Files the server did not keep (WHMCS drops a disallowed extension and says "success"),
    # or that never reached it: named, so the agent can send them again.
    missing: tuple[str, ...] = ()
    note: str = ""  # one plain line where something went wrong after the message was sent

    @property
    def complete(self) -> bool:
        return not self.missing and not self.note


@runtime_checkable
class ServesAttachments(Protocol):
    async def attachments(self, ticket_id: int) -> list[Attachment]:
        """Every attachment of the ticket's messages, oldest message first."""
        ...

    def attachment_chunks(self, attachment: Attachment) -> AsyncIterator[bytes]:
        """The file's bytes, a chunk at a time (never the whole file at once)."""
        ...


@runtime_checkable
class SendsAttachments(Protocol):
    async def add_message_with_files(
        self, ticket_id: int, text: str, files: Sequence[Outgoing], *, internal: bool
    ) -> FilesReport:
        """A reply or note with files; sent once (a lost answer is read back, never resent)."""
        ...

    async def create_with_files(
        self, form: EditForm, files: Sequence[Outgoing], *, notify: bool = False
    ) -> tuple[SaveResult, FilesReport]:
        """A new ticket whose first message carries ``files``."""
        ...


def file_server(backend: object, capabilities: Capabilities) -> ServesAttachments:
    """``backend`` as a ``ServesAttachments``; one clear line where the system has none."""
    if capabilities.attachment_list and isinstance(backend, ServesAttachments):
        return backend
    raise TicketTuiError(f"{capabilities.system_name} does not list attachments")


def file_sender(backend: object, capabilities: Capabilities) -> SendsAttachments:
    if capabilities.attachment_upload and isinstance(backend, SendsAttachments):
        return backend
    raise TicketTuiError(f"{capabilities.system_name} cannot attach files")


def human_size(size: int | None) -> str:
    """``2.1 MB``, ``512 B``; "size unknown" where the server does not say."""
    if size is None:
        return "size unknown"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover - the loop always returns


def kind_of(attachment: Attachment) -> str:
    """The content type as the server says it, or "type unknown"."""
    return inert_line(attachment.content_type).strip() or "type unknown"


def attachment_row(attachment: Attachment) -> tuple[str, str, str]:
    """Name, size and type as shown: inert, one line each; a name the server left empty says so."""
    name = inert_line(attachment.name).strip() or "(no name)"
    return name, human_size(attachment.size), kind_of(attachment)


@dataclass(frozen=True, slots=True)
class Refused:
    path: str
    reason: str


@dataclass(slots=True)
class AttachmentList:
    """The files a compose window or a command will send, checked as they are added."""

    limit: int = 0
    limit_why: str = ""
    files: list[Outgoing] = field(default_factory=list)

    def add(self, text: str) -> Outgoing:
        """Check and add the file ``text`` names (``~`` expanded); TicketTuiError if refused."""
        outgoing = outgoing_file(text, self.limit, self.limit_why)
        if any(f.path == outgoing.path for f in self.files):
            raise TicketTuiError(f"{outgoing.name} is attached already")
        self.files.append(outgoing)
        return outgoing

    def remove(self, index: int) -> Outgoing:
        return self.files.pop(index)


def outgoing_file(text: str, limit: int = 0, limit_why: str = "") -> Outgoing:
    """The regular file ``text`` names, checked against the server's ``limit`` (bytes)."""
    raw = text.strip()
    if not raw:
        raise TicketTuiError("Type the path of a file to attach")
    path = Path(os.path.expanduser(raw)).absolute()
    shown = inert_line(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TicketTuiError(f"No such file: {shown}") from None
    except OSError as error:
        raise TicketTuiError(f"Cannot read {shown}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise TicketTuiError(f"{shown} is a folder: attach a file")
    if not stat.S_ISREG(info.st_mode):
        raise TicketTuiError(f"{shown} is not a regular file")
    if not os.access(path, os.R_OK):
        raise TicketTuiError(f"Cannot read {shown}: permission denied")
    if limit and info.st_size > limit:
        why = f" ({limit_why})" if limit_why else ""
        raise TicketTuiError(
            f"{inert_line(path.name)} is {human_size(info.st_size)}: the server takes files up "
            f"to {human_size(limit)}{why}"
        )
    return Outgoing(path=path, name=path.name, size=info.st_size)


def files_report_line(report: FilesReport, what: str) -> str:
    """One line for what went wrong with the files of a message that was sent ("" if
    nothing): the message is on the ticket, so the way out is never to send it again."""
    if report.note:
        return report.note
    if report.missing:
        names = ", ".join(inert_line(name) for name in report.missing)
        return (
            f"The {what} was sent, but the server did not keep {names} (a type it does not "
            "take?): send it in a new message in another format"
        )
    return ""


def total_limit_line(files: Sequence[Outgoing]) -> str:
    """``2 files, 1.3 MB`` for the line under the compose window."""
    total = sum(f.size for f in files)
    count = f"{len(files)} file" + ("" if len(files) == 1 else "s")
    return f"{count}, {human_size(total)}"
