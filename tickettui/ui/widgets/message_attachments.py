"""The lines under a message that name its attachments: name, size and type, inert.

The thread (``ThreadView``) adds them after the message's body; ``A`` on the ticket opens the
list that saves and opens them (``ui/screens/attachments.py``). A name is the customer's text:
it goes through ``core.attachments.attachment_row`` (inert, one line) and is cut to the width.
"""

from __future__ import annotations

from tickettui.core.attachments import attachment_row
from tickettui.core.domain import Message

__all__ = ["LABEL", "attachment_lines"]

LABEL = "Attached: "


def _fitted(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def attachment_lines(message: Message, width: int) -> list[str]:
    """One line per attachment of ``message`` (none without), at most ``width`` long."""
    lines = []
    for attachment in message.attachments:
        name, size, kind = attachment_row(attachment)
        lines.append(_fitted(f"{LABEL}{name} · {size} · {kind}", width))
    return lines
