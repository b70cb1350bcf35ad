"""Fault injection in the local server: every kind does what a flaky network or proxy does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.waiting import wait_until
from tickettui.servers.faults import ALL_KINDS, FaultPlan
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

AUTH = (accounts.DEMO_USER, accounts.DEMO_PASSWORD)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    plan = FaultPlan(rate=0.0, seed=3, hold_seconds=0.6)
    server = LocalSuperOffice.start(
        tickets=20, db_path=tmp_path_factory.mktemp("faults") / "so.sqlite", faults=plan
    )
    yield server
    server.stop()


def _only(server: Any, kind: str, after: bool = False) -> FaultPlan:
    """Make the running server's plan fail every request with ``kind``."""
    plan: FaultPlan = server.faults
    plan.rate = 1.0
    plan.kinds = (kind,)
    plan.after_share = 1.0 if after else 0.0
    return plan


def _get(server: Any, path: str = "Ticket/1", timeout: float = 5.0) -> httpx.Response:
    with httpx.Client(base_url=server.base_url + "/v1/", auth=AUTH, timeout=timeout) as client:
        return client.get(path)


def test_parse_rate_and_kinds() -> None:
    plan = FaultPlan.parse("0.2:500, 429,reset")
    assert plan.rate == 0.2
    assert plan.kinds == ("500", "429", "reset")
    assert FaultPlan.parse("0.5").kinds == ALL_KINDS
    assert FaultPlan.from_env({"TICKETTUI_FAULTS": "0.1:timeout"}).kinds == ("timeout",)  # type: ignore[union-attr]
    assert FaultPlan.from_env({}) is None
    with pytest.raises(ValueError, match="unknown fault kind"):
        FaultPlan.parse("0.2:teapot")
    with pytest.raises(ValueError, match="between 0 and 1"):
        FaultPlan.parse("2")


def test_seeded_plans_draw_the_same_faults() -> None:
    first = FaultPlan(rate=0.3, seed=11)
    second = FaultPlan(rate=0.3, seed=11)
    assert [first.draw() for _ in range(200)] == [second.draw() for _ in range(200)]
    assert 30 < first.total() < 90


@pytest.mark.parametrize(
    ("kind", "status", "html"),
    [
        ("500", 500, False),
        ("502", 502, False),
        ("503", 503, False),
        ("502html", 502, True),
        ("401", 401, False),
        ("421", 421, False),
        ("429", 429, False),
    ],
)
def test_status_faults(faulty: Any, kind: str, status: int, html: bool) -> None:
    plan = _only(faulty, kind)
    before = plan.counts[kind]
    response = _get(faulty)
    assert response.status_code == status
    assert ("html" in response.headers["content-type"]) is html
    if kind == "429":
        assert response.headers["retry-after"] == "1"
    assert plan.counts[kind] == before + 1


def test_reset_closes_without_an_answer(faulty: Any) -> None:
    _only(faulty, "reset")
    with pytest.raises(httpx.RemoteProtocolError):
        _get(faulty)


def test_timeout_holds_longer_than_the_client_waits(faulty: Any) -> None:
    _only(faulty, "timeout")
    with pytest.raises(httpx.ReadTimeout):
        _get(faulty, timeout=0.2)


def test_truncated_is_a_200_with_half_the_json(faulty: Any) -> None:
    _only(faulty, "truncated")
    response = _get(faulty)
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_a_fault_after_the_save_still_applies_it(faulty: Any) -> None:
    """The "save landed but the answer was lost" case."""
    faulty.faults.rate = 0.0
    ticket = _get(faulty).json()
    ticket["Title"] = "Landed although the answer was lost"
    _only(faulty, "reset", after=True)
    with (
        httpx.Client(base_url=faulty.base_url + "/v1/", auth=AUTH) as client,
        pytest.raises(httpx.RemoteProtocolError),
    ):
        client.post("Ticket", json=ticket)
    faulty.faults.rate = 0.0
    assert _get(faulty).json()["Title"] == "Landed although the answer was lost"
    assert faulty.faults.counts["reset:after"] >= 1


def test_a_fault_before_the_save_leaves_the_ticket_alone(faulty: Any) -> None:
    faulty.faults.rate = 0.0
    ticket = _get(faulty, "Ticket/2").json()
    title = ticket["Title"]
    ticket["Title"] = "Never applied"
    _only(faulty, "503")
    with httpx.Client(base_url=faulty.base_url + "/v1/", auth=AUTH) as client:
        assert client.post("Ticket", json=ticket).status_code == 503
    faulty.faults.rate = 0.0
    assert _get(faulty, "Ticket/2").json()["Title"] == title


def test_a_slow_save_is_applied_after_the_client_gave_up(faulty: Any) -> None:
    """A busy server: the client times out, the server still does the work (held 2 s here, so
    that "not yet" is not a race with the held request on a busy machine)."""
    faulty.faults.rate = 0.0
    ticket = _get(faulty, "Ticket/3").json()
    ticket["Title"] = "Applied after the client stopped waiting"
    _only(faulty, "slow")
    held, faulty.faults.hold_seconds = faulty.faults.hold_seconds, 2.0
    try:
        with (
            httpx.Client(base_url=faulty.base_url + "/v1/", auth=AUTH, timeout=0.2) as client,
            pytest.raises(httpx.ReadTimeout),
        ):
            client.post("Ticket", json=ticket)
        faulty.faults.rate = 0.0
        assert _get(faulty, "Ticket/3").json()["Title"] != ticket["Title"]  # not yet
        wait_until(
            lambda: _get(faulty, "Ticket/3").json()["Title"] == ticket["Title"], "the late save"
        )
    finally:
        faulty.faults.hold_seconds = held


def test_latency_answers_normally(faulty: Any) -> None:
    plan = _only(faulty, "latency")
    plan.latency = (0.01, 0.02)
    assert _get(faulty).status_code == 200


def test_cli_server_rejects_a_bad_fault_spec(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tickettui.cli import main

    result = CliRunner().invoke(main, ["server", "--faults", "0.2:teapot", "--port", "1"])
    assert result.exit_code != 0
    assert "unknown fault kind" in result.output
