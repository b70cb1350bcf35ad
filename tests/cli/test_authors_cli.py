"""`tickettui show` names who wrote each message by name on SuperOffice too (issue 19), as it
always did on Keliweb: never the agent's login, never the customer's e-mail address."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tickettui.systems.superoffice.server.seed_catalogue import AGENT_NAMES

LOGINS = {login for login, _ in AGENT_NAMES.values()}
FULL_NAMES = {name for _, name in AGENT_NAMES.values()}


def test_show_names_the_authors(so_server: Any, home: Path) -> None:
    for ticket in range(1, 11):
        result = invoke("show", str(ticket), "--json", env=demo_env(so_server))
        assert result.exit_code == 0, result.output
        shown = json.loads(result.output)
        for message in shown["messages"]:
            if message["kind"] == "customer":
                assert message["author"] == shown["person"]
            else:
                assert message["author"] in FULL_NAMES
        plain = invoke("show", str(ticket), env=demo_env(so_server)).output
        headers = [line for line in plain.splitlines() if line.startswith("--- ")]
        assert headers and not [h for h in headers if h.split(" · ")[1] in LOGINS]
        assert not [h for h in headers if "@" in h]
