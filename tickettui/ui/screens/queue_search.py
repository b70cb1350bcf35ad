"""Find on the server (`f`), mixed into ``QueueScreen``: the results as a temporary section.

The prompt (``search_prompt``) reads the query; the results get a tab of their own after the
profile's sections (``🔍 invoice (50)``), the model's temporary section: one at a time (the next
search replaces it), `x` closes it, it is never loaded as a section, counted in the background
or saved. The list is the queue's own, so every usual key works on it: open, marks, bulk
actions, triage, sort, the local filter, export, the preview.

Pages (``core.ticket_search.PAGE_SIZE``) come one at a time in a worker: the first at once,
the next when the cursor nears the end of the list or on `+`. `esc` while a page is on its way
cancels the worker, and with it the HTTP request. The status line says how many were found
("50 of 212", "50+" where the server gives no total) and what was stopped or failed, in one
line; `r` (and coming back from a ticket) runs the search again, as far as it was read.
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.message import Message

from tickettui.core.domain import Section
from tickettui.core.safe_text import inert_line

if TYPE_CHECKING:
    from tickettui.core.domain import TicketSummary
    from tickettui.core.queue_model import QueueModel
    from tickettui.core.ticket_search import SearchPage, SearchQuery, SearchResults
    from tickettui.ui.app import TicketApp
    from tickettui.ui.commands import PaletteCommand
    from tickettui.ui.widgets.section_tabs import SectionTabs
    from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["FIND_BINDINGS", "STOP_SEARCH_BINDING", "QueueSearchMixin"]

# Before the queue's other esc keys: while a search runs, esc stops it.
STOP_SEARCH_BINDING = Binding("escape", "stop_search", "Stop search", id="queue.stop_search")
FIND_BINDINGS = [
    Binding("f", "find", "Find", id="queue.find"),
    Binding("x", "close_search", "Close results", show=False, id="queue.close_search"),
    Binding("plus", "more_results", "More results", show=False, id="queue.more_results"),
]
MORE_WHEN_WITHIN = 10  # rows from the end of the list at which the next page is asked for
TAB_ICON = "🔍"


# Plain classes, not dataclasses: created at import, before the queue's first frame (issue 16).
class SearchLanded(Message, bubble=False):
    def __init__(self, run: int, page: SearchPage, again: bool) -> None:
        super().__init__()
        self.run = run
        self.page = page
        self.again = again  # the search ran again from the start: the page replaces the results


class SearchFailed(Message, bubble=False):
    def __init__(self, run: int, error: BaseException) -> None:
        super().__init__()
        self.run = run
        self.error = error


class QueueSearchMixin:
    """Needs the queue's ``model``, ``ticket_list``, ``tabs``, ``ticket_app``, ``show_section``,
    ``_put`` and ``_update_status``."""

    model: QueueModel
    ticket_list: TicketList
    tabs: SectionTabs
    ticket_app: TicketApp

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_results: SearchResults | None = None
        self._search_run = 0  # each fetch's number: a stale worker's answer is dropped
        self._search_serial = 0  # each search's number: its section's key
        self._search_running = False
        self._search_note = ""  # "stopped", or the failure, for the status line
        self._search_from = 0  # the section the agent searched from, shown again on close

    # --- state -------------------------------------------------------------------------------

    @property
    def search_running(self) -> bool:
        return self._search_running

    @property
    def showing_search(self) -> bool:
        section = self.model.active_section
        return section is not None and self.model.is_temporary(section.key)

    def _search_index(self) -> int | None:
        temporary = self.model.temporary
        return self.model.index_of(temporary.key) if temporary is not None else None

    # --- actions -----------------------------------------------------------------------------

    def action_find(self) -> None:
        from tickettui.ui.screens.search_prompt import SearchPrompt

        results = self.search_results
        prompt = SearchPrompt(self.ticket_app.capabilities, results.query.text if results else "")
        self.ticket_app.push_screen(prompt, self.start_search)

    def start_search(self, query: SearchQuery | None) -> None:
        """Show ``query``'s results in the temporary section (replacing any), first page on."""
        if query is None:
            return
        from tickettui.core.ticket_search import SearchResults  # a search's: not at start

        model = self.model
        if not self.showing_search:
            self._search_from = model.active
        self._stop_worker()
        self._search_serial += 1
        section = Section(f"search:{self._search_serial}", f"{TAB_ICON} {query.label}", query.text)
        index = model.open_temporary(section)
        self.search_results = SearchResults(query)
        self._search_note = ""
        self.tabs.set_sections([s.title for s in model.sections])
        for other, _ in enumerate(model.sections):
            self.tabs.set_count(other, model.count(other))
        self.show_section(index)  # type: ignore[attr-defined]

    def action_more_results(self) -> None:
        results = self.search_results
        if results is not None and results.more and not self._search_running:
            self._fetch(again=False)

    def action_stop_search(self) -> None:
        if not self._search_running:
            return
        self._stop_worker()
        self._search_note = "search stopped (r runs it again)"
        results = self.search_results
        temporary = self.model.temporary
        if results is not None and temporary is not None:
            self._landed_list(temporary.key, results)
        self.ticket_list.loading = False
        self._update_status()  # type: ignore[attr-defined]

    def action_close_search(self) -> None:
        if self.model.temporary is None:
            return
        self._stop_worker()
        was_showing = self.showing_search
        self.model.close_temporary()
        self.search_results = None
        self._search_note = ""
        model = self.model
        self.tabs.set_sections([s.title for s in model.sections])
        for index, _ in enumerate(model.sections):
            self.tabs.set_count(index, model.count(index))
        if was_showing and model.sections:
            self.show_section(min(self._search_from, len(model.sections) - 1))  # type: ignore[attr-defined]
        else:
            self.tabs.set_active(model.active)
        self._update_status()  # type: ignore[attr-defined]

    # --- hooks of the queue's sections (QueueSections) ---------------------------------------

    def _head_start(self, section: Section) -> list[TicketSummary] | None:
        if self.model.is_temporary(section.key):
            return None  # results are never cached
        result: list[TicketSummary] | None = super()._head_start(section)  # type: ignore[misc]
        return result

    def _load(self, section: Section, *, all_counts: bool = False, in_place: bool = True) -> None:
        if not self.model.is_temporary(section.key):
            super()._load(section, all_counts=all_counts, in_place=in_place)  # type: ignore[misc]
            return
        results = self.search_results
        if results is None or self._search_running:
            return
        if all_counts:  # a refresh: the search again, as far as it was read
            self._fetch(again=True)
        elif not results.tickets and not self._search_note:
            self._fetch(again=False)  # shown for the first time

    def status_extra(self) -> str:
        usual: str = super().status_extra()  # type: ignore[misc]
        return " · ".join(part for part in (self._search_status(), usual) if part)

    def _search_status(self) -> str:
        results = self.search_results
        if results is None or not self.showing_search:
            return ""
        if self._search_running:
            return "searching… (esc stops)" if not results.tickets else "loading more… (esc stops)"
        if self._search_note:
            return self._search_note
        if results.more:
            return f"found {results.count_text()} (+ more, x closes)"
        return "search results (x closes)"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_search":
            return self._search_running
        if action == "find":
            return bool(self.ticket_app.capabilities.search)
        if action == "close_search":
            return self.model.temporary is not None
        if action == "more_results":
            results = self.search_results
            return self.showing_search and results is not None and results.more
        result: bool | None = super().check_action(action, parameters)  # type: ignore[misc]
        return result

    def search_commands(self) -> list[PaletteCommand]:
        from tickettui.ui.commands import PaletteCommand  # the palette's: not at start

        if not self.ticket_app.capabilities.search:
            return []
        commands = [
            PaletteCommand(
                "Find on server",
                "Find tickets anywhere by number, title, customer or text (f)",
                self.action_find,
            )
        ]
        if self.model.temporary is not None:
            commands.append(
                PaletteCommand(
                    "Close search results", "Close the results tab (x)", self.action_close_search
                )
            )
        return commands

    # --- Textual's handlers (by name: every class's own is called) ---------------------------

    def on_ticket_list_highlighted(self, event: Any) -> None:
        """The cursor near the end of the results: the next page."""
        results = self.search_results
        if results is None or not results.more or self._search_running or not self.showing_search:
            return
        if not results.tickets or self._search_note:
            return  # no page yet, or stopped or failed: only r or + asks again
        listing = self.ticket_list
        if listing.cursor_row >= listing.visible_count - MORE_WHEN_WITHIN:
            self._fetch(again=False)

    def on_search_landed(self, event: SearchLanded) -> None:
        results, temporary = self.search_results, self.model.temporary
        if event.run != self._search_run or results is None or temporary is None:
            return  # a search replaced, stopped or closed since
        self._search_running = False
        if event.again:
            from tickettui.core.ticket_search import SearchResults

            results = self.search_results = SearchResults(results.query)
        results.add(event.page)
        self._landed_list(temporary.key, results)
        self._update_status()  # type: ignore[attr-defined]
        # A first page the screen can show whole: the cursor will never near its end.
        if results.more and self.showing_search and len(results.tickets) < MORE_WHEN_WITHIN:
            self._fetch(again=False)

    def on_search_failed(self, event: SearchFailed) -> None:
        results, temporary = self.search_results, self.model.temporary
        if event.run != self._search_run or results is None or temporary is None:
            return
        self._search_running = False
        error = event.error
        self._search_note = "search failed: " + inert_line(str(error))
        self._landed_list(temporary.key, results)
        self.ticket_app.report_error(error, "Find")
        self._update_status()  # type: ignore[attr-defined]

    # --- internals ---------------------------------------------------------------------------

    def _landed_list(self, key: str, results: SearchResults) -> None:
        """The results so far into the model, the tab and (when on show) the list."""
        model = self.model
        tickets = list(results.tickets)
        model.load_landed(key, tickets, time.monotonic())
        index = model.index_of(key)
        if index is not None:
            self.tabs.set_count(index, len(tickets))
        if model.is_active(key):
            self._put(key, tickets)  # type: ignore[attr-defined]  # new ones after the rows
            self.ticket_list.loading = False

    def _fetch(self, *, again: bool) -> None:
        results, temporary = self.search_results, self.model.temporary
        if results is None or temporary is None:
            return
        from tickettui.core.ticket_search import PAGE_SIZE

        if again:
            start, limit = 0, max(PAGE_SIZE, len(results.tickets))
        elif results.next_start is None:
            return
        else:
            start, limit = results.next_start, PAGE_SIZE
        self._search_run += 1
        self._search_running = True
        self._search_note = ""
        if not results.tickets and self.showing_search:
            self.model.begin_load(temporary.key)
            self.ticket_list.loading = True
        work = partial(self._search_page, self._search_run, results.query, start, limit, again)
        self.run_worker(  # type: ignore[attr-defined]  # mixed into a Screen
            work, group="search", exclusive=True, exit_on_error=False, name="search"
        )
        self._update_status()  # type: ignore[attr-defined]

    async def _search_page(
        self, run: int, query: SearchQuery, start: int, limit: int, again: bool
    ) -> None:
        from tickettui.core.ticket_search import searcher

        backend = self.ticket_app.backend
        post = self.post_message  # type: ignore[attr-defined]
        try:
            page = await searcher(backend, backend.capabilities).search(
                query, self.ticket_app.columns, start, limit
            )
        except Exception as error:
            post(SearchFailed(run, error))
            return
        post(SearchLanded(run, page, again))

    def _stop_worker(self) -> None:
        """Cancel the page on its way (its HTTP request with it); its answer is dropped."""
        self._search_run += 1
        self._search_running = False
        self.workers.cancel_group(self, "search")  # type: ignore[attr-defined]
