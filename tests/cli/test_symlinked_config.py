"""An agent keeps config.toml in a dotfiles repository and links it into place: `tickettui
login` adds the profile to that file and leaves the link alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from tests.account_fixtures import MemoryKeyring
from tests.cli.helpers import config_file, invoke, login_answers
from tests.dotfiles import linked_from_dotfiles
from tickettui.config.load import load_config

MINE = '# kept in ~/dotfiles\n[profiles.prod]\nurl = "https://so.example.com/SuperOffice/api"\n'


def test_login_adds_the_profile_to_the_linked_file_and_keeps_the_link(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring
) -> None:
    link = config_file(home)
    target = linked_from_dotfiles(link, home / "dotfiles", MINE)

    result = invoke("login", "--profile", "local", input=login_answers(so_server))
    assert result.exit_code == 0, result.output

    assert link.is_symlink() and link.resolve() == target.resolve()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# kept in ~/dotfiles\n") and "[profiles.local]" in text
    config = load_config(link)
    assert config is not None and set(config.profiles) == {"prod", "local"}
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert sorted(p.name for p in link.parent.iterdir()) == ["config.toml"]  # no temp file
    # No temp file; the lock two logins at once take sits beside the target, private too.
    assert sorted(p.name for p in target.parent.iterdir()) == ["config.toml", "config.toml.lock"]
    assert stat.S_IMODE(os.stat(target.parent / "config.toml.lock").st_mode) == 0o600


def test_a_link_to_a_file_not_made_yet_gets_it_made_there(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring
) -> None:
    link = config_file(home)
    target = linked_from_dotfiles(link, home / "dotfiles")  # dangling until the first login

    assert invoke("login", input=login_answers(so_server)).exit_code == 0

    assert link.is_symlink()
    config = load_config(target)
    assert config is not None and config.default_profile == "default"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
