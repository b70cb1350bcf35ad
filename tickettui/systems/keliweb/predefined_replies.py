"""WHMCS's predefined replies as reply templates (TRIAGE-CALLS §4), where Keliweb offers them.

WHMCS has GetTicketPredefinedCats and GetTicketPredefinedReplies; Keliweb's pages name neither,
so the slugs ``get-ticket-predefined-cats`` / ``get-ticket-predefined-replies`` are guessed from
its naming pattern. Most likely Keliweb does not pass them on: the first call answering 404 means
"not offered", remembered for the session (no second request), and the agent keeps the local
templates. Any other failure is an error like any other (and is tried again next time).

- Categories: ``categories.category[]`` of {id, parentid ("0": top level), name, replycount},
  all strings, however wrapped (lenient.wrapped).
- Replies: ``predefinedreplies.predefinedreply[]`` of {name, reply}, with no id and no category:
  asked once per category to know which is where. A category whose replycount is 0 is not asked.
- Placeholders come back unreplaced: ``[NAME]``, ``[FIRSTNAME]`` and ``[EMAIL]`` (the merge
  fields WHMCS's own predefined replies offer) are filled in from the ticket's requestor; any
  other ``[WORD]`` is left visible and named in one line.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from pydantic import Field

from tickettui.core.errors import NotFound
from tickettui.core.reply_templates import ReplyTemplate, ServerTemplates, TemplateSource
from tickettui.core.template_fill import FilledTemplate, fill_bracketed
from tickettui.systems.keliweb.bodies import body_text
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.decoding import decode
from tickettui.systems.keliweb.lenient import (
    Count,
    EscapedText,
    OptionalId,
    RequiredId,
    Text,
    wrapped,
)
from tickettui.systems.keliweb.models import KwModel

__all__ = ["CATEGORIES", "NOT_OFFERED", "REPLIES", "KeliwebPredefinedReplies"]

CATEGORIES = "get-ticket-predefined-cats"
REPLIES = "get-ticket-predefined-replies"
NOT_OFFERED = "Keliweb does not offer its predefined replies through the API: local templates only"
CONCURRENCY = 4


class PredefinedCategory(KwModel):
    id: RequiredId
    parentid: OptionalId = None
    name: EscapedText = ""
    replycount: Count = 0


class CategoriesResponse(KwModel):
    result: Text = ""
    categories: Annotated[list[PredefinedCategory], wrapped("category")] = Field(
        default_factory=list
    )


class PredefinedReply(KwModel):
    name: EscapedText = ""
    reply: Text = ""


class RepliesResponse(KwModel):
    result: Text = ""
    predefinedreplies: Annotated[list[PredefinedReply], wrapped("predefinedreply")] = Field(
        default_factory=list
    )


def _paths(categories: list[PredefinedCategory]) -> dict[int, str]:
    """Category id -> "Parent/Child" (a loop or a missing parent ends the path)."""
    by_id = {c.id: c for c in categories}
    paths: dict[int, str] = {}
    for category in categories:
        names: list[str] = []
        seen: set[int] = set()
        at: PredefinedCategory | None = category
        while at is not None and at.id not in seen:
            seen.add(at.id)
            names.append(at.name)
            at = by_id.get(at.parentid or 0)
        paths[category.id] = "/".join(reversed(names))
    return paths


class KeliwebPredefinedReplies:
    """The two calls and what the first 404 taught, for the backend."""

    def __init__(self, client: KeliwebClient) -> None:
        self._client = client
        self._offered: bool | None = None  # None: not asked yet this session

    async def _replies(self, catid: int | None) -> list[PredefinedReply]:
        fields = {} if catid is None else {"catid": catid}
        data = await self._client.call(REPLIES, fields)
        return decode(RepliesResponse, data, action=REPLIES).predefinedreplies

    async def reply_templates(self) -> ServerTemplates:
        if self._offered is False:
            return ServerTemplates((), NOT_OFFERED)
        try:
            data = await self._client.call(CATEGORIES, {})
        except NotFound as error:
            if error.status != 404:
                raise
            self._offered = False
            return ServerTemplates((), NOT_OFFERED)
        self._offered = True
        categories = decode(CategoriesResponse, data, action=CATEGORIES).categories
        paths = _paths(categories)
        asked = [c for c in categories if c.replycount > 0] if categories else []
        limit = asyncio.Semaphore(CONCURRENCY)

        async def replies_of(catid: int | None) -> list[PredefinedReply]:
            async with limit:
                return await self._replies(catid)

        # No categories at all: the replies that have none, asked without a catid.
        wanted: list[int | None] = [c.id for c in asked] if categories else [None]
        answers = await asyncio.gather(*(replies_of(catid) for catid in wanted))
        templates = [
            ReplyTemplate(
                name=reply.name or "(no name)",
                source=TemplateSource.SERVER,
                folder=paths.get(catid, "") if catid is not None else "",
                ref=f"{catid or 0}:{index}",
                body=body_text(reply.reply),
            )
            for catid, replies in zip(wanted, answers, strict=True)
            for index, reply in enumerate(replies)
        ]
        templates.sort(key=lambda t: (t.folder.lower(), t.name.lower()))
        return ServerTemplates(tuple(templates))

    async def fill(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        """``[NAME]``, ``[FIRSTNAME]``, ``[EMAIL]``: the ticket's requestor."""
        ticket = await self._client.get_ticket(ticketid=ticket_id)
        name = (ticket.requestor_name or ticket.name).strip()
        email = (ticket.requestor_email or ticket.email).strip()
        values = {"NAME": name, "FIRSTNAME": name.split(" ", 1)[0] if name else "", "EMAIL": email}
        return fill_bracketed(template.body, values)
