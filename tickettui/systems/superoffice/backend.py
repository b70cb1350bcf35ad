"""SuperOffice Service behind the core's Backend interface."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from tickettui.core.attachments import FilesReport, Outgoing
from tickettui.core.backend import SaveResult
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
from tickettui.core.errors import (
    NotFound,
    OutcomeUnknown,
    PermissionDenied,
    TicketTuiError,
    UnexpectedResponse,
    ValidationFailed,
)
from tickettui.core.live_refresh import ChangeBatch, ChangeCursor
from tickettui.core.merge import three_way_merge
from tickettui.core.next_ticket import TakenTicket
from tickettui.core.read_back import LostAnswer, read_back
from tickettui.core.reply_templates import ReplyTemplate, ServerTemplates
from tickettui.core.template_fill import FilledTemplate
from tickettui.core.ticket_refs import parse_ticket_ref
from tickettui.core.ticket_search import SearchPage, SearchQuery
from tickettui.systems.superoffice.attachments import download, files_of, linked, upload
from tickettui.systems.superoffice.authors import AuthorNames, is_agents
from tickettui.systems.superoffice.bulk_calls import SuperOfficeBulk
from tickettui.systems.superoffice.changes import SuperOfficeChanges
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.custom_fields import read_fields
from tickettui.systems.superoffice.descriptor import CAPABILITIES
from tickettui.systems.superoffice.edit_fields import (
    PickLists,
    apply_values,
    field_specs,
    values_of,
)
from tickettui.systems.superoffice.mapping import (
    SummaryMapper,
    detail_from_entity,
    message_from_row,
    priority_ranks,
)
from tickettui.systems.superoffice.message_send import UNCONFIRMED, MessageSender
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.models.field_info import FieldInfo
from tickettui.systems.superoffice.next_in_queue import next_in_queue
from tickettui.systems.superoffice.reply_templates import SuperOfficeTemplates
from tickettui.systems.superoffice.search import SuperOfficeSearch
from tickettui.systems.superoffice.sections import DEFAULT_ORDER, DEFAULT_SECTIONS, archive_select

MESSAGE_COLUMNS = (
    "ticketMessageId",
    "createdAt",
    "author",
    "slevel",
    "body",
    "htmlBody",
    "important",
)
# Archive paging: big pages (the local server caps $top at 1000, as tenants do) fetched a few at
# a time over the one kept-alive pool; the first page always comes alone.
EARLIEST = datetime.min.replace(tzinfo=UTC)  # a message without a date sorts first
PAGE_SIZE = 1000
PAGE_CONCURRENCY = 4
log = logging.getLogger("tickettui.systems.superoffice")

# The tenant's field descriptions cannot be had, for good: an older server without the call
# (404), no right to it (403), or an answer we cannot read. Fields are then named by their keys.
NO_FIELD_INFO = (NotFound, PermissionDenied, UnexpectedResponse, ValidationFailed)


class SuperOfficeBackend:
    capabilities: Capabilities = CAPABILITIES  # the light descriptor's, known before this

    def __init__(
        self, client: SuperOfficeClient, sections: Sequence[Section] = DEFAULT_SECTIONS
    ) -> None:
        self._client = client
        self._sections = list(sections)  # the defaults, or a profile's own
        self._lists: PickLists | None = None
        self._lists_lock = asyncio.Lock()
        self._infos: dict[str, FieldInfo] | None = None
        self._infos_lock = asyncio.Lock()
        self._me: tuple[int, str] | None = None
        self._authors = AuthorNames(client)
        self._zone = client.wire_zone  # of a date sent without an offset: dates made aware
        self._ranks: dict[str, int] | None = None
        self._ranks_lock = asyncio.Lock()
        self.bulk = SuperOfficeBulk(client, self.pick_lists)  # core.bulk_calls.BulkCalls
        self._changes = SuperOfficeChanges(client, self._zone, self.priority_ranks)
        self._search = SuperOfficeSearch(client, self._zone, self.priority_ranks)
        self._templates = SuperOfficeTemplates(client)
        self._sender = MessageSender(client)

    async def aclose(self) -> None:
        await self._client.aclose()

    @property
    def account(self) -> tuple[str, str]:
        """Server URL and user: what drafts are kept under (hashed)."""
        return self._client.account

    # --- who am I, pick lists --------------------------------------------------------------

    async def _principal(self) -> tuple[int, str]:
        if self._me is None:
            principal = await self._client.current_principal()
            self._me = (principal.AssociateId or 0, principal.FullName or principal.Associate or "")
        return self._me

    async def current_user(self) -> str:
        return (await self._principal())[1]

    async def resolve(self, number: str) -> int:
        """A SuperOffice ticket's number is its id ("#7", "7" and "id:7" alike)."""
        ref = parse_ticket_ref(number)
        if ref.as_int is None:
            raise NotFound(f"No ticket {ref.number}: SuperOffice tickets are numbered 1, 2, 3…")
        return ref.as_int

    async def my_owner_value(self) -> str | None:
        """The "owner" choice value of the signed-in agent (for "assign to me")."""
        return str((await self._principal())[0])

    async def pick_lists(self) -> PickLists:
        async with self._lists_lock:
            if self._lists is None:
                statuses, priorities, categories, associates, tags = await asyncio.gather(
                    self._client.ticket_status_items(),
                    self._client.mdo_list("ticketpriority"),
                    self._client.mdo_list("ejcategory", flat=True),
                    self._client.mdo_list("associate"),
                    self._client.mdo_list("Tags"),
                )
                self._lists = PickLists(statuses, priorities, categories, associates, tags)
            return self._lists

    async def field_infos(self, *, required: bool = True) -> Mapping[str, FieldInfo]:
        """The tenant's ticket fields by name (``GET Ticket/CustomField``, once per session).

        Where the server has none to give (see NO_FIELD_INFO), none: fields go by their keys.
        Another failure (the network) is raised when ``required`` (an edit must type its
        fields as the save will), else this once the detail shows the keys.
        """
        async with self._infos_lock:
            if self._infos is None:
                try:
                    infos = await self._client.ticket_custom_fields()
                except NO_FIELD_INFO as error:
                    log.info("no ticket field descriptions: %s", error)
                    infos = []
                except TicketTuiError:
                    if required:
                        raise
                    return {}
                self._infos = {i.FieldName: i for i in infos if i.FieldName}
            return self._infos

    async def choices(self, key: str) -> Sequence[Choice]:
        lists = await self.pick_lists()
        for spec in field_specs(lists, new=False):
            if spec.key == key:
                return spec.choices
        raise KeyError(key)

    # --- reading ---------------------------------------------------------------------------

    async def sections(self) -> list[Section]:
        return list(self._sections)

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        # Each page becomes summaries as it lands (no row models held): 100k rows fit in less.
        # The archive names a row's priority only: its rank comes from the priority list.
        tickets, ranks = await asyncio.gather(
            self._client.archive_mapped(
                "Ticket",
                archive_select(columns),
                SummaryMapper(self._zone),
                filter=section.query or None,
                order_by=section.order_by or DEFAULT_ORDER,
                page_size=PAGE_SIZE,
                concurrency=PAGE_CONCURRENCY,
            ),
            self.priority_ranks(),
        )
        if ranks:
            rank_of = ranks.get
            for ticket in tickets:
                ticket.priority_rank = rank_of(ticket.priority)
        return tickets

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        """Server-side search (search.py): one archive $filter, paged."""
        return await self._search.search(query, columns, start, limit)

    async def priority_ranks(self) -> Mapping[str, int]:
        """Each priority's place in the tenant's own order (the ``ticketpriority`` list's rank,
        its sort order), by name; fetched once. Without the list (a failure), none: the
        queue still loads, and priorities sort by name."""
        async with self._ranks_lock:
            if self._ranks is None:
                try:
                    items = await self._client.mdo_list("ticketpriority", flat=True)
                except TicketTuiError as error:
                    log.info("no priority ranks: %s", error)
                    return {}
                self._ranks = priority_ranks(items)
            return self._ranks

    async def ticket(self, ticket_id: int) -> TicketDetail:
        entity, infos = await asyncio.gather(
            self._client.get_ticket_entity(ticket_id), self.field_infos(required=False)
        )
        return detail_from_entity(entity, infos, self._zone)

    async def messages(self, ticket_id: int) -> list[Message]:
        # Bodies come from the message archive in one call; who wrote each (agent or
        # customer) only from the entity's summaries, so fetch both at once.
        rows, entity = await asyncio.gather(
            self._client.get_ticket_messages(ticket_id, select=MESSAGE_COLUMNS),
            self._client.get_ticket_entity(ticket_id),
        )
        agent_ids = {m.TicketMessageId for m in entity.Messages or [] if is_agents(m)}
        # People by name, as the title bar shows the agent: the stored author is a login.
        names, zone = await self._authors.of(entity), self._zone
        files = await files_of(self._client, entity.Messages or [])

        def mapped() -> list[Message]:
            messages = [
                message_from_row(
                    row, row.PrimaryKey in agent_ids, names.get(row.primary_key, ""), zone
                )
                for row in rows
            ]
            messages = [replace(m, attachments=tuple(files.get(m.id, ()))) for m in messages]
            messages.sort(key=lambda m: (m.created or EARLIEST, m.id))
            return messages

        # HTML mail as text is the slow part (0.25 s for a 1 MB body): in a thread, so the
        # keyboard is never held while a long thread or a big message is read.
        return await asyncio.to_thread(mapped)

    # --- reply templates (reply_templates.py; core.reply_templates.OffersReplyTemplates) ---

    async def reply_templates(self) -> ServerTemplates:
        return await self._templates.reply_templates()

    async def fill_reply_template(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        """Filled in by the server for the ticket, in its customer's language."""
        return await self._templates.fill(template, ticket_id)

    # --- next in queue, live queues (next_in_queue.py, changes.py) ------------------------

    async def take_next(self, section: Section | None) -> TakenTicket:
        async def me() -> int:
            return (await self._principal())[0]

        async def detail(entity: TicketEntity) -> TicketDetail:
            return detail_from_entity(entity, await self.field_infos(required=False), self._zone)

        return await next_in_queue(self._client, section, me, detail)

    async def changes_since(
        self,
        section: Section,
        columns: Sequence[str],
        cursor: ChangeCursor | None,
        held: Mapping[int, TicketSummary],
    ) -> ChangeBatch:
        return await self._changes.changes_since(section, columns, cursor, held)

    # --- calls over many tickets (bulk_calls.py) ---------------------------------------------

    async def mark_read_many(self, ticket_ids: Sequence[int], read: bool) -> Sequence[int]:
        return await self.bulk.mark_read_many(ticket_ids, read)

    async def take_many(self, ticket_ids: Sequence[int]) -> None:
        await self.bulk.take_many(ticket_ids)

    async def field_values(self, ticket_ids: Sequence[int], key: str) -> Mapping[int, FieldValue]:
        return await self.bulk.field_values(ticket_ids, key)

    async def patch_field(
        self, ticket_id: int, key: str, expected: FieldValue, value: FieldValue
    ) -> None:
        await self.bulk.patch_field(ticket_id, key, expected, value)

    # --- editing ---------------------------------------------------------------------------

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        lists, infos = await asyncio.gather(self.pick_lists(), self.field_infos())
        if ticket_id is None:
            entity = await self._client.create_default_ticket_entity()
        else:
            entity = await self._client.get_ticket_entity(ticket_id)
        values = values_of(entity, infos, self._zone)
        specs = field_specs(lists, new=ticket_id is None, custom=read_fields(entity, infos))
        if ticket_id is None:
            values["message"] = ""
            return EditForm(0, specs, dict(values), dict(values))
        return EditForm(ticket_id, specs, dict(values), dict(values))

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        lists, infos = await asyncio.gather(self.pick_lists(), self.field_infos())
        keys = [s.key for s in form.specs if s.key != "message"]
        if form.is_new:
            return await self._create(form, keys, lists, infos, notify)
        # Re-read just before saving: the full entity, never a $select result.
        fresh = await self._client.get_ticket_entity(form.ticket_id)
        current = values_of(fresh, infos, self._zone)
        merge = three_way_merge(keys, form.base, form.values, current)
        if not merge.clean:
            return SaveResult(form.ticket_id, conflicts=merge.conflicts, current=current)
        note = ""
        if merge.mine_changed:
            apply_values(fresh, merge.values, merge.mine_changed, lists, infos)
            try:
                fresh = await self._client.save_ticket_entity(fresh, notify=notify)
            except UNCONFIRMED as error:
                # Never resend blindly: read the ticket back and see whether the save landed.
                sent = {key: merge.values.get(key) for key in merge.mine_changed}
                fresh = await self._landed(form.ticket_id, sent, error, infos)
                note = "The server did not confirm the save, but the ticket has your change"
        return SaveResult(
            form.ticket_id,
            saved=True,
            kept_theirs=merge.theirs_changed,
            current=values_of(fresh, infos, self._zone),
            note=note,
        )

    async def _landed(
        self,
        ticket_id: int,
        sent: dict[str, FieldValue],
        error: TicketTuiError,
        infos: Mapping[str, FieldInfo],
    ) -> TicketEntity:
        """The ticket as it is now if every field sent has the value sent (see read_back)."""

        async def has_change() -> TicketEntity | None:
            current = await self._client.get_ticket_entity(ticket_id)
            now = values_of(current, infos, self._zone)
            return current if all(now.get(k) == v for k, v in sent.items()) else None

        return await read_back(has_change, LostAnswer.of_save(error, "The server", ticket_id))

    async def _create(
        self,
        form: EditForm,
        keys: list[str],
        lists: PickLists,
        infos: Mapping[str, FieldInfo],
        notify: bool,
    ) -> SaveResult:
        entity = await self._client.create_default_ticket_entity()
        entity.TicketId = 0
        apply_values(entity, form.values, keys, lists, infos)
        try:
            saved = await self._client.save_ticket_entity(entity, notify=notify)
        except UNCONFIRMED as error:
            # No id to re-read, and a second create could duplicate the ticket: the user checks.
            raise OutcomeUnknown(
                f"The server did not confirm whether the ticket was created ({error}): check the "
                "queue before creating it again; your draft is kept"
            ) from error
        ticket_id = saved.TicketId or 0
        text = str(form.values.get("message") or "").strip()
        if text and ticket_id:
            try:
                await self.add_message(ticket_id, text, internal=False)
            except TicketTuiError as error:
                raise TicketTuiError(
                    f"Ticket {ticket_id} was created, but its first message was not added "
                    f"({error}): add it as a reply, do not create the ticket again"
                ) from error
        return SaveResult(ticket_id, saved=True, current=values_of(saved, infos, self._zone))

    async def quick_action(
        self, ticket_id: int, action: QuickAction, value: str | datetime | None = None
    ) -> SaveResult:
        if action in (QuickAction.MARK_READ, QuickAction.MARK_UNREAD):
            status = "Green" if action is QuickAction.MARK_READ else "Red"
            await self._client.update_read_status([ticket_id], status)
            return SaveResult(ticket_id, saved=True)
        form = await self.edit_form(ticket_id)
        lists = await self.pick_lists()
        changes: dict[str, FieldValue] = {}
        if action is QuickAction.ASSIGN_TO_ME:
            changes["owner"] = str((await self._principal())[0])
        elif action is QuickAction.CLOSE:
            changes["status"] = _status_with_base(lists, "Closed")
        elif action is QuickAction.POSTPONE:
            if not isinstance(value, datetime):
                raise TicketTuiError("Postpone needs a date and time to postpone until")
            changes["status"] = _status_with_base(lists, "Postponed")
            changes["postponed_until"] = value
        elif action is QuickAction.SET_PRIORITY:
            changes["priority"] = str(value)
        elif action is QuickAction.SET_STATUS:
            changes["status"] = str(value)
        form.values.update(changes)
        return await self.save(form)

    async def add_message(self, ticket_id: int, text: str, *, internal: bool) -> None:
        await self._sender.add(ticket_id, text, internal)

    # --- attachments (attachments.py) ----------------------------------------------------

    async def attachments(self, ticket_id: int) -> list[Attachment]:
        entity = await self._client.get_ticket_entity(ticket_id)
        files = await files_of(self._client, entity.Messages or [], tolerant=False)
        return [a for m in sorted(files) for a in files[m]]

    def attachment_chunks(self, attachment: Attachment) -> AsyncIterator[bytes]:
        return download(self._client, attachment)

    async def add_message_with_files(
        self, ticket_id: int, text: str, files: Sequence[Outgoing], *, internal: bool
    ) -> FilesReport:
        ids = [await upload(self._client, f) for f in files]  # a refused file stops it here
        message_id = await self._sender.add(ticket_id, text, internal)
        return await linked(self._client, message_id, ids, files)

    async def create_with_files(
        self, form: EditForm, files: Sequence[Outgoing], *, notify: bool = False
    ) -> tuple[SaveResult, FilesReport]:
        ids = [await upload(self._client, f) for f in files]
        text = str(form.values.get("message") or "").strip() or "See the attached files."
        bare = EditForm(0, form.specs, form.base, {**form.values, "message": ""}, form.number)
        result = await self.save(bare, notify=notify)
        if not result.ticket_id:
            return result, FilesReport(missing=tuple(f.name for f in files))
        try:
            message_id = await self._sender.add(result.ticket_id, text, False)
        except TicketTuiError as error:
            raise TicketTuiError(
                f"Ticket {result.ticket_id} was created, but its first message and files were "
                f"not added ({error}): add them as a reply, do not create the ticket again"
            ) from error
        return result, await linked(self._client, message_id, ids, files)


def _status_with_base(lists: PickLists, base: str) -> str:
    """The tenant's default user status for a base status (falls back to the first one)."""
    matching = [s for s in lists.statuses if (s.Status or "").lower() == base.lower()]
    if not matching:
        raise TicketTuiError(f"This system has no status for {base!r}")
    chosen = next((s for s in matching if s.IsDefault), matching[0])
    return str(chosen.TicketStatusId)
