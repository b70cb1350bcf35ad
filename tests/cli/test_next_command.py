"""`tickettui next`: an agent asks for the next ticket from the command line and gets it, shown
as `show` shows it, against each local server; an empty queue says so in one line."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import demo_env, invoke
from tests.keliweb_fixtures import SECRETS_ENV, fresh_kw_server, kw_profile
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.server.queue_routes import EMPTY_ANSWER_KEY

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest


def so_db(server: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql, params).fetchall()


def demo_agent(server: Any) -> int:
    return int(
        so_db(server, "SELECT associate_id FROM associate WHERE name = ?", accounts.DEMO_USER)[0][0]
    )


def test_next_takes_superoffice_s_own_next_ticket_and_shows_it(fresh_so_server: Any) -> None:
    oldest = so_db(
        fresh_so_server,
        "SELECT t.ticket_id FROM ticket t JOIN ticket_status s USING (status_id) "
        "WHERE t.owned_by = 0 AND t.base_status = 1 AND s.used_in_queue = 1 "
        "ORDER BY t.created_at, t.ticket_id LIMIT 1",
    )[0][0]
    result = invoke("next", env=demo_env(fresh_so_server))
    assert result.exit_code == 0, result.output
    first, *rest = result.output.splitlines()
    assert first == f"Took ticket {oldest} from your queue"
    assert any(line.startswith(f"#{oldest}  ") for line in rest)
    owner = so_db(fresh_so_server, "SELECT owned_by FROM ticket WHERE ticket_id = ?", oldest)
    assert owner[0][0] == demo_agent(fresh_so_server)


def test_next_in_a_section_takes_its_oldest_unowned_ticket(fresh_so_server: Any) -> None:
    oldest = so_db(
        fresh_so_server,
        "SELECT ticket_id FROM ticket WHERE owned_by = 0 AND base_status = 1 "
        "ORDER BY created_at, ticket_id LIMIT 1",
    )[0][0]
    result = invoke("next", "--section", "Unassigned", "--json", env=demo_env(fresh_so_server))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ticket"]["id"] == oldest and data["assigned"] is True
    assert data["queue"] == "Unassigned"
    owner = so_db(fresh_so_server, "SELECT owned_by FROM ticket WHERE ticket_id = ?", oldest)
    assert owner[0][0] == demo_agent(fresh_so_server)


@pytest.mark.parametrize("answer", ["null", "204", "zero"])
def test_an_empty_superoffice_queue_says_so_however_the_server_words_it(
    fresh_so_server: Any, answer: str
) -> None:
    so_db(fresh_so_server, "UPDATE ticket SET owned_by = 2 WHERE owned_by = 0")
    so_db(fresh_so_server, "INSERT OR REPLACE INTO meta VALUES (?, ?)", EMPTY_ANSWER_KEY, answer)
    env = demo_env(fresh_so_server)

    result = invoke("next", env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No ticket waiting in your queue"

    result = invoke("next", "--section", "unassigned", "--json", env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ticket"] is None
    assert data["message"] == "No ticket waiting in Unassigned"


def test_next_in_an_unknown_section_is_one_clear_line(fresh_so_server: Any) -> None:
    result = invoke("next", "--section", "nowhere", env=demo_env(fresh_so_server))
    assert result.exit_code == 1
    assert "Unknown section 'nowhere'" in result.output
    assert "Traceback" not in result.output


def kw_db(server: LocalKeliweb, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql).fetchall()


def test_next_on_keliweb_opens_the_longest_waiting_unflagged_ticket_and_says_it_cannot_take_it(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(fresh_kw_server))
    env = dict(SECRETS_ENV)
    # The section as `list` shows it: newest reply first, the flagged ones with an owner.
    listed = invoke("list", "--section", "awaiting-reply", "--json", env=env)
    waiting = json.loads(listed.output)
    expected = next(row for row in reversed(waiting) if not row.get("owner"))

    result = invoke("next", "--json", env=dict(SECRETS_ENV))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ticket"]["id"] == expected["id"]
    assert data["assigned"] is False
    assert "cannot assign" in data["note"]

    text = invoke("next", env=dict(SECRETS_ENV)).output.splitlines()[0]
    assert text.startswith(f"Opened ticket {expected['number']} from your queue: Keliweb signs")

    kw_db(fresh_kw_server, "UPDATE ticket SET flag = 1")
    result = invoke("next", "--section", "awaiting-reply", env=dict(SECRETS_ENV))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No ticket waiting in Awaiting reply"
