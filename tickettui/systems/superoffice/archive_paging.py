"""Paging through an OData archive with ``$top``/``$skip``: the query parameters of a page,
and reading pages until a short one, a window of them at a time.

``odata.nextLink`` is not used: real tenants leave it out or get it wrong.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from tickettui.core.errors import UnexpectedResponse
from tickettui.core.http.pool import bounded

T = TypeVar("T")


def archive_params(
    select: Sequence[str], filter: str | None, order_by: str | None, top: int, skip: int
) -> dict[str, str | int]:
    params: dict[str, str | int] = {"$select": ",".join(select), "$top": top, "$skip": skip}
    if filter:
        params["$filter"] = filter
    if order_by:
        params["$orderBy"] = order_by
    return params


async def every_page(
    page: Callable[[int, int], Awaitable[tuple[int | None, list[T]]]],
    page_size: int,
    concurrency: int,
    *,
    host: str,
    provider_path: str,
) -> list[T]:
    """Every row: ``page(top, skip)`` -> (first row's key, rows), until a short page.

    The first page comes alone (most lists fit in one); after a full page, ``concurrency``
    pages are requested at once. ``host`` and ``provider_path`` name the server and archive
    in the error raised when the server ignores ``$skip``.
    """
    size = max(1, page_size)
    rows: list[T] = []
    skip = 0
    window = 1
    last_first_key: int | None = None
    while True:
        starts = [skip + i * size for i in range(window)]

        def fetch(start: int) -> Callable[[], Awaitable[tuple[int | None, list[T]]]]:
            return lambda: page(size, start)

        pages = await bounded([fetch(s) for s in starts], window)
        for first_key, values in pages:
            if values and len(values) >= size:
                if first_key is not None and first_key == last_first_key:
                    raise UnexpectedResponse(
                        f"The server at {host} ignores $skip on {provider_path}: "
                        "paging would never end"
                    )
                last_first_key = first_key
            rows.extend(values)
            if len(values) != size:  # short page (or a server that ignores $top)
                return rows
        skip += window * size
        window = max(1, concurrency)
