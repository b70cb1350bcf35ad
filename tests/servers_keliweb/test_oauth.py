"""Passport's /oauth/token: password grant, expiry, refresh rotation, error shapes."""

from __future__ import annotations

import base64
import json
import sqlite3
import time
from pathlib import Path

import httpx

from tickettui.systems.keliweb.server import LocalKeliweb, accounts

from .conftest import JSON_HEADERS, password_grant, refresh_grant, start


def _get_ticket_list(http: httpx.Client, token: str) -> httpx.Response:
    return http.post(
        "/api/v2/keliweb/get-tickets",
        data={"limitnum": "1"},
        headers={**JSON_HEADERS, "Authorization": f"Bearer {token}"},
    )


def test_password_grant_returns_a_passport_token_pair(local_kw: LocalKeliweb) -> None:
    with httpx.Client(base_url=local_kw.base_url) as http:
        response = password_grant(http)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token_type", "expires_in", "access_token", "refresh_token"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    _header, claims, _signature = body["access_token"].split(".")
    assert body["access_token"].startswith("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImp0aSI6")
    decoded = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    assert decoded["aud"] == accounts.DEMO_CLIENT_ID
    assert decoded["exp"] - decoded["iat"] == 3600 and decoded["sub"] == str(accounts.DEMO_USER_ID)
    assert body["refresh_token"].startswith("def50200")


def test_a_wrong_password_is_400_invalid_grant(local_kw: LocalKeliweb) -> None:
    expected = {
        "error": "invalid_grant",
        "error_description": "The user credentials were incorrect.",
        "message": "The user credentials were incorrect.",
    }
    with httpx.Client(base_url=local_kw.base_url) as http:
        for response in (
            password_grant(http, password="wrong"),
            password_grant(http, username="nobody@example.com"),
        ):
            assert response.status_code == 400
            assert response.json() == expected


def test_a_wrong_client_is_401_invalid_client_and_other_grants_are_refused(
    local_kw: LocalKeliweb,
) -> None:
    with httpx.Client(base_url=local_kw.base_url) as http:
        bad_secret = password_grant(http, client_secret="nope")
        bad_id = password_grant(http, client_id="00000000-0000-0000-0000-000000000000")
        wrong_grant = password_grant(http, grant_type="client_credentials")
        no_user = password_grant(http, username="")
    for response in (bad_secret, bad_id):
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"
    assert wrong_grant.status_code == 400
    assert wrong_grant.json()["error"] == "unsupported_grant_type"
    assert no_user.status_code == 400
    assert no_user.json()["hint"] == "Check the `username` parameter"


def test_access_tokens_really_expire(tmp_path: Path) -> None:
    with start(tmp_path, access_ttl=1) as server, httpx.Client(base_url=server.base_url) as http:
        body = password_grant(http).json()
        assert body["expires_in"] == 1
        assert _get_ticket_list(http, body["access_token"]).status_code == 200
        time.sleep(1.1)
        expired = _get_ticket_list(http, body["access_token"])
        assert expired.status_code == 401
        assert expired.json() == {"message": "Unauthenticated."}
        # The refresh token outlives the access token and gets the session going again.
        renewed = refresh_grant(http, body["refresh_token"])
        assert renewed.status_code == 200
        assert _get_ticket_list(http, renewed.json()["access_token"]).status_code == 200


def test_refresh_tokens_rotate_and_the_old_pair_dies(local_kw: LocalKeliweb) -> None:
    with httpx.Client(base_url=local_kw.base_url) as http:
        first = password_grant(http).json()
        second = refresh_grant(http, first["refresh_token"])
        assert second.status_code == 200
        pair = second.json()
        assert pair["refresh_token"] != first["refresh_token"]
        assert pair["access_token"] != first["access_token"]
        assert _get_ticket_list(http, pair["access_token"]).status_code == 200
        # league/oauth2-server revokes the old refresh token and its access token.
        assert _get_ticket_list(http, first["access_token"]).status_code == 401
        reused = refresh_grant(http, first["refresh_token"])
        assert reused.status_code == 400
        assert reused.json()["error"] == "invalid_grant"
        assert reused.json()["hint"] == "Token has been revoked"
        garbage = refresh_grant(http, "def50200deadbeef")
        assert garbage.status_code == 400 and garbage.json()["error"] == "invalid_grant"
        # The newest refresh token still works.
        assert refresh_grant(http, pair["refresh_token"]).status_code == 200


def test_tokens_are_stored_hashed(local_kw: LocalKeliweb) -> None:
    with httpx.Client(base_url=local_kw.base_url) as http:
        body = password_grant(http).json()
    conn = sqlite3.connect(local_kw.db_path)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert body["access_token"] not in dump and body["refresh_token"] not in dump
    assert accounts.DEMO_CLIENT_SECRET not in dump and "'demo'" not in dump
