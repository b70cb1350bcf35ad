"""The command line, shared by the CLI tests: run a command in-process (``invoke``) or as a real
process (``run``), sign in to a local server through the environment, find config.toml, answer
`tickettui login`'s questions, and check an error is one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from tickettui import cli
from tickettui.systems.superoffice.server import accounts

__all__ = [
    "PASSWORD",
    "assert_one_line_error",
    "config_file",
    "demo_env",
    "invoke",
    "login_answers",
    "run",
    "start",
]

PASSWORD = accounts.DEMO_PASSWORD


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, list(args), input=input, env=env, catch_exceptions=False)


def config_file(home: Path) -> Path:
    return Path(os.environ["TICKETTUI_CONFIG"])


def login_answers(server: Any, password: str = PASSWORD) -> str:
    # URL, auth scheme, user, password
    return f"{server.base_url}\nbasic\n{accounts.DEMO_USER}\n{password}\n"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")}
    return subprocess.run(
        [sys.executable, "-m", "tickettui", *args],
        capture_output=True,
        text=True,
        env=base | (env or {}),
        timeout=60,
    )


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """``run``, without waiting: for a test that signals the process (ctrl+c) mid-way."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")}
    return subprocess.Popen(
        [sys.executable, "-m", "tickettui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=base | (env or {}),
    )


def demo_env(server: Any, **extra: str) -> dict[str, str]:
    return {
        "TICKETTUI_URL": server.base_url,
        "TICKETTUI_USER": accounts.DEMO_USER,
        "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
    } | extra


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
