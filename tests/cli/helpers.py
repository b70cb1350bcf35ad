"""The command line in-process, shared by the CLI tests: run a command, find config.toml, and
answer `tickettui login`'s questions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from tickettui import cli
from tickettui.systems.superoffice.server import accounts

__all__ = ["PASSWORD", "config_file", "invoke", "login_answers"]

PASSWORD = accounts.DEMO_PASSWORD


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, list(args), input=input, env=env, catch_exceptions=False)


def config_file(home: Path) -> Path:
    return Path(os.environ["TICKETTUI_CONFIG"])


def login_answers(server: Any, password: str = PASSWORD) -> str:
    # URL, auth scheme, user, password
    return f"{server.base_url}\nbasic\n{accounts.DEMO_USER}\n{password}\n"
