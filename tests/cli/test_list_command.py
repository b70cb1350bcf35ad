"""`tickettui list` as a new agent uses it (issue 19): --filter takes the app's filter words
(was raw OData: `list --filter critical` failed with "Unexpected end of $filter"), the
system's own query language is under --query, the table has a header and fits the terminal,
and every JSON key is camelCase. Against both local servers."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile, kw_server
from tickettui.cli_table import table_lines
from tickettui.core.domain import TicketSummary
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.server.seed_catalogue import AGENT_NAMES

__all__ = ["kw_server"]  # fixture, imported for pytest

CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")


def listed(*args: str, env: dict[str, str]) -> list[dict[str, Any]]:
    result = invoke("list", *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def keys_of(value: Any, path: str = "") -> list[str]:
    """Every JSON key, but the labels a system names its extra facts by ("extra")."""
    if isinstance(value, dict):
        return [
            k
            for key, item in value.items()
            for k in [key, *([] if key == "extra" else keys_of(item, key))]
        ]
    if isinstance(value, list):
        return [k for item in value for k in keys_of(item, path)]
    return []


def test_filter_takes_the_apps_words_and_prefixes(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    every = listed("--section", "all-active", env=env)
    critical = listed("--section", "all-active", "--filter", "critical", env=env)
    assert critical and {row["priority"] for row in critical} == {"Critical"}
    assert [r["id"] for r in critical] == [r["id"] for r in every if r["priority"] == "Critical"]

    mine = listed("--section", "all-active", "--filter", "status:open prio:high owner:me", env=env)
    me = AGENT_NAMES[accounts.DEMO_ASSOCIATE_ID][1]  # the signed-in agent's full name
    assert mine == [
        r for r in every if (r["status"], r["priority"], r.get("owner")) == ("Open", "High", me)
    ]
    customer = every[0]["customer"].split()[0]
    by_customer = listed("--section", "all-active", "--filter", f"cust:{customer}", env=env)
    assert by_customer and all(customer.lower() in r["customer"].lower() for r in by_customer)


def test_query_is_the_systems_own_language(so_server: Any, home: Path) -> None:
    rows = listed("--query", "ticketId lt 11", "--filter", "#1", env=demo_env(so_server))
    assert sorted(r["id"] for r in rows) == [1, 10]  # #1 matches numbers starting with 1


def test_keliweb_filter_and_query(kw_server: Any, home: Path) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(kw_server))
    env = dict(SECRETS_ENV)
    every = listed(env=env)
    department = every[0]["category"]
    dept = listed("--filter", f"dept:{department.split()[0]}", env=env)
    assert dept and all(r["category"].startswith(department.split()[0]) for r in dept)
    open_ = listed("--query", "status=Open", env=env)
    assert open_ and {r["status"] for r in open_} == {"Open"}
    wanted = open_[0]["priority"]
    narrowed = listed("--query", "status=Open", "--filter", f"prio:{wanted}", env=env)
    assert narrowed == [r for r in open_ if r["priority"] == wanted]


def test_help_shows_examples(home: Path) -> None:
    text = invoke("list", "--help").output
    assert 'tickettui list --filter "status:open prio:high owner:me"' in text
    assert "--query" in text and "archive $filter" in text and "key=value" in text


def test_the_table_has_a_header_and_fits_the_terminal(so_server: Any, home: Path) -> None:
    result = invoke("list", "--section", "all-active", env=demo_env(so_server, COLUMNS="72"))
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    # The number as wide as the longest (three digits), a readable "Prio" over "Medium".
    assert header.startswith("  # Status") and header.endswith("Title")
    assert header.split()[:3] == ["#", "Status", "Prio"]
    assert rows and all(len(line) <= 72 for line in [header, *rows])
    assert any(line.endswith("…") for line in rows)  # long titles are cut to fit


def test_a_wide_terminal_shows_the_status_whole_and_the_title_takes_the_rest(
    so_server: Any, home: Path
) -> None:
    result = invoke("list", "--section", "all-active", env=demo_env(so_server, COLUMNS="160"))
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["#", "Status", "Priority", "Owner", "Changed", "Title"]
    waiting = [line for line in rows if " Waiting for customer " in line]
    assert waiting  # not "Waiting…"
    title_at = header.index("Title")
    assert all(len(line) <= 160 for line in rows)
    assert max(len(line) for line in rows) - title_at >= 45  # the title is most of the line


def test_without_a_terminal_titles_are_whole() -> None:
    long = "A title far longer than any terminal is wide, " * 4
    lines = table_lines([TicketSummary(id=7, title=long, status="Open")], width=None)
    assert lines[1].endswith(long.rstrip()) and "…" not in lines[1]
    narrow = table_lines([TicketSummary(id=7, title=long, status="Open")], width=60)
    assert all(len(line) <= 60 for line in narrow)


def test_json_keys_are_camel_case(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    rows = listed("--section", "all-active", env=env)
    shown = invoke("show", str(rows[0]["id"]), "--json", env=env)
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.stdout)
    assert "timeToReply" in detail["metrics"] and "realTimeToReply" in detail["metrics"]
    bad = {key for key in keys_of(rows) + keys_of(detail) if not CAMEL.match(key)}
    assert bad == set()
