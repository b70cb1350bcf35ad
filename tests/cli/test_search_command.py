"""`tickettui search` as an agent scripts it, against both local servers: the query language of
the app's `f`, the table, --json and --csv as `list` prints them, the first page by default
with one line on stderr saying more are left, --limit and --all, nothing found, and a kind of
search the system cannot do as one clear line and a non-zero exit."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from tests.cli.helpers import assert_one_line_error, demo_env, invoke, run
from tests.cli.test_third_system import KEY_ENV, write_profile
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile, kw_server
from tickettui import systems
from tickettui.core.ticket_search import PAGE_SIZE
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["kw_server"]  # fixture, imported for pytest


def _json(*args: str, env: dict[str, str]) -> list[dict[str, Any]]:
    result = invoke("search", *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_superoffice_by_title_as_a_table_json_and_csv(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    rows = _json("title:printer", env=env)
    assert rows and all("printer" in row["title"].lower() for row in rows)
    assert set(rows[0]) == set(_list_json_fields(env))  # the same fields as `list --json`
    table = invoke("search", "title:printer", env=env)
    assert table.exit_code == 0, table.output
    header, *lines = table.stdout.splitlines()
    assert header.split()[:3] == ["#", "Status", "Priority"]
    assert len(lines) == len(rows)
    as_csv = invoke("search", "title:printer", "--csv", env=env)
    head, *body = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert head == ["#", "Status", "Priority", "Owner", "Changed", "Title"]
    assert [line[0] for line in body] == [str(row["id"]) for row in rows]


def _list_json_fields(env: dict[str, str]) -> list[str]:
    result = invoke("list", "--json", "--limit", "1", env=env)
    return list(json.loads(result.stdout)[0])


def test_superoffice_pages_limit_all_and_message_text(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    first = invoke("search", "e", "--json", env=env)
    assert len(json.loads(first.stdout)) == PAGE_SIZE
    assert first.stderr.strip() == f"Shown {PAGE_SIZE}; --all or --limit N for more"
    assert len(_json("e", "--limit", "7", env=env)) == 7
    every = _json("e", "--all", env=env)
    assert len(every) > PAGE_SIZE and len({row["id"] for row in every}) == len(every)
    assert _json("#5", env=env)[0]["id"] == 5
    assert _json("text:password", "--limit", "3", env=env)


def test_nothing_found_says_so_on_stderr(so_server: Any, home: Path) -> None:
    result = invoke("search", "title:zzqqxx-nothing", env=demo_env(so_server))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "No ticket found"
    assert _json("title:zzqqxx-nothing", env=demo_env(so_server)) == []


def _keliweb(server: LocalKeliweb) -> dict[str, str]:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(server))
    return dict(SECRETS_ENV)


def test_keliweb_by_title_and_number_with_its_total(kw_server: LocalKeliweb, home: Path) -> None:
    env = _keliweb(kw_server)
    every = _json("backup", "--all", env=env)
    assert every and all("backup" in row["title"].lower() for row in every)
    two = invoke("search", "backup", "--limit", "2", "--json", env=env)
    assert len(json.loads(two.stdout)) == 2
    assert two.stderr.strip() == f"Shown 2 of {len(every)}; --all or --limit N for more"
    number = every[-1]["number"]
    assert [row["number"] for row in _json(f"#{number}", env=env)] == [number]


def test_keliweb_message_text_is_one_clear_line(kw_server: LocalKeliweb, home: Path) -> None:
    env = _keliweb(kw_server) | {"TICKETTUI_CONFIG": os.environ["TICKETTUI_CONFIG"]}
    result = run("search", "text:timeout", env=env)  # a real process: its stderr whole
    assert_one_line_error(result, "Keliweb cannot search message text", "titles")


def test_bad_queries_and_options_are_one_line(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    for args, words in (
        (("title:",), "title: needs something after the colon"),
        (("cust:ann@example.com",), "SuperOffice finds customers by name"),
        (("x", "--all", "--limit", "3"), "Choose one of --all and --limit"),
        (("x", "--json", "--csv"), "Choose one of --json and --csv"),
    ):
        result = invoke("search", *args, env=env)
        assert result.exit_code == 1, result.output
        assert words in result.stderr and "Traceback" not in result.output


def test_a_system_without_server_search_says_so(home: Path) -> None:
    systems.register("fakedesk", "tests.fakedesk.system")  # a third system, without search
    try:
        write_profile(home)
        result = invoke("search", "invoice", env=KEY_ENV)
    finally:
        systems.unregister("fakedesk")
    assert result.exit_code == 1
    assert result.stderr.strip() == "tickettui: Fakedesk offers no search on the server"
