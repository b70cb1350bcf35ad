"""The vendor's documented GetTicket sample and the pick lists it names, for decoding tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tickettui.systems.keliweb.models import Department, Status
from tickettui.systems.keliweb.pick_lists import PickLists

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = FIXTURES / "reference" / "get-ticket.txt"  # a copy of the vendor's reference page


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "docs_get_ticket.json").read_text())
    return data


def lists() -> PickLists:
    return PickLists(
        departments=[Department(id=1, name="Sample Support Department")],
        statuses=[Status(title="Closed", color="#888888"), Status(title="Open", color="779500")],
    )
