"""A Backend decorator: remembers lists and details, so screens can paint before the network.

``CachingBackend(inner, cache)`` behaves exactly like ``inner`` (method by method, nothing
forwarded implicitly) and adds the ``HeadStart`` protocol of ``tickettui.core.backend``:

- ``cached_list(section, columns)``: the section's last list from the disk cache (cold start);
- ``cached_ticket(id)`` / ``cached_messages(id)``: a detail (memory, then disk) and a thread
  (memory) fetched earlier;
- ``prefetch(ids)``: fetch details and threads of tickets the agent is likely to open next.

Every fresh list and detail is written back in a thread. Writes through the backend forget
the ticket's cached detail, so nothing edited here is shown stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from tickettui.cache.store import TicketCache, section_key
from tickettui.core.backend import StartsLate
from tickettui.core.errors import TicketTuiError

# The caching backend is built before the first frame, which uses none of these: each
# collaborator is imported by the method that needs it (attachments, bulk calls, reply
# templates, next in queue, live refresh, search: ~13 ms with -X importtime).
if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime

    from tickettui.core.attachments import FilesReport, Outgoing
    from tickettui.core.backend import Account, Backend, Gate, SaveResult
    from tickettui.core.bulk_calls import BulkCalls
    from tickettui.core.domain import (
        Attachment,
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

log = logging.getLogger("tickettui.cache")

K = TypeVar("K")
V = TypeVar("V")

PREFETCH_CONCURRENCY = 4
FRESH_SECONDS = 60.0  # a prefetched detail younger than this is not fetched again
MEMORY_TICKETS = 256  # details and threads kept in memory
# From this many rows, a load ends with a full collection and a freeze: the rows are long-lived,
# and without it the collector rescans them again and again (250-300 ms pauses at 100k).
FREEZE_FROM = 20_000


def settle_heap(rows: int) -> None:
    """After loading a big list: collect once, then move everything alive out of the GC's way."""
    if rows >= FREEZE_FROM:
        gc.collect()
        gc.freeze()


class _Memory(OrderedDict[K, tuple[float, V]]):
    """A small LRU of (fetched_at, value)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def put(self, key: K, value: V) -> None:
        self[key] = (time.monotonic(), value)
        self.move_to_end(key)
        while len(self) > self._size:
            self.popitem(last=False)

    def fresh(self, key: K, max_age: float) -> bool:
        entry = self.get(key)
        return entry is not None and time.monotonic() - entry[0] < max_age

    def value(self, key: K) -> V | None:
        entry = self.get(key)
        return None if entry is None else entry[1]


class CachingBackend:
    """Wraps any ``Backend``; see the module docstring."""

    def __init__(
        self,
        inner: Backend,
        cache: TicketCache | None,
        *,
        prefetch_concurrency: int = PREFETCH_CONCURRENCY,
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.capabilities = inner.capabilities
        self._details: _Memory[int, TicketDetail] = _Memory(MEMORY_TICKETS)
        self._threads: _Memory[int, list[Message]] = _Memory(MEMORY_TICKETS)
        self._prefetch_concurrency = max(1, prefetch_concurrency)
        self._writes: set[asyncio.Task[None]] = set()
        # One writer thread, started by the first write (its module is not needed before the
        # first frame): writes land in the order they were made (a save, then a forget).
        self._writer: ThreadPoolExecutor | None = None
        self._changed: set[int] = set()  # tickets changed here: the disk copy is not shown

    @property
    def account(self) -> Account:
        return self.inner.account

    def defer_until(self, gate: Gate) -> None:
        """Pass the app's gate on to a backend built late; any other starts at once anyway."""
        if isinstance(self.inner, StartsLate):
            self.inner.defer_until(gate)

    # --- head start -----------------------------------------------------------------------

    def cached_list(self, section: Section, columns: Sequence[str]) -> list[TicketSummary] | None:
        if self.cache is None:
            return None
        key = section_key(section.key, section.query, section.order_by)
        # No settle_heap here: the refresh that follows settles once, not twice on the way to paint.
        return self.cache.load_section(key, list(columns))

    def cached_ticket(self, ticket_id: int) -> TicketDetail | None:
        detail = self._details.value(ticket_id)
        if detail is None and self.cache is not None and ticket_id not in self._changed:
            detail = self.cache.load_detail(ticket_id)
        return detail

    def fresh_ticket(self, ticket_id: int) -> TicketDetail | None:
        """A detail fetched in the last ``FRESH_SECONDS`` (a prefetch), else None."""
        if self._details.fresh(ticket_id, FRESH_SECONDS):
            return self._details.value(ticket_id)
        return None

    def cached_messages(self, ticket_id: int) -> list[Message] | None:
        return self._threads.value(ticket_id)

    def _prefetched(self, ticket_id: int) -> bool:
        return self._details.fresh(ticket_id, FRESH_SECONDS) and self._threads.fresh(
            ticket_id, FRESH_SECONDS
        )

    async def prefetch(self, ticket_ids: Iterable[int]) -> int:
        """Details and threads of ``ticket_ids`` not fetched lately; how many were fetched.

        Errors are left for the real open to report: a prefetch is only a guess.
        """
        wanted = [i for i in dict.fromkeys(ticket_ids) if not self._prefetched(i)]
        gate = asyncio.Semaphore(self._prefetch_concurrency)

        async def one(ticket_id: int) -> bool:
            async with gate:
                calls: list[Awaitable[object]] = []
                if not self._details.fresh(ticket_id, FRESH_SECONDS):
                    calls.append(self.ticket(ticket_id))
                if not self._threads.fresh(ticket_id, FRESH_SECONDS):
                    calls.append(self.messages(ticket_id))
                if not calls:
                    return False
                try:
                    await asyncio.gather(*calls)
                except Exception as error:
                    log.debug("prefetch of ticket %s failed: %r", ticket_id, error)
                    return False
                return True

        done = await asyncio.gather(*(one(i) for i in wanted))
        return sum(done)

    # --- reading ----------------------------------------------------------------------------

    async def current_user(self) -> str:
        return await self.inner.current_user()

    async def my_owner_value(self) -> str | None:
        return await self.inner.my_owner_value()

    async def resolve(self, number: str) -> int:
        return await self.inner.resolve(number)

    async def sections(self) -> list[Section]:
        return await self.inner.sections()

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        tickets = await self.inner.list_tickets(section, columns)
        if self.cache is not None:
            cache = self.cache
            key = section_key(section.key, section.query, section.order_by)
            self._write(lambda: cache.save_section(key, list(columns), tickets))
        settle_heap(len(tickets))
        return tickets

    async def ticket(self, ticket_id: int) -> TicketDetail:
        detail = await self.inner.ticket(ticket_id)
        self._details.put(ticket_id, detail)
        self._changed.discard(ticket_id)
        if self.cache is not None:
            cache = self.cache
            self._write(lambda: cache.save_details([detail]))
        return detail

    async def messages(self, ticket_id: int) -> list[Message]:
        messages = await self.inner.messages(ticket_id)
        self._threads.put(ticket_id, messages)
        return messages

    async def choices(self, key: str) -> Sequence[Choice]:
        return await self.inner.choices(key)

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        return await self.inner.edit_form(ticket_id)

    # --- writing: the ticket's cached detail and thread are forgotten first ---------------

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        self.forget(form.ticket_id)
        return await self.inner.save(form, notify=notify)

    async def quick_action(
        self, ticket_id: int, action: QuickAction, value: str | datetime | None = None
    ) -> SaveResult:
        self.forget(ticket_id)
        return await self.inner.quick_action(ticket_id, action, value)

    async def add_message(self, ticket_id: int, text: str, *, internal: bool) -> None:
        self.forget(ticket_id)
        await self.inner.add_message(ticket_id, text, internal=internal)

    # --- attachments (core.attachments): passed on; sending forgets the ticket first --------

    async def attachments(self, ticket_id: int) -> list[Attachment]:
        from tickettui.core.attachments import file_server

        return await file_server(self.inner, self.capabilities).attachments(ticket_id)

    def attachment_chunks(self, attachment: Attachment) -> AsyncIterator[bytes]:
        from tickettui.core.attachments import file_server

        return file_server(self.inner, self.capabilities).attachment_chunks(attachment)

    async def add_message_with_files(
        self, ticket_id: int, text: str, files: Sequence[Outgoing], *, internal: bool
    ) -> FilesReport:
        from tickettui.core.attachments import file_sender

        self.forget(ticket_id)
        sender = file_sender(self.inner, self.capabilities)
        return await sender.add_message_with_files(ticket_id, text, files, internal=internal)

    async def create_with_files(
        self, form: EditForm, files: Sequence[Outgoing], *, notify: bool = False
    ) -> tuple[SaveResult, FilesReport]:
        from tickettui.core.attachments import file_sender

        sender = file_sender(self.inner, self.capabilities)
        return await sender.create_with_files(form, files, notify=notify)

    # --- calls over many tickets (core.bulk_calls): passed on, each ticket forgotten first --

    def _bulk(self, what: str) -> BulkCalls:
        from tickettui.core.bulk_calls import bulk_calls_of

        return bulk_calls_of(self.inner, what)

    async def mark_read_many(self, ticket_ids: Sequence[int], read: bool) -> Sequence[int]:
        for ticket_id in ticket_ids:
            self.forget(ticket_id)
        return await self._bulk("read status").mark_read_many(ticket_ids, read)

    async def take_many(self, ticket_ids: Sequence[int]) -> None:
        for ticket_id in ticket_ids:
            self.forget(ticket_id)
        await self._bulk("take").take_many(ticket_ids)

    async def field_values(self, ticket_ids: Sequence[int], key: str) -> Mapping[int, FieldValue]:
        return await self._bulk("field read").field_values(ticket_ids, key)

    async def patch_field(
        self, ticket_id: int, key: str, expected: FieldValue, value: FieldValue
    ) -> None:
        self.forget(ticket_id)
        await self._bulk("field patch").patch_field(ticket_id, key, expected, value)

    # --- reply templates (core.reply_templates) ---------------------------------------------

    async def reply_templates(self) -> ServerTemplates:
        return await self._template_source(self.inner).reply_templates()

    async def fill_reply_template(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        source = self._template_source(self.inner)
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

        taken = await next_taker(self.inner, self.capabilities).take_next(section)
        if taken.detail is not None:
            ticket_id = taken.detail.summary.id
            self.forget(ticket_id)  # its owner changed: the old copy is stale
            self._details.put(ticket_id, taken.detail)
        return taken

    async def changes_since(
        self,
        section: Section,
        columns: Sequence[str],
        cursor: ChangeCursor | None,
        held: Mapping[int, TicketSummary],
    ) -> ChangeBatch:
        """Passed on; the changes are merged into the section's list on disk too."""
        from tickettui.cache.live import merge_into_disk
        from tickettui.core.live_refresh import change_poller

        poller = change_poller(self.inner, self.capabilities)
        batch = await poller.changes_since(section, columns, cursor, held)
        for ticket in batch.changed:
            if ticket.id in self._details:
                self.forget(ticket.id)  # a detail older than this change is not shown
        if self.cache is not None:
            cache, wanted = self.cache, list(columns)
            key = section_key(section.key, section.query, section.order_by)
            self._write(lambda: merge_into_disk(cache, key, wanted, batch))
        return batch

    def forget(self, ticket_id: int) -> None:
        self._details.pop(ticket_id, None)
        self._threads.pop(ticket_id, None)
        self._changed.add(ticket_id)
        if self.cache is not None:
            cache = self.cache
            self._write(lambda: cache.forget_detail(ticket_id))

    # --- housekeeping -----------------------------------------------------------------------

    def _write(self, job: Callable[[], None]) -> None:
        """Write to disk in a thread, without making the caller wait."""

        if self._writer is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tickettui-cache")
        writer = self._writer

        async def run() -> None:
            try:
                await asyncio.get_running_loop().run_in_executor(writer, job)
            except Exception as error:  # a cache write never breaks a load
                log.debug("cache write failed: %r", error)

        task = asyncio.get_running_loop().create_task(run())
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def flush(self) -> None:
        """Wait for the pending cache writes (tests, and before closing)."""
        while self._writes:
            await asyncio.gather(*list(self._writes), return_exceptions=True)

    # --- server-side search (core.ticket_search) -------------------------------------------

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        from tickettui.core.ticket_search import searcher

        return await searcher(self.inner, self.capabilities).search(query, columns, start, limit)

    async def aclose(self) -> None:
        with contextlib.suppress(Exception):
            await self.flush()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
        if self.cache is not None:
            self.cache.close()
        await self.inner.aclose()


def with_cache(inner: Backend) -> CachingBackend:
    """``inner`` with the disk cache of its account (server and user, hashed)."""
    url, user = inner.account
    return CachingBackend(inner, TicketCache.for_server(url, user))
