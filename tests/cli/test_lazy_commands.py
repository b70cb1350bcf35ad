"""The commands for scripts are loaded when used: starting the app imports none of them, and
`tickettui --help` and every command still work as before (issue 16: the cold start)."""

from __future__ import annotations

import subprocess
import sys

import click

from tickettui.cli import LAZY_COMMANDS, main

SCRIPT_MODULES = (
    "tickettui.cli_tickets",
    "tickettui.cli_search",
    "tickettui.cli_templates",
    "tickettui.cli_attachments",
    "tickettui.commands.update",
    "tickettui.commands.next_ticket",
    "tickettui.core.bulk",
)


def test_the_command_line_itself_imports_none_of_the_script_commands() -> None:
    probe = (
        "import sys, tickettui.cli\n"
        f"print(' '.join(m for m in {SCRIPT_MODULES!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


def test_every_lazy_name_is_the_command_of_that_name() -> None:
    context = click.Context(main)
    for name in LAZY_COMMANDS:
        command = main.get_command(context, name)
        assert isinstance(command, click.Command) and command.name == name


def test_help_lists_every_command_eager_and_lazy() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "tickettui", "--help"], capture_output=True, text=True, check=True
    ).stdout
    commands = listed.split("Commands:", 1)[1]
    names = {line.split()[0] for line in commands.splitlines() if line.strip()}
    assert set(LAZY_COMMANDS) <= names
    assert {"demo", "server", "login", "doctor", "locate", "profiles"} <= names


def test_an_unknown_command_is_still_one_clear_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tickettui", "lsit"], capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "No such command 'lsit'" in done.stderr and "Traceback" not in done.stderr
