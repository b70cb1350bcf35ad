"""A section is stored compressed, column by column, written a chunk at a time; entries written
as one JSON document by an older version (plain or compressed) still load, and a damaged one
is thrown away rather than shown."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime, timedelta

import pytest

from tests.cache.section_documents import one_document
from tickettui.cache.codec import (
    ENCODE_CHUNK,
    CacheFormatError,
    decode_summaries,
    encode_summaries,
)
from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def queue(count: int) -> list[TicketSummary]:
    """More rows than one chunk, with every kind of value: text beyond ASCII, missing dates."""
    return [
        TicketSummary(
            id=n,
            title=f"Printer «{n}» on fire ✓",
            status=("Open", "Waiting for customer")[n % 2],
            status_kind=(StatusKind.ACTIVE, StatusKind.POSTPONED)[n % 2],
            status_colour=None if n % 3 else "#ff0000",
            priority="High",
            owner="Søren Kierkegaard" if n % 5 else "",
            customer=f"東京 {n}",
            created=START - timedelta(hours=n),
            deadline=None if n % 4 else START + timedelta(days=1),
            read_status=ReadStatus.UNREAD,
            number=str(1000 + n),
            priority_rank=n % 3 or None,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [0, 1, ENCODE_CHUNK, 2 * ENCODE_CHUNK + 7])
def test_a_section_round_trips_across_chunk_boundaries(count: int) -> None:
    tickets = queue(count)
    assert decode_summaries(encode_summaries(tickets)) == tickets


def test_the_blob_is_much_smaller_than_the_json_of_its_columns() -> None:
    tickets = queue(3 * ENCODE_CHUNK)
    text = json.dumps(one_document(tickets), ensure_ascii=False, separators=(",", ":"))
    assert len(encode_summaries(tickets)) * 4 < len(text.encode())


def test_an_entry_written_as_one_document_before_still_loads_plain_or_compressed() -> None:
    tickets = queue(5)
    document = json.dumps(one_document(tickets), ensure_ascii=False).encode()
    assert decode_summaries(document) == tickets
    assert decode_summaries(zlib.compress(document)) == tickets


def test_a_damaged_compressed_entry_is_a_format_error() -> None:
    blob = encode_summaries(queue(50))
    with pytest.raises(CacheFormatError):
        decode_summaries(blob[: len(blob) // 2])
