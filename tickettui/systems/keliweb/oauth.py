"""OAuth2 against Keliweb's ``/oauth/token`` (Laravel Passport): password grant, refresh, rotation.

One ``asyncio.Lock`` guards every grant, so concurrent calls that find the token dying refresh it
once and all use the result. The newest refresh token is always kept (and saved): Passport
revokes the old one on use. A rejected refresh token (expired after 10 days, revoked, or rotated
away by another process) falls back to a password grant.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from typing import Any

import httpx
from pydantic import SecretStr

from tickettui.core.errors import AuthenticationFailed, UnexpectedResponse
from tickettui.core.http.retry import RetryPolicy, RetryStats, with_retries
from tickettui.systems.keliweb.decoding import decode_token
from tickettui.systems.keliweb.http_errors import (
    decode_json,
    error_for_token_response,
    error_for_transport,
)
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.keliweb.tokens import TokenSet, TokenStore

__all__ = ["TOKEN_PATH", "OAuthSession"]

log = logging.getLogger("tickettui.systems.keliweb")

TOKEN_PATH = "/oauth/token"  # noqa: S105 (a path)
DEFAULT_LIFETIME = 3600.0  # Passport's default, if an answer leaves expires_in out


class OAuthSession:
    """Hands out a valid access token, logging in or refreshing as needed."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        settings: KeliwebSettings,
        store: TokenStore,
        *,
        host: str,
        clock: Callable[[], float] = time.time,
        retry: RetryPolicy | None = None,
        retry_stats: RetryStats | None = None,
    ) -> None:
        self._http = http
        self._retry = retry or RetryPolicy()
        self.retry_stats = retry_stats or RetryStats()
        self._rng = random.Random()  # jitter only
        self._settings = settings
        self._store = store
        self._host = host
        self._clock = clock
        self._tokens: TokenSet | None = None
        self._loaded = False
        self._lock = asyncio.Lock()
        self.password_grants = 0  # how many logins and refreshes this session made
        self.refresh_grants = 0

    def __repr__(self) -> str:
        return f"OAuthSession(host={self._host!r})"

    @property
    def tokens(self) -> TokenSet | None:
        return self._tokens

    async def _post(self, form: dict[str, str]) -> Any:
        try:
            response = await self._http.post(TOKEN_PATH, data=form)
        except httpx.TransportError as exc:
            raise error_for_transport(
                exc, host=self._host, timeout=self._settings.timeout, outcome_matters=False
            ) from exc
        log.debug("POST %s (%s) -> %d", TOKEN_PATH, form["grant_type"], response.status_code)
        if not response.is_success:
            raise error_for_token_response(response)
        return decode_json(response, what="the login")

    def _current(self) -> TokenSet | None:
        if not self._loaded:
            self._loaded = True
            try:
                self._tokens = self._store.load()
            except Exception as exc:  # a broken store only costs a login
                log.warning("Could not load the saved Keliweb tokens (%s)", type(exc).__name__)
        return self._tokens

    async def access_token(self) -> str:
        """A token that will not expire in the next moments."""
        tokens = self._tokens if self._loaded else None
        if tokens is not None and tokens.fresh(self._clock()):
            return tokens.access_token.get_secret_value()
        async with self._lock:
            tokens = self._current()
            if tokens is None or not tokens.fresh(self._clock()):
                tokens = await self._renew(tokens)
            return tokens.access_token.get_secret_value()

    async def rejected(self, access_token: str) -> None:
        """The API answered 401 to ``access_token``: renew it, unless another call already did."""
        async with self._lock:
            tokens = self._current()
            if tokens is not None and tokens.access_token.get_secret_value() != access_token:
                return
            await self._renew(tokens)

    async def login(self) -> TokenSet:
        """A password grant now, whatever is stored (checks the credentials)."""
        async with self._lock:
            self._loaded = True
            return await self._password_grant()

    async def _renew(self, tokens: TokenSet | None) -> TokenSet:
        if tokens is not None and tokens.refresh_token is not None:
            try:
                return await self._refresh_grant(tokens.refresh_token.get_secret_value())
            except AuthenticationFailed as exc:
                log.info("Keliweb refused the refresh token (%s): logging in again", exc.error_type)
        return await self._password_grant()

    async def _password_grant(self) -> TokenSet:
        s = self._settings
        self.password_grants += 1
        return await self._grant(
            {
                "grant_type": "password",
                "client_id": s.client_id,
                "client_secret": s.client_secret.get_secret_value(),
                "username": s.username,
                "password": s.password.get_secret_value(),
                "scope": "",
            },
            previous_refresh=None,
        )

    async def _refresh_grant(self, refresh_token: str) -> TokenSet:
        s = self._settings
        self.refresh_grants += 1
        return await self._grant(
            {
                "grant_type": "refresh_token",
                "client_id": s.client_id,
                "client_secret": s.client_secret.get_secret_value(),
                "refresh_token": refresh_token,
                "scope": "",
            },
            previous_refresh=refresh_token,
        )

    async def _grant(self, form: dict[str, str], previous_refresh: str | None) -> TokenSet:
        """One grant. A dropped link, a timeout, a gateway error or throttling is tried again
        (with backoff); a refusal (``invalid_grant``, ``invalid_client``) never is. A refresh
        whose answer was lost may have rotated the token: the retry then gets invalid_grant,
        and ``_renew`` falls back to the password."""
        started = self._clock()
        data = await with_retries(
            lambda: self._post(form),
            self._retry,
            self.retry_stats,
            self._rng,
            what=f"POST {TOKEN_PATH} ({form['grant_type']})",
            log=log,
        )
        answer = decode_token(data)
        access = answer.access_token.get_secret_value()
        if not access or not answer.token_type.lower().startswith("bearer"):
            raise UnexpectedResponse("Keliweb: the login answered without a bearer token")
        lifetime = float(answer.expires_in) if answer.expires_in > 0 else DEFAULT_LIFETIME
        refresh = answer.refresh_token
        if refresh is None and previous_refresh is not None:
            refresh = SecretStr(previous_refresh)  # not rotated: keep using it
        tokens = TokenSet(
            access_token=answer.access_token,
            refresh_token=refresh,
            expires_at=started + lifetime,  # from when we asked: errs on the early side
            issued_at=started,
        )
        self._tokens = tokens
        try:
            self._store.save(tokens)
        except Exception as exc:  # the tokens still work for this session
            log.warning("Could not save the Keliweb tokens (%s)", type(exc).__name__)
        return tokens
