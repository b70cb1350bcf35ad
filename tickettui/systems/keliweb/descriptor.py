"""What the app needs to know about Keliweb before it talks to it: its capabilities.

Light on purpose (no httpx, no pydantic, no wire models): a cold start paints the cached queue
from this and the disk cache, and only then builds the real ``KeliwebBackend``.
"""

from __future__ import annotations

from tickettui.core.domain import Capabilities, CustomerBy, QuickAction, SearchKind

__all__ = ["CAPABILITIES"]

CAPABILITIES = Capabilities(
    system_name="Keliweb",
    read_status=False,
    internal_notes=True,
    notify_toggle=False,
    postpone=False,
    time_metrics=False,  # WHMCS keeps no reply or close times: no panel, no `s`
    quick_actions=frozenset({QuickAction.CLOSE, QuickAction.SET_PRIORITY, QuickAction.SET_STATUS}),
    next_in_queue=True,  # the oldest waiting ticket, opened (the API cannot assign)
    change_polling=True,  # the first pages, newest reply first (keliweb/changes.py)
    # get-tickets' subject and email filters, get-ticket's ticketnum; no message text (search.py)
    search=frozenset({SearchKind.NUMBER, SearchKind.TITLE, SearchKind.CUSTOMER, SearchKind.WORDS}),
    search_customer_by=frozenset({CustomerBy.EMAIL}),
    # WHMCS's predefined replies, where Keliweb passes them on (predefined_replies.py)
    reply_templates=True,
    # WHMCS has no owner: a ticket is "flagged" to an admin, shown in the owner column.
    column_titles={"category": "Department", "owner": "Flagged"},
    # The edit form keys those two columns by WHMCS's own names (bulk actions change them).
    field_keys={"category": "department", "owner": "flag"},
    hidden_columns=frozenset({"read", "deadline", "tags"}),  # "tags": a fact, not a column
    # The API signs in as the customer: add-ticket-reply posts the account's own message.
    reply_label="Reply as account",
    reply_title="Reply as the account",
    reply_hint=(
        "Posted as the account's own message (the API signs in as the customer), "
        "not as staff: Keliweb's support team receives it."
    ),
    # Attachments (attachments.py): get-ticket lists them, get-ticket-attachment sends them
    # (where Keliweb passes it on), the write calls take them inline as base64.
    attachment_list=True,
    attachment_download=True,
    attachment_upload=True,
    # PHP's default post_max_size is 8 MiB for the whole request and base64 makes a file 4/3
    # larger (form encoding adds more): 5 MB of file fits with room to spare.
    attachment_limit=5_000_000,
    attachment_limit_why="Keliweb takes a file inline in one request, 8 MB at most by default",
    note_title="Ticket note",
    note_hint="Kept out of the reply thread: Keliweb's staff can read it, the client area not.",
)
