"""Fixtures of the UI tests."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest


@pytest.fixture()
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times shown in UTC, so a snapshot is the same picture in every time zone
    (``pytestmark = pytest.mark.usefixtures("utc")``)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
