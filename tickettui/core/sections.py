"""A profile's own sections together with a system's default ones."""

from __future__ import annotations

from collections.abc import Sequence

from tickettui.core.domain import Section

__all__ = ["merged_sections"]


def merged_sections(
    defaults: Sequence[Section], own: Sequence[Section], *, replace: bool = False
) -> list[Section]:
    """The defaults with the profile's own after them (same key: the profile's wins in the
    default's place); ``replace``: the profile's own only."""
    if replace:
        return list(own)
    by_key = {s.key: s for s in own}
    merged = [by_key.pop(s.key, s) for s in defaults]
    return merged + [s for s in own if s.key in by_key]
