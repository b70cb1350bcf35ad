"""`list --json` and `show --json` fill every field or leave it out, never a silent null (issue 19):
the list fetches what JSON prints (SuperOffice's `$select` had no createdAt, so "created" was null
for every ticket), and what a system does not have is absent (Keliweb: no read status, no
deadline), as is what one ticket has not (no deadline). Against both local servers."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile, kw_server
from tickettui.cli_output import summary_json
from tickettui.core.domain import TicketSummary
from tickettui.systems.superoffice.descriptor import CAPABILITIES

__all__ = ["kw_server"]  # fixture, imported for pytest


def nulls(value: Any, path: str = "") -> list[str]:
    """Where ``value`` holds a null (an empty custom field's value is one by design)."""
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [
            p
            for key, item in value.items()
            if not (path.startswith("customFields") and key == "value")
            for p in nulls(item, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in nulls(item, f"{path}[{i}]")]
    return []


def json_of(*args: str, env: dict[str, str]) -> Any:
    result = invoke(*args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_superoffice_list_json_has_created_and_no_nulls(so_server: Any, home: Path) -> None:
    rows = json_of("list", "--section", "all-active", "--json", env=demo_env(so_server))
    assert rows and nulls(rows) == []
    assert all(row["created"] and row["lastChanged"] for row in rows)  # was null for every one
    assert all(row["readStatus"] in {"unread", "new_info", "read"} for row in rows)
    assert all(isinstance(row["priorityRank"], int) for row in rows if row["priority"])
    assert all(row["deadline"] for row in rows)  # every open demo ticket has one

    shown = json_of("show", str(rows[0]["id"]), "--json", env=demo_env(so_server))
    assert nulls(shown) == []
    assert shown["created"] == rows[0]["created"]


def test_keliweb_json_leaves_out_what_keliweb_has_not(kw_server: Any, home: Path) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(kw_server))
    rows = json_of("list", "--json", env=dict(SECRETS_ENV))
    assert rows and nulls(rows) == []
    assert all("readStatus" not in row and "deadline" not in row for row in rows)
    assert all(row["created"] and row["priorityRank"] in (1, 2, 3) for row in rows)

    shown = json_of("show", rows[0]["number"], "--json", env=dict(SECRETS_ENV))
    assert nulls(shown) == []
    assert "readStatus" not in shown and "deadline" not in shown


def test_a_field_one_ticket_has_not_is_left_out() -> None:
    ticket = TicketSummary(id=7, title="No dates", status="Open", priority="Low")
    data = summary_json(ticket, CAPABILITIES)
    assert "deadline" not in data and "created" not in data and "priorityRank" not in data
    assert data["readStatus"] == "unknown" and data["priority"] == "Low"
    with_dates = TicketSummary(
        id=8, title="t", created=datetime(2026, 12, 4, 1, 34, 45, tzinfo=UTC), priority_rank=2
    )
    data = summary_json(with_dates, CAPABILITIES)
    assert data["created"] == "2026-12-04T01:34:45+00:00" and data["priorityRank"] == 2
