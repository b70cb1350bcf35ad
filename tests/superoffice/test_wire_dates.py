"""SuperOffice date-times: what real servers send, what the docs show, what we send back."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import BaseModel

from tickettui.systems.superoffice.dates import (
    MIN_VALUE,
    SoDateTime,
    format_so_datetime,
    parse_so_datetime,
)

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real servers: no fraction, no offset -> naive (tenant time).
        ("2022-10-17T08:26:00", datetime(2022, 10, 17, 8, 26)),
        ("2020-04-22T15:51:25", datetime(2020, 4, 22, 15, 51, 25)),
        # Fractions of 1..7 digits.
        ("2022-10-17T08:26:00.5", datetime(2022, 10, 17, 8, 26, 0, 500_000)),
        ("2022-10-17T08:26:00.123", datetime(2022, 10, 17, 8, 26, 0, 123_000)),
        ("2022-10-17T08:26:00.123456", datetime(2022, 10, 17, 8, 26, 0, 123_456)),
        # 7th digit (100 ns) rounds half up into microseconds...
        ("2022-10-17T08:26:00.1234564", datetime(2022, 10, 17, 8, 26, 0, 123_456)),
        ("2022-10-17T08:26:00.1234565", datetime(2022, 10, 17, 8, 26, 0, 123_457)),
        # ...carrying into the seconds, minutes, even the year.
        ("2022-10-17T08:26:59.9999995", datetime(2022, 10, 17, 8, 27)),
        ("2022-12-31T23:59:59.9999999", datetime(2023, 1, 1)),
        # ...except at the very end of time, where it truncates.
        ("9999-12-31T23:59:59.9999999", datetime(9999, 12, 31, 23, 59, 59, 999_999)),
        # Offsets: the doc samples, SO-TimeZone includeTZOffset, the old -0500 style.
        ("2014-06-08T18:28:50.3684119+02:00", datetime(2014, 6, 8, 18, 28, 50, 368_412, CEST)),
        ("1998-12-18T18:28:50.3684119+01:00", datetime(1998, 12, 18, 18, 28, 50, 368_412, CET)),
        ("2023-10-05T14:17:57Z", datetime(2023, 10, 5, 14, 17, 57, tzinfo=UTC)),
        ("2023-10-05T14:17:57-0500", datetime(2023, 10, 5, 14, 17, 57, tzinfo=EST)),
        ("2023-10-05T14:17:57-05:00", datetime(2023, 10, 5, 14, 17, 57, tzinfo=EST)),
        ("2023-10-05T14:17:57+00:00", datetime(2023, 10, 5, 14, 17, 57, tzinfo=UTC)),
        # MinValue (.NET DateTime.MinValue) in all its spellings means "no date".
        ("0001-01-01T00:00:00", None),
        ("0001-01-01T00:00:00Z", None),
        ("0001-01-01T00:00:00.0000000", None),
        ("0001-01-01T00:00:00.0000000+01:00", None),
        ("0001-01-01T00:00:00-0500", None),
        ("", None),
    ],
)
def test_parse(text: str, expected: datetime | None) -> None:
    parsed = parse_so_datetime(text)
    assert parsed == expected
    if expected is not None:
        assert (parsed is not None) and (parsed.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "2022-10-17",
        "2022-13-01T00:00:00",
        "2022-10-17T25:00:00",
        "2022-10-17T08:26:00.12345678",
        "2022-10-17T08:26:00+25:00",
        "17/10/2022 08:26",
    ],
)
def test_garbage_is_rejected_with_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=r"date-time|offset"):
        parse_so_datetime(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, MIN_VALUE),
        (datetime(2022, 10, 17, 8, 26), "2022-10-17T08:26:00"),
        (datetime(2022, 10, 17, 8, 26, 0, 123_456), "2022-10-17T08:26:00.1234560"),
        (datetime(2023, 10, 5, 14, 17, 57, tzinfo=UTC), "2023-10-05T14:17:57Z"),
        (datetime(2023, 10, 5, 14, 17, 57, tzinfo=EST), "2023-10-05T14:17:57-05:00"),
        (datetime(2023, 10, 5, 14, 17, 57, tzinfo=CEST), "2023-10-05T14:17:57+02:00"),
        (datetime(1, 1, 2), "0001-01-02T00:00:00"),
    ],
)
def test_format(value: datetime | None, expected: str) -> None:
    assert format_so_datetime(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2022-10-17T08:26:00",
        "2023-10-05T14:17:57Z",
        "2023-10-05T14:17:57+02:00",
        "2023-10-05T14:17:57.1234560-05:00",
        MIN_VALUE,
    ],
)
def test_round_trip_is_exact_in_the_servers_own_style(text: str) -> None:
    assert format_so_datetime(parse_so_datetime(text)) == text


class _Carrier(BaseModel):
    When: SoDateTime = None


def test_pydantic_type_parses_and_serialises_back() -> None:
    model = _Carrier.model_validate({"When": "2022-10-17T08:26:00"})
    assert model.When == datetime(2022, 10, 17, 8, 26)
    assert model.model_dump(mode="json") == {"When": "2022-10-17T08:26:00"}
    assert model.model_dump() == {"When": datetime(2022, 10, 17, 8, 26)}  # python mode untouched

    empty = _Carrier.model_validate({"When": "0001-01-01T00:00:00Z"})
    assert empty.When is None
    assert empty.model_dump(mode="json") == {"When": MIN_VALUE}
    assert _Carrier.model_validate({"When": None}).When is None
    assert _Carrier(When=datetime(2020, 1, 1)).When == datetime(2020, 1, 1)


def test_pydantic_type_rejects_non_strings() -> None:
    with pytest.raises(ValueError, match="date-time"):
        _Carrier.model_validate({"When": 12345})
