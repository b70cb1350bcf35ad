"""`tickettui web` refuses, in one line and before serving anything, what it must not do: a
host other machines reach without --public, a port in use, a profile it cannot sign in with.
(The browser itself: tests/browser, `make test-browser`.)"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests.cli.helpers import assert_one_line_error, demo_env, run

# TEST-NET-1 (RFC 5737): an address no interface here has, so binding to it fails at once
# and nothing is ever served on a network.
UNASSIGNED = "192.0.2.1"


@pytest.fixture()
def busy_port() -> Iterator[int]:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        yield taken.getsockname()[1]


def test_a_host_other_machines_reach_is_refused_without_public(so_server: Any) -> None:
    for host in ("0.0.0.0", UNASSIGNED, "::"):
        result = run("web", "--host", host, env=demo_env(so_server))
        assert_one_line_error(result, host, "--public", "TLS")
        assert result.stdout == ""  # no address printed: nothing was served


def test_public_warns_that_tls_must_be_in_front(so_server: Any) -> None:
    result = run("web", "--host", UNASSIGNED, "--public", env=demo_env(so_server))
    assert result.returncode != 0  # the address is not this machine's: nothing served
    assert "Traceback" not in result.stderr
    warning, error = result.stderr.strip().splitlines()
    assert "plain HTTP" in warning and "terminate TLS in front" in warning
    assert error.startswith(f"tickettui: Cannot serve on {UNASSIGNED} port 8000")


def test_a_port_in_use_is_one_line(so_server: Any, busy_port: int) -> None:
    result = run("web", "--port", str(busy_port), env=demo_env(so_server))
    assert_one_line_error(result, f"port {busy_port}", "in use", "--port")


def test_a_port_out_of_range_is_one_line(so_server: Any) -> None:
    result = run("web", "--port", "70000", env=demo_env(so_server))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "70000" in result.stderr


def test_without_a_server_to_sign_in_to_nothing_is_served() -> None:
    result = run("web", "--port", "0")
    assert_one_line_error(result, "No server URL")
    assert result.stdout == ""


def test_without_a_secret_nothing_is_served(so_server: Any) -> None:
    env = demo_env(so_server)
    del env["TICKETTUI_PASSWORD"]
    result = run("web", "--port", "0", env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    # (a first line may say that this machine has no keyring to look in)
    assert "No password for profile" in result.stderr.strip().splitlines()[-1]
    assert result.stdout == ""


def test_help_tells_the_security_model() -> None:
    result = run("web", "--help")
    assert result.returncode == 0
    for words in ("--public", "127.0.0.1", "token", "403", "--port"):
        assert words in result.stdout
    assert "--web" in run("demo", "--help").stdout


def test_a_secret_typed_at_start_reaches_the_apps_in_their_environment_only() -> None:
    from pydantic import SecretStr

    from tickettui.cli_web import app_command_line, remembering_prompt
    from tickettui.connection import ConnectionFlags
    from tickettui.credentials.kinds import CredentialRequest
    from tickettui.systems.record import SecretKind

    typed = "s3cret-typed-at-the-prompt"
    answers: dict[str, str] = {}
    ask = remembering_prompt(lambda request: SecretStr(typed), answers)
    assert ask is not None
    kind = SecretKind("password", "password", "TICKETTUI_PASSWORD")
    request = CredentialRequest("acme", "agent", "agent", "x.example", kind)
    found = ask(request)
    assert found is not None and found.get_secret_value() == typed
    assert answers == {"TICKETTUI_PASSWORD": typed}  # what each tab's app gets added
    flags = ConnectionFlags(url="https://x.example/api", user="agent", auth="basic")
    argv = app_command_line(flags, "acme")
    assert argv[1:] == [
        "-m", "tickettui.web_tab", "--profile", "acme",
        "--url", "https://x.example/api", "--user", "agent", "--auth", "basic",
    ]  # fmt: skip
    assert remembering_prompt(None, answers) is None  # no terminal: nothing is asked
