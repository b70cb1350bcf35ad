"""Keliweb (WHMCS tickets) behind the core's Backend interface."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Mapping, Sequence
from datetime import datetime

from tickettui.core.attachments import FilesReport, Outgoing
from tickettui.core.backend import SaveResult
from tickettui.core.domain import (
    Attachment,
    Choice,
    EditForm,
    FieldValue,
    Message,
    MessageKind,
    QuickAction,
    Section,
    TicketDetail,
    TicketSummary,
)
from tickettui.core.errors import (
    AmbiguousNumber,
    NotFound,
    OutcomeUnknown,
    ServerError,
    TicketTuiError,
)
from tickettui.core.live_refresh import ChangeBatch, ChangeCursor
from tickettui.core.merge import three_way_merge
from tickettui.core.next_ticket import TakenTicket
from tickettui.core.read_back import LostAnswer, read_back
from tickettui.core.reply_templates import ReplyTemplate, ServerTemplates
from tickettui.core.template_fill import FilledTemplate
from tickettui.core.ticket_refs import parse_ticket_ref
from tickettui.core.ticket_search import SearchPage, SearchQuery
from tickettui.systems.keliweb.attachments import (
    attachments_of,
    download,
    stored_report,
    upload_field,
)
from tickettui.systems.keliweb.bodies import body_text
from tickettui.systems.keliweb.changes import keliweb_changes
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.descriptor import CAPABILITIES
from tickettui.systems.keliweb.edit_fields import (
    field_specs,
    new_ticket_values,
    update_fields,
    values_of,
)
from tickettui.systems.keliweb.mapping import (
    detail_from_ticket,
    messages_from_ticket,
    summary_from_listed,
)
from tickettui.systems.keliweb.models import TicketResponse
from tickettui.systems.keliweb.next_in_queue import next_in_queue
from tickettui.systems.keliweb.pick_lists import PickLists
from tickettui.systems.keliweb.predefined_replies import KeliwebPredefinedReplies
from tickettui.systems.keliweb.search import KeliwebSearch
from tickettui.systems.keliweb.sections import parse_query, server_sections

__all__ = ["KeliwebBackend"]

CLOSED = "Closed"  # WHMCS runs its close routine for exactly this status
# A write answered by one of these may still have landed: a 5xx can come from the gateway after
# Keliweb did the work, and OutcomeUnknown is a connection lost after sending.
UNCONFIRMED = (OutcomeUnknown, ServerError)


class KeliwebBackend:
    capabilities = CAPABILITIES

    def __init__(
        self,
        client: KeliwebClient,
        sections: Sequence[Section] = (),
        *,
        replace_sections: bool = False,
    ) -> None:
        self._client = client
        self._own_sections = list(sections)  # a profile's own, after the server's
        # A profile's replace_sections: only its own sections, none of the server's.
        self._replace_sections = replace_sections
        self._lists: PickLists | None = None
        self._lists_lock = asyncio.Lock()
        self._predefined = KeliwebPredefinedReplies(client)  # a 404 is remembered here

    @property
    def client(self) -> KeliwebClient:
        return self._client

    @property
    def account(self) -> tuple[str, str]:
        """API root and customer: what drafts are kept under (hashed; never a secret)."""
        return self._client.account

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- who am I, pick lists --------------------------------------------------------------

    async def current_user(self) -> str:
        await self._client.oauth.access_token()  # signs in: checks the credentials
        return self._client.username

    async def resolve(self, number: str) -> int:
        """The ticket users call ``number``: its public number (tid) first, else its internal
        id. A number that is one ticket's tid and another's id is refused, with the way out."""
        ref = parse_ticket_ref(number)
        if ref.by_id:
            return (await self._client.get_ticket(int(ref.number))).ticketid
        by_tid = await self._found(self._client.get_ticket(ticketnum=ref.number))
        by_id = None
        if ref.as_int is not None and not ref.by_number:
            by_id = await self._found(self._client.get_ticket(ref.as_int))
        if by_tid is not None and by_id is not None and by_tid.ticketid != by_id.ticketid:
            raise AmbiguousNumber(
                f"{ref.number} is ticket #{ref.number}, and also the id of ticket "
                f"#{by_id.tid or by_id.ticketid}: write #{ref.number} for the first or "
                f"id:{ref.number} for the second"
            )
        found = by_tid or by_id
        if found is None:
            raise NotFound(f"No ticket {ref.number}")
        return found.ticketid

    @staticmethod
    async def _found(lookup: Awaitable[TicketResponse]) -> TicketResponse | None:
        try:
            return await lookup
        except NotFound:
            return None

    async def my_owner_value(self) -> str | None:
        return None  # the API signs in as the customer: no agents to assign to

    async def pick_lists(self) -> PickLists:
        async with self._lists_lock:
            if self._lists is None:
                # Sign in first: a wrong password fails here, not in two calls at once (the
                # second would be left mid-connect when the first's error ends the session).
                await self._client.oauth.access_token()
                departments, statuses = await asyncio.gather(
                    self._client.get_support_departments(), self._client.get_support_statuses()
                )
                self._lists = PickLists(departments, statuses)
            return self._lists

    async def choices(self, key: str) -> Sequence[Choice]:
        for spec in field_specs(await self.pick_lists(), new=False):
            if spec.key == key:
                return spec.choices
        raise KeyError(key)

    # --- reading ---------------------------------------------------------------------------

    async def sections(self) -> list[Section]:
        if self._replace_sections:
            return list(self._own_sections)
        lists = await self.pick_lists()
        ours = server_sections(lists.departments, lists.statuses)
        keys = {s.key for s in self._own_sections}
        return [s for s in ours if s.key not in keys] + self._own_sections

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        wanted = parse_query(section.query)
        lists = await self.pick_lists()
        rows = await self._client.get_all_tickets(wanted.status, wanted.deptid, wanted.subject)
        return [summary_from_listed(row, lists) for row in rows]

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        """Server-side search (search.py): get-tickets' filters, get-ticket's ticketnum."""
        return await KeliwebSearch(self._client, self.pick_lists).search(
            query, columns, start, limit
        )

    async def ticket(self, ticket_id: int) -> TicketDetail:
        lists = await self.pick_lists()
        return detail_from_ticket(await self._client.get_ticket(ticket_id), lists)

    async def messages(self, ticket_id: int) -> list[Message]:
        ticket = await self._client.get_ticket(ticket_id)
        # HTML mail as text is the slow part: in a thread, so the keyboard is never held.
        return await asyncio.to_thread(messages_from_ticket, ticket)

    # --- reply templates (predefined_replies.py; core.reply_templates) ---------------------

    async def reply_templates(self) -> ServerTemplates:
        return await self._predefined.reply_templates()

    async def fill_reply_template(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        """WHMCS's [NAME]-style placeholders filled in from the ticket's requestor."""
        return await self._predefined.fill(template, ticket_id)

    # --- next in queue, live queues (next_in_queue.py, changes.py) ------------------------

    async def take_next(self, section: Section | None) -> TakenTicket:
        return await next_in_queue(self._client, await self.pick_lists(), section)

    async def changes_since(
        self,
        section: Section,
        columns: Sequence[str],
        cursor: ChangeCursor | None,
        held: Mapping[int, TicketSummary],
    ) -> ChangeBatch:
        return await keliweb_changes(self._client, await self.pick_lists(), section, cursor, held)

    # --- editing ---------------------------------------------------------------------------

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        lists = await self.pick_lists()
        if ticket_id is None:
            values = new_ticket_values(lists)
            return EditForm(0, field_specs(lists, new=True), dict(values), dict(values))
        ticket = await self._client.get_ticket(ticket_id)
        lists.saw_flag(ticket.flag)
        values = values_of(ticket)
        specs = field_specs(lists, new=False, flag=str(values["flag"]))
        return EditForm(ticket_id, specs, dict(values), dict(values), number=ticket.tid)

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        if form.is_new:
            return await self._open(form)
        keys = [s.key for s in form.specs]
        # Re-read just before saving; update-ticket then gets only the fields this edit changed.
        ticket = await self._client.get_ticket(form.ticket_id)
        current = values_of(ticket)
        merge = three_way_merge(keys, form.base, form.values, current)
        if not merge.clean:
            return SaveResult(form.ticket_id, conflicts=merge.conflicts, current=current)
        note = ""
        if merge.mine_changed:
            fields = update_fields(merge.values, merge.mine_changed)
            sent = {key: merge.values.get(key) for key in merge.mine_changed}
            try:
                await self._client.update_ticket(form.ticket_id, **fields)
            except UNCONFIRMED as error:
                # Never resend blindly: read the ticket back and see whether the change landed.
                lost = LostAnswer.of_save(error, "Keliweb", ticket.tid or form.ticket_id)
                current = await self._landed(form.ticket_id, sent, lost)
                note = "Keliweb did not confirm the save, but the ticket has your change"
            else:
                try:
                    current = values_of(await self._client.get_ticket(form.ticket_id))
                except TicketTuiError:  # saved; only the fresh copy is missing
                    current = {**current, **sent}
        return SaveResult(
            form.ticket_id,
            saved=True,
            kept_theirs=merge.theirs_changed,
            current=current,
            note=note,
        )

    async def _landed(
        self, ticket_id: int, sent: dict[str, FieldValue], lost: LostAnswer
    ) -> dict[str, FieldValue]:
        """The ticket's values now if every field sent has the value sent (see read_back)."""

        async def has_change() -> dict[str, FieldValue] | None:
            now = values_of(await self._client.get_ticket(ticket_id))
            return now if all(now.get(k) == v for k, v in sent.items()) else None

        return await read_back(has_change, lost)

    async def _open(self, form: EditForm, files: str = "") -> SaveResult:
        v = form.values
        subject = str(v.get("subject") or "").strip()
        message = str(v.get("message") or "").strip()
        department = str(v.get("department") or "")
        if not (subject and message and department.isdigit()):
            raise TicketTuiError("A new ticket needs a department, a subject and a first message")
        try:
            answer = await self._client.open_ticket(
                int(department),
                subject,
                message,
                priority=str(v.get("priority") or "") or None,
                attachments=files,
            )
        except UNCONFIRMED as error:
            # Never sent again by itself: a second open-ticket could make two tickets.
            raise OutcomeUnknown(
                f"Keliweb did not confirm whether the ticket was created ({error}): check the "
                "queue before creating it again; your draft is kept"
            ) from error
        ticket_id = answer.new_ticket_id or await self._find_new(subject, int(department))
        ticket = await self._client.get_ticket(ticket_id) if ticket_id else None
        current = values_of(ticket) if ticket else {}
        number = (ticket.tid if ticket else "") or answer.tid  # "#616611", not the id
        return SaveResult(ticket_id or 0, saved=True, current=current, number=number)

    async def _find_new(self, subject: str, deptid: int) -> int | None:
        """Keliweb documents only ``result`` for open-ticket: find the newest such ticket."""
        page = await self._client.get_tickets(deptid=deptid, subject=subject, limitnum=25)
        matching = [t for t in page.tickets if t.subject == subject]
        return max((t.id for t in matching), default=None)

    async def quick_action(
        self, ticket_id: int, action: QuickAction, value: str | datetime | None = None
    ) -> SaveResult:
        if action not in self.capabilities.quick_actions:
            raise TicketTuiError(f"Keliweb cannot {action.value.replace('_', ' ')}")
        form = await self.edit_form(ticket_id)
        changes: dict[str, FieldValue] = {}
        if action is QuickAction.CLOSE:
            changes["status"] = (await self.pick_lists()).status_title(CLOSED) or CLOSED
        elif action is QuickAction.SET_PRIORITY:
            changes["priority"] = str(value)
        elif action is QuickAction.SET_STATUS:
            changes["status"] = str(value)
        form.values.update(changes)
        return await self.save(form)

    async def add_message(self, ticket_id: int, text: str, *, internal: bool) -> None:
        await self._add(ticket_id, text, internal)

    async def _add(
        self, ticket_id: int, text: str, internal: bool, files: str = ""
    ) -> set[tuple[bool, int]]:
        """Send once; the thread's (is a note, id) from before sending."""
        # The thread before sending (one read): if the answer is lost, a message of this kind
        # and text that was not there before is ours. A blind resend could post it twice.
        ticket = await self._client.get_ticket(ticket_id)
        before = _thread_ids(ticket)
        try:
            if internal:
                await self._client.add_ticket_note(ticket_id, text, attachments=files)
            else:
                await self._client.add_ticket_reply(ticket_id, text, attachments=files)
        except UNCONFIRMED as error:

            async def has_message() -> bool | None:
                return await self._message_landed(ticket_id, before, text, internal) or None

            number = ticket.tid or ticket_id  # as users quote it
            lost = LostAnswer.of_message(error, "Keliweb", number, internal=internal)
            await read_back(has_message, lost)
        return before

    # --- attachments (attachments.py): listed from get-ticket, sent inline with the message --

    async def attachments(self, ticket_id: int) -> list[Attachment]:
        return attachments_of(await self._client.get_ticket(ticket_id))

    def attachment_chunks(self, attachment: Attachment) -> AsyncIterator[bytes]:
        return download(self._client, attachment)

    async def add_message_with_files(
        self, ticket_id: int, text: str, files: Sequence[Outgoing], *, internal: bool
    ) -> FilesReport:
        field = await asyncio.to_thread(upload_field, files)
        before = await self._add(ticket_id, text, internal, field)
        return await stored_report(self._client, ticket_id, before, text, internal, files)

    async def create_with_files(
        self, form: EditForm, files: Sequence[Outgoing], *, notify: bool = False
    ) -> tuple[SaveResult, FilesReport]:
        result = await self._open(form, await asyncio.to_thread(upload_field, files))
        if not result.ticket_id:
            return result, FilesReport(note="The new ticket was not found to check its files")
        report = await stored_report(self._client, result.ticket_id, set(), "", False, files)
        return result, report

    async def _message_landed(
        self, ticket_id: int, before: set[tuple[bool, int]], text: str, internal: bool
    ) -> bool:
        ticket = await self._client.get_ticket(ticket_id)
        wanted = {_normal_body(text), _normal_body(body_text(text))}  # as sent, as shown
        return any(
            (m.kind is MessageKind.NOTE) == internal
            and ((m.kind is MessageKind.NOTE), m.id) not in before
            and _normal_body(m.body) in wanted
            for m in messages_from_ticket(ticket)
        )


def _thread_ids(ticket: TicketResponse) -> set[tuple[bool, int]]:
    """(is a note, id) of every message: reply and note ids are counted apart."""
    return {(m.kind is MessageKind.NOTE, m.id) for m in messages_from_ticket(ticket)}


def _normal_body(text: str) -> str:
    """As the thread shows it, whitespace aside (the server stores CRLF and escapes HTML)."""
    return " ".join(text.split())
