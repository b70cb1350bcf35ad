"""Defence in depth for logs: blank out credentials that should never have got there.

Every secret the chain hands out is registered here; :func:`redact` also blanks anything that
looks like an Authorization header value.
"""

from __future__ import annotations

import logging
import re

from pydantic import SecretStr

REDACTED = "[redacted]"

_known: set[str] = set()

_PATTERNS = (
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+(?:\s+[^\s\"',}]+)?"),
    re.compile(r"(?i)(so-apptoken[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
    re.compile(r"(?i)(x-xsrf-token[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
    # A credential after its scheme word; 8+ characters so "Basic login" stays readable.
    re.compile(r"\b((?:Basic|Bearer|SOTicket)\s+)[A-Za-z0-9+/=._:~-]{8,}"),
    re.compile(r"(?i)\b((?:password|token|secret)\s*[=:]\s*)[^\s\"',}]+"),
)


def register_secret(secret: SecretStr | str) -> None:
    value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    if len(value) >= 3:  # a one- or two-letter "secret" would blank half the log
        _known.add(value)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
    for secret in sorted(_known, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual (message, arguments, traceback), then redacts the whole text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
