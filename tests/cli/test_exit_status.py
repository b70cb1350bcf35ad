"""A command that fails says so in its exit status, whatever failed: a script or a service
wrapper relies on it. The app's own status (1 after a bug, 128 + N after signal N) is passed
through unchanged."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from tickettui.cli import friendly_errors
from tickettui.core.errors import TicketTuiError


def command_failing_with(error: BaseException) -> click.Command:
    @click.command()
    @friendly_errors
    def command() -> None:
        raise error

    return command


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (TicketTuiError("login failed for agent"), 1),
        (RuntimeError("a bug"), 1),
        (KeyboardInterrupt(), 130),
        (click.ClickException("bad option"), 1),
        (click.exceptions.Exit(3), 3),
        (SystemExit(1), 1),  # run_app: the app stopped on a bug
        (SystemExit(129), 129),  # run_app: the terminal hung up
        (SystemExit(143), 143),  # run_app: SIGTERM
    ],
    ids=[
        "error",
        "bug",
        "ctrl-c",
        "click-error",
        "click-exit",
        "app-crashed",
        "app-hung-up",
        "app-sigterm",
    ],
)
def test_every_failure_exits_non_zero(error: BaseException, status: int) -> None:
    result = CliRunner().invoke(command_failing_with(error), [])
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
