"""A ticket's web address, links found in message bodies, and text made safe for a clipboard.

The web address comes from a template with ``{id}`` (the backend's id) and ``{number}`` (the
number users quote): the profile's ``web_url``, else the system's usual agent page. Both values
are percent-encoded, so a hostile ticket number cannot add a query parameter or a path.

Links in message bodies are only ever ``http``, ``https`` or ``mailto`` URLs without control
characters, whitespace or quotes and at most ``MAX_LINK`` characters: anything else stays plain
text. What is copied has its control characters removed (an ESC, a BEL, C1 controls, BiDi and
invisible characters), so a body cannot carry its own OSC 52 or OSC 8 sequence through a copy.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote

from tickettui.core.errors import ConfigurationError

__all__ = [
    "MAX_LINK",
    "check_template",
    "clipboard_text",
    "link_spans",
    "safe_link",
    "web_url",
]

MAX_LINK = 2048  # longer is no link a person clicks, and it would bloat every line it is on
_FIELDS = frozenset({"id", "number"})
# Candidates: a scheme and every character up to whitespace, a quote, a bracket or another
# character RFC 3986 never has unencoded (so "[link=https://x]" stops at the "]").
_CANDIDATE = re.compile(r"(?:https?://|mailto:)[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
_NOT_IN_URL = frozenset("<>\"'`[]{}|\\^")
# Sentence punctuation after a URL ("see https://x.example/a."): not part of it.
_TRAILING = ".,;:!?)]}"
# C0, DEL, C1, and the invisible and BiDi characters core.safe_text stands in for.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def check_template(template: str) -> str:
    """A ``web_url`` template as written, or a ConfigurationError saying what is wrong."""
    if not template.lower().startswith(("https://", "http://")):
        raise ConfigurationError("web_url must start with https:// or http://")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise ConfigurationError(f"web_url: {error}") from None
    unknown = names - _FIELDS
    if unknown:
        raise ConfigurationError(
            f"web_url: unknown placeholder {', '.join(sorted(unknown))}; use {{id}} or {{number}}"
        )
    if _CONTROL.search(template) or any(ch.isspace() for ch in template):
        raise ConfigurationError("web_url must not contain spaces or control characters")
    return template


def web_url(template: str, ticket_id: int, number: str) -> str:
    """The ticket's page: ``template`` with its id and number filled in (percent-encoded)."""
    return template.format(id=quote(str(ticket_id), safe=""), number=quote(number, safe=""))


def safe_link(url: str) -> bool:
    """Whether ``url`` may become a clickable link (OSC 8) or be opened by a browser."""
    if not url or len(url) > MAX_LINK or _CONTROL.search(url):
        return False
    if any(ch.isspace() or ch in _NOT_IN_URL for ch in url):
        return False
    lowered = url.lower()
    if lowered.startswith("mailto:"):
        return len(url) > len("mailto:")
    if not lowered.startswith(("https://", "http://")):
        return False
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return bool(host) and "@" not in host  # user@host hides the real host from a reader


def link_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, url)`` of each safe link in ``text``, in order."""
    spans: list[tuple[int, int, str]] = []
    for match in _CANDIDATE.finditer(text):
        url = match.group().rstrip(_TRAILING)
        # A ")" that closes a "(" inside the URL (Wikipedia's) belongs to it.
        while match.group()[len(url) : len(url) + 1] == ")" and url.count("(") > url.count(")"):
            url += ")"
        if safe_link(url):
            spans.append((match.start(), match.start() + len(url), url))
    return spans


def clipboard_text(text: str) -> str:
    """Text to copy: line breaks and tabs kept, every control and invisible character gone."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
