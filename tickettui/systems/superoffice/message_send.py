"""Sending a message on a SuperOffice ticket exactly once.

A reply must never go to a customer twice: when the server's answer to a send is lost (a
connection dropped after sending, a 5xx from a proxy after the server did the work), the
message is looked for instead of sent again (core.read_back). Used by the backend for replies,
notes, the first message of a new ticket and messages with files.
"""

from __future__ import annotations

from tickettui.core.errors import OutcomeUnknown, ServerError
from tickettui.core.read_back import LostAnswer, read_back
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import TicketMessageEntity

__all__ = ["UNCONFIRMED", "MessageSender"]

# A save answered by one of these may still have landed: a 5xx can come from a proxy after the
# server did the work, and OutcomeUnknown is a connection lost after sending.
UNCONFIRMED = (OutcomeUnknown, ServerError)


class MessageSender:
    """Adds messages to tickets through ``client``, each once."""

    def __init__(self, client: SuperOfficeClient) -> None:
        self._client = client

    async def add(self, ticket_id: int, text: str, internal: bool) -> int:
        """Send once; the new message's id (0 where a lost answer's read-back cannot tell)."""
        slevel = "Internal" if internal else "External"
        message = TicketMessageEntity(
            Ticket={"TicketId": ticket_id},
            Slevel=slevel,
            Type="Plain",
            Body=text,
            MessageCategory="Message",
        )
        # The newest message before sending (one cheap read): if the answer is lost, a newer
        # message with this body and level is ours. A blind resend could reply twice.
        last = await self._last_message_id(ticket_id)
        try:
            saved = await self._client.save_ticket_message(message, notify=not internal)
        except UNCONFIRMED as error:

            async def has_message() -> int | None:
                return await self._message_landed(ticket_id, last, text, slevel) or None

            lost = LostAnswer.of_message(error, "The server", ticket_id, internal=internal)
            return await read_back(has_message, lost)
        return saved.EjMessageId or 0

    async def _last_message_id(self, ticket_id: int) -> int:
        page = await self._client.archive_page(
            f"Ticket/{int(ticket_id)}/Messages",
            ["ticketMessageId"],
            order_by="ticketMessageId desc",
            top=1,
        )
        return max((row.primary_key for row in page.value), default=0)

    async def _message_landed(self, ticket_id: int, after: int, text: str, slevel: str) -> int:
        """The id of a message newer than ``after`` with this body and level, else 0."""
        rows = await self._client.get_ticket_messages(
            ticket_id, select=("ticketMessageId", "slevel", "body")
        )
        wanted = _normal_body(text)
        found = [
            row.primary_key
            for row in rows
            if row.primary_key > after
            and str(row.columns.get("slevel") or "").lower() == slevel.lower()
            and _normal_body(str(row.columns.get("body") or "")) == wanted
        ]
        return max(found, default=0)


def _normal_body(text: str) -> str:
    return text.replace("\r\n", "\n").strip()
