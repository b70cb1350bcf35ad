"""One tenant's HTTP session with the SuperOffice Web API: sends a request, retries what is
safe to retry, asks for the credential again after a 401, and turns every failure into a typed
error from ``tickettui.core.errors`` with a one-line message. Answers are checked against the
wire models here too. No header, credential or body is ever logged or put in a message.

SuperOfficeClient (client.py) builds the API's calls on top of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import tzinfo
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from tickettui.core.credential_provider import CredentialProvider
from tickettui.core.errors import OutcomeUnknown, UnexpectedResponse
from tickettui.core.http.pool import http_pool
from tickettui.core.http.retry import RetryPolicy, RetryStats, with_retries
from tickettui.systems.superoffice.dates import wire_zone
from tickettui.systems.superoffice.headers import build_headers
from tickettui.systems.superoffice.http_errors import (
    decode_json,
    error_for_response,
    error_for_transport,
    shown_url,
)
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
from tickettui.systems.superoffice.urls import api_base_url, check_transport, display_host

__all__ = ["ApiSession"]

log = logging.getLogger("tickettui.systems.superoffice")

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

MAX_RENEWALS = 3  # prompts per request before its 401 stands


class ApiSession:
    """Requests to one tenant's API root; see SuperOfficeClient for the arguments."""

    def __init__(
        self,
        settings: SuperOfficeSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        credentials: CredentialProvider | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._settings = settings
        self._retry = retry or RetryPolicy()
        self.retry_stats = RetryStats()  # retries made, by cause (read by the soak's figures)
        self._rng = random.Random()  # jitter only
        self._credentials = credentials
        # Renewal bookkeeping (a 401 mid-session): see _renewed().
        self._renewal: asyncio.Task[bool] | None = None
        self._auth_epoch = 0  # +1 each time a renewal ends, renewed or not
        self._renewed_epoch = 0  # the epoch a renewal last succeeded at
        self._base_url = api_base_url(settings.url)
        check_transport(self._base_url, allow_http=settings.allow_insecure_http)
        self._host = display_host(self._base_url)
        self._auth = settings.auth
        self._timeout = settings.timeout
        self._http = http_pool(
            self._base_url,
            headers=build_headers(settings),
            timeout=settings.timeout,
            verify_tls=settings.verify_tls,
            transport=transport,
        )

    @property
    def host(self) -> str:
        return self._host

    @property
    def account(self) -> tuple[str, str]:
        """Server and user, for keying drafts (never a secret)."""
        return (self._base_url, self._settings.user or self._settings.auth.value)

    @property
    def wire_zone(self) -> tzinfo:
        """The zone of a date the server sends without an offset (the one asked for)."""
        return wire_zone(self._settings.timezone)

    @property
    def base_url(self) -> str:
        """The canonical ``.../api/v1/`` base (never holds credentials)."""
        return self._base_url

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- plumbing ---------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        body: Any = None,
        what: str | None = None,
        changes_data: bool = False,
        idempotent: bool | None = None,
    ) -> Any:
        """Send one request; the decoded JSON body (None when empty) or a typed error.

        Idempotent calls (GETs unless told otherwise, and POSTs marked so) are retried on
        throttling, gateway errors, dropped connections, timeouts and truncated JSON.
        ``changes_data`` marks saves: never retried, and an answer lost after sending (a
        dropped connection, a timeout, a truncated body) is OutcomeUnknown.
        """
        retried = (method == "GET" if idempotent is None else idempotent) and not changes_data

        def once() -> Awaitable[Any]:
            return self._call_once(method, path, params, body, what, changes_data)

        if not retried:
            return await once()
        return await with_retries(
            once, self._retry, self.retry_stats, self._rng, what=f"{method} {path}", log=log
        )

    async def _call_once(
        self,
        method: str,
        path: str,
        params: Mapping[str, str | int] | None,
        body: Any,
        what: str | None,
        changes_data: bool,
    ) -> Any:
        for renewals_left in range(MAX_RENEWALS, -1, -1):
            epoch = self._auth_epoch
            response = await self._send(method, path, params, body, changes_data)
            # A 401 means the server did nothing: ask for the credential again and resend.
            if response.status_code != 401 or self._credentials is None or not renewals_left:
                break
            reason = str(error_for_response(response, what=what, auth=self._auth))
            if not await self._renewed(epoch, reason):
                break
        if not response.is_success:
            raise error_for_response(response, what=what, auth=self._auth)
        if not changes_data:
            return decode_json(response)
        try:
            return decode_json(response)
        except UnexpectedResponse as error:
            # A 2xx we cannot read: the server most likely applied it, but we cannot be sure.
            raise OutcomeUnknown(
                f"The server at {self._host} sent an unreadable answer after the change was "
                f"sent ({error}): it may or may not have been saved"
            ) from error

    async def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str | int] | None,
        body: Any,
        changes_data: bool,
    ) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._http.request(
                method,
                path,
                params=dict(params) if params else None,
                json=body,
                headers=None,
            )
        except httpx.TransportError as exc:
            log.debug(
                "%s %s failed after %.0f ms: %s", method, path, _ms(started), type(exc).__name__
            )
            raise error_for_transport(
                exc, host=self._host, timeout=self._timeout, outcome_matters=changes_data
            ) from exc
        except httpx.DecodingError as exc:
            raise UnexpectedResponse(
                f"Could not decode the answer from {self._host} ({type(exc).__name__})"
            ) from exc
        log.debug("%s %s -> %d in %.0f ms", method, path, response.status_code, _ms(started))
        return response

    @contextlib.asynccontextmanager
    async def _streamed(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str],
        content: Callable[[], AsyncIterator[bytes]] | None = None,
        what: str | None = None,
        changes_data: bool = False,
    ) -> AsyncIterator[httpx.Response]:
        """One request whose body goes out and comes back a chunk at a time (attachments):
        the response, its body unread, once it is a 2xx. ``content`` makes the body afresh
        for each try (a 401 asks for the credential again and resends, as ``_call`` does)."""
        for renewals_left in range(MAX_RENEWALS, -1, -1):
            epoch = self._auth_epoch
            request = self._http.build_request(
                method, path, headers=dict(headers), content=content() if content else None
            )
            response = await self._send_streamed(request, changes_data)
            try:
                if response.status_code == 401 and self._credentials and renewals_left:
                    await response.aread()
                    reason = str(error_for_response(response, what=what, auth=self._auth))
                    if await self._renewed(epoch, reason):
                        continue
                if not response.is_success:
                    await response.aread()
                    raise error_for_response(response, what=what, auth=self._auth)
                yield response
                return
            finally:
                await response.aclose()

    async def _send_streamed(self, request: httpx.Request, changes_data: bool) -> httpx.Response:
        """Send with the body streamed. A GET whose connection the server dropped before
        answering (a kept-alive one it closed while idle) is tried again, twice at most."""
        for attempt in range(3):
            try:
                return await self._http.send(request, stream=True)
            except httpx.TransportError as exc:
                dropped = isinstance(exc, httpx.RemoteProtocolError | httpx.ConnectError)
                if not (dropped and request.method == "GET" and attempt < 2):
                    raise error_for_transport(
                        exc, host=self._host, timeout=self._timeout, outcome_matters=changes_data
                    ) from exc
                log.debug("%s %s: %s, sent again", request.method, request.url.path, exc)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _renewed(self, epoch: int, reason: str) -> bool:
        """True when the request sent at ``epoch`` should be resent with a renewed credential.

        Concurrent 401s share one prompt; a request that failed before a renewal ended just
        resends (or gives up, if the user cancelled). The prompt runs in its own task so a
        cancelled caller (an exclusive worker replaced) does not take the prompt with it.
        """
        if self._auth_epoch != epoch:
            return self._renewed_epoch > epoch
        if self._renewal is None or self._renewal.done():
            self._renewal = asyncio.create_task(self._renew(reason))
        return await asyncio.shield(self._renewal)

    async def _renew(self, reason: str) -> bool:
        assert self._credentials is not None
        try:
            secret = await self._credentials.renew(reason)
            if secret is None:
                return False
            field = "password" if self._settings.auth is AuthScheme.BASIC else "token"
            self._settings = self._settings.model_copy(update={field: secret})
            self._http.headers.update(build_headers(self._settings))
            self._renewed_epoch = self._auth_epoch + 1
            return True
        finally:
            self._auth_epoch += 1

    def _parse(self, adapter: TypeAdapter[T], data: Any, method: str, path: str) -> T:
        try:
            return adapter.validate_python(data)
        except ValidationError as exc:
            raise self._unexpected(method, path, _validation_summary(exc)) from None

    def _model(self, model: type[M], data: Any, method: str, path: str) -> M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise self._unexpected(method, path, _validation_summary(exc)) from None

    def _unexpected(self, method: str, path: str, what: str) -> UnexpectedResponse:
        url = shown_url(self._http.base_url.join(path))
        return UnexpectedResponse(f"Unexpected data from {method} {url}: {what}")


def _validation_summary(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    first = errors[0] if errors else {"loc": (), "msg": "invalid"}
    where = ".".join(str(part) for part in first["loc"]) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
