"""The tenant's own ticket fields from the command line, against the local SuperOffice server:
`show --json` lists them under "customFields" with typed values, `show` prints them, and
`edit --set` changes them by key or label, read as the edit form reads its inputs."""

from __future__ import annotations

import json
from typing import Any

from tests.cli.helpers import assert_one_line_error, demo_env, run

TICKET = "130"  # a Bronze contract (see the seed)


def custom_fields(server: Any) -> dict[str, dict[str, Any]]:
    result = run("show", TICKET, "--json", env=demo_env(server))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["extra"] == {}
    return {field["key"]: field for field in data["customFields"]}


def test_show_json_lists_them_typed(so_server: Any) -> None:
    fields = custom_fields(so_server)
    assert fields["x_contract_level"] == {
        "key": "x_contract_level",
        "label": "Contract level",
        "type": "list",
        "value": "Bronze",
        "text": "Bronze",
        "source": "CustomFields",
        "editable": True,
        "choices": ["Gold", "Silver", "Bronze"],
    }
    users = fields["x_affected_users"]
    assert users["type"] == "number" and isinstance(users["value"], int)
    assert fields["x_sla_breached"]["value"] is False and fields["x_sla_breached"]["text"] == "No"
    renewal = fields["x_renewal_date"]
    assert renewal["type"] == "date" and len(renewal["value"]) == 10  # "2026-05-14"
    assert fields["x_hours_quoted"]["value"] is None and fields["x_hours_quoted"]["text"] == ""
    assert fields["x_source_system"]["editable"] is False
    assert fields["custom.sla"]["source"] == "ExtraFields"
    assert fields["custom.sla"]["label"] == "custom.sla"
    assert not [key for key in fields if ":" in key]  # the ":org" twins are no fields


def test_show_prints_them(so_server: Any) -> None:
    result = run("show", TICKET, env=demo_env(so_server))
    assert result.returncode == 0, result.stderr
    assert "  Contract level Bronze" in result.stdout
    assert "  SLA breached   No" in result.stdout


def test_edit_set_changes_them_by_key_or_label(fresh_so_server: Any) -> None:
    env = demo_env(fresh_so_server)
    result = run(
        "edit",
        TICKET,
        "--set",
        "x_contract_level=gold",
        "--set",
        "SLA breached=yes",
        "--set",
        "x_renewal_date=2027-01-15",
        "--set",
        "Affected users=8",
        "--set",
        "x_hours_quoted=1,5",
        "--json",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads(result.stdout)["changed"]) == [
        "x_affected_users",
        "x_contract_level",
        "x_hours_quoted",
        "x_renewal_date",
        "x_sla_breached",
    ]
    fields = custom_fields(fresh_so_server)
    assert {key: fields[key]["value"] for key in json.loads(result.stdout)["changed"]} == {
        "x_contract_level": "Gold",
        "x_sla_breached": True,
        "x_renewal_date": "2027-01-15",
        "x_affected_users": 8,
        "x_hours_quoted": 1.5,
    }


def test_edit_set_refuses_what_the_form_would(fresh_so_server: Any) -> None:
    env = demo_env(fresh_so_server)
    assert_one_line_error(run("edit", TICKET, "--set", "x_affected_users=many", env=env), "number")
    assert_one_line_error(
        run("edit", TICKET, "--set", "x_sla_breached=perhaps", env=env), "yes or no"
    )
    assert_one_line_error(
        run("edit", TICKET, "--set", "x_contract_level=Platinum", env=env), "no choice"
    )
    # Read-only and plug-in data are not offered.
    assert_one_line_error(run("edit", TICKET, "--set", "x_source_system=x", env=env), "no field")
    assert_one_line_error(run("edit", TICKET, "--set", "custom.sla=x", env=env), "no field")
