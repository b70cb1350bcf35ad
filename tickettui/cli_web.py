"""`tickettui web` and `tickettui demo --web`: the app in a browser (tickettui/web).

This side decides what each browser tab runs: the tickettui command's start with the same
profile (and --url/--user/--auth, which hold no secret), ``python -m tickettui.web_tab``: the
quick path from a start record included (``tickettui.web_tab``), started on this machine,
which looks its secrets up through the same chain as in a terminal (environment,
password_command, keyring).
A secret that had to be asked for here, at start, is handed to the app processes in their
environment, never on a command line; the browser only ever sees the app's screen.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from dataclasses import replace

import click
from pydantic import SecretStr

from tickettui.cli_support import friendly_errors, keyring_store, prompt
from tickettui.commands.fault_option import fault_plan
from tickettui.connection import ConnectionFlags
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.kinds import CredentialRequest

__all__ = ["app_command_line", "check_host", "remembering_prompt", "run_web_demo", "web_command"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def check_host(host: str, public: bool) -> None:
    """Loopback only, unless the user says --public (and is then told what it takes)."""
    from tickettui.web.access import is_loopback

    if is_loopback(host):
        return
    if not public:
        raise ConfigurationError(
            f"--host {host} can be reached from other machines: add --public to serve it "
            "there (behind a proxy that terminates TLS), or use 127.0.0.1"
        )
    click.echo(
        f"tickettui: warning: serving on {host} over plain HTTP; terminate TLS in front of it "
        "(a reverse proxy passing the Host header): the address carries the access token and "
        "every key typed travels with it",
        err=True,
    )


def app_command_line(flags: ConnectionFlags, profile_name: str | None) -> list[str]:
    """What each tab runs: this Python and this tickettui, with the non-secret flags."""
    argv = [sys.executable, "-m", "tickettui.web_tab"]
    if profile_name:
        argv += ["--profile", profile_name]
    for option, value in (("--url", flags.url), ("--user", flags.user), ("--auth", flags.auth)):
        if value:
            argv += [option, value]
    return argv


def remembering_prompt(
    ask: Callable[[CredentialRequest], SecretStr | None] | None, answers: dict[str, str]
) -> Callable[[CredentialRequest], SecretStr | None] | None:
    """The terminal's prompt, keeping what was typed for the app processes' environment (under
    the variable the chain reads first), so each tab does not ask a terminal it has not got."""
    if ask is None:
        return None

    def asking(request: CredentialRequest) -> SecretStr | None:
        answer = ask(request)
        if answer is not None and answer.get_secret_value():
            answers[request.env_variable] = answer.get_secret_value()
        return answer

    return asking


def _announce(url: str, what: str) -> None:
    click.echo(f"tickettui web: {what} at {url}")
    click.echo(
        "Open that address in a browser; anyone who has it can use the app as you. "
        "ctrl+c stops the server and every app it started."
    )


@click.command("web")
@click.option("--profile", default=None, help="The profile each browser tab opens.")
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on; anything but loopback needs --public.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--public",
    is_flag=True,
    help="Allow a --host other machines can reach; put a TLS proxy in front of it.",
)
@click.pass_obj
@friendly_errors
def web_command(
    flags: ConnectionFlags, profile: str | None, host: str, port: int, public: bool
) -> None:
    """Serve the app to a browser: each tab gets its own app, on this machine.

    Prints an address with a random access token; every page, file and websocket needs it
    (403 otherwise). The profile's secrets are looked up here, as in a terminal, and never
    reach the browser. Listens on 127.0.0.1 unless --host and --public say otherwise.
    """
    from tickettui.connection import connect
    from tickettui.web.access import is_loopback
    from tickettui.web.server import WebApp, bind

    check_host(host, public)
    flags = replace(flags, profile=profile or flags.profile)
    answers: dict[str, str] = {}
    connection = connect(
        flags, keyring=keyring_store(), prompt=remembering_prompt(prompt(), answers)
    )
    active = connection.active
    sock = bind(host, port)
    argv = app_command_line(flags, active.name if active.from_file else None)
    label = f"profile {active.name!r}" if active.from_file else connection.system.title
    # --public on loopback: a proxy on this machine passes on the name the browser used.
    web_app = WebApp(argv, answers, loopback_only=is_loopback(host) and not public)
    web_app.serve(sock, lambda url: _announce(url, label))


def _bind_demo_port() -> socket.socket:
    """The demo's address stays http://127.0.0.1:8000/... from run to run when it can."""
    from tickettui.web.server import bind

    try:
        return bind(DEFAULT_HOST, DEFAULT_PORT)
    except ConfigurationError:
        return bind(DEFAULT_HOST, 0)


def run_web_demo(*, tickets: int, fresh: bool, system: str, faults: str | None) -> None:
    """The local demo server and the web mode on it, in one command."""
    from tickettui.connection import active_profile
    from tickettui.demo import demo_profile_name, open_demo_server
    from tickettui.web.server import WebApp

    record, server = open_demo_server(
        tickets=tickets, fresh=fresh, system=system, faults=fault_plan(faults)
    )
    try:
        name = demo_profile_name(record.name)
        active_profile(ConnectionFlags(profile=name))  # written by open_demo_server, or one line
        assert record.local is not None  # open_demo_server refuses a system without one
        env = record.local.demo_env() if record.local.demo_env else {}
        sock = _bind_demo_port()
        argv = app_command_line(ConnectionFlags(), name)
        WebApp(argv, env).serve(sock, lambda url: _announce(url, f"the {record.title} demo"))
    finally:
        server.stop()
