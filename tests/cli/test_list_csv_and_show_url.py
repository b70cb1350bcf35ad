"""`tickettui list --csv` and `tickettui show TICKET --url` as an agent scripts them (issue 15,
items 4 and 5), against both local servers: the CSV has the table's columns and the same
tickets as `list --json`, in its order; the URL is the system's usual agent page or the
profile's web_url, with the ticket filled in."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile, kw_server

__all__ = ["kw_server"]  # fixture, imported for pytest


def _csv_rows(*args: str, env: dict[str, str]) -> list[list[str]]:
    result = invoke("list", *args, "--csv", env=env)
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith("\ufeff")  # for programs: no byte-order mark
    return list(csv.reader(io.StringIO(result.stdout)))


def _json_rows(*args: str, env: dict[str, str]) -> list[dict[str, Any]]:
    result = invoke("list", *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _keliweb_config(server: Any, extra: str = "") -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(server) + extra)


def test_superoffice_list_csv_has_the_tables_columns_and_tickets(
    so_server: Any, home: Path
) -> None:
    env = demo_env(so_server)
    rows = _csv_rows("--section", "all-active", "--filter", "critical", env=env)
    expected = _json_rows("--section", "all-active", "--filter", "critical", env=env)
    header, *body = rows
    assert header == ["#", "Status", "Priority", "Owner", "Changed", "Title"]
    assert [row[0] for row in body] == [str(t["id"]) for t in expected]
    assert [row[5].removeprefix("'") for row in body] == [t["title"] for t in expected]


def test_keliweb_list_csv_uses_its_numbers(kw_server: Any, home: Path) -> None:
    _keliweb_config(kw_server)
    env = dict(SECRETS_ENV)
    header, *body = _csv_rows(env=env)
    expected = _json_rows(env=env)
    assert header[0] == "#" and len(header) == len(body[0])
    assert [row[0] for row in body] == [t["number"] for t in expected]


def test_csv_and_json_together_is_one_clear_line(home: Path, so_server: Any) -> None:
    result = invoke("list", "--csv", "--json", env=demo_env(so_server))
    assert result.exit_code != 0
    assert "Choose one of --json and --csv" in result.output
    assert "Traceback" not in result.output


def test_superoffice_show_url_is_the_service_ticket_page(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    first = _json_rows("--section", "all-active", env=env)[0]
    result = invoke("show", str(first["id"]), "--url", env=env)
    assert result.exit_code == 0, result.output
    origin = so_server.base_url.split("/", 3)[:3]
    assert result.stdout.strip() == (
        "/".join(origin) + f"/scripts/ticket.fcgi?action=listTicket&ticketId={first['id']}"
    )


def test_keliweb_show_url_takes_the_profiles_template(kw_server: Any, home: Path) -> None:
    _keliweb_config(
        kw_server, 'web_url = "https://clients.example/viewticket.php?tid={number}&i={id}"\n'
    )
    env = dict(SECRETS_ENV)
    first = _json_rows(env=env)[0]
    result = invoke("show", first["number"], "--url", env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"https://clients.example/viewticket.php?tid={first['number']}&i={first['id']}"
    )


def test_keliweb_without_web_url_says_how_to_set_one(kw_server: Any, home: Path) -> None:
    _keliweb_config(kw_server)
    first = _json_rows(env=dict(SECRETS_ENV))[0]
    result = invoke("show", first["number"], "--url", env=dict(SECRETS_ENV))
    assert result.exit_code != 0
    assert "set web_url in the profile" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_web_url_with_an_unknown_placeholder_is_refused(kw_server: Any, home: Path) -> None:
    _keliweb_config(kw_server, 'web_url = "https://clients.example/t?tid={ticket}"\n')
    result = invoke("show", "1", "--url", env=dict(SECRETS_ENV))
    assert result.exit_code != 0
    assert "unknown placeholder ticket" in result.output
    assert "Traceback" not in result.output
