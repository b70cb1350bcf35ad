"""Times on the command line (issue 19): JSON timestamps always carry their offset (were
`2026-12-04T01:34:45`); plain output shows times in the profile's `timezone_display` and names
the zone once. Against both local servers."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.cli.helpers import invoke
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile, kw_server
from tickettui.systems.superoffice.server import accounts

__all__ = ["kw_server"]  # fixture, imported for pytest

ISO_WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)$")
DATE_KEYS = {"created", "lastChanged", "deadline", "closedAt", "postponedUntil", "repliedAt"}


def so_profile(server: Any, zone: str | None = None) -> str:
    extra = f'timezone_display = "{zone}"\n' if zone else ""
    return (
        f'default_profile = "so"\n[profiles.so]\nurl = "{server.base_url}"\n'
        f'user = "{accounts.DEMO_USER}"\n{extra}'
    )


def write_config(text: str) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text)


def dates_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in DATE_KEYS and isinstance(v, str)]
        return found + [d for v in value.values() for d in dates_in(v)]
    if isinstance(value, list):
        return [d for item in value for d in dates_in(item)]
    return []


def run(*args: str, env: dict[str, str]) -> str:
    result = invoke(*args, env=env)
    assert result.exit_code == 0, result.output
    return result.output


SO_ENV = {"TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD}


def test_superoffice_json_times_have_offsets(so_server: Any, home: Path) -> None:
    write_config(so_profile(so_server))
    rows = json.loads(run("list", "--section", "all-active", "--json", env=SO_ENV))
    shown = json.loads(run("show", str(rows[0]["id"]), "--json", env=SO_ENV))
    dates = dates_in(rows) + dates_in(shown) + [m["created"] for m in shown["messages"]]
    assert dates and all(ISO_WITH_OFFSET.match(d) for d in dates), dates[:3]


def test_keliweb_json_times_have_offsets(kw_server: Any, home: Path) -> None:
    write_config(kw_profile(kw_server))
    rows = json.loads(run("list", "--json", env=dict(SECRETS_ENV)))
    shown = json.loads(run("show", rows[0]["number"], "--json", env=dict(SECRETS_ENV)))
    dates = dates_in(rows) + dates_in(shown) + [m["created"] for m in shown["messages"]]
    assert dates and all(ISO_WITH_OFFSET.match(d) for d in dates), dates[:3]


def test_plain_show_uses_the_profiles_zone_and_names_it(so_server: Any, home: Path) -> None:
    write_config(so_profile(so_server, "America/New_York"))
    created = datetime.fromisoformat(json.loads(run("show", "7", "--json", env=SO_ENV))["created"])
    plain = run("show", "7", env=SO_ENV)
    in_new_york = created.astimezone(ZoneInfo("America/New_York"))
    assert f"Created        {in_new_york:%Y-%m-%d %H:%M}" in plain
    assert re.search(r"Times in       America/New_York \(E[SD]T\)", plain)


def test_an_unknown_zone_is_one_line_naming_the_key(so_server: Any, home: Path) -> None:
    write_config(so_profile(so_server, "Mars/Olympus"))
    result = invoke("list", env=SO_ENV)
    assert result.exit_code != 0
    line = result.output.strip()
    assert "\n" not in line and "timezone_display" in line and "Mars/Olympus" in line
