"""Three-way merge of an edit against what another writer saved meanwhile.

base = what the server had when the edit started, mine = the form, theirs = the server now.
Per field: only one side changed -> take that side; both changed to the same -> fine;
both changed differently -> a conflict the user decides. Nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tickettui.core.domain import FieldValue


@dataclass(slots=True, frozen=True)
class FieldConflict:
    key: str
    base: FieldValue
    mine: FieldValue
    theirs: FieldValue


@dataclass(slots=True)
class MergeResult:
    values: dict[str, FieldValue]  # what to save where there is no conflict
    mine_changed: list[str] = field(default_factory=list)
    theirs_changed: list[str] = field(default_factory=list)  # kept from the other writer
    conflicts: list[FieldConflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def three_way_merge(
    keys: Iterable[str],
    base: Mapping[str, FieldValue],
    mine: Mapping[str, FieldValue],
    theirs: Mapping[str, FieldValue],
) -> MergeResult:
    result = MergeResult(values={})
    for key in keys:
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        mine_moved, theirs_moved = m != b, t != b
        if mine_moved and theirs_moved and m != t:
            result.conflicts.append(FieldConflict(key, b, m, t))
            result.values[key] = t
        elif mine_moved:
            result.mine_changed.append(key)
            result.values[key] = m
        else:
            if theirs_moved:
                result.theirs_changed.append(key)
            result.values[key] = t
    return result
