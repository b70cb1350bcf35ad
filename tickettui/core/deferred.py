"""A backend built on first use, so a cold start can paint before the HTTP stack is imported.

``DeferredBackend(build, capabilities, sections, account=...)`` answers ``capabilities``,
``account`` and (when the system's sections are known without asking it) ``sections()`` at
once, from what it was given (a system's light descriptor); the first call that needs the
server runs ``build()`` (imports httpx, pydantic models, opens the pool) in a thread, after the
gate installed with ``defer_until`` opens (the app: its first paint). It implements the
``Backend`` interface method by method: nothing is forwarded implicitly, and nothing is ever
built on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tickettui.core.errors import TicketTuiError

# Built before the first frame, which uses none of these: each collaborator is imported by the
# method that needs it (attachments, bulk calls, reply templates, next in queue, live refresh,
# search), as in the caching backend in front of this one.
if TYPE_CHECKING:
    from datetime import datetime

    from tickettui.core.attachments import FilesReport, Outgoing
    from tickettui.core.backend import Account, Backend, Gate, SaveResult
    from tickettui.core.bulk_calls import BulkCalls
    from tickettui.core.domain import (
        Attachment,
        Capabilities,
        Choice,
        EditForm,
        FieldValue,
        Message,
        QuickAction,
        Section,
        TicketDetail,
        TicketSummary,
    )
    from tickettui.core.live_refresh import ChangeBatch, ChangeCursor
    from tickettui.core.next_ticket import TakenTicket
    from tickettui.core.reply_templates import (
        OffersReplyTemplates,
        ReplyTemplate,
        ServerTemplates,
    )
    from tickettui.core.template_fill import FilledTemplate
    from tickettui.core.ticket_search import SearchPage, SearchQuery


class DeferredBackend:
    """Stands in for the backend ``build()`` makes; see the module docstring."""

    def __init__(
        self,
        build: Callable[[], Backend],
        capabilities: Capabilities,
        sections: Sequence[Section] | None,
        *,
        account: Account,
        in_thread: bool = True,
    ) -> None:
        """``sections``: None where only the server knows them (Keliweb's departments)."""
        self.capabilities = capabilities
        self._account = account
        self._build = build
        self._sections = None if sections is None else list(sections)
        self._in_thread = in_thread
        self._built: Backend | None = None
        self._building: asyncio.Task[Backend] | None = None
        self._gate: Gate | None = None
        self._started = False  # past the gate: a build is running or done
        self._lock = threading.Lock()

    def defer_until(self, gate: Gate) -> None:
        """Build only once ``await gate()`` returns (e.g. the app's first paint)."""
        self._gate = gate

    @property
    def account(self) -> Account:
        return self._account

    @property
    def built(self) -> Backend | None:
        return self._built

    async def backend(self) -> Backend:
        """The real backend, built now if it was not yet (concurrent callers share one build)."""
        if self._built is not None:
            return self._built
        if self._building is None:
            self._building = asyncio.get_running_loop().create_task(self._make())
        try:
            # Shielded: a cancelled caller (an exclusive worker replaced) leaves the build running.
            return await asyncio.shield(self._building)
        except BaseException:
            building = self._building
            if building is not None and building.done() and _failed(building):
                self._building = None  # a failed build is tried again by the next call
            raise

    async def _make(self) -> Backend:
        if self._gate is not None:
            await self._gate()
        self._started = True
        if self._in_thread:
            return await asyncio.to_thread(self._build_once)
        return self._build_once()

    def _build_once(self) -> Backend:
        with self._lock:
            if self._built is None:
                self._built = self._build()
            return self._built

    # --- answered without the server ---------------------------------------------------------

    async def sections(self) -> list[Section]:
        if self._built is not None or self._sections is None:
            return await (await self.backend()).sections()
        return list(self._sections)

    # --- everything else needs the real backend ----------------------------------------------

    async def current_user(self) -> str:
        return await (await self.backend()).current_user()

    async def my_owner_value(self) -> str | None:
        return await (await self.backend()).my_owner_value()

    async def resolve(self, number: str) -> int:
        return await (await self.backend()).resolve(number)

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        return await (await self.backend()).list_tickets(section, columns)

    async def ticket(self, ticket_id: int) -> TicketDetail:
        return await (await self.backend()).ticket(ticket_id)

    async def messages(self, ticket_id: int) -> list[Message]:
        return await (await self.backend()).messages(ticket_id)

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        return await (await self.backend()).edit_form(ticket_id)

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        return await (await self.backend()).save(form, notify=notify)

    async def quick_action(
        self, ticket_id: int, action: QuickAction, value: str | datetime | None = None
    ) -> SaveResult:
        return await (await self.backend()).quick_action(ticket_id, action, value)

    async def choices(self, key: str) -> Sequence[Choice]:
        return await (await self.backend()).choices(key)

    async def add_message(self, ticket_id: int, text: str, *, internal: bool) -> None:
        await (await self.backend()).add_message(ticket_id, text, internal=internal)

    # --- attachments (core.attachments), where the system has them --------------------------

    async def attachments(self, ticket_id: int) -> list[Attachment]:
        from tickettui.core.attachments import file_server

        return await file_server(await self.backend(), self.capabilities).attachments(ticket_id)

    async def attachment_chunks(self, attachment: Attachment) -> AsyncIterator[bytes]:
        from tickettui.core.attachments import file_server

        served = file_server(await self.backend(), self.capabilities)
        async for chunk in served.attachment_chunks(attachment):
            yield chunk

    async def add_message_with_files(
        self, ticket_id: int, text: str, files: Sequence[Outgoing], *, internal: bool
    ) -> FilesReport:
        from tickettui.core.attachments import file_sender

        sender = file_sender(await self.backend(), self.capabilities)
        return await sender.add_message_with_files(ticket_id, text, files, internal=internal)

    async def create_with_files(
        self, form: EditForm, files: Sequence[Outgoing], *, notify: bool = False
    ) -> tuple[SaveResult, FilesReport]:
        from tickettui.core.attachments import file_sender

        sender = file_sender(await self.backend(), self.capabilities)
        return await sender.create_with_files(form, files, notify=notify)

    # --- calls over many tickets (core.bulk_calls), where the system has them ---------------

    async def _bulk(self, what: str) -> BulkCalls:
        from tickettui.core.bulk_calls import bulk_calls_of

        return bulk_calls_of(await self.backend(), what)

    async def mark_read_many(self, ticket_ids: Sequence[int], read: bool) -> Sequence[int]:
        inner = await self._bulk("read status")
        return await inner.mark_read_many(ticket_ids, read)

    async def take_many(self, ticket_ids: Sequence[int]) -> None:
        await (await self._bulk("take")).take_many(ticket_ids)

    async def field_values(self, ticket_ids: Sequence[int], key: str) -> Mapping[int, FieldValue]:
        inner = await self._bulk("field read")
        return await inner.field_values(ticket_ids, key)

    async def patch_field(
        self, ticket_id: int, key: str, expected: FieldValue, value: FieldValue
    ) -> None:
        inner = await self._bulk("field patch")
        await inner.patch_field(ticket_id, key, expected, value)

    # --- reply templates (core.reply_templates) ---------------------------------------------

    async def reply_templates(self) -> ServerTemplates:
        return await self._template_source(await self.backend()).reply_templates()

    async def fill_reply_template(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        source = self._template_source(await self.backend())
        return await source.fill_reply_template(template, ticket_id)

    def _template_source(self, inner: object) -> OffersReplyTemplates:
        from tickettui.core.reply_templates import server_templates_of

        source = server_templates_of(inner, self.capabilities)
        if source is None:
            raise TicketTuiError(f"{self.capabilities.system_name} has no reply templates")
        return source

    # --- next in queue, live queues (core.next_ticket, core.live_refresh) --------------------

    async def take_next(self, section: Section | None) -> TakenTicket:
        from tickettui.core.next_ticket import next_taker

        built = await self.backend()
        return await next_taker(built, self.capabilities).take_next(section)

    async def changes_since(
        self,
        section: Section,
        columns: Sequence[str],
        cursor: ChangeCursor | None,
        held: Mapping[int, TicketSummary],
    ) -> ChangeBatch:
        from tickettui.core.live_refresh import change_poller

        built = change_poller(await self.backend(), self.capabilities)
        return await built.changes_since(section, columns, cursor, held)

    # --- server-side search (core.ticket_search) -------------------------------------------

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        from tickettui.core.ticket_search import searcher

        built = await self.backend()
        return await searcher(built, self.capabilities).search(query, columns, start, limit)

    async def aclose(self) -> None:
        building, self._building = self._building, None
        if building is not None and not building.done():
            if not self._started:
                building.cancel()  # still waiting at the gate: nothing to build any more
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await building  # a build in a thread finishes; what it built is closed below
        if self._built is not None:
            await self._built.aclose()


def _failed(task: asyncio.Task[Backend]) -> bool:
    return task.cancelled() or task.exception() is not None
