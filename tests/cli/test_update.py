"""`tickettui update` as a script uses it, against the local servers: many tickets changed at
once, each ticket's result printed, bad input refused in one line before anything is written."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

from tests.cli.helpers import assert_one_line_error, demo_env, run, start
from tests.core.bulk_servers import column, rows, superoffice
from tests.keliweb_fixtures import SECRETS_ENV, fresh_kw_server, kw_profile
from tests.waiting import wait_until
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest

STATUSES = "SELECT ticket_id, status_id FROM ticket"
PRIORITIES = "SELECT ticket_id, priority_id FROM ticket"


def test_a_status_for_several_tickets_as_json(fresh_so_server: Any) -> None:
    result = run(
        "update", "3", "4", "#5", "--status", "in PROGRESS", "--json", env=demo_env(fresh_so_server)
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["number"], r["change"]) for r in rows] == [
        ("3", "status"),
        ("4", "status"),
        ("5", "status"),
    ]
    assert {r["outcome"] for r in rows} <= {"done", "unchanged"} and all(r["ok"] for r in rows)
    assert all(r["description"] == "set status to In progress (Active)" for r in rows)
    statuses = column(fresh_so_server, STATUSES)
    assert len({statuses[i] for i in (3, 4, 5)}) == 1


def test_two_changes_print_a_table_and_a_dry_run_writes_nothing(fresh_so_server: Any) -> None:
    env = demo_env(fresh_so_server)
    before = column(fresh_so_server, PRIORITIES)
    dry = run("update", "6", "7", "--priority", "low", "--owner", "me", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0].split() == ["TICKET", "CHANGE", "RESULT", "DETAIL"]
    assert len(lines) == 1 + 4 + 1 and lines[-1].startswith("dry run, nothing was written: ")
    assert any(
        "set priority to Low" in line and ("would change" in line or "already so" in line)
        for line in lines
    )
    assert column(fresh_so_server, PRIORITIES) == before

    real = run("update", "6", "7", "--priority", "low", "--owner", "me", env=env)
    assert real.returncode == 0, real.stderr
    last = real.stdout.splitlines()[-1]
    assert last.endswith(" done") or " done, " in last, last
    assert "failed" not in last
    assert {column(fresh_so_server, PRIORITIES)[i] for i in (6, 7)} == {1}


def test_a_ticket_that_fails_makes_the_exit_status_1_and_the_rest_are_done(
    fresh_so_server: Any,
) -> None:
    result = run(
        "update", "8", "99999", "--note", "Batch checked", "--json", env=demo_env(fresh_so_server)
    )
    assert result.returncode == 1
    rows = {r["number"]: r for r in json.loads(result.stdout)}
    assert rows["8"]["outcome"] == "done"
    assert rows["99999"]["outcome"] == "failed" and "99999" in rows["99999"]["reason"]


def test_bad_input_is_one_line_exit_2_and_nothing_written(fresh_so_server: Any) -> None:
    env = demo_env(fresh_so_server)
    before = column(fresh_so_server, STATUSES)
    cases = [
        (("9", "--status", "Resolved"), ("No status 'Resolved'", "valid:", "Closed")),
        (("9", "--priority", "urgent", "--close"), ("--priority", "valid:", "High")),
        (("9", "abc", "--close"), ("No ticket abc",)),
        (("9", "--postpone", "someday"), ("--postpone", "Not a date")),
        (("9",), ("Nothing to change",)),
        (("9", "--reply", "  "), ("--reply", "empty")),
    ]
    for args, words in cases:
        result = run("update", *args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        assert_one_line_error(result, *words)
    assert column(fresh_so_server, STATUSES) == before


def test_help_shows_examples() -> None:
    result = run("update", "--help")
    assert result.returncode == 0
    for words in ("Examples:", "--status closed", "--owner me", "--dry-run", "Exit status 1"):
        assert words in result.stdout


def _kw_env(server: LocalKeliweb, home: Path) -> dict[str, str]:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(server))
    return dict(SECRETS_ENV) | {"TICKETTUI_CONFIG": str(config)}


def test_keliweb_priority_and_department_and_what_it_cannot_do(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    env = _kw_env(fresh_kw_server, home)
    listed = run("list", "--json", "--limit", "3", env=env)
    assert listed.returncode == 0, listed.stderr
    numbers = [row["number"] for row in json.loads(listed.stdout)]
    result = run("update", *numbers, "--priority", "high", "--json", env=env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["number"] for r in rows] == numbers and all(r["ok"] for r in rows)
    urgency = column(fresh_kw_server, "SELECT tid, urgency FROM ticket")
    assert all(urgency[n] == "High" for n in numbers)

    for args, words in (
        (("--read",), ("--read", "Keliweb has no read status")),
        (("--owner", "me"), ("--owner", "cannot assign tickets to you")),
        (("--category", "Nowhere"), ("No department 'Nowhere'", "valid:")),
    ):
        refused = run("update", numbers[0], *args, env=env)
        assert refused.returncode == 2, refused.stderr
        assert_one_line_error(refused, *words)


def test_ctrl_c_stops_sending_and_still_reports_every_ticket(tmp_path: Path) -> None:
    note = "Looked at in the evening batch"
    with superoffice(tmp_path, delay=0.1) as (server, log):
        ids = [str(i) for i in range(1, 41)]
        process = start("update", *ids, "--note", note, "--json", env=demo_env(server))
        wait_until(lambda: log.total("TicketMessage$") >= 2, "the first notes to be sent")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        notes = rows(server, "SELECT ticket_id FROM message WHERE body = ?", note)
    assert process.returncode == 130, err
    assert "stopped (ctrl+c)" in err and "Traceback" not in err
    results = {r["id"]: r["outcome"] for r in json.loads(out)}
    assert len(results) == 40
    done = sorted(i for i, outcome in results.items() if outcome == "done")
    assert 2 <= len(done) < 40 and "not_started" in results.values()
    assert sorted(row[0] for row in notes) == done  # once each, none where not started
