"""The live-queue settings as an agent writes them in config.toml, and the notification a new
ticket sends: server text inside an escape sequence cannot end it early."""

from __future__ import annotations

import pytest

from tickettui.core.live_policy import Notify, notification_sequence, parse_interval


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2m", 120.0), ("90s", 90.0), ("1h", 3600.0), ("45", 45.0), (30, 30.0), ("1.5m", 90.0)],
)
def test_intervals_read_as_written(text: str | int, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["0", "off", "OFF", "never", 0])
def test_zero_or_off_turns_refreshing_off(text: str | int) -> None:
    assert parse_interval(text) is None


@pytest.mark.parametrize("text", ["2 weeks", "fast", "-1m", "3s"])
def test_a_bad_or_too_short_interval_is_one_clear_line(text: str) -> None:
    with pytest.raises(ValueError, match=r"interval|every") as error:
        parse_interval(text)
    assert "\n" not in str(error.value)


def test_a_hostile_title_cannot_break_out_of_the_notification() -> None:
    title = "Invoice\x1b]52;c;cm0gLXJmIH4=\x07\x1b\\; rm -rf"
    for kind in (Notify.OSC9, Notify.OSC777):
        sequence = notification_sequence(kind, "New ticket", title)
        body = sequence[sequence.index("\x1b]") + 2 : -2]
        assert "\x1b" not in body and "\x07" not in body
        assert sequence.endswith("\x1b\\")
    assert notification_sequence(Notify.OSC777, "New", title).count(";") == 3
    assert notification_sequence(Notify.BELL, "x", title) == "\a"
    assert notification_sequence(Notify.NONE, "x", title) == ""
