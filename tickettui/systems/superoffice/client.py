"""Async client for the SuperOffice NetServer Web API (REST v1): tickets, messages, lists.

One ``httpx.AsyncClient`` per instance holds the connection pool (keep-alive, reused across
concurrent pages). Every failure surfaces as a typed error from ``tickettui.core.errors`` with a
one-line message; no header, credential or body is ever logged or put in a message.

This module holds the API's calls; sending them is api_session's (retries, credential renewal,
typed errors, checking answers), paging through archives is archive_paging's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import TypeAdapter

from tickettui.core.errors import NotFound
from tickettui.core.http.pool import bounded
from tickettui.systems.superoffice.api_session import ApiSession
from tickettui.systems.superoffice.archive_paging import archive_params, every_page
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
from tickettui.systems.superoffice.models.field_info import FieldInfo

__all__ = ["DEFAULT_MESSAGE_COLUMNS", "SuperOfficeClient"]

T = TypeVar("T")

DEFAULT_MESSAGE_COLUMNS = (
    "ticketMessageId",
    "createdAt",
    "author",
    "slevel",
    "important",
    "body",
    "htmlBody",
)

_TICKETS = TypeAdapter(list[Ticket])
_MDO_ITEMS = TypeAdapter(list[MDOListItem])
_STATUSES = TypeAdapter(list[TicketStatusEntity])
_FIELD_INFOS = TypeAdapter(list[FieldInfo])
_IDS = TypeAdapter(list[int])


def _bool(value: bool) -> str:
    return "true" if value else "false"


class SuperOfficeClient(ApiSession):
    """The SuperOffice Web API for one tenant.

    ``settings.url`` is the API root as SuperOffice shows it (``https://host/SuperOffice/api``,
    ``http://127.0.0.1:PORT/SuperOffice/api`` for the local server). Use as ``async with``
    or call :meth:`aclose`. ``transport`` replaces the network (tests).

    Each method is one call of the API; sending, retrying, renewing the credential and reading
    the answer are ApiSession's.
    """

    def __repr__(self) -> str:
        return f"SuperOfficeClient(host={self._host!r})"

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

    async def ticket_custom_fields(self) -> list[FieldInfo]:
        """What the tenant's own ticket fields are (``GET Ticket/CustomField``): each published
        user-defined and extra field's name, label, type, rank and rights."""
        path = "Ticket/CustomField"
        data = await self._call("GET", path, what="The ticket fields' descriptions")
        return self._parse(_FIELD_INFOS, data or [], "GET", path)

    async def update_read_status(self, ids: Sequence[int], status: str) -> list[int]:
        """Set ReadStatus (``Green``/``Yellow``/``Red``) on many tickets at once; the ids the
        server says it updated."""
        ticket_ids = list(dict.fromkeys(ids))
        if not ticket_ids:
            return []
        # Idempotent: setting the same status twice leaves the same state, so it is retried.
        path = "Agents/Ticket/UpdateTicketsReadStatus"
        data = await self._call(
            "POST",
            path,
            body={"TicketIds": ticket_ids, "NewStatus": str(status)},
            idempotent=True,
        )
        return self._parse(_IDS, data or [], "POST", path)

    async def accept_tickets(self, ids: Sequence[int]) -> None:
        """The signed-in agent becomes the owner of every ticket (``AcceptTickets``, 204)."""
        ticket_ids = list(dict.fromkeys(ids))
        if ticket_ids:
            path = "Agents/Ticket/AcceptTickets"
            await self._call("POST", path, body={"TicketIds": ticket_ids}, changes_data=True)

    async def patch_ticket(self, ticket_id: int, operations: list[dict[str, Any]]) -> TicketEntity:
        """``PATCH Ticket/{id}`` with a JSON Patch (RFC 6902; a failed ``test`` is 409 and
        changes nothing); the entity as the server has it afterwards."""
        path = f"Ticket/{int(ticket_id)}"
        data = await self._call(
            "PATCH", path, body=operations, what=f"Ticket {ticket_id}", changes_data=True
        )
        return self._model(TicketEntity, data, "PATCH", path)

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
        params = archive_params(select, filter, order_by, top, skip)
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

        return await every_page(
            page, page_size, concurrency, host=self._host, provider_path=provider_path
        )

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
            params = archive_params(select, filter, order_by, top, skip)
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

        return await every_page(
            page, page_size, concurrency, host=self._host, provider_path=provider_path
        )

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

    async def parsed_template(
        self, template_id: int, ticket_id: int, person_id: int, language_id: int = 0
    ) -> Any:
        """``Agents/CustomerService/GetParsedTemplate``: a reply template filled in for a
        ticket (``language_id`` 0: the person's language); the answer as sent (reply_templates
        reads it)."""
        body = {
            "ReplyTemplateId": template_id,
            "LanguageId": language_id,
            "PersonId": person_id,
            "TicketId": ticket_id,
        }
        return await self._call(
            "POST",
            "Agents/CustomerService/GetParsedTemplate",
            body=body,
            what=f"Reply template {template_id}",
            idempotent=True,  # it only reads
        )

    async def ticket_status_items(self) -> list[TicketStatusEntity]:
        """The user-defined ticket statuses, each with the base status it maps to."""
        path = "List/TicketStatus/Items"
        data = await self._call("GET", path)
        return self._parse(_STATUSES, data or [], "GET", path)
