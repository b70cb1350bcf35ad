"""What the app needs to know about SuperOffice before it talks to one: capabilities, sections.

Light on purpose (no httpx, no pydantic, no wire models): a cold start paints the cached queue
from this and the disk cache, and only then builds the real ``SuperOfficeBackend``.
"""

from __future__ import annotations

from tickettui.core.domain import BulkCall, Capabilities, CustomerBy, QuickAction, SearchKind
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

CAPABILITIES = Capabilities(
    system_name="SuperOffice",
    read_status=True,
    internal_notes=True,
    notify_toggle=True,
    postpone=True,
    # Attachments (attachments.py): each message's list, the bytes streamed, uploads linked.
    attachment_list=True,
    attachment_download=True,
    attachment_upload=True,
    # IIS in front of the web API refuses a request body over its default request limit
    # (maxAllowedContentLength, 30,000,000 bytes); a file goes up as one body.
    attachment_limit=30_000_000,
    attachment_limit_why="the default request limit of the IIS server in front of the API",
    time_metrics=True,
    quick_actions=frozenset(QuickAction),
    # UpdateTicketsReadStatus, AcceptTickets, GetTickets + PATCH Ticket/{id} (bulk_calls.py)
    bulk_calls=frozenset(BulkCall),
    next_in_queue=True,
    change_polling=True,
    # The Ticket archive's $filter: number, title, person/company name, `content` (search.py)
    search=frozenset(SearchKind),
    search_customer_by=frozenset({CustomerBy.NAME}),
    reply_templates=True,  # MDOList/replytemplate, GetParsedTemplate (reply_templates.py)
)

__all__ = ["CAPABILITIES", "DEFAULT_SECTIONS"]
