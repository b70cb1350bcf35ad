"""Ticket message bodies as the terminal shows them.

WHMCS stores bodies through ``getSafeMessage()``: HTML entities (``&amp;``, ``&#039;``), escaped
markup from HTML mail, ``\\r\\n`` line breaks, and Markdown where the ticket was written with
``markdown=true``. We unescape, turn markup into text with ``html_to_text`` and keep Markdown as
it is (it reads well as plain text).
"""

from __future__ import annotations

import html

from tickettui.core.html_text import html_to_text, looks_like_html


def body_text(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        return html_to_text(text)  # decodes the entities itself, once
    text = html.unescape(text)
    if looks_like_html(text):  # markup that getSafeMessage() escaped
        return html_to_text(text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
