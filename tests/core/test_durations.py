from tickettui.core.durations import human_duration


def test_durations_read_like_an_agent_would_say_them() -> None:
    assert human_duration(None) == "—"
    assert human_duration(0) == "0m"
    assert human_duration(42) == "42s"
    assert human_duration(3 * 3600 + 20 * 60) == "3h 20m"
    assert human_duration(2 * 86400 + 4 * 3600 + 59) == "2d 4h"
    assert human_duration(86400 + 30) == "1d"
    assert human_duration(-90 * 60) == "-1h 30m"
