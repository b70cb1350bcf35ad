"""`tickettui attachments TICKET` lists a ticket's files; `tickettui attachment save TICKET ID`
saves one.

The list's ``id`` is what ``attachment save`` takes (SuperOffice's attachment id, Keliweb's
``ticket:40065:1``). A file is saved in the profile's ``download_folder`` (else the platform's
downloads folder), under the server's name made safe; ``-o`` names a folder or a file (``-``:
standard output). An existing file is never replaced unless ``--force``: pick another name
with ``-o``. The bytes are streamed to disk (mode 0600) and a download that fails or is
interrupted leaves nothing behind.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from tickettui.cli_support import friendly_errors, keyring_store, prompt, run_async
from tickettui.connection import ConnectionFlags
from tickettui.core.attachment_files import (
    Destination,
    FileExists,
    destination,
    download_folder,
    save_chunks,
)
from tickettui.core.attachments import (
    AttachmentList,
    FilesReport,
    Outgoing,
    attachment_row,
    file_sender,
    file_server,
    files_report_line,
)
from tickettui.core.backend import Backend
from tickettui.core.domain import Attachment, Capabilities
from tickettui.core.errors import ConfigurationError, NotFound, TicketTuiError
from tickettui.core.safe_text import inert_line

__all__ = [
    "ATTACHMENT_COMMANDS",
    "FilesToSend",
    "attachment_group",
    "attachments_command",
]

T = TypeVar("T")
Work = Callable[[Backend, str], Awaitable[T]]


def _with_backend(flags: ConnectionFlags, work: Work[T]) -> T:
    """``work(backend, download_folder)`` with the profile's backend, closed afterwards."""
    from tickettui.backends import factory_for
    from tickettui.connection import connect

    async def go() -> T:
        connection = connect(flags, keyring=keyring_store(), prompt=prompt())
        folder = connection.active.profile.download_folder or ""
        backend = factory_for(connection, keyring_store())()
        try:
            return await work(backend, folder)
        finally:
            await backend.aclose()

    return run_async(go)


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.ref,
        "message": attachment.message_id,
        "name": attachment.name,
        "size": attachment.size,
        "type": attachment.content_type or None,
        "inline": attachment.inline,
    }


@click.command("attachments")
@click.argument("ticket")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array).")
@click.pass_obj
@friendly_errors
def attachments_command(flags: ConnectionFlags, ticket: str, as_json: bool) -> None:
    """List a ticket's attachments: id, message, name, size and type.

    TICKET is the number you see, #N for only that number, or id:N for the internal id. The
    id is what `tickettui attachment save` takes.
    """
    from tickettui.core.export import json_text

    async def work(backend: Backend, folder: str) -> list[Attachment]:
        ticket_id = await backend.resolve(ticket)
        return await file_server(backend, backend.capabilities).attachments(ticket_id)

    found = _with_backend(flags, work)
    if as_json:
        click.echo(json_text([attachment_json(a) for a in found]))
        return
    if not found:
        click.echo(f"Ticket {inert_line(ticket)} has no attachments")
        return
    rows = [(inert_line(a.ref), str(a.message_id), *attachment_row(a)) for a in found]
    header = ("ID", "MESSAGE", "NAME", "SIZE", "TYPE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        click.echo("  ".join([*cells, row[4]]).rstrip())


def _pick(found: list[Attachment], wanted: str) -> Attachment:
    """The attachment whose id is ``wanted``; else the only one of that name."""
    for attachment in found:
        if attachment.ref == wanted:
            return attachment
    named = [a for a in found if a.name == wanted]
    if len(named) == 1:
        return named[0]
    if named:
        raise TicketTuiError(
            f"{len(named)} attachments are called {inert_line(wanted)}: give the id "
            "(`tickettui attachments TICKET` lists them)"
        )
    raise NotFound(
        f"No attachment {inert_line(wanted)} on this ticket "
        "(`tickettui attachments TICKET` lists them)"
    )


def _target(output: str | None, attachment: Attachment, folder: str) -> Destination:
    """Where ``-o`` says: a folder (the safe name inside), or a file; else the folder."""
    if output is None:
        return destination(download_folder(folder), attachment)
    path = Path(output).expanduser()
    if path.is_dir():
        return destination(path, attachment)
    if not path.parent.is_dir():
        raise ConfigurationError(f"No such folder: {inert_line(str(path.parent))}")
    return destination(path.parent, attachment, name=path.name)


@click.group("attachment")
def attachment_group() -> None:
    """Work with one attachment of a ticket (`tickettui attachments TICKET` lists them)."""


@attachment_group.command("save")
@click.argument("ticket")
@click.argument("attachment")
@click.option(
    "-o",
    "--output",
    default=None,
    help="A folder, or a file name; '-' writes to standard output. "
    "Default: the profile's download_folder, else the downloads folder.",
)
@click.option("--force", is_flag=True, help="Replace a file that is there already.")
@click.pass_obj
@friendly_errors
def save_command(
    flags: ConnectionFlags, ticket: str, attachment: str, output: str | None, force: bool
) -> None:
    """Save one attachment of TICKET: ATTACHMENT is its id (or its name, when only one has it).

    The file is written under a safe name, readable by you only, and never over an existing
    file unless --force. A download that fails leaves nothing behind.
    """

    async def work(backend: Backend, folder: str) -> tuple[str, int]:
        server = file_server(backend, backend.capabilities)
        ticket_id = await backend.resolve(ticket)
        chosen = _pick(await server.attachments(ticket_id), attachment)
        if output == "-":
            written = 0
            sink = sys.stdout.buffer
            async for chunk in server.attachment_chunks(chosen):
                sink.write(chunk)
                written += len(chunk)
            sink.flush()
            return "", written
        target = _target(output, chosen, folder)
        if target.exists and not force:
            raise FileExists(
                f"{target.shown} exists already: --force replaces it, -o saves it elsewhere"
            )
        written = await save_chunks(server.attachment_chunks(chosen), target, overwrite=force)
        return target.shown, written

    shown, written = _with_backend(flags, work)
    if shown:
        click.echo(f"Saved {written} bytes to {shown}")


ATTACHMENT_COMMANDS = (attachments_command, attachment_group)


# --- reply/note --attach (cli_tickets.py) ----------------------------------------------------


class FilesToSend:
    """The --attach files of one `reply` or `note`: checked before anything is sent, sent
    once with the message, and what did not make it said after the "added" line."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self.files: list[Outgoing] = []
        self.report = FilesReport()

    def check(self, capabilities: Capabilities) -> None:
        """Each file there, readable and within the server's limit; else one line, nothing
        sent."""
        if not self.paths:
            return
        if not capabilities.attachment_upload:
            raise ConfigurationError(f"{capabilities.system_name} cannot attach files")
        files = AttachmentList(capabilities.attachment_limit, capabilities.attachment_limit_why)
        for path in self.paths:
            files.add(path)
        self.files = files.files

    async def send(self, backend: Backend, ticket_id: int, text: str, *, internal: bool) -> None:
        if not self.files:
            await backend.add_message(ticket_id, text, internal=internal)
            return
        sender = file_sender(backend, backend.capabilities)
        self.report = await sender.add_message_with_files(
            ticket_id, text, self.files, internal=internal
        )

    def problem(self) -> None:
        """A file that did not make it: one line on stderr and exit status 1 (the message is
        on the ticket: sending it again would post it twice)."""
        line = files_report_line(self.report, "message")
        if line:
            from tickettui.cli_support import EXIT_ERROR, fail

            fail(line)
            sys.exit(EXIT_ERROR)
