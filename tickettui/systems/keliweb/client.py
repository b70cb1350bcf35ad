"""Async client for Keliweb's reseller API v2 ticket calls (WHMCS underneath).

Every call is ``POST {url}/api/v2/keliweb/<action>`` with a form-urlencoded body (Keliweb's docs
declare ``multipart/form-data`` over an urlencoded body; we send what we mean) and
``Authorization: Bearer``, ``Accept: application/json``, ``X-Requested-With: XMLHttpRequest``:
without the last two, Laravel answers an expired token with a redirect to a login page.

Text goes out as the user wrote it (``Q&A <draft>``), never HTML-escaped by us: WHMCS escapes
every request's input itself before storing or comparing it (subjects, messages, status titles
in update-ticket and get-tickets), and the models decode what comes back (``EscapedText``).

One ``httpx.AsyncClient`` holds the pool. Every failure is a typed, one-line, secret-free error
from ``tickettui.core.errors``; no header, token or body is ever logged.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from tickettui.core.errors import ConfigurationError, OutcomeUnknown, UnexpectedResponse
from tickettui.core.http.pool import bounded, http_pool
from tickettui.core.http.retry import RetryPolicy, RetryStats, with_retries
from tickettui.core.loopback import is_loopback
from tickettui.systems.keliweb.decoding import (
    decode_action,
    decode_departments,
    decode_statuses,
    decode_ticket,
    decode_tickets,
    raise_for_result,
)
from tickettui.systems.keliweb.http_errors import (
    decode_json,
    error_for_response,
    error_for_transport,
)
from tickettui.systems.keliweb.models import (
    ActionResult,
    Department,
    ListedTicket,
    Status,
    TicketResponse,
    TicketsResponse,
)
from tickettui.systems.keliweb.oauth import OAuthSession
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.keliweb.tokens import MemoryTokenStore, TokenSet, TokenStore

__all__ = ["API_PREFIX", "PRIORITIES", "READS", "KeliwebClient"]

log = logging.getLogger("tickettui.systems.keliweb")

API_PREFIX = "/api/v2/keliweb/"
PRIORITIES = ("Low", "Medium", "High")  # fixed by WHMCS (UpdateTicket rejects others)
PAGE_SIZE = 250
PAGE_CONCURRENCY = 4
UPDATABLE = ("status", "priority", "deptid", "subject", "flag", "removeFlag")
# Only these are ever sent twice (throttled, a gateway error, a dropped link, a cut-off body).
# Replies, notes, updates and new tickets never are: an answer lost after sending may mean it
# landed, and the backend reads the ticket back to find out.
READS = frozenset(
    {
        "get-ticket",
        "get-tickets",
        "get-support-departments",
        "get-support-statuses",
        "get-ticket-predefined-cats",
        "get-ticket-predefined-replies",
    }
)

T = TypeVar("T")
FormValue = str | int | bool | None


def _form(fields: Mapping[str, FormValue]) -> dict[str, str]:
    """Form fields as PHP reads them: booleans as 1/0 (``"false"`` would be truthy), no None."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        if value is None:
            continue
        out[key] = ("1" if value else "0") if isinstance(value, bool) else str(value)
    return out


class KeliwebClient:
    """Keliweb's ticket API for one customer account. Use as ``async with`` or call
    :meth:`aclose`. ``transport`` replaces the network (tests); ``token_store`` keeps the OAuth
    tokens between runs (default: in memory).
    """

    def __init__(
        self,
        settings: KeliwebSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        token_store: TokenStore | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._settings = settings
        self._retry = retry or RetryPolicy()
        self.retry_stats = RetryStats()  # retries made (reads and logins), by cause
        self._rng = random.Random()  # jitter only
        url = httpx.URL(settings.url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ConfigurationError(
                f"Keliweb url must look like https://apiv2.keliweb.it, not {settings.url!r}"
            )
        self._host = url.netloc.decode("ascii", "replace")
        if url.scheme == "http" and not settings.allow_insecure_http and not is_loopback(url.host):
            raise ConfigurationError(
                f"Refusing plain http:// to {self._host}: the password and client secret would "
                "cross the network unencrypted. Use https://, or set allow_insecure_http"
            )
        self._http = http_pool(
            settings.url,
            headers={
                "Accept": "application/json",
                "X-Requested-With": "XMLHttpRequest",
                "User-Agent": "tickettui",
            },
            timeout=settings.timeout,
            verify_tls=settings.verify_tls,
            transport=transport,
        )
        self._token_store: TokenStore = token_store or MemoryTokenStore()
        self.oauth = OAuthSession(
            self._http,
            settings,
            self._token_store,
            host=self._host,
            retry=self._retry,
            retry_stats=self.retry_stats,
        )

    def __repr__(self) -> str:
        return f"KeliwebClient(host={self._host!r}, username={self._settings.username!r})"

    @property
    def host(self) -> str:
        return self._host

    @property
    def username(self) -> str:
        return self._settings.username

    @property
    def account(self) -> tuple[str, str]:
        """API root and customer, for keying drafts (never a secret)."""
        return (self._settings.url, self._settings.username)

    @property
    def tokens(self) -> TokenSet | None:
        return self.oauth.tokens

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

    async def login(self) -> None:
        """Sign in with the password now (checks the credentials; saves the new tokens)."""
        await self.oauth.login()

    # -- plumbing ---------------------------------------------------------------------------

    async def call(
        self, action: str, fields: Mapping[str, FormValue], *, changes_data: bool = False
    ) -> Any:
        """POST one action; its decoded JSON (``result: error`` already raised as a typed error).

        Reads (``READS``) are retried on throttling, gateway errors, dropped connections,
        timeouts and cut-off JSON, with backoff and jitter, honouring Retry-After. Anything
        else is sent once; ``changes_data`` marks the writes whose lost answer is OutcomeUnknown.
        """
        form = _form(fields)
        if changes_data or action not in READS:
            return await self._call_once(action, form, changes_data)
        return await with_retries(
            lambda: self._call_once(action, form, False),
            self._retry,
            self.retry_stats,
            self._rng,
            what=f"POST {action}",
            log=log,
        )

    async def _call_once(self, action: str, form: dict[str, str], changes_data: bool) -> Any:
        """One request; a 401 renews the token once and resends (a 401 means nothing was done)."""
        token = await self.oauth.access_token()
        response = await self._send(action, form, token, changes_data)
        if response.status_code == 401:
            await self.oauth.rejected(token)
            token = await self.oauth.access_token()
            response = await self._send(action, form, token, changes_data)
        if not response.is_success:
            raise error_for_response(response, action=action)
        try:
            data = decode_json(response, what=action)
        except UnexpectedResponse as error:
            if not changes_data:
                raise
            # A 2xx we cannot read: most likely applied, but we cannot be sure.
            raise OutcomeUnknown(
                f"Keliweb sent an unreadable answer to {action} ({error}): it may or may not "
                "have been saved"
            ) from error
        raise_for_result(data, action=action, status=response.status_code)
        return data

    @contextlib.asynccontextmanager
    async def streamed(
        self, action: str, fields: Mapping[str, FormValue]
    ) -> AsyncIterator[httpx.Response]:
        """POST one read whose answer is read a chunk at a time (get-ticket-attachment sends
        the whole file inline): the response, its body unread, once it is a 2xx."""
        form = _form(fields)
        token = await self.oauth.access_token()
        for renew in (True, False):
            request = self._http.build_request(
                "POST", API_PREFIX + action, data=form, headers={"Authorization": f"Bearer {token}"}
            )
            response = await self._send_streamed(request, action)
            try:
                if response.status_code == 401 and renew:
                    await self.oauth.rejected(token)
                    token = await self.oauth.access_token()
                    continue
                if not response.is_success:
                    await response.aread()
                    raise error_for_response(response, action=action)
                yield response
                return
            finally:
                await response.aclose()

    async def _send_streamed(self, request: httpx.Request, action: str) -> httpx.Response:
        """Send a read whose body is streamed; a connection the server dropped before answering
        (a kept-alive one it closed while idle) is tried again, twice at most: a read changes
        nothing."""
        for attempt in range(3):
            try:
                return await self._http.send(request, stream=True)
            except httpx.TransportError as exc:
                retry = attempt < 2 and isinstance(
                    exc, httpx.RemoteProtocolError | httpx.ConnectError
                )
                if not retry:
                    raise error_for_transport(
                        exc, host=self._host, timeout=self._settings.timeout, outcome_matters=False
                    ) from exc
                log.debug("POST %s: %s, sent again", action, type(exc).__name__)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send(
        self, action: str, form: dict[str, str], token: str, changes_data: bool
    ) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._http.post(
                API_PREFIX + action, data=form, headers={"Authorization": f"Bearer {token}"}
            )
        except httpx.TransportError as exc:
            log.debug("POST %s failed: %s", action, type(exc).__name__)
            raise error_for_transport(
                exc, host=self._host, timeout=self._settings.timeout, outcome_matters=changes_data
            ) from exc
        elapsed = (time.perf_counter() - started) * 1000
        log.debug("POST %s -> %d in %.0f ms", action, response.status_code, elapsed)
        return response

    # -- tickets ----------------------------------------------------------------------------

    async def get_ticket(
        self,
        ticketid: int | None = None,
        ticketnum: str | None = None,
        replies_sort: str = "ASC",
    ) -> TicketResponse:
        """One ticket with its replies (the opening message is reply 0) and notes."""
        if ticketid is None and not ticketnum:
            raise ValueError("get_ticket needs a ticketid or a ticketnum")
        sort = replies_sort.upper() if replies_sort.upper() in ("ASC", "DESC") else "ASC"
        fields: dict[str, FormValue] = {"repliessort": sort}
        if ticketid is not None:
            fields["ticketid"] = int(ticketid)
        else:
            fields["ticketnum"] = ticketnum
        return decode_ticket(await self.call("get-ticket", fields))

    async def get_tickets(
        self,
        status: str | None = None,
        deptid: int | None = None,
        subject: str | None = None,
        limitstart: int = 0,
        limitnum: int = PAGE_SIZE,
        email: str | None = None,
    ) -> TicketsResponse:
        """One page, newest reply first. ``status`` is a title or a pseudo-status
        (``All Active Tickets``, ``Awaiting Reply``, ``My Flagged Tickets``); ``subject`` is
        matched as SQL ``LIKE '%subject%'``, ``email`` whole (the ticket's or its client's).
        """
        fields: dict[str, FormValue] = {
            "limitstart": max(0, limitstart),
            "limitnum": max(1, limitnum),
            "status": status or None,
            "deptid": deptid,
            "subject": subject or None,
            "email": email or None,
        }
        return decode_tickets(await self.call("get-tickets", fields))

    async def get_all_tickets(
        self,
        status: str | None = None,
        deptid: int | None = None,
        subject: str | None = None,
        *,
        page_size: int = PAGE_SIZE,
        concurrency: int = PAGE_CONCURRENCY,
    ) -> list[ListedTicket]:
        """Every page. The first page tells ``totalresults``; the rest come a few at a time.

        A ticket that moves between pages while we read (a new reply reorders the list) is
        kept once.
        """
        size = max(1, page_size)
        first = await self.get_tickets(status, deptid, subject, 0, size)
        pages = [first.tickets]
        if 0 < len(first.tickets) < min(size, first.totalresults):
            size = len(first.tickets)  # the server caps limitnum below what we asked for
        if first.totalresults > len(first.tickets) and len(first.tickets) >= size:
            starts = range(size, first.totalresults, size)

            def fetch(start: int) -> Callable[[], Awaitable[TicketsResponse]]:
                return lambda: self.get_tickets(status, deptid, subject, start, size)

            pages += [p.tickets for p in await bounded([fetch(s) for s in starts], concurrency)]
        elif not first.totalresults and len(first.tickets) >= size:
            # No total (an old or odd server): read on until a short or repeated page.
            start = size
            while True:
                page = (await self.get_tickets(status, deptid, subject, start, size)).tickets
                known = {t.id for p in pages for t in p}
                if not page or all(t.id in known for t in page):
                    break
                pages.append(page)
                if len(page) < size:
                    break
                start += size
        seen: set[int] = set()
        tickets: list[ListedTicket] = []
        for page in pages:
            for ticket in page:
                if ticket.id not in seen:
                    seen.add(ticket.id)
                    tickets.append(ticket)
        return tickets

    async def add_ticket_reply(
        self, ticketid: int, message: str, *, markdown: bool = False, attachments: str = ""
    ) -> ActionResult:
        """A reply to the customer. The answer has no reply id: re-read the ticket.
        ``attachments``: the encoded field (keliweb/attachments.py), "" for none."""
        fields: dict[str, FormValue] = {
            "ticketid": int(ticketid),
            "message": message,
            "markdown": markdown,
            "attachments": attachments or None,
        }
        return decode_action(
            await self.call("add-ticket-reply", fields, changes_data=True),
            action="add-ticket-reply",
        )

    async def add_ticket_note(
        self, ticketid: int, message: str, *, markdown: bool = False, attachments: str = ""
    ) -> ActionResult:
        """An internal note (never visible to the customer)."""
        fields: dict[str, FormValue] = {
            "ticketid": int(ticketid),
            "message": message,
            "markdown": markdown,
            "attachments": attachments or None,
        }
        return decode_action(
            await self.call("add-ticket-note", fields, changes_data=True),
            action="add-ticket-note",
        )

    async def update_ticket(self, ticketid: int, **fields: FormValue) -> ActionResult:
        """Change some of status, priority, deptid, subject, flag (an admin id) or removeFlag.

        Only what is passed is sent; ``status="Closed"`` runs WHMCS' close routine.
        """
        unknown = sorted(set(fields) - set(UPDATABLE))
        if unknown:
            raise ValueError(f"update_ticket cannot change {', '.join(unknown)}")
        return decode_action(
            await self.call(
                "update-ticket", {"ticketid": int(ticketid), **fields}, changes_data=True
            ),
            action="update-ticket",
        )

    async def open_ticket(
        self,
        deptid: int,
        subject: str,
        message: str,
        priority: str | None = None,
        *,
        markdown: bool = False,
        attachments: str = "",
    ) -> ActionResult:
        """A new ticket; WHMCS answers its ``id``, ``tid`` and ``c`` (Keliweb may send less)."""
        fields: dict[str, FormValue] = {
            "deptid": int(deptid),
            "subject": subject,
            "message": message,
            "priority": priority or None,
            "markdown": markdown,
            "attachments": attachments or None,
        }
        return decode_action(
            await self.call("open-ticket", fields, changes_data=True), action="open-ticket"
        )

    # -- lists ------------------------------------------------------------------------------

    async def get_support_departments(self) -> list[Department]:
        return decode_departments(await self.call("get-support-departments", {})).departments

    async def get_support_statuses(self, deptid: int | None = None) -> list[Status]:
        """The status titles, ticket counts and colours (never hard-code the list)."""
        data = await self.call("get-support-statuses", {"deptid": deptid})
        return decode_statuses(data).statuses
