"""Command line: the app by default, plus script-friendly `list`/`show` and the local servers.

Every failure a user can cause (bad URL, wrong password, unreachable host, unknown ticket,
an HTML answer) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from tickettui.connection import ConnectionFlags
from tickettui.core.errors import TicketTuiError

P = ParamSpec("P")
T = TypeVar("T")

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _fail(message: str) -> None:
    click.echo(f"tickettui: {message}", err=True)


def friendly_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Turn every error into one line on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except TicketTuiError as error:
            _fail(str(error))
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `tickettui list | head`: the reader left; that is not an error worth a message.
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush
            sys.exit(0)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as error:  # a bug: still one line; --debug logs the traceback
            # Debug level: the traceback goes to the --debug log only, never to the terminal.
            logging.getLogger("tickettui").debug("unexpected error", exc_info=True)
            _fail(f"unexpected {type(error).__name__}: {error} (run with --debug for details)")
            sys.exit(EXIT_ERROR)

    return wrapper


def run_async(coro_fn: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(coro_fn())  # type: ignore[arg-type]


@click.group(invoke_without_command=True)
@click.option("--url", envvar="TICKETTUI_URL", help="API root, e.g. https://host/SuperOffice/api")
@click.option(
    "--auth",
    envvar="TICKETTUI_AUTH",
    type=click.Choice(["basic", "soticket", "bearer", "xsrf"], case_sensitive=False),
    help="Auth scheme (default basic). Secrets come from TICKETTUI_PASSWORD/_TOKEN/_APP_TOKEN.",
)
@click.option("--user", envvar="TICKETTUI_USER", help="User name for basic auth.")
@click.option("--debug", is_flag=True, help="Write a debug log.")
@click.version_option(package_name="tickettui")
@click.pass_context
def main(
    ctx: click.Context, url: str | None, auth: str | None, user: str | None, debug: bool
) -> None:
    """Keyboard-driven terminal app for support tickets. Without a command, opens the app."""
    ctx.obj = ConnectionFlags(url=url, auth=auth, user=user)
    if debug:
        logging.basicConfig(level=logging.DEBUG, filename="tickettui-debug.log")
    if ctx.invoked_subcommand is None:
        friendly_errors(_run_app)(ctx.obj)


def _run_app(flags: ConnectionFlags) -> None:
    from tickettui.backends import backend_factory

    factory = backend_factory(flags)
    from tickettui.ui.app import run_app

    run_app(factory)


@main.command("list")
@click.option(
    "--section", default=None, help="A section key, e.g. my-open, unassigned, all-active."
)
@click.option("--filter", "filter_", default=None, help="An archive $filter expression.")
@click.option("--order-by", default=None, help='e.g. "lastChanged desc"')
@click.option("--limit", type=int, default=None, help="At most this many tickets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array).")
@click.pass_obj
@friendly_errors
def list_command(
    flags: ConnectionFlags,
    section: str | None,
    filter_: str | None,
    order_by: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List tickets of a section or of a filter."""
    from tickettui.backends import backend_factory
    from tickettui.cli_output import print_ticket_table, summary_json
    from tickettui.core.columns import DEFAULT_COLUMNS
    from tickettui.core.domain import Section

    async def go() -> list[Any]:
        backend = backend_factory(flags)()
        try:
            sections = await backend.sections()
            if filter_ is not None:
                chosen = Section("filter", "Filter", filter_, order_by or "")
            else:
                key = section or sections[0].key
                matches = [s for s in sections if s.key == key]
                if not matches:
                    known = ", ".join(s.key for s in sections)
                    raise TicketTuiError(f"Unknown section {key!r}: choose one of {known}")
                chosen = matches[0]
                if order_by:
                    chosen = Section(chosen.key, chosen.title, chosen.query, order_by)
            return await backend.list_tickets(chosen, DEFAULT_COLUMNS)
        finally:
            await backend.aclose()

    tickets = run_async(go)
    if limit is not None:
        tickets = tickets[:limit]
    if as_json:
        click.echo(json.dumps([summary_json(t) for t in tickets], indent=2, ensure_ascii=False))
    else:
        print_ticket_table(tickets)


@main.command("show")
@click.argument("ticket_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@friendly_errors
def show_command(flags: ConnectionFlags, ticket_id: int, as_json: bool) -> None:
    """Show one ticket with its messages."""
    from tickettui.backends import backend_factory
    from tickettui.cli_output import detail_json, print_detail

    async def go() -> tuple[Any, Any]:
        backend = backend_factory(flags)()
        try:
            detail = await backend.ticket(ticket_id)
            messages = await backend.messages(ticket_id)
            return detail, messages
        finally:
            await backend.aclose()

    detail, messages = run_async(go)
    if as_json:
        click.echo(json.dumps(detail_json(detail, messages), indent=2, ensure_ascii=False))
    else:
        print_detail(detail, messages)


@main.command("server")
@click.option(
    "--system", type=click.Choice(["superoffice"]), default="superoffice", show_default=True
)
@click.option(
    "--tickets", type=int, default=500, show_default=True, help="How many tickets to seed."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8080, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed for the data.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file to use (reused if it already holds data).",
)
@friendly_errors
def server_command(
    system: str, tickets: int, host: str, port: int, seed: int, db: Path | None
) -> None:
    """Run a local server with realistic generated data."""
    from tickettui.servers.superoffice import serve

    serve(host=host, port=port, tickets=tickets, seed=seed, db_path=db)


@main.command("demo")
@click.option("--tickets", type=int, default=500, show_default=True)
@click.option("--fresh", is_flag=True, help="Throw away the demo data and seed it again.")
@friendly_errors
def demo_command(tickets: int, fresh: bool) -> None:
    """Open the app on a local server with demo data (kept between runs)."""
    from tickettui.demo import run_demo

    run_demo(tickets=tickets, fresh=fresh)
