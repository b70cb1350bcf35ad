"""Whoever lacks the token printed by `tickettui web` gets 403 and nothing else: no page, no
static file, no websocket, whatever the path. The server runs in-process on loopback
(aiohttp's test server); no browser, no app process is started by these requests."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from tests.web.serving import serving
from tickettui.web.access import FORBIDDEN, address, is_loopback
from tickettui.web.server import WebApp

# Never started by these tests (no websocket gets past the gate): a command that would fail.
NO_APP = [sys.executable, "-c", "raise SystemExit(3)"]


@pytest.fixture()
async def served() -> AsyncIterator[tuple[WebApp, TestClient]]:
    web_app = WebApp(NO_APP)
    async with serving(web_app) as client:
        yield web_app, client


def wrong_tokens(token: str) -> list[str]:
    return ["x", token[:-1], f"{token}x", token.upper(), "static", "ws"]


async def test_the_page_with_the_token_loads_its_files_under_the_token(served) -> None:
    web_app, client = served
    page = await client.get(f"/{web_app.token}/")
    html = await page.text()
    assert page.status == 200
    assert f"/{web_app.token}/static/js/textual.js" in html
    assert f'"/{web_app.token}/ws"' in html  # the websocket's path, completed by the page
    script = await client.get(f"/{web_app.token}/static/js/textual.js")
    assert script.status == 200
    # Nothing from outside: textual-serve's own page loads a public font service.
    assert "googleapis" not in html and "https://" not in html


async def test_without_the_right_token_every_path_is_forbidden(served) -> None:
    web_app, client = served
    for token in wrong_tokens(web_app.token):
        for rest in ("", "/", "/static/js/textual.js", "/static/css/xterm.css", "/ws"):
            answer = await client.get(f"/{token}{rest}", allow_redirects=False)
            assert answer.status == 403, (token, rest)
            assert await answer.text() == FORBIDDEN
    for path in ("/", "/static/js/textual.js", "/download/abc", "/favicon.ico"):
        answer = await client.get(path, allow_redirects=False)
        assert (answer.status, await answer.text()) == (403, FORBIDDEN)


async def test_a_websocket_without_the_token_is_refused(served) -> None:
    web_app, client = served
    for token in wrong_tokens(web_app.token):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(f"/{token}/ws")
        assert refused.value.status == 403


async def test_a_page_of_another_origin_cannot_open_the_websocket(served) -> None:
    web_app, client = served
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect(
            f"/{web_app.token}/ws", headers={"Origin": "http://evil.example:8000"}
        )
    assert refused.value.status == 403


async def test_every_answer_keeps_the_address_to_itself(served) -> None:
    web_app, client = served
    for path in (f"/{web_app.token}/", "/", f"/{web_app.token}/static/css/xterm.css"):
        headers = (await client.get(path)).headers
        assert headers["Referrer-Policy"] == "no-referrer"  # the token is in the address
        assert headers["Server"] == "tickettui"  # no versions to look vulnerabilities up by
        assert headers["Cache-Control"] == "no-store"
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


async def test_each_page_runs_only_its_own_scripts(served) -> None:
    web_app, client = served
    nonces = []
    for _ in range(2):
        answer = await client.get(f"/{web_app.token}/")
        policy = answer.headers["Content-Security-Policy"]
        nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
        assert f'<script nonce="{nonce}">' in await answer.text()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_two_servers_never_share_a_token() -> None:
    first, second = WebApp(NO_APP), WebApp(NO_APP)
    assert first.token != second.token
    assert len(first.token) >= 43  # 32 random bytes


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),  # every interface
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),  # a name could resolve anywhere
    ],
)
def test_which_hosts_only_this_machine_reaches(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_printed_address_carries_the_token() -> None:
    assert address("127.0.0.1", 8000, "tok") == "http://127.0.0.1:8000/tok/"
    assert address("::1", 8001, "tok") == "http://[::1]:8001/tok/"


async def test_a_page_of_a_rebound_name_gets_nothing_even_with_the_token(served) -> None:
    """DNS rebinding: evil.example made to resolve to 127.0.0.1 is the page's own origin for
    the browser; the Host header still names evil.example."""
    web_app, client = served
    port = client.port
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        for path in ("/", "static/js/textual.js"):
            answer = await client.get(
                f"/{web_app.token}/{path.lstrip('/')}", headers={"Host": host}
            )
            assert (answer.status, await answer.text()) == (403, FORBIDDEN), (host, path)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(
                f"/{web_app.token}/ws", headers={"Host": host, "Origin": f"http://{host}"}
            )
        assert refused.value.status == 403
    # This machine's names, on any port (an SSH tunnel forwards another one).
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "[::1]:9000", "LOCALHOST"):
        answer = await client.get(f"/{web_app.token}/", headers={"Host": host})
        assert answer.status == 200, host


async def test_behind_a_proxy_with_public_any_host_is_served() -> None:
    web_app = WebApp(NO_APP, loopback_only=False)  # tickettui web --public
    async with serving(web_app) as client:
        answer = await client.get(f"/{web_app.token}/", headers={"Host": "tickets.example"})
        assert answer.status == 200
        assert (await client.get("/", headers={"Host": "tickets.example"})).status == 403
