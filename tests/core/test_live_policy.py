"""The live-queue settings as an agent writes them in config.toml, and the notification a new
ticket sends: server text inside an escape sequence cannot end it early."""

from __future__ import annotations

from pathlib import Path

import pytest

from tickettui.config.load import parse_config
from tickettui.core.errors import ConfigurationError
from tickettui.core.live_policy import Notify, SectionLive, notification_sequence, parse_interval


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


PROFILE = """
[profiles.prod]
url = "https://so.example.com/SuperOffice/api"
refresh = "2m"
notify = "bell"

[profiles.prod.live.unassigned]
refresh = "30s"
notify = "osc9"

[profiles.prod.live.closed]
refresh = "off"
"""


def test_the_profile_s_live_settings_with_a_section_of_its_own(tmp_path: Path) -> None:
    config = parse_config(PROFILE, tmp_path / "config.toml")
    policy = config.profiles["prod"].live_policy()
    assert policy.of("my-open") == SectionLive(120.0, Notify.BELL)
    assert policy.of("unassigned") == SectionLive(30.0, Notify.OSC9)
    assert policy.of("closed") == SectionLive(None, Notify.BELL)


def test_live_queues_are_off_unless_the_profile_turns_them_on(tmp_path: Path) -> None:
    config = parse_config('[profiles.p]\nurl = "https://x.example"\n', tmp_path / "c.toml")
    assert not config.profiles["p"].live_policy().any_on


def test_a_mistyped_live_setting_is_one_line_naming_the_file_line_and_key(tmp_path: Path) -> None:
    text = PROFILE.replace('refresh = "30s"', 'refresh = "5s"')
    with pytest.raises(ConfigurationError) as error:
        parse_config(text, tmp_path / "config.toml")
    message = str(error.value)
    assert "\n" not in message
    assert "line 8" in message and "profiles.prod.live.unassigned.refresh" in message
