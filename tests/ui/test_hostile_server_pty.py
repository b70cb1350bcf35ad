"""The real ``tickettui`` in a pty against hostile servers: the bytes it writes to the terminal
never carry a server's escape sequence (clipboard, window title, clear screen), and markup in a
name neither crashes the app nor becomes an action."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.hostile_servers import (
    HostileKeliweb,
    HostileSuperOffice,
    hostile_keliweb,
    hostile_superoffice,
)
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile
from tests.pty_terminal import Terminal, app_env

__all__ = ["hostile_keliweb", "hostile_superoffice"]  # fixtures, imported for pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

# What the servers' text would make a terminal do, were it written raw.
ACTS = {
    "OSC 52 (writes the clipboard)": "\x1b]52;c;cm0gLXJmIH4=",
    "OSC 0 (sets the window title)": "\x1b]0;PWNED",
}


def assert_nothing_acts(output: str) -> None:
    for what, sequence in ACTS.items():
        assert sequence not in output, f"{what} reached the terminal"


def test_names_and_an_error_message_reach_the_terminal_as_text(
    hostile_superoffice: HostileSuperOffice, tmp_path: Path
) -> None:
    terminal = Terminal(app_env(hostile_superoffice.server, tmp_path))
    try:
        terminal.wait_for("My open")
        terminal.wait_for("S ␛]52;c;")  # a status name, as visible stand-ins
        with hostile_superoffice.errors.failing("/Ticket/", method="GET"):
            terminal.type("e")
            terminal.wait_for("Could not load the ticket")
            terminal.wait_for("SoServerException: Deadlock victim")
            terminal.wait_for("␛]52;c;cm0gLXJmIH4=␇␛]0;PWNED␇␛[2J[b]x[/b]")
        assert_nothing_acts(terminal.output)
        assert terminal.process.poll() is None  # still running
    finally:
        terminal.kill()


def test_a_department_named_with_markup_is_text_in_the_palette(
    hostile_keliweb: HostileKeliweb, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(kw_profile(hostile_keliweb.server))
    env = app_env(hostile_keliweb.server, tmp_path) | SECRETS_ENV
    for variable in ("TICKETTUI_URL", "TICKETTUI_USER"):
        del env[variable]  # the profile says where and who
    terminal = Terminal(env)
    try:
        terminal.wait_for("All active")
        terminal.type("\x10")  # ctrl+p: the palette
        terminal.type("Commerciale")  # its name holds [link=...] and a stray [/b]
        terminal.wait_for("Section: Commerciale [link=https://evil.example]x[/link] [/b]")
        terminal.type("\x1b")
        terminal.type("\x10")
        terminal.type("Domini")
        terminal.wait_for("[@click=app.screenshot('pwned.svg','.')]CLICKME[/]")
        assert terminal.process.poll() is None  # no MarkupError: the app runs on
        assert_nothing_acts(terminal.output)
    finally:
        terminal.kill()
    assert not list(tmp_path.rglob("pwned.svg"))
