"""Tickets from the command line: `list`, `show`, `reply`, `note` and `edit`.

Every command that takes a ticket takes the number the user sees (Keliweb's ticket number,
"616611" or "ABC-123456"; SuperOffice's ticket id), ``#N`` for only that number, or ``id:N``
for the internal id (``tickettui.core.ticket_refs``): what `list --json` prints as ``number``
works in every other command. Output for scripts with ``--json``; one line on stderr and a
non-zero exit for every failure.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import IO, Any, TypeVar

import click

from tickettui.cli_support import friendly_errors, keyring_store, prompt, run_async
from tickettui.cli_templates import TEMPLATE_OPTION, template_text
from tickettui.connection import ConnectionFlags
from tickettui.core.backend import Backend
from tickettui.core.errors import ConfigurationError, TicketTuiError
from tickettui.core.safe_text import inert_line

__all__ = ["TICKET_COMMANDS"]

T = TypeVar("T")

TICKET_HELP = (
    "The ticket: the number you see (e.g. 616611, ABC-123456 or 7), #N for only that number, "
    "id:N for the internal id."
)


def _with_backend(flags: ConnectionFlags, work: Callable[[Backend], Awaitable[T]]) -> T:
    from tickettui.backends import factory_for
    from tickettui.connection import connect
    from tickettui.core.zones import set_display_zone

    async def go() -> T:
        connection = connect(flags, keyring=keyring_store(), prompt=prompt())
        # Plain output shows times in the profile's zone (JSON: each with its offset).
        set_display_zone(connection.active.profile.timezone_display)
        backend = factory_for(connection, keyring_store())()
        try:
            return await work(backend)
        finally:
            await backend.aclose()

    return run_async(go)


LIST_EPILOG = """\b
Examples:
  tickettui list                                  the first section, as a table
  tickettui list --section all-active --filter critical
  tickettui list --filter "status:open prio:high owner:me"
  tickettui list --filter "cust:acme printer" --json
  tickettui list --query "ticketId lt 100"        SuperOffice: an archive $filter
  tickettui --profile kw list --query "status=Open&deptid=2"   Keliweb: key=value

\b
--filter reads what the app's / filter reads: words are looked for in the number, title,
status, priority, category, owner and customer; status:, prio:, owner: (owner:me is you),
cust:, cat: (dept: on Keliweb), title: and #123 look in one field.
"""


@click.command("list", epilog=LIST_EPILOG)
@click.option(
    "--section", default=None, help="A section key, e.g. my-open, unassigned, all-active."
)
@click.option(
    "--filter",
    "filter_",
    default=None,
    metavar="WORDS",
    help='Narrow the tickets as the app\'s / filter does, e.g. "status:open prio:high printer".',
)
@click.option(
    "--query",
    default=None,
    help="The system's own query instead of the section's: SuperOffice's archive $filter, "
    "Keliweb's key=value pairs.",
)
@click.option("--order-by", default=None, help='e.g. "lastChanged desc"')
@click.option("--limit", type=int, default=None, help="At most this many tickets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array).")
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV: the table's columns, whole; cells a spreadsheet would run as a formula "
    "start with '.",
)
@click.pass_obj
@friendly_errors
def list_command(
    flags: ConnectionFlags,
    section: str | None,
    filter_: str | None,
    query: str | None,
    order_by: str | None,
    limit: int | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List the tickets of a section (the first one by default), as a table, JSON or CSV."""
    if as_json and as_csv:
        raise ConfigurationError("Choose one of --json and --csv")
    from tickettui.cli_output import json_text, summary_json
    from tickettui.cli_table import TABLE_COLUMNS, print_ticket_table
    from tickettui.core.columns import COLUMNS
    from tickettui.core.domain import Capabilities, Section, TicketSummary

    # JSON prints every field: fetch every column (a SuperOffice list selects only those asked),
    # and so does a filter, which looks in the fields no table column shows (customer...).
    wanted = tuple(COLUMNS) if as_json or filter_ else TABLE_COLUMNS

    async def work(backend: Backend) -> tuple[list[TicketSummary], Capabilities]:
        sections = await backend.sections()
        if query is not None:
            chosen = Section("query", "Query", query, order_by or "")
        else:
            key = section or sections[0].key
            matches = [s for s in sections if s.key == key]
            if not matches:
                known = ", ".join(s.key for s in sections)
                raise TicketTuiError(f"Unknown section {key!r}: choose one of {known}")
            chosen = matches[0]
            if order_by:
                chosen = Section(chosen.key, chosen.title, chosen.query, order_by)
        tickets = await backend.list_tickets(chosen, wanted)
        if filter_:
            me = await backend.current_user() if "owner:me" in filter_.lower() else ""
            tickets = _filtered(tickets, filter_, me)
        return tickets, backend.capabilities

    tickets, capabilities = _with_backend(flags, work)
    if limit is not None:
        tickets = tickets[:limit]
    if as_json:
        click.echo(json_text([summary_json(t, capabilities) for t in tickets]))
    elif as_csv:
        from tickettui.cli_table import csv_table

        click.echo(csv_table(tickets, capabilities), nl=False)
    else:
        print_ticket_table(tickets, capabilities)


def _filtered(tickets: list[Any], text: str, me: str) -> list[Any]:
    """The tickets the app's queue filter shows for ``text``, in their order."""
    from tickettui.core.ticket_rows import TicketRows

    rows = TicketRows(tickets)
    if me:
        rows.set_me(me)
    rows.set_filter(text)
    return [rows.ticket_at(row) for row in range(len(rows.view))]


@click.command("show")
@click.argument("ticket")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--url",
    "as_url",
    is_flag=True,
    help="Print only the ticket's web page address (the profile's web_url, or the system's).",
)
@click.pass_obj
@friendly_errors
def show_command(flags: ConnectionFlags, ticket: str, as_json: bool, as_url: bool) -> None:
    """Show one ticket with its messages.

    TICKET is the number you see (e.g. 616611, ABC-123456 or 7), #N for only that number,
    or id:N for the internal id.
    """
    from tickettui.cli_output import detail_json, json_text, print_detail

    if as_url:
        click.echo(_web_url(flags, ticket))
        return

    async def work(backend: Backend) -> tuple[Any, Any, Any]:
        ticket_id = await backend.resolve(ticket)
        detail = await backend.ticket(ticket_id)
        messages = await backend.messages(ticket_id)
        # What the system calls its fields (Keliweb: "Department", not "Category").
        return detail, messages, backend.capabilities

    detail, messages, capabilities = _with_backend(flags, work)
    if as_json:
        click.echo(json_text(detail_json(detail, messages, capabilities)))
    else:
        print_detail(detail, messages, capabilities)


def _web_url(flags: ConnectionFlags, ticket: str) -> str:
    from tickettui.backends import factory_for
    from tickettui.connection import connect
    from tickettui.core.ticket_links import web_url
    from tickettui.ticket_web_url import web_url_template

    connection = connect(flags, keyring=keyring_store(), prompt=prompt())
    template = web_url_template(connection.active.profile, connection.system)
    if not template:
        raise ConfigurationError(
            f"{connection.system.title} has no usual web page for a ticket: set web_url in the "
            'profile, e.g. web_url = "https://host/ticket?id={id}"'
        )

    async def go() -> str:
        backend = factory_for(connection, keyring_store())()
        try:
            ticket_id = await backend.resolve(ticket)
            detail = await backend.ticket(ticket_id)
        finally:
            await backend.aclose()
        return web_url(template, ticket_id, detail.summary.number or str(ticket_id))

    return run_async(go)


def _text_of(message: str | None, file: IO[str] | None) -> str:
    """The text to send: -m, --file (``-`` for standard input), or what is piped in."""
    if message is not None and file is not None:
        raise ConfigurationError("Give the text once: -m or --file, not both")
    if message is not None:
        text = message
    elif file is not None:
        text = file.read()
    elif not sys.stdin.isatty():
        text = sys.stdin.read()
    else:
        raise ConfigurationError("Nothing to send: give the text with -m, --file or on stdin")
    if not text.strip():
        raise ConfigurationError("Nothing to send: the text is empty")
    return text.rstrip("\n")


def _post(
    flags: ConnectionFlags,
    ticket: str,
    message: str | None,
    file: IO[str] | None,
    *,
    internal: bool,
    as_json: bool,
    template: str | None = None,
    attach: Sequence[str] = (),
) -> None:
    from tickettui.cli_attachments import FilesToSend
    from tickettui.cli_output import json_text

    # With --template, -m/--file is only what follows it (stdin is not read).
    given = template is None or message is not None or file is not None
    text = _text_of(message, file) if given else ""
    files = FilesToSend(attach)  # --attach: checked before anything is sent

    async def work(backend: Backend) -> tuple[int, str, str]:
        capabilities = backend.capabilities
        if internal and not capabilities.internal_notes:
            raise ConfigurationError(f"{capabilities.system_name} has no internal notes")
        files.check(capabilities)
        ticket_id = await backend.resolve(ticket)
        number = (await backend.ticket(ticket_id)).summary.display_number
        sent = text if template is None else await template_text(backend, ticket_id, template, text)
        await files.send(backend, ticket_id, sent, internal=internal)
        label = capabilities.note_title if internal else capabilities.reply_label
        return ticket_id, number, label

    ticket_id, number, label = _with_backend(flags, work)
    kind = "note" if internal else "reply"
    if as_json:
        click.echo(json_text({"id": ticket_id, "number": number, "added": kind}))
    else:
        click.echo(f"{label} added to ticket {number}")
    files.problem()  # a file the server did not keep: one line on stderr, exit status 1


_MESSAGE = click.option("-m", "--message", default=None, help="The text (else --file or stdin).")
_FILE = click.option(
    "--file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read it from a file ('-': stdin).",
)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
_ATTACH = click.option(
    "--attach",
    "attach",
    multiple=True,
    metavar="FILE",
    help="Attach a file (repeatable); checked against the server's size limit before sending.",
)


def _message_command(name: str, *, internal: bool, doc: str) -> click.Command:
    """`reply` or `note`: the same arguments, one kind of message each."""

    @click.command(name, help=doc)
    @click.argument("ticket")
    @_MESSAGE
    @_FILE
    @TEMPLATE_OPTION
    @_JSON
    @_ATTACH
    @click.pass_obj
    @friendly_errors
    def command(
        flags: ConnectionFlags,
        ticket: str,
        message: str | None,
        file: IO[str] | None,
        template: str | None,
        as_json: bool,
        attach: tuple[str, ...],
    ) -> None:
        _post(
            flags,
            ticket,
            message,
            file,
            internal=internal,
            as_json=as_json,
            template=template,
            attach=attach,
        )

    return command


reply_command = _message_command(
    "reply",
    internal=False,
    doc="""Reply on a ticket (what the customer receives).

    TICKET is the number you see, #N for only that number, or id:N for the internal id. The
    text comes from -m, --file or standard input, or is a reply template (--template NAME,
    filled in for the ticket; -m or --file text is added after it). A reply whose answer is
    lost is looked for on the ticket, never sent twice.
    """,
)
note_command = _message_command(
    "note",
    internal=True,
    doc="""Add an internal note to a ticket (agents only).

    TICKET is the number you see, #N for only that number, or id:N for the internal id. The
    text comes from -m, --file or standard input, or is a reply template (--template NAME;
    -m or --file text is added after it).
    """,
)


@click.command("edit")
@click.argument("ticket")
@click.option(
    "--set",
    "changes",
    multiple=True,
    required=True,
    metavar="FIELD=VALUE",
    help="A field and its new value, by key or label (e.g. status=Closed, priority=High, "
    '"title=New title", tags=Bug,VIP, "postponed_until=tomorrow 9:00"; empty clears). Repeat.',
)
@click.option("--notify", is_flag=True, help="Tell the owner, where the system can.")
@_JSON
@click.pass_obj
@friendly_errors
def edit_command(
    flags: ConnectionFlags,
    ticket: str,
    changes: Sequence[str],
    notify: bool,
    as_json: bool,
) -> None:
    """Change fields of a ticket, as the edit form does: checked first, then merged with what
    others saved meanwhile (a field both changed is refused, nothing is saved).

    TICKET is the number you see, #N for only that number, or id:N for the internal id.
    """
    from tickettui.cli_edit import edit_ticket
    from tickettui.cli_output import json_text

    wanted = [_field_and_value(change) for change in changes]
    done = _with_backend(flags, lambda backend: edit_ticket(backend, ticket, wanted, notify))
    if as_json:
        click.echo(json_text(done))
    elif done["changed"]:
        changed = ", ".join(inert_line(key) for key in done["changed"])  # tenant-named fields
        click.echo(f"Ticket {inert_line(str(done['number']))} saved: {changed}")
    else:
        click.echo(f"Ticket {done['number']}: nothing to change")


def _field_and_value(change: str) -> tuple[str, str]:
    field, sep, value = change.partition("=")
    if not sep or not field.strip():
        raise click.BadParameter(f"{change!r}: write FIELD=VALUE", param_hint="--set")
    return field.strip(), value


TICKET_COMMANDS = (list_command, show_command, reply_command, note_command, edit_command)
