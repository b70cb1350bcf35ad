"""Durations the way agents say them: "3h 20m", "2d 4h", "45s"."""

from __future__ import annotations


def human_duration(seconds: int | None) -> str:
    """Two most significant units; "—" for unknown, "0m" for zero."""
    if seconds is None:
        return "—"
    sign = "-" if seconds < 0 else ""
    remaining = abs(int(seconds))
    if remaining == 0:
        return "0m"
    if remaining < 60:
        return f"{sign}{remaining}s"
    parts: list[str] = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        count, remaining = divmod(remaining, size)
        if count or parts:
            parts.append(f"{count}{unit}")
    shown = [p for p in parts if not p.startswith("0")][:2] or parts[:1]
    return sign + " ".join(shown)
