"""Command line: the app by default, plus script-friendly `list`/`show` and the local servers.

Every failure a user can cause (bad URL, wrong password, unreachable host, unknown ticket,
an HTML answer) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tickettui import systems
from tickettui.cli_lazy import LazyGroup
from tickettui.cli_support import (
    EXIT_ERROR,
    SystemChoice,
    friendly_errors,
    keyring_store,
    prompt,
)
from tickettui.commands.fault_option import fault_plan, faults_option
from tickettui.connection import ConnectionFlags
from tickettui.core.errors import ConfigurationError

if TYPE_CHECKING:
    from tickettui.systems.record import BackendParts

# The commands for scripts, imported when used (cli_lazy): the app's start needs none of them.
LAZY_COMMANDS = {
    "list": "tickettui.cli_tickets:list_command",
    "show": "tickettui.cli_tickets:show_command",
    "reply": "tickettui.cli_tickets:reply_command",
    "note": "tickettui.cli_tickets:note_command",
    "edit": "tickettui.cli_tickets:edit_command",
    "update": "tickettui.commands.update:update_command",
    "next": "tickettui.commands.next_ticket:next_command",
    "templates": "tickettui.cli_templates:templates_command",
    "search": "tickettui.cli_search:search_command",
    "attachments": "tickettui.cli_attachments:attachments_command",
    "attachment": "tickettui.cli_attachments:attachment_group",
    "web": "tickettui.cli_web:web_command",
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS, invoke_without_command=True)
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
    ctx.obj = _connection_flags(ctx, profile, url, auth, user)
    if debug:
        from tickettui.debug_log import start_debug_log

        path = start_debug_log()
        click.echo(f"tickettui: writing a debug log to {path}", err=True)
    if ctx.invoked_subcommand is None:
        friendly_errors(_run_app)(ctx.obj)


def _connection_flags(
    ctx: click.Context, profile: str | None, url: str | None, auth: str | None, user: str | None
) -> ConnectionFlags:
    if ctx.get_parameter_source("profile") is click.core.ParameterSource.ENVIRONMENT:
        profile = None  # TICKETTUI_PROFILE: the config layer reads it (and says so)
    return ConnectionFlags(url=url, auth=auth, user=user, profile=profile)


def connection_flags(argv: list[str]) -> ConnectionFlags:
    """The connection flags of a command line that opens the app, read as ``main`` reads them
    (the options and their variables): for the quick start's full start (``quick_start``)."""
    ctx = main.make_context("tickettui", list(argv))
    given = ctx.params
    return _connection_flags(ctx, given["profile"], given["url"], given["auth"], given["user"])


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

        flags = replace(flags, profile=login(flags, keyring_store()))
        signed_in_now = True
    else:
        signed_in_now = False

    import gc

    gc.disable()  # until the queue has painted (TicketApp turns it back on): a faster start
    from tickettui.app_options import app_options
    from tickettui.backends import parts_for, wrapped
    from tickettui.connection import connect

    connection = connect(flags, keyring=keyring_store(), prompt=prompt())
    _check_theme(connection.active.profile.theme)
    parts = parts_for(connection, keyring_store())
    options = app_options(connection)
    if not signed_in_now:
        _keep_start_record(options, parts, connection.sources)
    from tickettui import start_record
    from tickettui.ui.app import run_app

    run_app(
        wrapped(parts),
        credentials=connection.credential,
        kept_css=start_record.kept_css_path(os.environ),
        **options,
    )


def _keep_start_record(options: dict[str, Any], parts: BackendParts, sources: Any) -> None:
    """What this start's first frame needed, for the next start to paint from at once
    (``start_record``, ``quick_start``). Never a secret; only for a command line that opens
    the app, whose secrets came from the environment or the keyring."""
    from tickettui import start_record

    argv = start_record.command_line  # set by the console script (quick_start.main) only
    if argv is None:
        return
    try:
        content = start_record.content_of(options, parts, sources)
        start_record.keep(content, argv, os.environ, sorted(systems.secret_variables()))
    except Exception:  # a record is only ever a shortcut: the start goes on without one
        logging.getLogger("tickettui").debug("no start record kept", exc_info=True)


def _check_theme(theme: str | None) -> None:
    if not theme:
        return
    from textual.theme import BUILTIN_THEMES

    if theme not in BUILTIN_THEMES:
        raise ConfigurationError(
            f"Unknown theme {theme!r} in the profile: choose one of {', '.join(BUILTIN_THEMES)}"
        )


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
@click.option("--web", is_flag=True, help="Serve it to a browser instead (see `tickettui web`).")
@faults_option
@friendly_errors
def demo_command(system: str, tickets: int, fresh: bool, web: bool, faults: str | None) -> None:
    """Open the app on a local server with demo data (kept between runs, one set per system).

    With --faults the server misbehaves like a flaky link: try saving and replying through it.
    With --web the app is served to a browser: open the address it prints.
    """
    if web:
        from tickettui.cli_web import run_web_demo

        run_web_demo(tickets=tickets, fresh=fresh, system=system, faults=faults)
        return
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

    checks = doctor(flags, KeyringStore(), prompt=prompt())
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
