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
from dataclasses import replace
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from tickettui import systems
from tickettui.commands.fault_option import fault_plan, faults_option
from tickettui.connection import ConnectionFlags
from tickettui.core.errors import ConfigurationError, TicketTuiError

P = ParamSpec("P")
T = TypeVar("T")

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


class SystemChoice(click.ParamType[str, object]):
    """A system's name, checked against the registry when the command line is read (the
    systems there are listed in --help and in the error for an unknown one)."""

    name = "system"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "[" + "|".join(systems.names()) + "]"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        name = str(value).strip().lower()
        if name not in systems.names():
            self.fail(f"{value!r} is not one of {', '.join(systems.names())}", param, ctx)
        return name


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
@click.option(
    "--profile",
    envvar="TICKETTUI_PROFILE",
    help="A profile of config.toml (default: its default_profile). See `tickettui profiles`.",
)
@click.option("--url", envvar="TICKETTUI_URL", help="API root, e.g. https://host/SuperOffice/api")
@click.option(
    "--auth",
    help="SuperOffice's auth scheme: basic (default), soticket or bearer (or TICKETTUI_AUTH). "
    "Secrets come from TICKETTUI_PASSWORD/_TOKEN/_APP_TOKEN.",
)
@click.option("--user", envvar="TICKETTUI_USER", help="User name for basic auth.")
@click.option("--debug", is_flag=True, help="Write a debug log (see `tickettui locate`).")
@click.version_option(package_name="tickettui")
@click.pass_context
def main(
    ctx: click.Context,
    profile: str | None,
    url: str | None,
    auth: str | None,
    user: str | None,
    debug: bool,
) -> None:
    """Keyboard-driven terminal app for support tickets. Without a command, opens the app.

    Settings come from the active profile of config.toml; --url/--auth/--user and the
    TICKETTUI_* variables override it. Start with `tickettui login`.
    """
    if ctx.get_parameter_source("profile") is click.core.ParameterSource.ENVIRONMENT:
        profile = None  # TICKETTUI_PROFILE: the config layer reads it (and says so)
    ctx.obj = ConnectionFlags(url=url, auth=auth, user=user, profile=profile)
    if debug:
        from tickettui.debug_log import start_debug_log

        path = start_debug_log()
        click.echo(f"tickettui: writing a debug log to {path}", err=True)
    if ctx.invoked_subcommand is None:
        friendly_errors(_run_app)(ctx.obj)


def _keyring() -> Any:
    from tickettui.commands.terminal import say
    from tickettui.credentials.keyring_store import KeyringStore

    return KeyringStore(notice=say)


def _prompt() -> Any:
    """Ask for a missing secret when a person is at the terminal; never in a script."""
    from tickettui.commands.terminal import ask_secret, interactive

    return ask_secret if interactive() else None


def _run_app(flags: ConnectionFlags) -> None:
    from tickettui.commands.first_run import is_first_run, offer
    from tickettui.commands.terminal import interactive

    if is_first_run(flags) and interactive():
        choice = offer()
        if choice == "quit":
            return
        if choice == "demo":
            from tickettui.demo import run_demo

            run_demo()
            return
        from tickettui.commands.login import login

        flags = replace(flags, profile=login(flags, _keyring()))

    import gc

    gc.disable()  # until the queue has painted (TicketApp turns it back on): a faster start
    from tickettui.backends import factory_for
    from tickettui.connection import connect
    from tickettui.core.columns import DEFAULT_COLUMNS

    connection = connect(flags, keyring=_keyring(), prompt=_prompt())
    profile = connection.active.profile
    _check_theme(profile.theme)
    from tickettui.ui.app import run_app

    run_app(
        factory_for(connection),
        columns=profile.columns or DEFAULT_COLUMNS,
        keymap=profile.keymap,
        theme=profile.theme,
        credentials=connection.credential,
    )


def _check_theme(theme: str | None) -> None:
    if not theme:
        return
    from textual.theme import BUILTIN_THEMES

    if theme not in BUILTIN_THEMES:
        raise ConfigurationError(
            f"Unknown theme {theme!r} in the profile: choose one of {', '.join(BUILTIN_THEMES)}"
        )


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
    from tickettui.cli_output import json_text, print_ticket_table, summary_json
    from tickettui.core.columns import DEFAULT_COLUMNS
    from tickettui.core.domain import Section

    async def go() -> list[Any]:
        backend = backend_factory(flags, keyring=_keyring(), prompt=_prompt())()
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
        click.echo(json_text([summary_json(t) for t in tickets]))
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
    from tickettui.cli_output import detail_json, json_text, print_detail

    async def go() -> tuple[Any, Any, Any]:
        backend = backend_factory(flags, keyring=_keyring(), prompt=_prompt())()
        try:
            detail = await backend.ticket(ticket_id)
            messages = await backend.messages(ticket_id)
            # What the system calls its fields (Keliweb: "Department", not "Category").
            return detail, messages, backend.capabilities
        finally:
            await backend.aclose()

    detail, messages, capabilities = run_async(go)
    if as_json:
        click.echo(json_text(detail_json(detail, messages)))
    else:
        print_detail(detail, messages, capabilities)


@main.command("server")
@click.option("--system", type=SystemChoice(), default=systems.DEFAULT, show_default=True)
@click.option(
    "--tickets", type=int, default=500, show_default=True, help="How many tickets to seed."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--port", type=int, default=None, help="Default: the system's (8080 superoffice, 8081 keliweb)."
)
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed for the data.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file to use (reused if it already holds data).",
)
@faults_option
@friendly_errors
def server_command(
    system: str,
    tickets: int,
    host: str,
    port: int | None,
    seed: int,
    db: Path | None,
    faults: str | None,
) -> None:
    """Run a local server with realistic generated data."""
    plan = fault_plan(faults, seed=seed)
    local = systems.system(system).local
    if local is None:
        raise ConfigurationError(f"{systems.system(system).title} has no local server")
    local.serve(
        host=host,
        port=port or local.default_port,
        tickets=tickets,
        seed=seed,
        db_path=db,
        faults=plan,
    )


@main.command("demo")
@click.option(
    "--system",
    type=SystemChoice(),
    default=systems.DEFAULT,
    show_default=True,
    help="Which local server to open.",
)
@click.option("--tickets", type=int, default=500, show_default=True)
@click.option("--fresh", is_flag=True, help="Throw away the demo data and seed it again.")
@faults_option
@friendly_errors
def demo_command(system: str, tickets: int, fresh: bool, faults: str | None) -> None:
    """Open the app on a local server with demo data (kept between runs, one set per system).

    With --faults the server misbehaves like a flaky link: try saving and replying through it.
    """
    from tickettui.demo import run_demo

    run_demo(tickets=tickets, fresh=fresh, system=system, faults=fault_plan(faults))


# --- profiles and credentials --------------------------------------------------------------


@main.command("login")
@click.option("--profile", "profile", default=None, help="The profile to log in to (or create).")
@click.option(
    "--system",
    type=SystemChoice(),
    default=None,
    help="The system of a new profile (default superoffice, or TICKETTUI_SYSTEM).",
)
@click.pass_obj
@friendly_errors
def login_command(flags: ConnectionFlags, profile: str | None, system: str | None) -> None:
    """Check a password or token against the server and keep it in the system keyring.

    A new profile is asked for (URL, auth scheme, user) and saved in config.toml, without
    the secret. Without a keyring, says how to use TICKETTUI_PASSWORD or a password_command.
    """
    from tickettui.commands.login import login
    from tickettui.credentials.keyring_store import KeyringStore

    login(replace(flags, profile=profile or flags.profile), KeyringStore(), system=system)


@main.command("logout")
@click.option("--profile", "profile", default=None, help="The profile to log out of.")
@click.pass_obj
@friendly_errors
def logout_command(flags: ConnectionFlags, profile: str | None) -> None:
    """Remove a profile's stored secret from the system keyring."""
    from tickettui.commands.login import logout
    from tickettui.credentials.keyring_store import KeyringStore

    logout(replace(flags, profile=profile or flags.profile), KeyringStore())


@main.command("profiles")
@click.pass_obj
@friendly_errors
def profiles_command(flags: ConnectionFlags) -> None:
    """List the profiles of config.toml; * marks the active one."""
    from tickettui.commands.profiles import profile_lines

    for line in profile_lines(flags):
        click.echo(line)


@main.command("doctor")
@click.pass_obj
@friendly_errors
def doctor_command(flags: ConnectionFlags) -> None:
    """Check paths, profile, keyring, sign-in and terminal; each line OK or what to fix."""
    from tickettui.commands.doctor import doctor
    from tickettui.credentials.keyring_store import KeyringStore

    checks = doctor(flags, KeyringStore(), prompt=_prompt())
    for check in checks:
        click.echo(str(check))
    if not all(check.ok for check in checks):
        sys.exit(EXIT_ERROR)


@main.command("locate")
@friendly_errors
def locate_command() -> None:
    """Print every path tickettui uses."""
    from tickettui.commands.locate import locations

    for label, path in locations():
        click.echo(f"{label + ':':<11}{path}")


@main.command("config-schema")
@friendly_errors
def config_schema_command() -> None:
    """Print the JSON schema of config.toml (for editor completion and checks)."""
    from tickettui.config.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
