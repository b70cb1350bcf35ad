"""The disk cache keeps aware times with their offset; a section or a detail written while
times were naive (local time) still loads, as aware local times (issue 19)."""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.cache.section_documents import one_document
from tickettui.cache.codec import decode_detail, decode_summaries, encode_detail, encode_summaries
from tickettui.core.domain import TicketDetail, TicketSummary

OSLO_WINTER = timezone(timedelta(hours=1))


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_aware_times_keep_their_offset() -> None:
    moment = datetime(2026, 12, 4, 2, 34, 45, tzinfo=OSLO_WINTER)
    tickets = [TicketSummary(id=1, title="t", created=moment, deadline=moment)]
    (back,) = decode_summaries(encode_summaries(tickets))
    assert back.created == moment and back.created.utcoffset() == timedelta(hours=1)
    detail = decode_detail(encode_detail(TicketDetail(tickets[0], closed_at=moment)))
    assert detail.closed_at == moment and detail.summary.deadline == moment


def test_naive_times_written_before_load_as_local_times() -> None:
    naive = datetime(2026, 12, 4, 1, 34, 45)
    document = one_document([TicketSummary(id=1, title="t")])
    document["c"]["created"] = [naive.isoformat()]
    (back,) = decode_summaries(json.dumps(document).encode())
    assert back.created == datetime(2026, 12, 4, 1, 34, 45, tzinfo=UTC)

    detail = json.loads(encode_detail(TicketDetail(TicketSummary(id=1, title="t"))))
    detail["summary"]["last_changed"] = naive.isoformat()
    detail["replied_at"] = naive.isoformat()
    back_detail = decode_detail(json.dumps(detail).encode())
    assert back_detail.summary.last_changed == datetime(2026, 12, 4, 1, 34, 45, tzinfo=UTC)
    assert back_detail.replied_at is not None and back_detail.replied_at.tzinfo is not None


def test_a_section_written_as_one_document_still_loads_compressed_or_plain() -> None:
    moment = datetime(2026, 12, 4, 2, 34, 45, tzinfo=OSLO_WINTER)
    tickets = [TicketSummary(id=1, title="Printer", created=moment)]
    document = json.dumps(one_document(tickets)).encode()
    for blob in (document, zlib.compress(document)):
        assert decode_summaries(blob) == tickets
