"""The field kinds a tenant's own fields bring (numbers, yes/no, days): what an input shows,
what it reads back as, what is refused, what `edit --set` takes, how a draft keeps them, and
how a value reads in a sentence."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from tickettui.core.domain import Choice, EditForm, FieldKind, FieldSpec, FieldValue
from tickettui.core.drafts import DraftStore, decode_values, encode_values
from tickettui.core.edit_session import EditSession
from tickettui.core.field_codecs import CODECS, FieldError, Reading
from tickettui.core.field_values import format_number, parse_number, value_text

NOW = datetime(2026, 11, 23, 14, 5)
USERS = FieldSpec("x_users", "Affected users", FieldKind.NUMBER, decimals=0)
HOURS = FieldSpec("x_hours", "Hours quoted", FieldKind.NUMBER, decimals=1)
BREACHED = FieldSpec("x_breached", "SLA breached", FieldKind.BOOL)
RENEWAL = FieldSpec("x_renewal", "Renewal date", FieldKind.DATE)
LEVEL = FieldSpec(
    "x_level",
    "Contract level",
    FieldKind.CHOICE,
    (Choice("Gold", "Gold"), Choice("Silver", "Silver")),
)
SPECS = (USERS, HOURS, BREACHED, RENEWAL, LEVEL)
ON_SERVER: dict[str, FieldValue] = {
    "x_users": 42,
    "x_hours": 2.25,
    "x_breached": False,
    "x_renewal": date(2027, 3, 31),
    "x_level": "Gold",
}


def read(spec: FieldSpec, raw: Any, base: FieldValue = None) -> FieldValue:
    return CODECS[spec.kind].read(raw, Reading(spec, base, False, NOW))


def from_text(spec: FieldSpec, text: str) -> FieldValue:
    """What `tickettui edit --set KEY=TEXT` saves."""
    return read(spec, CODECS[spec.kind].from_text(spec, text))


class OneTicket:
    async def edit_form(self, ticket_id: int | None) -> EditForm:
        return EditForm(12, SPECS, dict(ON_SERVER), dict(ON_SERVER))


# --- numbers -----------------------------------------------------------------------------------


def test_a_number_shows_plainly_and_reads_back_as_the_server_had_it() -> None:
    show = CODECS[FieldKind.NUMBER].show
    assert show(USERS, 42) == "42"
    assert show(HOURS, 2.25) == "2.25"
    assert show(HOURS, 1e-05) == "0.00001"  # never an exponent
    assert show(HOURS, None) == ""
    assert read(HOURS, "2.25", base=2.25) == 2.25
    assert read(HOURS, " 2,5 ", base=2.25) == 2.5  # a decimal comma is a point
    assert read(USERS, "1 200") == 1200 and isinstance(read(USERS, "7"), int)
    assert read(USERS, "") is None


@pytest.mark.parametrize(
    ("spec", "typed", "problem"),
    [
        (USERS, "2.5", "Not a whole number"),
        (USERS, "3000000000", "Too large"),
        (HOURS, "two", "Not a number: 'two'"),
        (HOURS, "1.2.3", "Not a number"),
    ],
)
def test_what_is_not_a_number_is_refused(spec: FieldSpec, typed: str, problem: str) -> None:
    with pytest.raises(FieldError, match=problem):
        read(spec, typed)


def test_a_required_number_must_be_given() -> None:
    required = FieldSpec("x_n", "Seats", FieldKind.NUMBER, required=True, decimals=0)
    with pytest.raises(FieldError, match="Seats is required"):
        read(required, "  ")


def test_number_text_has_no_exponent_and_no_trailing_zeros() -> None:
    assert [format_number(v) for v in (3.0, 2.50, 1e20, -0.5, 7)] == [
        "3",
        "2.5",
        "100000000000000000000",
        "-0.5",
        "7",
    ]
    assert parse_number("1'200.50", whole=False) == 1200.5


# --- yes / no ----------------------------------------------------------------------------------


def test_yes_no_is_a_pick_of_two_or_nothing() -> None:
    codec = CODECS[FieldKind.BOOL]
    assert codec.show(BREACHED, True) == "yes" and codec.show(BREACHED, False) == "no"
    assert codec.show(BREACHED, None) is None
    assert read(BREACHED, "yes") is True and read(BREACHED, "no") is False
    assert read(BREACHED, None) is None


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("yes", True), ("Y", True), ("true", True), ("1", True), ("no", False), ("0", False)],
)
def test_yes_no_from_a_command_line(typed: str, saved: bool) -> None:
    assert from_text(BREACHED, typed) is saved


def test_yes_no_cleared_and_refused() -> None:
    assert from_text(BREACHED, "") is None
    with pytest.raises(FieldError, match="SLA breached: Not yes or no: 'maybe'"):
        from_text(BREACHED, "maybe")


# --- days --------------------------------------------------------------------------------------


def test_a_day_as_agents_type_dates() -> None:
    assert CODECS[FieldKind.DATE].show(RENEWAL, date(2027, 3, 31)) == "2027-03-31"
    assert read(RENEWAL, "2027-03-31", base=date(2027, 3, 31)) == date(2027, 3, 31)
    assert read(RENEWAL, "25.11.2026") == date(2026, 11, 25)
    assert read(RENEWAL, "tomorrow") == date(2026, 11, 24)
    assert read(RENEWAL, "+2d") == date(2026, 11, 25)
    assert read(RENEWAL, "") is None
    with pytest.raises(FieldError, match=r"Not a date: use e\.g\. 2026-11-25"):
        read(RENEWAL, "soon")


# --- the session and its drafts ----------------------------------------------------------------


async def test_untouched_typed_fields_are_no_change() -> None:
    session = await EditSession.load(OneTicket(), 12, DraftStore(), now=lambda: NOW)
    raw = session.shown_values()
    assert raw == {
        "x_users": "42",
        "x_hours": "2.25",
        "x_breached": "no",
        "x_renewal": "2027-03-31",
        "x_level": "Gold",
    }
    collected = session.collect(raw)
    assert collected.ok and collected.values == ON_SERVER
    assert not session.has_unsaved_changes(raw)


async def test_changed_typed_fields_collect_typed_values() -> None:
    session = await EditSession.load(OneTicket(), 12, DraftStore(), now=lambda: NOW)
    raw = session.shown_values() | {
        "x_users": "43",
        "x_hours": "3",
        "x_breached": "yes",
        "x_renewal": "2028-01-01",
        "x_level": "Silver",
    }
    collected = session.collect(raw)
    assert collected.values == {
        "x_users": 43,
        "x_hours": 3.0,
        "x_breached": True,
        "x_renewal": date(2028, 1, 1),
        "x_level": "Silver",
    }
    problems = session.collect(raw | {"x_users": "many"}).problems
    assert problems == {"x_users": "Not a number: 'many'"}


def test_a_draft_keeps_typed_values_as_they_were() -> None:
    values: dict[str, FieldValue] = {
        "x_users": 43,
        "x_hours": 0.5,
        "x_breached": True,
        "x_renewal": date(2028, 1, 1),
        "x_level": None,
    }
    encoded = encode_values(values)
    assert encoded["x_renewal"] == "2028-01-01" and encoded["x_breached"] is True
    assert decode_values(encoded, SPECS) == values


# --- a value in a sentence ---------------------------------------------------------------------


def test_values_read_as_a_person_reads_them() -> None:
    assert value_text(FieldKind.BOOL, True) == "Yes"
    assert value_text(FieldKind.BOOL, False) == "No"
    assert value_text(FieldKind.NUMBER, 2.5) == "2.5"
    assert value_text(FieldKind.DATE, date(2027, 3, 31)) == "2027-03-31"
    assert value_text(FieldKind.DATETIME, datetime(2027, 3, 31, 9, 30)) == "2027-03-31 09:30"
    assert value_text(FieldKind.CHOICE, "1", (Choice("1", "Gold"),)) == "Gold"
    assert value_text(FieldKind.TEXT, "a\x1b[2Jb") == "a␛[2Jb"  # inert
    assert value_text(FieldKind.TEXT, None) == value_text(FieldKind.NUMBER, None) == ""
