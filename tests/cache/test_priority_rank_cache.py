"""The disk cache keeps a priority's rank; a section or a detail written before ranks were kept
still loads (ranks unknown until the fresh list arrives)."""

from __future__ import annotations

import json

from tests.cache.section_documents import one_document
from tickettui.cache.codec import decode_detail, decode_summaries, encode_detail, encode_summaries
from tickettui.core.domain import TicketDetail, TicketSummary

TICKETS = [
    TicketSummary(id=1, title="a", priority="Critical", priority_rank=4),
    TicketSummary(id=2, title="b", priority="Low", priority_rank=1),
    TicketSummary(id=3, title="c"),
]


def test_ranks_round_trip() -> None:
    assert decode_summaries(encode_summaries(TICKETS)) == TICKETS
    detail = TicketDetail(TICKETS[0])
    assert decode_detail(encode_detail(detail)).summary.priority_rank == 4


def test_an_older_section_loads_without_ranks() -> None:
    payload = one_document(TICKETS)  # as versions before the column-by-column blob wrote it
    del payload["c"]["priority_rank"]
    tickets = decode_summaries(json.dumps(payload).encode())
    assert [t.priority for t in tickets] == ["Critical", "Low", ""]
    assert [t.priority_rank for t in tickets] == [None, None, None]


def test_an_older_detail_loads_without_a_rank() -> None:
    payload = json.loads(encode_detail(TicketDetail(TICKETS[0])))
    del payload["summary"]["priority_rank"]
    assert decode_detail(json.dumps(payload).encode()).summary.priority_rank is None
