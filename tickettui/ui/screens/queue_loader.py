"""The queue's backend calls: each runs in a worker of the queue screen, so the screen never
freezes, and reports what it fetched (or what went wrong) as a message (``queue_messages``).

Workers touch no widget and change no state: the screen's handlers put what arrives into the
model and render it. Section loads run one at a time (a new one cancels the one before), as do
the background counts (one section after another), the preview and the prefetch. What the
cache in front of every backend adds is asked with ``isinstance(backend, HeadStart)``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Sequence
from functools import partial

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

from tickettui.core.backend import Backend, HeadStart
from tickettui.core.domain import Section
from tickettui.core.queue_model import QueueModel
from tickettui.ui.screens.queue_messages import (
    CountLoaded,
    PreviewFailed,
    PreviewLoaded,
    PreviewMessageFailed,
    PreviewMessageLoaded,
    SectionFailed,
    SectionLoaded,
    SectionsFailed,
    SectionsLoaded,
    UserLoaded,
)
from tickettui.ui.widgets.preview_message import latest_from_customer

PREVIEW_DEBOUNCE = 0.15  # seconds the cursor rests before the preview asks the server
PREFETCH_DEBOUNCE = 0.3  # seconds the cursor rests before its neighbours are fetched


class QueueLoader:
    """Starts the queue's workers on ``screen``; their messages go to it.

    ``backend`` and ``columns`` are asked at each call (the app may swap its backend).
    ``model`` is only read: which sections' counts are due.
    """

    def __init__(
        self,
        screen: DOMNode,
        *,
        backend: Callable[[], Backend],
        columns: Callable[[], Sequence[str]],
        model: QueueModel,
    ) -> None:
        self._screen = screen
        self._backend = backend
        self._columns = columns
        self._model = model

    def sections(self) -> None:
        self._run(self._sections, group="start")

    def user(self) -> None:
        self._run(self._user, group="user")

    def section(self, section: Section, *, all_counts: bool = False, in_place: bool = True) -> None:
        """Load ``section``'s list (cancelling the section load under way)."""
        self._run(partial(self._section, section, all_counts, in_place), group="load")

    def counts(self, *, force: bool = False) -> None:
        """Load the other sections whose counts are due, one at a time (``force``: all)."""
        self._run(partial(self._counts, force), group="counts")

    def preview(self, ticket_id: int) -> None:
        """The detail for the preview, once the cursor has rested on ``ticket_id``."""
        self._run(partial(self._preview, ticket_id), group="preview")

    def preview_message(self, ticket_id: int) -> None:
        """The customer's latest message for the preview, once the cursor has rested."""
        self._run(partial(self._preview_message, ticket_id), group="preview-message")

    def prefetch(self, ticket_ids: Callable[[], list[int]]) -> None:
        """Fetch the details of ``ticket_ids()`` ahead, once the cursor has rested."""
        self._run(partial(self._prefetch, ticket_ids), group="prefetch")

    # --- the workers ---------------------------------------------------------------------

    async def _sections(self) -> None:
        try:
            sections = await self._backend().sections()
        except Exception as error:
            self._post(SectionsFailed(error))
            return
        self._post(SectionsLoaded(list(sections)))

    async def _user(self) -> None:
        try:
            name = await self._backend().current_user()
        except Exception as error:
            # Not notified: the section load needs the same server and reports the trouble.
            self._screen.log.warning(f"current user: {error!r}")
            return
        self._post(UserLoaded(name))

    async def _section(self, section: Section, all_counts: bool, in_place: bool) -> None:
        try:
            tickets = await self._backend().list_tickets(section, self._columns())
        except Exception as error:
            self._post(SectionFailed(section, error))
            return
        self._post(SectionLoaded(section, tickets, all_counts=all_counts, in_place=in_place))

    async def _counts(self, force: bool) -> None:
        """The other sections, so the tabs show counts and switching is instant."""
        model = self._model
        for section in model.sections:
            # Asked at each step: the agent may have switched here, or its list landed.
            if not model.count_due(section.key, time.monotonic(), force=force):
                continue
            try:
                tickets = await self._backend().list_tickets(section, self._columns())
            except Exception as error:
                # The active section's load reports the trouble; counts just stop trying.
                self._screen.log.warning(f"count of {section.title!r} failed: {error!r}")
                return
            self._post(CountLoaded(section, tickets))

    async def _preview(self, ticket_id: int) -> None:
        await asyncio.sleep(PREVIEW_DEBOUNCE)  # cancelled by the next highlight: key repeat is free
        try:
            detail = await self._backend().ticket(ticket_id)
        except Exception as error:
            self._post(PreviewFailed(ticket_id, error))
            return
        self._post(PreviewLoaded(ticket_id, detail))

    async def _preview_message(self, ticket_id: int) -> None:
        await asyncio.sleep(PREVIEW_DEBOUNCE)  # cancelled by the next highlight, as the preview
        try:
            # Its thread; a cache keeps it, so opening the ticket or a prefetch needs no more.
            messages = await self._backend().messages(ticket_id)
        except Exception as error:
            self._post(PreviewMessageFailed(ticket_id, error))
            return
        self._post(PreviewMessageLoaded(ticket_id, latest_from_customer(messages)))

    async def _prefetch(self, ticket_ids: Callable[[], list[int]]) -> None:
        """Fetch the tickets around the cursor ahead, so opening one is instant."""
        await asyncio.sleep(PREFETCH_DEBOUNCE)  # cancelled by the next highlight
        backend = self._backend()
        try:
            if isinstance(backend, HeadStart):
                await backend.prefetch(ticket_ids())
        except Exception as error:  # a guess that failed: the real open reports trouble
            self._screen.log.warning(f"prefetch: {error!r}")

    # --- internals -----------------------------------------------------------------------

    def _run(self, work: Callable[[], Coroutine[None, None, None]], *, group: str) -> Worker[None]:
        # Exclusive within its group: a newer call cancels the older worker. A callable, not
        # a coroutine: a worker cancelled before it starts leaves nothing un-awaited.
        return self._screen.run_worker(work, group=group, exclusive=True, exit_on_error=False)

    def _post(self, message: Message) -> None:
        self._screen.post_message(message)
