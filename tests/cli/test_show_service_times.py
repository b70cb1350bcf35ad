"""`tickettui show` words the service times as the ticket screen does (issue 19): a ticket
nobody has answered is "not replied yet", never "0m"; office hours are hours ("62h business"),
never days, beside the 24x7 time. The words are checked by hand in tests/core."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tickettui.core.service_times import REAL

BUSINESS = r"(\d+h \d+m|\d+h|\d+m|\d+s) business"  # hours, never days
TIMES = re.compile(r"^  Time to (reply|close) +(.+)$", re.MULTILINE)


def test_show_says_not_replied_yet_and_business_hours_in_hours(so_server: Any, home: Path) -> None:
    seen: dict[str, set[str]] = {"reply": set(), "close": set()}
    for ticket in range(1, 41):
        result = invoke("show", str(ticket), env=demo_env(so_server))
        assert result.exit_code == 0, result.output
        for which, text in TIMES.findall(result.output):
            assert text != "0m", result.output
            if text.startswith("not "):
                seen[which].add("pending")
                assert re.fullmatch(
                    r"not (replied yet|closed yet) · (overdue|waiting|open) .+", text
                )
            elif text == "closed without a reply":
                seen[which].add("closed")
            else:
                seen[which].add("measured")
                assert re.fullmatch(rf"{BUSINESS} · \S+( \S+)? {REAL}", text), text
    assert {"pending", "measured"} <= seen["reply"]
    assert {"pending", "measured"} <= seen["close"]


def test_show_json_leaves_out_a_time_that_has_not_come(so_server: Any, home: Path) -> None:
    """A script reading show --json never takes the system's 0 for 'replied at once': a time
    to reply or to close that has not happened is absent; a measured one is there."""
    seen = set()
    for ticket in range(1, 41):
        result = invoke("show", str(ticket), "--json", env=demo_env(so_server))
        assert result.exit_code == 0, result.output
        detail = json.loads(result.stdout)
        metrics = detail["metrics"]
        for which, happened in (("Reply", "repliedAt"), ("Close", "closedAt")):
            keys = {f"timeTo{which}", f"realTimeTo{which}"}
            if happened in detail:
                seen.add(f"{which} measured")
                assert keys <= metrics.keys() and metrics[f"realTimeTo{which}"] > 0, detail
            else:
                seen.add(f"{which} not yet")
                assert not keys & metrics.keys(), detail
    assert seen == {"Reply measured", "Reply not yet", "Close measured", "Close not yet"}
