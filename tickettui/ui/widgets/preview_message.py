"""The preview's last part: the first lines of the latest message the customer wrote, with its
author and time, so an agent can triage from the queue without opening the ticket.

What the customer wrote, not the history their mail client quoted under it nor their signature.
Only the body's first ``LOOKED_AT`` characters are ever looked at: a 1 MB forwarded log costs
what a short note costs. Server text is made inert (``core/safe_text.inert``) and shown as plain
``Text``, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text

from tickettui.core.domain import MessageKind
from tickettui.core.safe_text import inert, inert_line
from tickettui.ui.widgets.text_wrap import wrap_line

if TYPE_CHECKING:
    from tickettui.core.domain import Message


__all__ = ["LOOKED_AT", "MIN_LINES", "first_lines", "latest_from_customer", "message_part"]

LOOKED_AT = 8_000  # characters of a body read for the preview, however long it is
MIN_LINES = 3  # lines of the body shown even when the pane is short (it scrolls)
TAB = 4


def latest_from_customer(messages: Sequence[Message]) -> Message | None:
    """The customer's latest message of a thread (oldest first, as backends give it), its body
    cut to what the preview reads (so a copy kept for the preview holds no 1 MB body)."""
    latest = next((m for m in reversed(messages) if m.kind is MessageKind.CUSTOMER), None)
    if latest is None or len(latest.body) <= LOOKED_AT:
        return latest
    return replace(latest, body=latest.body[:LOOKED_AT])


def written(text: str) -> list[str]:
    """The lines the customer wrote: quoted history and the signature left out
    (``core.quote_folding``), unless that leaves nothing (a bare forward)."""
    # Imported here: the queue's first frame has no message in its preview (issue 16).
    from tickettui.core.quote_folding import SegmentKind, segments

    own = [line for part in segments(text) if part.kind is SegmentKind.TEXT for line in part.lines]
    return own if any(line.strip() for line in own) else text.split("\n")


def first_lines(body: str, width: int, count: int) -> list[str]:
    """The first ``count`` display lines of what ``body``'s writer wrote (no quoted history,
    no signature), wrapped to ``width`` cells, inert, blank lines left out (a preview has no
    room for them)."""
    text = inert(body[:LOOKED_AT].replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[str] = []
    for raw in written(text):
        line = raw.expandtabs(TAB).rstrip()
        if not line.strip():
            continue
        lines.extend(wrap_line(line, width))
        if len(lines) >= count:
            break
    return lines[:count]


def message_part(
    message: Message | None,
    width: int,
    count: int,
    *,
    when: Callable[[datetime | None], str],
    label: Style,
    note: Style,
) -> list[RenderableType]:
    """What the preview shows for ``message`` (None: the customer wrote none): a heading with
    author and time (``when`` writes it as the pane writes times), then ``count`` lines of the
    body wrapped to ``width`` cells (at least ``MIN_LINES``)."""
    if message is None:
        return [Text("No message from the customer", style=note)]
    heading = Text("Latest from the customer", style=label)
    for part in (inert_line(message.author).strip(), when(message.created)):
        if part:
            heading.append(" · ", style=label)
            heading.append(part)
    body = first_lines(message.body, width, max(count, MIN_LINES))
    if not body:
        return [heading, Text("(empty)", style=note)]
    return [heading, Text("\n".join(body), no_wrap=True, overflow="ellipsis")]
