"""Fakedesk's backend: a handful of tickets in memory, signed in with an API key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from tickettui.core.backend import SaveResult
from tickettui.core.domain import (
    Capabilities,
    Choice,
    EditForm,
    FieldKind,
    FieldSpec,
    Message,
    MessageKind,
    QuickAction,
    Section,
    TicketDetail,
    TicketSummary,
)
from tickettui.core.errors import AuthenticationFailed, NotFound
from tickettui.core.ticket_refs import parse_ticket_ref

API_KEY = "fake-key-123"  # the one key Fakedesk accepts
CAPABILITIES = Capabilities(
    system_name="Fakedesk",
    internal_notes=False,
    quick_actions=frozenset({QuickAction.CLOSE, QuickAction.SET_STATUS}),
    hidden_columns=frozenset({"read", "deadline"}),
    column_titles={"category": "Board"},
)
SECTIONS = (Section("open", "Open", "open"), Section("all", "Everything", ""))
STATUSES = (Choice("open", "Open"), Choice("closed", "Closed"))
WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class FakedeskSettings:
    url: str
    workspace: str
    user: str
    api_key: str


def _seed() -> dict[int, dict[str, Any]]:
    titles = ("Printer on fire", "VPN drops every hour", "Invoice 42 is wrong")
    return {
        n: {"title": title, "status": "open" if n != 3 else "closed", "messages": [title + "?"]}
        for n, title in enumerate(titles, start=1)
    }


class FakedeskBackend:
    capabilities = CAPABILITIES

    def __init__(self, settings: FakedeskSettings, sections: Sequence[Section]) -> None:
        self._settings = settings
        self._sections = list(sections)
        self._tickets = _seed()

    @property
    def account(self) -> tuple[str, str]:
        return (f"{self._settings.url}/{self._settings.workspace}", self._settings.user)

    def _check(self) -> None:
        if self._settings.api_key != API_KEY:
            raise AuthenticationFailed("Login failed: Fakedesk rejected the API key (401)")

    def _summary(self, ticket_id: int) -> TicketSummary:
        ticket = self._tickets.get(ticket_id)
        if ticket is None:
            raise NotFound(f"Ticket {ticket_id} not found")
        return TicketSummary(
            ticket_id,
            ticket["title"],
            status=ticket["status"].title(),
            category=self._settings.workspace,
            owner=self._settings.user,
            customer="Ann Example",
            created=WHEN,
            last_changed=WHEN,
            number=f"FD-{ticket_id}",
        )

    async def current_user(self) -> str:
        self._check()
        return self._settings.user

    async def my_owner_value(self) -> str | None:
        return None

    async def resolve(self, number: str) -> int:
        ref = parse_ticket_ref(number)
        digits = ref.number.upper().removeprefix("FD-")
        if digits.isdigit() and int(digits) in self._tickets:
            return int(digits)
        raise NotFound(f"No ticket {ref.number}")

    async def sections(self) -> list[Section]:
        return list(self._sections)

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        self._check()
        wanted = [n for n, t in self._tickets.items() if not section.query or t["status"] == "open"]
        return [self._summary(n) for n in wanted]

    async def ticket(self, ticket_id: int) -> TicketDetail:
        self._check()
        count = len(self._tickets.get(ticket_id, {}).get("messages", []))
        return TicketDetail(self._summary(ticket_id), person="Ann Example", message_count=count)

    async def messages(self, ticket_id: int) -> list[Message]:
        self._check()
        self._summary(ticket_id)
        texts = self._tickets[ticket_id]["messages"]
        return [
            Message(i, MessageKind.CUSTOMER if i == 1 else MessageKind.REPLY, "Ann", WHEN, text)
            for i, text in enumerate(texts, start=1)
        ]

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        specs = [
            FieldSpec("title", "Title", FieldKind.TEXT, required=True, max_length=80),
            FieldSpec("status", "Status", FieldKind.CHOICE, STATUSES, required=True),
        ]
        if ticket_id is None:
            values: dict[str, Any] = {"title": "", "status": "open"}
            return EditForm(0, specs, dict(values), dict(values))
        ticket = self._tickets[self._summary(ticket_id).id]
        values = {"title": ticket["title"], "status": ticket["status"]}
        return EditForm(ticket_id, specs, dict(values), dict(values), number=f"FD-{ticket_id}")

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        self._check()
        ticket_id = form.ticket_id or max(self._tickets) + 1
        ticket = self._tickets.setdefault(ticket_id, {"messages": []})
        ticket.update({k: form.values[k] for k in ("title", "status")})
        return SaveResult(ticket_id, saved=True, current=dict(form.values))

    async def quick_action(
        self, ticket_id: int, action: QuickAction, value: Any = None
    ) -> SaveResult:
        form = await self.edit_form(ticket_id)
        status = "closed" if action is QuickAction.CLOSE else str(value)
        return await self.save(replace(form, values={**form.values, "status": status}))

    async def choices(self, key: str) -> Sequence[Choice]:
        return STATUSES if key == "status" else ()

    async def add_message(self, ticket_id: int, text: str, *, internal: bool) -> None:
        self._check()
        self._tickets[self._summary(ticket_id).id]["messages"].append(text)

    async def aclose(self) -> None:
        return None
