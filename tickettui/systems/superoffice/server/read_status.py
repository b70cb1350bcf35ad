"""``UpdateTicketsReadStatus``: the explicit read-status change (NOTES section 6).

Red = not read by the owner since creation/assignment; Yellow = new information since
the owner read it; Green = read. Saves and messages move tickets to Red/Yellow (see
ticket_save.py and message_save.py); only this call turns them Green. Reading a ticket
through GET does not mark it read.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.dates import to_stored
from tickettui.systems.superoffice.server.errors import bad_request


def update_read_status(
    conn: sqlite3.Connection, ticket_ids: list[int], new_status: object, now: datetime
) -> list[int]:
    try:
        status = enums.parse_enum(enums.READ_STATUS, new_status)
    except ValueError:
        raise bad_request(f"Invalid NewStatus {new_status!r}; use Green, Yellow or Red") from None
    if status == 0:
        raise bad_request("NewStatus must be Green, Yellow or Red")
    stamp = to_stored(now)
    updated: list[int] = []
    conn.execute("BEGIN")
    try:
        for ticket_id in dict.fromkeys(ticket_ids):
            if status == enums.GREEN:
                cursor = conn.execute(
                    "UPDATE ticket SET read_status = ?, read_by_owner = ?, "
                    "first_read_by_owner = COALESCE(first_read_by_owner, ?), "
                    "first_read_by_user = COALESCE(first_read_by_user, ?) WHERE ticket_id = ?",
                    (status, stamp, stamp, stamp, ticket_id),
                )
            else:
                cursor = conn.execute(
                    "UPDATE ticket SET read_status = ? WHERE ticket_id = ?", (status, ticket_id)
                )
            if cursor.rowcount:
                updated.append(ticket_id)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return updated
