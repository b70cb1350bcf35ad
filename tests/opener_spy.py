"""A stand-in for the desktop's opener (xdg-open, open) that writes down what it was started
with: the tickettui variables it could see, and what it was asked to open."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tickettui.ui import desktop

SECRETS = (
    "TICKETTUI_PASSWORD",
    "TICKETTUI_TOKEN",
    "TICKETTUI_APP_TOKEN",
    "TICKETTUI_CLIENT_SECRET",
)

SPY = """
import os, sys
seen = sorted(n for n in os.environ if n.startswith("TICKETTUI_") or n == "KEPT")
open(sys.argv[1], "w").write(" ".join(seen) + "\\n" + sys.argv[2])
"""


def spy_on_the_opener(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """The opener replaced by the spy, with the app's secrets (and one harmless variable,
    KEPT) in the environment; the file the spy will write."""
    script, record = folder / "opener.py", folder / "opened.txt"
    script.write_text(SPY)
    monkeypatch.setattr(
        desktop, "system_opener", lambda target: [sys.executable, str(script), str(record), target]
    )
    for name in SECRETS:
        monkeypatch.setenv(name, f"s3cret-{name}")
    monkeypatch.setenv("KEPT", "anything else is handed on")
    return record


def spied(record: Path) -> tuple[str, str] | None:
    """(the variables the opener saw, space-separated; what it opened), once it has run."""
    if not record.exists() or "\n" not in (text := record.read_text()):
        return None
    seen, target = text.split("\n", 1)
    return seen, target
