"""`tickettui list/show` against a hostile server: names, numbers and error messages the server
supplies are printed inert (plain and JSON), and a failure is still one line and exit 1."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from tests.cli.helpers import PASSWORD, login_answers
from tests.conftest import demo_settings
from tests.hostile_servers import (
    HOSTILE_TID,
    HostileKeliweb,
    HostileSuperOffice,
    hostile_keliweb,
    hostile_superoffice,
)
from tests.hostile_text import assert_inert
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile
from tickettui import cli

__all__ = ["hostile_keliweb", "hostile_superoffice"]  # fixtures, imported for pytest


def run(*args: str, env: dict[str, str], input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, list(args), env=env, input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def keliweb_env(hostile: HostileKeliweb) -> dict[str, str]:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(hostile.server))
    return dict(SECRETS_ENV)


def test_list_and_show_print_a_hostile_servers_names_and_numbers_inert(
    hostile_keliweb: HostileKeliweb, home: Path
) -> None:
    env = keliweb_env(hostile_keliweb)
    ticket = hostile_keliweb.hostile_tid_ticket
    code, out, err = run("list", "--section", "all-active", env=env)
    assert code == 0, err
    assert_inert(out + err)
    # Named by its id: its tid would write the clipboard.
    assert any(line.split()[:2] == [str(ticket), "Open"] for line in out.splitlines())
    code, out, err = run("list", "--section", "all-active", "--json", env=env)
    assert code == 0, err
    assert_inert(out)
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows[ticket]["number"] == str(ticket)
    assert HOSTILE_TID not in out
    for section in ("dept-3", "dept-4"):  # Commerciale[link=...], Domini[@click=...]
        code, out, err = run("list", "--section", section, env=env)
        assert code == 0, err
        assert_inert(out + err)
    code, out, err = run("show", str(hostile_keliweb.ghost_status_ticket), env=env)
    assert code == 0, err
    assert_inert(out + err)
    assert "Ghost ␛]52;c;" in out


def test_a_hostile_error_message_is_one_inert_line(
    hostile_keliweb: HostileKeliweb, hostile_superoffice: HostileSuperOffice, home: Path
) -> None:
    env = keliweb_env(hostile_keliweb)
    with hostile_keliweb.errors.failing("/get-ticket"):
        code, out, err = run("show", str(hostile_keliweb.hostile_tid_ticket), env=env)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("tickettui: Keliweb: Deadlock victim ␛]52;c;")
    assert_inert(err)

    settings = demo_settings(hostile_superoffice.server)
    so_env = {
        "TICKETTUI_URL": settings.url,
        "TICKETTUI_USER": settings.user or "",
        "TICKETTUI_PASSWORD": settings.password.get_secret_value() if settings.password else "",
        "TICKETTUI_CONFIG": str(home / "none.toml"),
    }
    with hostile_superoffice.errors.failing("/Ticket/3", method="GET"):
        code, out, err = run("show", "3", env=so_env)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "SoServerException: Deadlock victim ␛]52;c;" in err
    assert_inert(err)


def test_next_list_csv_and_update_print_a_hostile_servers_names_inert(
    hostile_keliweb: HostileKeliweb, home: Path
) -> None:
    env = keliweb_env(hostile_keliweb)
    code, out, err = run("next", "--section", "dept-2", env=env)  # Amministrazione ESC]52;...
    assert code == 0, err
    assert_inert(out + err)
    assert "from Amministrazione ␛]52;c;" in out
    code, out, err = run("list", "--section", "all-active", "--csv", env=env)
    assert code == 0, err
    assert_inert(out + err)
    assert "Waiting ␛]52;c;" in out
    ghost = str(hostile_keliweb.ghost_status_ticket)
    code, out, err = run("update", ghost, "--status", "Open", "--dry-run", env=env)
    assert code == 0, err
    assert_inert(out + err)
    assert "Ghost ␛]52;c;" in out  # the status it has now, as stand-ins


def test_login_and_doctor_name_the_signed_in_user_inert(
    hostile_superoffice: HostileSuperOffice, home: Path
) -> None:
    # The name the server gives the signed-in agent (here "Me ESC]52;c;...") is server text.
    server = hostile_superoffice.server
    code, out, err = run("login", "--profile", "hostile", env={}, input=login_answers(server))
    assert code == 0, err
    assert_inert(out + err)
    assert "as Me ␛]52;c;" in out
    code, out, err = run("doctor", env={"TICKETTUI_PASSWORD": PASSWORD, "TERM": "xterm"})
    assert_inert(out + err)
    assert "accepts you as Me ␛]52;c;" in out
