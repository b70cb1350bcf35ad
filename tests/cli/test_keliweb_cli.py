"""`tickettui list/show --json` on a keliweb profile, against the local Keliweb server: the
profile lives in a temporary config.toml (TICKETTUI_CONFIG), the secrets in the environment."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.account_fixtures import MemoryKeyring
from tests.keliweb_fixtures import SECRETS_ENV, kw_profile, kw_server
from tickettui import cli
from tickettui.config.load import load_config
from tickettui.credentials.keyring_store import SERVICE
from tickettui.systems.keliweb.server import LocalKeliweb, accounts
from tickettui.systems.keliweb.tokens import TokenSet

__all__ = ["kw_server"]  # fixture, imported for pytest


def run(*args: str, env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


def test_list_and_show_json_on_a_keliweb_profile(kw_server: LocalKeliweb, home: Path) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(kw_server))
    env = dict(SECRETS_ENV)

    code, out = run("list", "--json", "--limit", "5", env=env)
    assert code == 0, out
    rows = json.loads(out)
    assert len(rows) == 5 and all(row["number"] and row["category"] for row in rows)

    code, out = run("list", "--section", "status-open", "--json", env=env)
    assert code == 0, out
    assert {row["status"] for row in json.loads(out)} == {"Open"}

    code, out = run("show", str(rows[0]["id"]), "--json", env=env)
    assert code == 0, out
    shown = json.loads(out)
    assert shown["id"] == rows[0]["id"] and shown["messages"]
    assert "&quot;" not in out and "&#039;" not in out

    code, out = run("profiles", env=env)
    assert "keliweb as " + accounts.DEMO_USERNAME in out

    wrong = env | {"TICKETTUI_CLIENT_SECRET": "nope"}
    code, out = run("list", env=wrong)
    assert code == 1 and "client id or secret" in out and "Traceback" not in out

    code, out = run("list", env={"TICKETTUI_PASSWORD": "demo"})
    assert code == 1 and "TICKETTUI_CLIENT_SECRET" in out


def test_login_creates_a_keliweb_profile_and_keeps_secrets_and_tokens_in_the_keyring(
    kw_server: LocalKeliweb, home: Path, memory_keyring: MemoryKeyring
) -> None:
    answers = (
        f"{kw_server.base_url}/api/v2/keliweb\n{accounts.DEMO_CLIENT_ID}\n"
        f"{accounts.DEMO_USERNAME}\n{accounts.DEMO_PASSWORD}\n{accounts.DEMO_CLIENT_SECRET}\n"
    )
    result = CliRunner().invoke(
        cli.main, ["login", "--system", "keliweb", "--profile", "kw"], input=answers
    )
    assert result.exit_code == 0, result.output
    assert f"as {accounts.DEMO_USERNAME}" in result.output
    config = load_config(Path(os.environ["TICKETTUI_CONFIG"]))
    assert config is not None
    profile = config.profiles["kw"]
    assert profile.system == "keliweb" and profile.url == kw_server.base_url
    assert profile.client_id == accounts.DEMO_CLIENT_ID
    user = f"kw:{accounts.DEMO_USERNAME}"
    assert memory_keyring.entries[(SERVICE, user)] == accounts.DEMO_PASSWORD
    assert memory_keyring.entries[(SERVICE, f"{user}:client-secret")] == (
        accounts.DEMO_CLIENT_SECRET
    )
    tokens = TokenSet.from_json(memory_keyring.entries[(SERVICE, f"{user}:oauth-tokens")])
    assert tokens is not None and tokens.refresh_token is not None

    # The app and the scripts find everything on their own now, reusing the saved tokens.
    code, out = run("list", "--limit", "2", "--json", env={})
    assert code == 0, out
    saved = memory_keyring.entries[(SERVICE, f"{user}:oauth-tokens")]
    assert TokenSet.from_json(saved) is not None

    result = CliRunner().invoke(cli.main, ["logout", "--profile", "kw"])
    assert "saved sign-in tokens" in result.output
    assert not [key for key in memory_keyring.entries if key[1].startswith("kw:")]


def test_replace_sections_on_a_keliweb_profile_lists_only_the_profiles_sections(
    kw_server: LocalKeliweb, home: Path
) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    sections = (
        '[[profiles.kw.sections]]\nkey = "mine"\ntitle = "Mine open"\nquery = "status=Open"\n'
    )
    config.write_text(kw_profile(kw_server) + "replace_sections = true\n" + sections)
    env = dict(SECRETS_ENV)

    code, out = run("list", "--json", env=env)  # the first section is the profile's
    assert code == 0, out
    assert {row["status"] for row in json.loads(out)} == {"Open"}
    code, out = run("list", "--section", "all-active", env=env)
    assert code == 1 and "choose one of mine" in out  # the server's are not there

    # Without replace_sections the server's come first and the profile's follow.
    config.write_text(kw_profile(kw_server) + sections)
    code, out = run("list", "--section", "nope", env=env)
    assert code == 1 and "choose one of all-active," in out and out.rstrip().endswith("mine")


def test_login_without_a_keyring_names_both_keliweb_secrets_and_a_keliweb_command(
    kw_server: LocalKeliweb, home: Path, no_keyring: Any
) -> None:
    answers = (
        f"{kw_server.base_url}\n{accounts.DEMO_CLIENT_ID}\n"
        f"{accounts.DEMO_USERNAME}\n{accounts.DEMO_PASSWORD}\n{accounts.DEMO_CLIENT_SECRET}\n"
    )
    result = CliRunner().invoke(
        cli.main, ["login", "--system", "keliweb", "--profile", "kw"], input=answers
    )
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("No system keyring")]
    assert "the password and client secret were not stored" in line
    assert "TICKETTUI_PASSWORD and TICKETTUI_CLIENT_SECRET" in line
    # password_command gives the password only, and the example names Keliweb, not SuperOffice.
    assert 'password_command = "pass show keliweb/kw"' in line
    assert "can give the password instead" in line and "superoffice" not in line


def test_show_text_names_fields_as_keliweb_does(kw_server: LocalKeliweb, home: Path) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(kw_server))
    code, out = run("list", "--json", "--limit", "1", env=dict(SECRETS_ENV))
    assert code == 0, out
    row = json.loads(out)[0]

    code, out = run("show", str(row["id"]), env=dict(SECRETS_ENV))
    assert code == 0, out
    assert out.startswith(f"#{row['number']}  ")
    labels = [line.split()[0] for line in out.splitlines()[1:8] if line.startswith("  ")]
    assert "Department" in labels and "Flagged" in labels
    assert "Category" not in labels and "Owner" not in labels
    assert "Deadline" not in out  # Keliweb has no deadlines
