"""Async client for the SuperOffice NetServer Web API (REST v1): tickets, messages, lists.

One ``httpx.AsyncClient`` per instance holds the connection pool (keep-alive, reused across
concurrent pages). Every failure surfaces as a typed error from ``tickettui.core.errors`` with a
one-line message; no header, credential or body is ever logged or put in a message.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from tickettui.core.credential_provider import CredentialProvider
from tickettui.core.errors import (
    NotFound,
    OutcomeUnknown,
    UnexpectedResponse,
)
from tickettui.core.http.pool import bounded, http_pool
from tickettui.core.http.retry import RetryPolicy, RetryStats, with_retries
from tickettui.systems.superoffice.headers import build_headers
from tickettui.systems.superoffice.http_errors import (
    decode_json,
    error_for_response,
    error_for_transport,
    shown_url,
)
from tickettui.systems.superoffice.models import (
    ArchivePage,
    ArchiveRow,
    MDOListItem,
    Principal,
    Ticket,
    TicketEntity,
    TicketMessageEntity,
    TicketStatusEntity,
)
from tickettui.systems.superoffice.models.archive import primary_key
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
from tickettui.systems.superoffice.urls import api_base_url, check_transport, display_host

__all__ = ["DEFAULT_MESSAGE_COLUMNS", "SuperOfficeClient"]

log = logging.getLogger("tickettui.systems.superoffice")

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

DEFAULT_MESSAGE_COLUMNS = (
    "ticketMessageId",
    "createdAt",
    "author",
    "slevel",
    "important",
    "body",
    "htmlBody",
)

MAX_RENEWALS = 3  # prompts per request before its 401 stands

_TICKETS = TypeAdapter(list[Ticket])
_MDO_ITEMS = TypeAdapter(list[MDOListItem])
_STATUSES = TypeAdapter(list[TicketStatusEntity])


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _validation_summary(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    first = errors[0] if errors else {"loc": (), "msg": "invalid"}
    where = ".".join(str(part) for part in first["loc"]) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


class SuperOfficeClient:
    """The SuperOffice Web API for one tenant.

    ``settings.url`` is the API root as SuperOffice shows it (``https://host/SuperOffice/api``,
    ``http://127.0.0.1:PORT/SuperOffice/api`` for the local server). Use as ``async with``
    or call :meth:`aclose`. ``transport`` replaces the network (tests).
    """

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

    def __repr__(self) -> str:
        return f"SuperOfficeClient(host={self._host!r})"

    @property
    def host(self) -> str:
        return self._host

    @property
    def account(self) -> tuple[str, str]:
        """Server and user, for keying drafts (never a secret)."""
        return (self._base_url, self._settings.user or self._settings.auth.value)

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
            url = shown_url(self._http.base_url.join(path))
            raise UnexpectedResponse(
                f"Unexpected data from {method} {url}: {_validation_summary(exc)}"
            ) from None

    def _model(self, model: type[M], data: Any, method: str, path: str) -> M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            url = shown_url(self._http.base_url.join(path))
            raise UnexpectedResponse(
                f"Unexpected data from {method} {url}: {_validation_summary(exc)}"
            ) from None

    # -- session ----------------------------------------------------------------------------

    async def current_principal(self) -> Principal:
        """The signed-in user (``GET User/currentPrincipal``); also a cheap credential check."""
        path = "User/currentPrincipal"
        data = await self._call("GET", path)
        return self._model(Principal, data, "GET", path)

    # -- tickets ----------------------------------------------------------------------------

    async def get_ticket(self, ticket_id: int, select: Sequence[str] | None = None) -> Ticket:
        """The flat Ticket carrier. With ``select`` every other field comes back null."""
        path = "Agents/Ticket/GetTicket"
        params: dict[str, str | int] = {"ticketId": ticket_id}
        if select:
            params["$select"] = ",".join(select)
        data = await self._call(
            "POST", path, params=params, what=f"Ticket {ticket_id}", idempotent=True
        )
        if data is None:  # Agents calls answer null for a missing id
            raise NotFound(f"Ticket {ticket_id} not found", status=200)
        return self._model(Ticket, data, "POST", path)

    async def get_tickets(
        self,
        ids: Sequence[int],
        select: Sequence[str] | None = None,
        batch_size: int = 500,
        concurrency: int = 4,
    ) -> list[Ticket]:
        """Flat carriers for ``ids``, in the order of ``ids``; ids the server lacks are left out.

        Batches of ``batch_size`` ids run up to ``concurrency`` at a time.
        """
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        params: dict[str, str | int] = {}
        if select:
            columns = list(select)
            if not any(c.lower() == "ticketid" for c in columns):
                columns.insert(0, "TicketId")  # needed to put results back in order
            params["$select"] = ",".join(columns)
        path = "Agents/Ticket/GetTickets"
        size = max(1, batch_size)
        batches = [wanted[i : i + size] for i in range(0, len(wanted), size)]

        def fetch(batch: list[int]) -> Callable[[], Awaitable[list[Ticket]]]:
            async def run() -> list[Ticket]:
                data = await self._call(
                    "POST", path, params=params, body={"TicketIds": batch}, idempotent=True
                )
                return self._parse(_TICKETS, data or [], "POST", path)

            return run

        results = await bounded([fetch(b) for b in batches], concurrency)
        by_id = {t.TicketId: t for batch in results for t in batch}
        return [by_id[i] for i in wanted if i in by_id]

    async def create_default_ticket_entity(self) -> TicketEntity:
        """A blank TicketEntity with the server's defaults, ready to fill in and save."""
        path = "Agents/Ticket/CreateDefaultTicketEntity"
        data = await self._call("POST", path, idempotent=True)  # builds a blank, stores nothing
        return self._model(TicketEntity, data, "POST", path)

    async def get_ticket_entity(self, ticket_id: int) -> TicketEntity:
        """The full TicketEntity (``GET Ticket/{id}``).

        An edit ALWAYS starts from this, never from a ``$select`` result: ``$select`` nulls
        every field not selected, and saving that back would wipe them on the server.
        """
        path = f"Ticket/{int(ticket_id)}"
        data = await self._call("GET", path, what=f"Ticket {ticket_id}")
        if data is None:
            raise NotFound(f"Ticket {ticket_id} not found", status=200)
        return self._model(TicketEntity, data, "GET", path)

    async def save_ticket_entity(self, entity: TicketEntity, notify: bool) -> TicketEntity:
        """Save (``TicketId`` 0 creates); returns the entity as the server stored it.

        Sends everything the entity holds, including fields we do not model. ``notify`` sends
        the owner's notifications. A connection lost after sending raises OutcomeUnknown.
        """
        what = f"Ticket {entity.TicketId}" if entity.TicketId else None
        data = await self._call(
            "POST",
            "Ticket",
            params={"notify": _bool(notify)},
            body=entity.to_wire(),
            what=what,
            changes_data=True,
        )
        return self._model(TicketEntity, data, "POST", "Ticket")

    async def update_read_status(self, ids: Sequence[int], status: str) -> None:
        """Set ReadStatus (``Green``/``Yellow``/``Red``) on many tickets at once."""
        ticket_ids = list(dict.fromkeys(ids))
        if not ticket_ids:
            return
        # Idempotent: setting the same status twice leaves the same state, so it is retried.
        await self._call(
            "POST",
            "Agents/Ticket/UpdateTicketsReadStatus",
            body={"TicketIds": ticket_ids, "NewStatus": str(status)},
            idempotent=True,
        )

    # -- archives ---------------------------------------------------------------------------

    async def archive_page(
        self,
        provider_path: str,
        select: Sequence[str],
        filter: str | None = None,
        order_by: str | None = None,
        top: int = 500,
        skip: int = 0,
    ) -> ArchivePage:
        """One page of an OData archive (``Ticket``, ``Ticket/7/Messages``, ``archive/X``)."""
        path = provider_path.strip("/")
        params = _archive_params(select, filter, order_by, top, skip)
        data = await self._call("GET", path, params=params)
        if isinstance(data, list):  # tolerate a bare array of rows
            data = {"value": data}
        return self._model(ArchivePage, data or {}, "GET", path)

    async def archive_all(
        self,
        provider_path: str,
        select: Sequence[str],
        filter: str | None = None,
        order_by: str | None = None,
        page_size: int = 500,
        concurrency: int = 1,
    ) -> list[ArchiveRow]:
        """Every row, paging with ``$skip`` until a short page (``odata.nextLink`` is unreliable).

        The first page comes alone (most lists fit in one); after a full page, ``concurrency``
        pages are requested at once. Pages past the end come back empty and are dropped. Use a
        stable ``order_by`` when paging.
        """

        async def page(top: int, skip: int) -> tuple[int | None, list[ArchiveRow]]:
            rows = (
                await self.archive_page(provider_path, select, filter, order_by, top=top, skip=skip)
            ).value
            return (rows[0].PrimaryKey if rows else None), rows

        return await self._every_page(provider_path, page, page_size, concurrency)

    async def archive_mapped(
        self,
        provider_path: str,
        select: Sequence[str],
        map_row: Callable[[int, Mapping[str, Any]], T],
        filter: str | None = None,
        order_by: str | None = None,
        page_size: int = 500,
        concurrency: int = 1,
    ) -> list[T]:
        """``archive_all``, each row mapped as its page arrives, without the pydantic row model.

        For big lists: 100k ``ArchiveRow`` models (and their pages) held until the end cost
        ~150 MB. Checked as much as the model checks a Slim row: a list of objects whose
        ``PrimaryKey`` is an int or a numeric string. ``map_row(key, columns)``.
        """
        path = provider_path.strip("/")

        async def page(top: int, skip: int) -> tuple[int | None, list[T]]:
            params = _archive_params(select, filter, order_by, top, skip)
            data = await self._call("GET", path, params=params)
            rows = data.get("value") if isinstance(data, dict) else data
            if rows is None:
                return None, []
            if not isinstance(rows, list):
                raise self._unexpected("GET", path, "value: not a list")
            mapped: list[T] = []
            first: int | None = None
            for n, row in enumerate(rows):
                if not isinstance(row, dict):
                    raise self._unexpected("GET", path, f"value.{n}: not an object")
                key = primary_key(row.get("PrimaryKey"))
                if key is not None and not isinstance(key, int):
                    raise self._unexpected("GET", path, f"value.{n}.PrimaryKey: not an integer")
                if n == 0:
                    first = key
                mapped.append(map_row(key or 0, row))
            return first, mapped

        return await self._every_page(provider_path, page, page_size, concurrency)

    async def _every_page(
        self,
        provider_path: str,
        page: Callable[[int, int], Awaitable[tuple[int | None, list[T]]]],
        page_size: int,
        concurrency: int,
    ) -> list[T]:
        """The paging of ``archive_all``: ``page(top, skip)`` -> (first row's key, rows)."""
        size = max(1, page_size)
        rows: list[T] = []
        skip = 0
        window = 1
        last_first_key: int | None = None
        while True:
            starts = [skip + i * size for i in range(window)]

            def fetch(start: int) -> Callable[[], Awaitable[tuple[int | None, list[T]]]]:
                return lambda: page(size, start)

            pages = await bounded([fetch(s) for s in starts], window)
            for first_key, values in pages:
                if values and len(values) >= size:
                    if first_key is not None and first_key == last_first_key:
                        raise UnexpectedResponse(
                            f"The server at {self._host} ignores $skip on {provider_path}: "
                            "paging would never end"
                        )
                    last_first_key = first_key
                rows.extend(values)
                if len(values) != size:  # short page (or a server that ignores $top)
                    return rows
            skip += window * size
            window = max(1, concurrency)

    def _unexpected(self, method: str, path: str, what: str) -> UnexpectedResponse:
        url = shown_url(self._http.base_url.join(path))
        return UnexpectedResponse(f"Unexpected data from {method} {url}: {what}")

    async def list_tickets(
        self,
        select: Sequence[str],
        filter: str | None = None,
        order_by: str | None = None,
        page_size: int = 500,
        concurrency: int = 1,
    ) -> list[ArchiveRow]:
        """Rows of the Ticket archive (``GET Ticket``), all pages."""
        return await self.archive_all(
            "Ticket", select, filter, order_by, page_size=page_size, concurrency=concurrency
        )

    async def get_ticket_messages(
        self,
        ticket_id: int,
        select: Sequence[str] | None = None,
        order_by: str | None = "createdAt",
    ) -> list[ArchiveRow]:
        """All messages of a ticket with their bodies, usually in one call."""
        return await self.archive_all(
            f"Ticket/{int(ticket_id)}/Messages",
            select or DEFAULT_MESSAGE_COLUMNS,
            order_by=order_by,
        )

    # -- messages ---------------------------------------------------------------------------

    async def get_ticket_message(self, message_id: int) -> TicketMessageEntity:
        path = f"TicketMessage/{int(message_id)}"
        data = await self._call("GET", path, what=f"Message {message_id}")
        if data is None:
            raise NotFound(f"Message {message_id} not found", status=200)
        return self._model(TicketMessageEntity, data, "GET", path)

    async def save_ticket_message(
        self, entity: TicketMessageEntity, notify: bool
    ) -> TicketMessageEntity:
        """Save a message (``EjMessageId`` 0 adds one). Saving does not e-mail anyone."""
        what = f"Message {entity.EjMessageId}" if entity.EjMessageId else None
        data = await self._call(
            "POST",
            "TicketMessage",
            params={"notify": _bool(notify)},
            body=entity.to_wire(),
            what=what,
            changes_data=True,
        )
        return self._model(TicketMessageEntity, data, "POST", "TicketMessage")

    # -- lists ------------------------------------------------------------------------------

    async def mdo_list(self, name: str, flat: bool = False) -> list[MDOListItem]:
        """``GET MDOList/{name}`` (``ejcategory``, ``ticketpriority``, ``associate``, ...)."""
        path = f"MDOList/{quote(name, safe='')}"
        data = await self._call("GET", path, params={"flat": _bool(flat)}, what=f"List {name!r}")
        return self._parse(_MDO_ITEMS, data or [], "GET", path)

    async def ticket_status_items(self) -> list[TicketStatusEntity]:
        """The user-defined ticket statuses, each with the base status it maps to."""
        path = "List/TicketStatus/Items"
        data = await self._call("GET", path)
        return self._parse(_STATUSES, data or [], "GET", path)


def _archive_params(
    select: Sequence[str], filter: str | None, order_by: str | None, top: int, skip: int
) -> dict[str, str | int]:
    params: dict[str, str | int] = {"$select": ",".join(select), "$top": top, "$skip": skip}
    if filter:
        params["$filter"] = filter
    if order_by:
        params["$orderBy"] = order_by
    return params


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
