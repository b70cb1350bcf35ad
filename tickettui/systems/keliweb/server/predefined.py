"""WHMCS's predefined replies: ``get-ticket-predefined-cats`` and
``get-ticket-predefined-replies``. Keliweb's documentation has neither (the slugs follow its
naming pattern, TRIAGE-CALLS §4), and it most likely does not pass them on: by default this
server answers them 404 like any route it does not have.
``create_app(predefined_replies=True)``, or ``TICKETTUI_KELIWEB_PREDEFINED_REPLIES=1`` in the
server's environment, turns them on, with WHMCS's shapes: every value a string, lists wrapped
(``categories.category[]``, ``predefinedreplies.predefinedreply[]``), sorted by name, replies
without id or category, placeholders such as ``[NAME]`` unreplaced, text stored HTML-escaped as
WHMCS stores what admins type. Fixed data, not drawn from the seed's random stream: the seeded
tickets stay as they were.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from tickettui.systems.keliweb.server.php import encode

ENV_SWITCH = "TICKETTUI_KELIWEB_PREDEFINED_REPLIES"

# (id, parent id, name)
CATEGORIES = (
    (1, 0, "Accounts & logins"),
    (2, 0, "Billing"),
    (3, 0, "Domains"),
    (4, 3, "Transfers"),
    (5, 0, "Unused"),
)
# category id -> (name, reply); CRLF line breaks as WHMCS's admin textarea sends them.
REPLIES: dict[int, tuple[tuple[str, str], ...]] = {
    1: (
        (
            "Reset password",
            'Hello [NAME],\r\n\r\nUse the link on the login page ("Forgot password?") to set '
            "a new password. The e-mail goes to [EMAIL].\r\n\r\nKind regards",
        ),
        (
            "Two-factor locked out",
            "Hi [FIRSTNAME],\r\n\r\nWe have turned two-factor authentication off for your "
            "account. Please turn it on again after logging in.\r\n\r\n[SIGNATURE]",
        ),
    ),
    2: (
        (
            "Invoice <paid>",
            "Hello [NAME],\r\n\r\nThe invoice is marked as paid & a receipt is on its "
            "way.\r\n\r\nKind regards",
        ),
        (
            "Hostile sample",
            "Hello [NAME],\r\n\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[31m[bold]see[/bold] "
            "[link=https://evil.example]here[/link]",
        ),
    ),
    3: (
        (
            "DNS propagation",
            "Hello [NAME],\r\n\r\nDNS changes can take up to 24 hours to be visible "
            "everywhere.\r\n\r\nKind regards",
        ),
    ),
    4: (
        (
            "Transfer authorisation code",
            "Hello [NAME],\r\n\r\nPlease send us the domain's EPP/authorisation code so we can "
            "start the transfer.\r\n\r\nKind regards",
        ),
    ),
}


def enabled(setting: bool | None, environ: Mapping[str, str] | None = None) -> bool:
    """The explicit setting, else the environment switch (off unless 1/true/yes)."""
    if setting is not None:
        return setting
    env = os.environ if environ is None else environ
    return env.get(ENV_SWITCH, "").strip().lower() in ("1", "true", "yes")


def get_categories(_call: Any) -> dict[str, Any]:
    rows = sorted(CATEGORIES, key=lambda row: row[2].lower())
    return {
        "result": "success",
        "totalresults": str(len(rows)),
        "categories": {
            "category": [
                {
                    "id": str(cid),
                    "parentid": str(parent),
                    "name": encode(name),
                    "replycount": str(len(REPLIES.get(cid, ()))),
                }
                for cid, parent, name in rows
            ]
        },
    }


def get_replies(call: Any) -> dict[str, Any]:
    """One category's replies (``catid``), or every reply without it, sorted by name."""
    catid = call.get("catid").strip()
    if catid:
        try:
            wanted: list[tuple[str, str]] = list(REPLIES.get(int(catid), ()))
        except ValueError:
            wanted = []  # WHMCS casts (int) "abc" to 0: no category 0, no replies
    else:
        wanted = [reply for replies in REPLIES.values() for reply in replies]
    wanted.sort(key=lambda reply: reply[0].lower())
    return {
        "result": "success",
        "totalresults": str(len(wanted)),
        "predefinedreplies": {
            "predefinedreply": [{"name": encode(n), "reply": encode(r)} for n, r in wanted]
        },
    }


ACTIONS = {
    "get-ticket-predefined-cats": get_categories,
    "get-ticket-predefined-replies": get_replies,
}
