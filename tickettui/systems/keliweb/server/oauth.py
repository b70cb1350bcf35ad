"""Laravel Passport's ``/oauth/token``: password and refresh-token grants (NOTES section 1, 4).

Access tokens look like Passport's RS256 JWTs (header with ``jti``, claims with ``exp``)
but are opaque to this server: only their SHA-256 is stored and looked up. Refresh
tokens rotate like league/oauth2-server's: using one revokes it *and* the access token
it was issued with, so a client must switch to the new pair at once.
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from tickettui.systems.keliweb.server import errors
from tickettui.systems.keliweb.server.form import Form
from tickettui.systems.keliweb.server.passwords import token_hash, verify_password

WallClock = Callable[[], float]  # seconds since the epoch


@dataclass(frozen=True)
class TokenPolicy:
    access_ttl: float
    refresh_ttl: float


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _access_token(jti: str, client_id: str, user_id: int, issued: float, expires: float) -> str:
    header = {"typ": "JWT", "alg": "RS256", "jti": jti}
    claims = {
        "aud": client_id,
        "jti": jti,
        "iat": issued,
        "nbf": issued,
        "exp": expires,
        "sub": str(user_id),
        "scopes": [],
    }
    signature = secrets.token_bytes(256)  # the size of an RS256 signature; never verified
    return ".".join(
        (
            _b64url(json.dumps(header, separators=(",", ":")).encode()),
            _b64url(json.dumps(claims, separators=(",", ":")).encode()),
            _b64url(signature),
        )
    )


def _refresh_token() -> str:
    # Passport refresh tokens are defuse-encrypted payloads: long hex starting "def50200".
    return "def50200" + secrets.token_hex(320)


def _check_client(conn: sqlite3.Connection, form: Form) -> str:
    client_id = form.get("client_id", "")
    if not client_id:
        raise errors.invalid_request("client_id")
    row = conn.execute(
        "SELECT secret_hash, revoked, password_client FROM oauth_client WHERE id = ?",
        (client_id,),
    ).fetchone()
    secret = form.get("client_secret", "")
    if (
        row is None
        or row["revoked"]
        or not row["password_client"]
        or not hmac.compare_digest(token_hash(secret), row["secret_hash"])
    ):
        raise errors.invalid_client()
    return client_id


def grant(
    conn: sqlite3.Connection, form: Form, policy: TokenPolicy, now: float
) -> dict[str, object]:
    """Run the grant in ``form``; return the token response or raise ``OAuthError``."""
    grant_type = form.get("grant_type", "")
    if grant_type not in ("password", "refresh_token"):
        raise errors.unsupported_grant_type()
    client_id = _check_client(conn, form)
    if grant_type == "password":
        user_id = _password_user(conn, form)
    else:
        user_id = _rotate_refresh_token(conn, form, client_id, now)
    return _issue(conn, client_id, user_id, policy, now)


def _password_user(conn: sqlite3.Connection, form: Form) -> int:
    username = form.get("username", "")
    if not username:
        raise errors.invalid_request("username")
    password = form.get("password", "")
    if not password:
        raise errors.invalid_request("password")
    row = conn.execute(
        "SELECT id, password_hash FROM client WHERE email = ? COLLATE NOCASE", (username,)
    ).fetchone()
    if row is None or not verify_password(password, row["password_hash"]):
        raise errors.invalid_credentials()
    return int(row["id"])


def _rotate_refresh_token(conn: sqlite3.Connection, form: Form, client_id: str, now: float) -> int:
    token = form.get("refresh_token", "")
    if not token:
        raise errors.invalid_request("refresh_token")
    row = conn.execute(
        "SELECT * FROM oauth_refresh_token WHERE token_hash = ?", (token_hash(token),)
    ).fetchone()
    if row is None:
        raise errors.invalid_refresh_token("Cannot decrypt the refresh token")
    if row["client_id"] != client_id:
        raise errors.invalid_refresh_token("Token is not linked to client")
    if row["expires_at"] <= now:
        raise errors.invalid_refresh_token("Token has expired")
    if row["revoked"]:
        raise errors.invalid_refresh_token("Token has been revoked")
    conn.execute(
        "UPDATE oauth_refresh_token SET revoked = 1 WHERE token_hash = ?", (row["token_hash"],)
    )
    conn.execute("UPDATE oauth_access_token SET revoked = 1 WHERE jti = ?", (row["access_jti"],))
    return int(row["user_id"])


def _issue(
    conn: sqlite3.Connection, client_id: str, user_id: int, policy: TokenPolicy, now: float
) -> dict[str, object]:
    jti = secrets.token_hex(40)
    issued = int(now)
    access = _access_token(jti, client_id, user_id, issued, issued + int(policy.access_ttl))
    refresh = _refresh_token()
    conn.execute(
        "INSERT INTO oauth_access_token VALUES (?, ?, ?, ?, ?, 0)",
        (token_hash(access), jti, user_id, client_id, now + policy.access_ttl),
    )
    conn.execute(
        "INSERT INTO oauth_refresh_token VALUES (?, ?, ?, ?, ?, 0)",
        (token_hash(refresh), jti, user_id, client_id, now + policy.refresh_ttl),
    )
    return {
        "token_type": "Bearer",
        # Passport reports the whole lifetime in seconds (an int even for short test TTLs).
        "expires_in": max(1, round(policy.access_ttl)),
        "access_token": access,
        "refresh_token": refresh,
    }


def user_for_bearer(conn: sqlite3.Connection, authorization: str, now: float) -> int | None:
    """The customer id behind ``Authorization: Bearer <token>``, or None if not valid now."""
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    row = conn.execute(
        "SELECT user_id, expires_at, revoked FROM oauth_access_token WHERE token_hash = ?",
        (token_hash(token),),
    ).fetchone()
    if row is None or row["revoked"] or row["expires_at"] <= now:
        return None
    return int(row["user_id"])
