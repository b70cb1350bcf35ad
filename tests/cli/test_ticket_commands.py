"""The number a user sees is the one every command takes: `show`, `reply`, `note` and `edit`
accept what `list --json` prints as ``number`` (Keliweb's tid, SuperOffice's id), ``#N`` for
only that number and ``id:N`` for the internal id, against the real local servers."""

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
from tickettui.systems.keliweb.server import accounts as kw_accounts

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest


def shown(env: dict[str, str], ticket: str) -> dict[str, Any]:
    result = invoke("show", ticket, "--json", env=env)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- SuperOffice: the number is the id -------------------------------------------------------


def test_superoffice_show_takes_the_number_with_or_without_hash_or_as_id(
    fresh_so_server: Any, home: Path
) -> None:
    env = demo_env(fresh_so_server)
    first = json.loads(invoke("list", "--json", "--limit", "1", env=env).stdout)[0]
    assert set(first) >= {"id", "number"} and first["number"] == str(first["id"])
    for typed in (first["number"], f"#{first['number']}", f"id:{first['id']}"):
        assert shown(env, typed)["id"] == first["id"]
    result = invoke("show", "ABC", env=env)
    assert result.exit_code == 1
    assert result.stderr == "tickettui: No ticket ABC: SuperOffice tickets are numbered 1, 2, 3…\n"
    nonsense = invoke("show", "7; rm -rf", env=env)
    assert nonsense.exit_code == 1 and "is not a ticket number" in nonsense.stderr


def test_superoffice_reply_note_and_edit_from_the_command_line(
    fresh_so_server: Any, home: Path
) -> None:
    env = demo_env(fresh_so_server)
    result = invoke("reply", "#7", "-m", "Fixed on our side, please try again.", env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Reply added to ticket 7\n"
    noted = invoke("note", "7", "--file", "-", "--json", input="Called the customer.\n", env=env)
    assert json.loads(noted.stdout) == {"id": 7, "number": "7", "added": "note"}
    bodies = [m["body"] for m in shown(env, "7")["messages"]]
    assert bodies[-2:] == ["Fixed on our side, please try again.", "Called the customer."]

    other = "Low" if shown(env, "7")["priority"] != "Low" else "High"
    edited = invoke(
        "edit", "7", "--set", f"priority={other}", "--set", "title=Printer jams on tray 2", env=env
    )
    assert edited.exit_code == 0, edited.output
    assert edited.stdout == "Ticket 7 saved: title, priority\n"
    after = shown(env, "7")
    assert (after["title"], after["priority"]) == ("Printer jams on tray 2", other)
    again = invoke("edit", "7", "--set", f"priority={other.lower()}", "--json", env=env)
    assert json.loads(again.stdout)["changed"] == []  # a choice by its label, any case


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("priority=Whenever", "Priority: no choice 'Whenever' (choose: "),
        ("colour=red", "No field 'colour' to edit (fields: title, status, priority"),
        ("title=", "Title is required"),
        ("postponed_until=someday", "Not a date"),
    ],
)
def test_a_bad_edit_is_one_line_and_nothing_is_saved(
    so_server: Any, home: Path, change: str, message: str
) -> None:
    result = invoke("edit", "7", "--set", change, env=demo_env(so_server))
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_nothing_to_send_is_one_line(so_server: Any, home: Path) -> None:
    result = invoke("reply", "7", "-m", "   ", env=demo_env(so_server))
    assert (result.exit_code, result.stderr) == (
        1,
        "tickettui: Nothing to send: the text is empty\n",
    )


# --- Keliweb: the tid users quote, or the internal id ----------------------------------------


def keliweb_env(server: LocalKeliweb) -> dict[str, str]:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(server))
    return dict(SECRETS_ENV)


def test_keliweb_commands_take_the_number_list_prints(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    env = keliweb_env(fresh_kw_server)
    first = json.loads(invoke("list", "--json", "--limit", "1", env=env).stdout)[0]
    number, ticket_id = first["number"], first["id"]
    assert number != str(ticket_id)  # the tid users quote, not the internal id
    for typed in (number, f"#{number}", f"id:{ticket_id}"):
        assert shown(env, typed)["id"] == ticket_id
    assert invoke("reply", number, "-m", "Thanks, it works now.", env=env).stdout == (
        f"Reply as account added to ticket {number}\n"
    )
    assert invoke("note", number, "-m", "Checked DNS.", env=env).exit_code == 0
    edited = invoke("edit", number, "--set", "priority=High", "--json", env=env)
    assert json.loads(edited.stdout)["number"] == number
    assert shown(env, number)["priority"] == "High"


def test_a_number_that_names_two_keliweb_tickets_is_refused_with_the_way_out(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    env = keliweb_env(fresh_kw_server)
    with sqlite3.connect(fresh_kw_server.db_path) as db:
        mine = [
            row[0]
            for row in db.execute(
                "SELECT id FROM ticket WHERE userid = ? ORDER BY id LIMIT 2",
                (kw_accounts.DEMO_USER_ID,),
            )
        ]
        # One ticket's public number is the other's internal id.
        db.execute("UPDATE ticket SET tid = ? WHERE id = ?", (str(mine[1]), mine[0]))
    result = invoke("show", str(mine[1]), env=env)
    assert result.exit_code == 1
    assert f"write #{mine[1]} for the first or id:{mine[1]} for the second" in result.stderr
    assert shown(env, f"#{mine[1]}")["id"] == mine[0]
    assert shown(env, f"id:{mine[1]}")["id"] == mine[1]
    missing = invoke("show", "999999999", env=env)
    assert (missing.exit_code, missing.stderr) == (1, "tickettui: No ticket 999999999\n")
