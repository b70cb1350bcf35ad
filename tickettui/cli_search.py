"""`tickettui search`: find tickets on the server, beyond any section, with the query language
of the app's `f` (``core.ticket_search``); the same output as `list` (a table, --json, --csv).

The first page (50) by default, `--limit N` for that many, `--all` for every match; when more
are left, one line on stderr says how many were shown of how many. A kind of search the system
cannot do is one line on stderr and exit status 1, before anything is sent.
"""

from __future__ import annotations

import click

from tickettui.cli_support import friendly_errors
from tickettui.connection import ConnectionFlags
from tickettui.core.backend import Backend
from tickettui.core.errors import ConfigurationError

__all__ = ["search_command"]

SEARCH_EPILOG = """\b
Examples:
  tickettui search invoice                     title, customer or number holding "invoice"
  tickettui search '#616611'                   one ticket by its number (quote the #)
  tickettui search title:vpn cust:acme         both must match
  tickettui search 'title:"late invoice"'      a phrase
  tickettui search text:timeout --all --json   words in the messages (SuperOffice)
  tickettui search cust:ann@example.com        a customer's tickets (Keliweb: the whole address)

\b
#123 or id:123 a number, title: the title, cust: (customer:) the customer, text: (body:, msg:)
the messages, plain words the number, title or customer as the system can. SuperOffice
searches all of them; Keliweb numbers, titles and a customer's whole e-mail address, not
message text. Closed tickets are found too; the most recently changed come first.
"""


@click.command("search", epilog=SEARCH_EPILOG)
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="At most this many (default 50)."
)
@click.option("--all", "every", is_flag=True, help="Every match, page after page.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array), as list does.")
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV, as list does: the table's columns, whole.",
)
@click.pass_obj
@friendly_errors
def search_command(
    flags: ConnectionFlags,
    text: tuple[str, ...],
    limit: int | None,
    every: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Find tickets on the server by number, title, customer or message text."""
    if as_json and as_csv:
        raise ConfigurationError("Choose one of --json and --csv")
    if every and limit is not None:
        raise ConfigurationError("Choose one of --all and --limit")
    from tickettui.cli_output import json_text, summary_json
    from tickettui.cli_table import TABLE_COLUMNS, csv_table, print_ticket_table
    from tickettui.cli_tickets import _with_backend as with_backend
    from tickettui.core.columns import COLUMNS
    from tickettui.core.domain import Capabilities
    from tickettui.core.ticket_search import (
        PAGE_SIZE,
        SearchError,
        SearchResults,
        parse_search,
        search_all,
        search_problem,
        searcher,
    )

    query = parse_search(" ".join(text))
    wanted = tuple(COLUMNS) if as_json else TABLE_COLUMNS
    most = None if every else (limit or PAGE_SIZE)

    async def work(backend: Backend) -> tuple[SearchResults, Capabilities]:
        capabilities = backend.capabilities
        problem = search_problem(query, capabilities)
        if problem is not None:
            raise SearchError(problem)
        found = await search_all(searcher(backend, capabilities), query, wanted, most)
        return found, capabilities

    results, capabilities = with_backend(flags, work)
    tickets = results.tickets
    if as_json:
        click.echo(json_text([summary_json(t, capabilities) for t in tickets]))
    elif as_csv:
        click.echo(csv_table(tickets, capabilities), nl=False)
    elif tickets:
        print_ticket_table(tickets, capabilities)
    else:
        click.echo("No ticket found", err=True)
    if results.more:
        shown = f"{len(tickets)} of {results.total}" if results.total else f"{len(tickets)}"
        click.echo(f"Shown {shown}; --all or --limit N for more", err=True)
