"""A ticket whose thread is the sample e-mails (tests/fixtures/emails), for the thread tests and
snapshots: a small fake backend whose messages come through each system's own mapping, so the
bodies are what the app shows for that system (SuperOffice's htmlBody through
``html_to_text``, Keliweb's escaped HTML through ``bodies.body_text``)."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import Any

from tests.email_corpus import email
from tickettui.core.domain import (
    Capabilities,
    Message,
    MessageKind,
    QuickAction,
    TicketDetail,
    TicketSummary,
)
from tickettui.systems.keliweb.mapping import messages_from_ticket
from tickettui.systems.keliweb.models import TicketResponse
from tickettui.systems.superoffice.mapping import message_from_row
from tickettui.systems.superoffice.models.archive import ArchiveRow

__all__ = ["SYSTEMS", "THREAD", "MailSamplesBackend", "samples_factory"]

SYSTEMS = ("superoffice", "keliweb")
START = datetime(2026, 3, 2, 9, 40)
# (sample, who wrote it): the order mail opens the ticket, then the history as it grew.
THREAD: tuple[tuple[str, MessageKind, str], ...] = (
    ("order_notification.html", MessageKind.CUSTOMER, "Shop notifications"),
    ("plain_quoted.txt", MessageKind.REPLY, "Luca Ferri"),
    ("outlook_reply.html", MessageKind.CUSTOMER, "Marta Rinaldi"),
    ("gmail_reply.html", MessageKind.CUSTOMER, "Tom Baker"),
)


def _superoffice(index: int, name: str, kind: MessageKind, author: str) -> Message:
    raw = email(name)
    columns: dict[str, Any] = {
        "htmlBody": raw if name.endswith(".html") else "",
        "body": "" if name.endswith(".html") else raw,
        "slevel": "external",
        "author": author,
        "createdAt": (START + timedelta(hours=index)).isoformat(),
    }
    row = ArchiveRow.model_validate({"PrimaryKey": index + 1, **columns})
    return message_from_row(row, kind is MessageKind.REPLY, author)


def _keliweb() -> list[Message]:
    replies = []
    for index, (name, kind, author) in enumerate(THREAD):
        raw = email(name).replace("\n", "\r\n")
        replies.append(
            {
                "replyid": index,
                "name": "" if kind is MessageKind.REPLY else author,
                "admin": author if kind is MessageKind.REPLY else "",
                "date": (START + timedelta(hours=index)).strftime("%Y-%m-%d %H:%M:%S"),
                # WHMCS stores a mail's HTML through getSafeMessage(): escaped.
                "message": html.escape(raw) if name.endswith(".html") else raw,
            }
        )
    ticket = TicketResponse.model_validate({"ticketid": 1, "replies": {"reply": replies}})
    return messages_from_ticket(ticket)


class MailSamplesBackend:
    """One ticket (id 1) whose thread is ``THREAD`` as ``system`` maps it."""

    account = ("https://fake.example", "agent")

    def __init__(self, system: str) -> None:
        self.capabilities = Capabilities(
            system_name=system, internal_notes=False, quick_actions=frozenset({QuickAction.CLOSE})
        )
        if system == "keliweb":
            self._messages = _keliweb()
        else:
            self._messages = [
                _superoffice(index, name, kind, author)
                for index, (name, kind, author) in enumerate(THREAD)
            ]

    async def my_owner_value(self) -> str | None:
        return None

    async def ticket(self, ticket_id: int) -> TicketDetail:
        summary = TicketSummary(ticket_id, "Order 2026-0415 and the printer", "Open")
        return TicketDetail(summary)

    async def messages(self, ticket_id: int) -> list[Message]:
        return list(self._messages)

    async def aclose(self) -> None:
        pass


def samples_factory(system: str) -> Any:
    return lambda: MailSamplesBackend(system)
