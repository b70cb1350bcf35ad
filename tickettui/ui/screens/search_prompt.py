"""Ask what to find on the server (`f` on the queue): the query language of
``core.ticket_search`` and, under the field, what this system can search.

A query the system cannot search (Keliweb's message text, a SuperOffice customer by e-mail) is
explained under the field before anything is sent, and the prompt stays with what was typed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tickettui.core.domain import Capabilities
from tickettui.core.errors import TicketTuiError
from tickettui.core.ticket_search import SearchQuery, parse_search, search_problem, searchable
from tickettui.ui.inert_text import line

HINT = "enter: find    esc: cancel"
SYNTAX = 'words  #123  title:  cust:  text:  "a phrase"'


class SearchPrompt(ModalScreen[SearchQuery | None]):
    """The query, checked against what the system can search; dismissed with it, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search_prompt.cancel")]

    def __init__(self, capabilities: Capabilities, text: str = "") -> None:
        super().__init__(classes="dialog")
        self._capabilities = capabilities
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(Text("Find tickets on the server", style="bold"))
            yield Input(self._text, placeholder=SYNTAX, id="search-query")
            # What the system searches; what it cannot, in its place, when asked for.
            yield Label(self._searches(), id="search-problem", classes="hint")
            yield Label(Text(SYNTAX), classes="hint")
            yield Label(Text(HINT), classes="hint")

    def _searches(self) -> Text:
        caps = self._capabilities
        return line(f"{caps.system_name} searches {searchable(caps)}.")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            query = parse_search(event.value)
        except TicketTuiError as error:
            self._problem(str(error))
            return
        problem = search_problem(query, self._capabilities)
        if problem is not None:
            self._problem(problem)
            return
        self.dismiss(query)

    def _problem(self, text: str) -> None:
        self.query_one("#search-problem", Label).update(line(text, "bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)
