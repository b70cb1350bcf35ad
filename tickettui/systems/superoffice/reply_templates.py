"""SuperOffice's reply templates (TRIAGE-CALLS §4): listed from ``MDOList/replytemplate``,
filled in for a ticket by ``Agents/CustomerService/GetParsedTemplate``.

- The list comes flat (``flat=true``); the folders come from ``MDOList/replytemplateheadings``,
  whose headings carry their templates as ``ChildItems``. Without the headings (an older
  server, no right) the templates are listed without folders.
- "System template - ..." rows are the tenant's own mails (new ticket, password changed):
  never offered as a reply. Deleted rows are left out too.
- ``LanguageId`` 0 asks for the customer's own language; the server fills in its variables
  (the customer's name, the ticket's id...) and answers HTML and plain text. The HTML is what
  agents see in SuperOffice, so it is turned into text by the app's one HTML-to-text, the
  plain version used where the HTML is empty.
"""

from __future__ import annotations

import asyncio
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tickettui.core.errors import NotFound, PermissionDenied, UnexpectedResponse
from tickettui.core.html_text import html_to_text
from tickettui.core.reply_templates import ReplyTemplate, ServerTemplates, TemplateSource
from tickettui.core.safe_text import inert_line
from tickettui.core.template_fill import FilledTemplate
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import MDOListItem
from tickettui.systems.superoffice.models.base import SoModel

__all__ = ["ParsedTemplate", "SuperOfficeTemplates", "is_system_template"]

SYSTEM_PREFIX = "system template -"
# The headings cannot be had: the templates are still listed, without folders.
NO_HEADINGS = (NotFound, PermissionDenied, UnexpectedResponse)


class ParsedTemplate(SoModel):
    ReplyTemplateId: int | None = None
    Subject: str | None = None
    PlainParsed: str | None = None
    HtmlParsed: str | None = None
    Attachments: list[Any] | None = None


_PARSED = TypeAdapter(ParsedTemplate)


def is_system_template(name: str) -> bool:
    """A tenant's own mail ("System template - New ticket"), not a reply."""
    return name.strip().lower().startswith(SYSTEM_PREFIX)


def _folders(headings: list[MDOListItem]) -> dict[int, str]:
    """Template id -> its heading's name (a nested heading: "Outer/Inner")."""
    folders: dict[int, str] = {}

    def visit(item: MDOListItem, path: str) -> None:
        for child in item.ChildItems or []:
            if child.ChildItems:
                visit(child, f"{path}/{child.Name or ''}")
            elif child.Id is not None:
                folders.setdefault(child.Id, path)

    for heading in headings:
        visit(heading, heading.Name or "")
    return folders


def _leaves(items: list[MDOListItem]) -> list[MDOListItem]:
    """The templates of a list: the items without children, however deep."""
    return [item for top in items for item in top.walk() if not item.ChildItems]


def _text(parsed: ParsedTemplate) -> str:
    if parsed.HtmlParsed and parsed.HtmlParsed.strip():
        return html_to_text(parsed.HtmlParsed)
    plain = (parsed.PlainParsed or "").replace("\r\n", "\n").replace("\r", "\n")
    return plain.strip("\n")


class SuperOfficeTemplates:
    """The two calls, for the backend."""

    def __init__(self, client: SuperOfficeClient) -> None:
        self._client = client

    async def _headings(self) -> list[MDOListItem]:
        try:
            return await self._client.mdo_list("replytemplateheadings")
        except NO_HEADINGS:
            return []

    async def reply_templates(self) -> ServerTemplates:
        listed, headings = await asyncio.gather(
            self._client.mdo_list("replytemplate", flat=True), self._headings()
        )
        folders = _folders(headings)
        templates = []
        seen: set[int] = set()
        for item in _leaves(listed):
            name = item.Name or ""
            if item.Id is None or item.Id <= 0 or item.Deleted or item.Id in seen:
                continue
            if not name.strip() or is_system_template(name):
                continue
            seen.add(item.Id)
            templates.append(
                ReplyTemplate(
                    name=name,
                    source=TemplateSource.SERVER,
                    folder=folders.get(item.Id, ""),
                    ref=str(item.Id),
                    description=item.ToolTip or "",
                )
            )
        return ServerTemplates(tuple(templates))

    async def fill(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        ticket = await self._client.get_ticket(ticket_id, select=["TicketId", "CustId"])
        person_id = ticket.CustId if ticket.CustId and ticket.CustId > 0 else 0
        path = "Agents/CustomerService/GetParsedTemplate"
        data = await self._client.parsed_template(int(template.ref), ticket_id, person_id)
        if data is None:  # Agents calls answer null for a missing id
            raise NotFound(f"Reply template {inert_line(template.name)!r} not found", status=200)
        try:
            parsed = _PARSED.validate_python(data)
        except ValidationError:
            raise UnexpectedResponse(f"Unexpected data from POST {path}") from None
        return FilledTemplate(_text(parsed))
