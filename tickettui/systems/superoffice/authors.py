"""Who wrote each message of a SuperOffice thread, by name.

A message's ``author`` is what NetServer stores as the author: an agent's user name (login or
initials, "agent", "PR") or a customer's e-mail address. The names people know are elsewhere:
a customer's in the message summary (``PersonFullName``), an agent's in the Associate the
message was created by. The summaries in ``TicketEntity.Messages`` give only that agent's
ejuser id (``CreatedBy``); the ticket's own owner and creator carry theirs with their full
names, and for anyone else one ``GET TicketMessage/{id}`` (whose ``CreatedBy`` is the whole
Associate) tells it. Names are remembered for the session, so a thread costs at most one
request per agent never met before.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping

from tickettui.core.errors import TicketTuiError
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.models.messages import TicketMessageSummary
from tickettui.systems.superoffice.models.parties import Associate

__all__ = ["SYSTEM_USER_IDS", "AuthorNames"]

SYSTEM_USER_IDS = frozenset({0, 1})  # CreatedBy 1 (system) = the message came in from outside
log = logging.getLogger("tickettui.systems.superoffice")


class AuthorNames:
    """Message id -> the name of who wrote it, for the messages of one ticket at a time."""

    def __init__(self, client: SuperOfficeClient) -> None:
        self._client = client
        self._agents: dict[int, str] = {}  # ejuser id -> full name

    def _learn(self, associates: Iterable[Associate | None]) -> None:
        for associate in associates:
            if associate is not None and associate.EjUserId and associate.FullName:
                self._agents.setdefault(associate.EjUserId, associate.FullName)

    async def of(self, entity: TicketEntity) -> Mapping[int, str]:
        summaries = [m for m in entity.Messages or [] if m.TicketMessageId]
        self._learn((entity.OwnedBy, entity.CreatedBy))
        await self._look_up(summaries)
        names: dict[int, str] = {}
        for summary in summaries:
            name = self._name(summary)
            if name:
                names[summary.TicketMessageId or 0] = name
        return names

    def _name(self, summary: TicketMessageSummary) -> str:
        if is_agents(summary):
            return self._agents.get(summary.CreatedBy or 0, "")
        return summary.PersonFullName or ""

    async def _look_up(self, summaries: list[TicketMessageSummary]) -> None:
        """One message of each agent whose name is not known yet, read whole, all at once."""
        first_of: dict[int, int] = {}
        for summary in summaries:
            agent = summary.CreatedBy or 0
            if is_agents(summary) and agent not in self._agents:
                first_of.setdefault(agent, summary.TicketMessageId or 0)
        if not first_of:
            return
        results = await asyncio.gather(
            *(self._client.get_ticket_message(mid) for mid in first_of.values()),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, TicketTuiError):
                # The thread still shows: that agent's messages keep the stored author.
                log.info("no author name: %s", result)
            elif isinstance(result, BaseException):
                raise result
            else:
                self._learn((result.CreatedBy,))


def is_agents(summary: TicketMessageSummary) -> bool:
    """Written by an agent (not by the system user on behalf of a customer's e-mail)."""
    return summary.CreatedBy is not None and summary.CreatedBy not in SYSTEM_USER_IDS
