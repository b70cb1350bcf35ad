"""A section is stored compressed, column by column, written a chunk at a time; entries written
by older versions (one JSON document, plain or compressed; columns in JSON) still load, and a
damaged one is thrown away rather than shown."""

from __future__ import annotations

import json
import marshal
import zlib
from datetime import UTC, datetime, timedelta

import pytest

from tests.cache.section_documents import columns_in_json, one_document
from tickettui.cache.codec import (
    ENCODE_CHUNK,
    SECTION_MAGIC,
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


@pytest.mark.parametrize("count", [0, 1, 2 * ENCODE_CHUNK + 7])
def test_a_section_the_previous_version_wrote_in_json_columns_still_loads(count: int) -> None:
    tickets = queue(count)
    assert decode_summaries(columns_in_json(tickets)) == tickets


def test_equal_titles_come_back_as_one_string_and_statuses_from_the_table() -> None:
    # Memory at 100k rows: a repeated value is kept once, across chunks too.
    tickets = [TicketSummary(id=n, title="Printer on fire", status="Open") for n in range(5000)]
    back = decode_summaries(encode_summaries(tickets))
    assert len({id(t.title) for t in back}) == 1 and len({id(t.status) for t in back}) == 1


def blob_parts(blob: bytes) -> list[bytes]:
    parts, at = [], len(SECTION_MAGIC)
    while at < len(blob):
        size = int.from_bytes(blob[at : at + 4], "big")
        parts.append(zlib.decompress(blob[at + 4 : at + 4 + size]))
        at += 4 + size
    return parts


def blob_of(parts: list[bytes]) -> bytes:
    packed = [zlib.compress(part) for part in parts]
    return SECTION_MAGIC + b"".join(len(part).to_bytes(4, "big") + part for part in packed)


def chunk(value: object) -> bytes:
    data = marshal.dumps(value)
    return len(data).to_bytes(4, "big") + data


def test_a_section_from_another_pythons_marshal_or_with_a_wrong_cell_is_a_format_error() -> None:
    parts = blob_parts(encode_summaries(queue(3)))
    assert decode_summaries(blob_of(parts)) == queue(3)
    header = json.loads(parts[0])
    other_python = [json.dumps(header | {"marshal": header["marshal"] + 1}).encode(), *parts[1:]]
    ids, ranks = 1, 1 + header["columns"].index("priority_rank")
    damaged = [
        other_python,
        [*parts[:ids], chunk((0, 1, 2)), *parts[ids + 1 :]],  # not a list
        [*parts[:ids], chunk([0, 1, "2"]), *parts[ids + 1 :]],  # an id that is not a number
        [*parts[:ranks], chunk([1, True, None]), *parts[ranks + 1 :]],  # a rank that is a bool
        [*parts[:ids], chunk([0, 1, 2])[:-3], *parts[ids + 1 :]],  # a chunk cut short
    ]
    for blob in map(blob_of, damaged):
        with pytest.raises(CacheFormatError):
            decode_summaries(blob)
