"""Fault injection in the local Keliweb server: failures shaped as Keliweb sends them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickettui.servers.faults import FaultPlan
from tickettui.systems.keliweb.server import LocalKeliweb

from .conftest import JSON_HEADERS, password_grant


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKeliweb]:
    plan = FaultPlan(rate=0.0, seed=3, hold_seconds=0.6, retry_after=2)
    path = tmp_path_factory.mktemp("kw-faults") / "kw.sqlite"
    with LocalKeliweb.start(tickets=20, seed=1, db_path=path, faults=plan) as server:
        yield server


def _only(server: LocalKeliweb, kind: str, *, after: bool = False) -> FaultPlan:
    plan = server.faults
    assert plan is not None
    plan.rate, plan.kinds, plan.after_share = 1.0, (kind,), (1.0 if after else 0.0)
    return plan


def _call(server: LocalKeliweb, action: str = "get-ticket", **form: Any) -> httpx.Response:
    plan = server.faults
    assert plan is not None
    rate, plan.rate = plan.rate, 0.0
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        token = password_grant(http).json()["access_token"]
        plan.rate = rate
        headers = JSON_HEADERS | {"Authorization": f"Bearer {token}"}
        return http.post(f"/api/v2/keliweb/{action}", data=form or {"ticketid": 1}, headers=headers)


@pytest.fixture(autouse=True)
def _heal(faulty: LocalKeliweb) -> Iterator[None]:
    yield
    assert faulty.faults is not None
    faulty.faults.rate = 0.0


def test_an_injected_401_is_laravels_unauthenticated(faulty: LocalKeliweb) -> None:
    _only(faulty, "401")
    response = _call(faulty)
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}


def test_the_token_endpoint_never_gets_an_unauthenticated_401(faulty: LocalKeliweb) -> None:
    _only(faulty, "401")
    with httpx.Client(base_url=faulty.base_url, timeout=5) as http:
        assert password_grant(http).status_code == 200


def test_throttling_is_laravels_with_retry_after(faulty: LocalKeliweb) -> None:
    _only(faulty, "429")
    response = _call(faulty)
    assert response.status_code == 429
    assert response.json() == {"message": "Too Many Attempts."}
    assert response.headers["retry-after"] == "2"
    assert response.headers["x-ratelimit-remaining"] == "0"


@pytest.mark.parametrize(
    ("kind", "status", "marker"),
    [("500html", 500, "Server Error"), ("502html", 502, "nginx"), ("503html", 503, "nginx")],
)
def test_html_errors_come_from_laravel_or_nginx(
    faulty: LocalKeliweb, kind: str, status: int, marker: str
) -> None:
    _only(faulty, kind)
    response = _call(faulty)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert marker in response.text


def test_a_500_is_laravels_server_error_json(faulty: LocalKeliweb) -> None:
    _only(faulty, "500")
    response = _call(faulty)
    assert (response.status_code, response.json()) == (500, {"message": "Server Error"})


def test_a_reply_lost_after_it_was_applied_is_in_the_database(faulty: LocalKeliweb) -> None:
    ticket = _call(faulty, "get-tickets", limitnum=1).json()["tickets"]["ticket"][0]["id"]
    plan = _only(faulty, "reset", after=True)
    with pytest.raises(httpx.TransportError):
        _call(faulty, "add-ticket-note", ticketid=ticket, message="landed, answer lost")
    plan.rate = 0.0
    thread = _call(faulty, "get-ticket", ticketid=ticket).json()
    assert "landed, answer lost" in str(thread["notes"])
    assert plan.injected()["reset"] >= 1


def test_the_server_command_takes_faults_for_keliweb(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from tickettui import cli

    seen: dict[str, Any] = {}

    def fake_serve(**kwargs: Any) -> None:
        seen.update(kwargs)

    monkeypatch.setattr("tickettui.systems.keliweb.server.serve", fake_serve)
    result = CliRunner().invoke(
        cli.main, ["server", "--system", "keliweb", "--faults", "0.2:500,reset"]
    )
    assert result.exit_code == 0, result.output
    assert seen["faults"].rate == 0.2 and seen["faults"].kinds == ("500", "reset")
    assert seen["port"] == 8081
    bad = CliRunner().invoke(cli.main, ["server", "--system", "keliweb", "--faults", "x"])
    assert bad.exit_code != 0 and "--faults" in bad.output


def test_faults_come_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from tickettui import cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr("tickettui.systems.keliweb.server.serve", lambda **kw: seen.update(kw))
    result = CliRunner().invoke(
        cli.main, ["server", "--system", "keliweb"], env={"TICKETTUI_FAULTS": "0.1:timeout"}
    )
    assert result.exit_code == 0, result.output
    assert seen["faults"].kinds == ("timeout",)


def test_a_kind_the_request_cannot_get_lets_it_through() -> None:
    plan = FaultPlan(rate=1.0, kinds=("401",), seed=1)
    assert plan.draw("POST", "/oauth/token", lambda kind: kind != "401") is None
    assert plan.draw("POST", "/api/v2/keliweb/get-ticket") is not None
