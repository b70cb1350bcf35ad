"""The PHP behaviours WHMCS input goes through: htmlspecialchars and (int) casts."""

from __future__ import annotations

import re

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})
_LEADING_INT = re.compile(r"^\s*([+-]?\d+)")


def encode(text: str) -> str:
    """``htmlspecialchars($text, ENT_QUOTES)``: WHMCS stores (and returns) input encoded."""
    return text.translate(_ENTITIES)


def intval(value: str | None) -> int:
    """PHP's ``(int)`` cast: leading digits count, anything else is 0."""
    if value is None:
        return 0
    match = _LEADING_INT.match(value)
    return int(match.group(1)) if match else 0


def truthy(value: str | None) -> bool:
    """How WHMCS reads boolean flags from a form (``"1"``, ``"true"``, ``"on"``)."""
    return (value or "").strip().lower() in ("1", "true", "on", "yes")
