"""Whatever JSON a server sends, a decoder answers a model or a clear TicketTuiError."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tickettui.core.errors import TicketTuiError
from tickettui.systems.keliweb.bodies import body_text
from tickettui.systems.keliweb.decoding import (
    decode_action,
    decode_departments,
    decode_statuses,
    decode_ticket,
    decode_tickets,
    decode_token,
)
from tickettui.systems.keliweb.mapping import messages_from_ticket

SAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "fixtures" / "docs_get_ticket.json").read_text()
)

DECODERS: list[Callable[[Any], object]] = [
    decode_ticket,
    decode_tickets,
    decode_departments,
    decode_statuses,
    decode_token,
    lambda data: decode_action(data, action="update-ticket"),
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["", "0", "12", " 7 ", "0000-00-00 00:00:00", "2016-01-01 06:26:29", "error"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
KEYS = [
    "result", "message", "ticketid", "id", "tid", "ticketnum", "deptid", "flag", "date",
    "lastreply",
    "replies", "notes", "reply", "note", "tickets", "ticket", "departments", "department",
    "statuses", "status", "totalresults", "title", "color", "access_token", "refresh_token",
    "expires_in", "token_type", "replyid", "noteid", "admin",
]  # fmt: skip
shaped = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8)


def _decodes_or_fails_clearly(decoder: Callable[[Any], object], data: Any) -> None:
    try:
        decoder(data)
    except TicketTuiError as error:
        assert "\n" not in str(error) and str(error)


@pytest.mark.parametrize("decoder", DECODERS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=json_values | shaped)
def test_arbitrary_json(decoder: Callable[[Any], object], data: Any) -> None:
    _decodes_or_fails_clearly(decoder, data)


def _mutate(value: Any, path: list[Any], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _mutate(value[head], rest, new)}
    copy = list(value)
    copy[head] = _mutate(copy[head], rest, new)
    return copy


def _paths(value: Any, prefix: list[Any]) -> list[list[Any]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, [*prefix, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, [*prefix, index])
    return found


SAMPLE_PATHS = _paths(SAMPLE, [])


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(SAMPLE_PATHS), new=json_values)
def test_the_docs_sample_with_any_one_value_replaced(path: list[Any], new: Any) -> None:
    data = _mutate(SAMPLE, path, new)
    try:
        ticket = decode_ticket(data)
    except TicketTuiError as error:
        assert "\n" not in str(error)
        return
    for message in messages_from_ticket(ticket):  # and the mapping copes with what decoded
        assert isinstance(message.body, str)


@settings(max_examples=200, deadline=None)
@given(raw=st.text(max_size=200))
def test_any_body_becomes_text(raw: str) -> None:
    text = body_text(raw)
    assert "\r" not in text
