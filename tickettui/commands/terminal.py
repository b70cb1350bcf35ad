"""Talking to the user in the terminal, before (or instead of) the app."""

from __future__ import annotations

import sys

import click
from pydantic import SecretStr

from tickettui.credentials.kinds import CredentialRequest


def interactive() -> bool:
    """A person at a terminal: both ends are TTYs (not a pipe, a script or a test run)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def say(line: str) -> None:
    """A one-line notice on stderr, so stdout stays clean for `list --json`."""
    click.echo(f"tickettui: {line}", err=True)


def ask_secret(request: CredentialRequest) -> SecretStr | None:
    """Prompt with the input hidden; the answer stays in memory only."""
    value: str = click.prompt(
        request.question, hide_input=True, err=True, default="", show_default=False
    )
    return SecretStr(value) if value else None
