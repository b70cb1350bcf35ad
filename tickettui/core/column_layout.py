"""How the queue's columns share a terminal's width (UI-free, so it is testable without one).

``width`` of a column is a fixed number of cells (int) or a share of the space left over
(float); ``min_width`` is how far a narrow terminal may squeeze it; ``drop_rank`` > 0 lets a
too-narrow terminal drop it (highest rank first).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tickettui.core.columns import Column

__all__ = ["GAP", "layout_widths"]

GAP = 1  # cells between two columns


def layout_widths(columns: Sequence[Column], total: int) -> list[int]:
    """Cell widths that fit ``total``: fixed columns first, the rest to fractional ones.

    Too narrow: fixed columns shrink towards ``min_width``, then droppable columns go (width 0).
    """
    shown = list(range(len(columns)))
    while True:
        widths = _fit(columns, shown, total)
        if widths is not None or not shown:
            break
        droppable = [i for i in shown if columns[i].drop_rank > 0]
        if not droppable:
            widths = _fit(columns, shown, total, force=True)
            break
        shown.remove(max(droppable, key=lambda i: columns[i].drop_rank))
    result = [0] * len(columns)
    for index, width in zip(shown, widths or [], strict=False):
        result[index] = width
    return result


def _fit(
    columns: Sequence[Column], shown: list[int], total: int, force: bool = False
) -> list[int] | None:
    available = total - GAP * max(0, len(shown) - 1)
    cols = [columns[i] for i in shown]
    fixed = [c.width if isinstance(c.width, int) else 0 for c in cols]
    flex_min = sum(c.min_width for c in cols if not isinstance(c.width, int))
    excess = sum(fixed) + flex_min - available
    if excess > 0:
        slack = [
            f - min(f, c.min_width) if isinstance(c.width, int) else 0
            for f, c in zip(fixed, cols, strict=True)
        ]
        total_slack = sum(slack)
        if total_slack < excess and not force:
            return None
        # Shrink every squeezable column in proportion to how much it can give...
        cuts = [min(give, excess * give // total_slack) if total_slack else 0 for give in slack]
        # ...then take the rounding remainder one cell at a time from the roomiest.
        while sum(cuts) < excess and any(c < g for c, g in zip(cuts, slack, strict=True)):
            i = max(range(len(cols)), key=lambda j: slack[j] - cuts[j])
            cuts[i] += 1
        fixed = [f - c for f, c in zip(fixed, cuts, strict=True)]
    left = max(0, available - sum(fixed))
    flex = [(i, float(c.width)) for i, c in enumerate(cols) if not isinstance(c.width, int)]
    share_total = sum(share for _, share in flex) or 1.0
    given = 0
    for n, (i, share) in enumerate(flex):
        width = left - given if n == len(flex) - 1 else int(left * share / share_total)
        fixed[i] = max(0, width)
        given += fixed[i]
    return fixed
