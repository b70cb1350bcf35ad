"""With no configuration at all, `tickettui` offers to create a profile or open the demo."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

import click

from tickettui.config.paths import config_path
from tickettui.config.select import PROFILE_ENV
from tickettui.connection import ConnectionFlags

Choice = Literal["login", "demo", "quit"]


def is_first_run(flags: ConnectionFlags, env: Mapping[str, str] | None = None) -> bool:
    """No configuration of one's own (no config file, or one with only the profiles the demo
    writes, and no default), and nothing on the command line or in the environment to go on."""
    env = os.environ if env is None else env
    if flags.url or flags.profile or env.get("TICKETTUI_URL") or env.get(PROFILE_ENV):
        return False
    path = config_path(env)
    if not path.exists():
        return True
    from tickettui.config.load import load_config
    from tickettui.core.errors import ConfigurationError

    try:
        config = load_config(path)
    except ConfigurationError:
        return False  # the error is said when the profile is read
    return (
        config is not None
        and not config.default_profile
        and all(_is_demo(p) for p in config.profiles)
    )


def _is_demo(name: str) -> bool:
    # `tickettui demo` writes "demo" (and "demo-keliweb"...) for use while it runs.
    return name == "demo" or name.startswith("demo-")


def offer(env: Mapping[str, str] | None = None) -> Choice:
    path = config_path(env)
    click.echo("Welcome to tickettui. There is no configuration yet.")
    click.echo(f"A profile for your server will be saved in {path} (never a password).")
    answer: str = click.prompt(
        "Set up your server [l], open the demo on local sample data [d], or quit [q]?",
        type=click.Choice(["l", "d", "q"]),
        show_choices=False,
        default="l",
    )
    return {"l": "login", "d": "demo"}.get(answer, "quit")  # type: ignore[return-value]
