"""config.toml: profiles, selection, overrides, and errors that name the file, line and key."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tickettui import systems
from tickettui.config.load import load_config, parse_config
from tickettui.config.model import Profile, json_schema
from tickettui.config.select import select_profile
from tickettui.config.write import add_profile
from tickettui.core.domain import Section
from tickettui.core.errors import ConfigurationError
from tickettui.core.sections import merged_sections
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

GOOD = """\
# two tenants
default_profile = "prod"

[profiles.prod]
url = "https://so.example.com/SuperOffice/api"
user = "agent"
columns = ["read", "id", "title", "status"]
keymap = { "app.help" = "f1" }
theme = "nord"

[[profiles.prod.sections]]
key = "vip"
title = "VIP"
query = "category equals 3"

[profiles.test]
url = "https://test.example.com/SuperOffice/api"
auth = "bearer"
"""


def option(profile: Profile, key: str) -> object:
    """A key of the profile's own system (SuperOffice's auth, Keliweb's client_id)."""
    return getattr(systems.system(profile.system).options_of(profile), key)


def error_of(text: str, path: Path = Path("settings/tickettui/config.toml")) -> str:
    with pytest.raises(ConfigurationError) as caught:
        parse_config(text, path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_good_file_loads_with_every_setting() -> None:
    config = parse_config(GOOD, Path("config.toml"))
    prod = config.profiles["prod"]
    assert config.default_profile == "prod"
    assert option(prod, "auth") == "basic" and prod.columns == ["read", "id", "title", "status"]
    assert prod.keymap == {"app.help": "f1"} and prod.theme == "nord"
    assert prod.sections[0].key == "vip"
    assert option(config.profiles["test"], "auth") == "bearer"


def test_a_wrong_auth_names_file_line_and_key() -> None:
    text = GOOD.replace('user = "agent"', 'auth = "ntlm"')
    assert error_of(text) == (
        "settings/tickettui/config.toml line 6: profiles.prod.auth: "
        "must be one of basic, soticket, bearer"
    )


def test_a_misspelt_key_is_named_with_the_known_ones() -> None:
    message = error_of(GOOD.replace("theme =", "colour_theme ="))
    assert message.startswith("settings/tickettui/config.toml line 9: ")
    assert "profiles.prod.colour_theme: unknown key (known keys: url, system, user" in message
    assert message.endswith("auth, language, culture, timezone, accept_language)")


def test_an_unknown_column_lists_the_valid_ones() -> None:
    message = error_of(GOOD.replace('"status"]', '"stauts"]'))
    assert "line 7: profiles.prod.columns: unknown column 'stauts'; known: read, id" in message


def test_a_section_without_a_title() -> None:
    message = error_of(GOOD.replace('title = "VIP"\n', ""))
    assert "line 11: profiles.prod.sections.0.title: is required" in message


def test_a_default_profile_that_does_not_exist() -> None:
    message = error_of(GOOD.replace('default_profile = "prod"', 'default_profile = "prd"'))
    assert "line 2: default_profile: 'prd' is not a profile (profiles: prod, test)" in message


def test_broken_toml_says_where() -> None:
    message = error_of(GOOD.replace('user = "agent"', 'user = "agent'))
    assert "config.toml: invalid TOML" in message and "line 6" in message


def test_a_missing_file_is_no_config(home: Path) -> None:
    assert load_config(home / "nothing.toml") is None


# --- which profile, and what overrides it -------------------------------------------------

CONFIG = parse_config(GOOD, Path("config.toml"))


def test_default_profile_then_env_then_flag() -> None:
    assert select_profile(CONFIG, Path("c")).name == "prod"
    by_env = select_profile(CONFIG, Path("c"), env={"TICKETTUI_PROFILE": "test"})
    assert (by_env.name, by_env.chosen_by) == ("test", "TICKETTUI_PROFILE")
    by_flag = select_profile(CONFIG, Path("c"), requested="prod", env={"TICKETTUI_PROFILE": "test"})
    assert (by_flag.name, by_flag.chosen_by) == ("prod", "--profile")


def test_an_unknown_profile_says_how_to_create_it() -> None:
    with pytest.raises(ConfigurationError, match=r"No profile 'staging' in c .*login --profile"):
        select_profile(CONFIG, Path("c"), requested="staging")


def test_environment_overrides_the_file_and_flags_override_both() -> None:
    env = {"TICKETTUI_URL": "https://env.example.com/SuperOffice/api", "TICKETTUI_USER": "eve"}
    active = select_profile(CONFIG, Path("c"), env=env)
    assert active.profile.url == env["TICKETTUI_URL"] and active.profile.user == "eve"
    assert active.profile.columns == ["read", "id", "title", "status"]  # the rest is the file's
    flagged = select_profile(
        CONFIG, Path("c"), env=env, overrides={"user": "flo", "auth": "BEARER", "url": None}
    )
    assert flagged.profile.user == "flo" and option(flagged.profile, "auth") == "bearer"
    assert flagged.profile.url == env["TICKETTUI_URL"]


def test_a_bad_override_is_one_line() -> None:
    with pytest.raises(ConfigurationError, match="Invalid auth"):
        select_profile(CONFIG, Path("c"), env={"TICKETTUI_AUTH": "kerberos"})


def test_a_keliweb_profile_has_a_client_id_and_the_environment_can_choose_the_system() -> None:
    text = GOOD.replace('auth = "bearer"', 'system = "keliweb"\nclient_id = "abc-123"')
    config = parse_config(text, Path("c"))
    active = select_profile(config, Path("c"), requested="test")
    assert active.profile.system == "keliweb" and option(active.profile, "client_id") == "abc-123"
    env = {"TICKETTUI_SYSTEM": " Keliweb ", "TICKETTUI_CLIENT_ID": "xyz"}
    active = select_profile(config, Path("c"), requested="prod", env=env)
    assert active.profile.system == "keliweb" and option(active.profile, "client_id") == "xyz"
    with pytest.raises(ConfigurationError, match="Invalid system"):
        select_profile(config, Path("c"), env={"TICKETTUI_SYSTEM": "zendesk"})


def test_profile_sections_come_after_the_defaults_or_replace_them() -> None:
    vip = Section("vip", "VIP", "category equals 3")
    merged = merged_sections(DEFAULT_SECTIONS, [vip])
    assert [s.key for s in merged] == [*(s.key for s in DEFAULT_SECTIONS), "vip"]
    same_key = Section("unassigned", "VIP", "category equals 3")
    merged = merged_sections(DEFAULT_SECTIONS, [same_key])
    assert [s.title for s in merged][1] == "VIP" and len(merged) == len(DEFAULT_SECTIONS)
    assert [s.key for s in merged_sections(DEFAULT_SECTIONS, [vip], replace=True)] == ["vip"]


def test_a_key_of_another_system_is_refused_where_it_is_written() -> None:
    text = GOOD.replace('user = "agent"', 'client_id = "abc"')  # Keliweb's, in a SuperOffice one
    message = error_of(text)
    assert message.startswith("settings/tickettui/config.toml line 6: ")
    assert "profiles.prod.client_id: unknown key (known keys:" in message
    with pytest.raises(ConfigurationError, match="auth is not a Keliweb setting"):
        select_profile(CONFIG, Path("c"), overrides={"system": "keliweb", "auth": "basic"})


# --- writing -----------------------------------------------------------------------------


def test_adding_a_profile_keeps_the_users_comments_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# my notes\n[profiles.prod]\nurl = "https://a/SuperOffice/api"\n')
    add_profile(path, "test", {"url": "https://b/SuperOffice/api", "auth": "basic", "user": "x"})
    text = path.read_text()
    assert text.startswith('# my notes\ndefault_profile = "test"\n')
    config = load_config(path)
    assert config is not None and set(config.profiles) == {"prod", "test"}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # No temp file left; the lock beside it is private too.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "config.toml.lock"]
    assert stat.S_IMODE(os.stat(tmp_path / "config.toml.lock").st_mode) == 0o600


ADD_PROFILES = """
import sys
from pathlib import Path
from tickettui.config.write import add_profile
path, prefix = Path(sys.argv[1]), sys.argv[2]
sys.stdin.readline()  # both start together
for n in range(25):
    add_profile(path, f"{prefix}{n}", {"url": f"https://{prefix}{n}.example/api", "user": "u"})
"""


def test_two_logins_at_once_each_keep_their_profiles(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "config.toml"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_PROFILES, str(path), prefix],
            stdin=subprocess.PIPE,
            text=True,
        )
        for prefix in ("a", "b")
    ]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    config = load_config(path)
    assert config is not None
    assert len(config.profiles) == 50  # without the lock, one login overwrote the other's


def test_a_new_file_gets_a_default_profile(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    add_profile(path, "local", {"url": "http://127.0.0.1:1/SuperOffice/api", "auth": "basic"})
    config = load_config(path)
    assert config is not None and config.default_profile == "local"


def test_secrets_cannot_be_written() -> None:
    with pytest.raises(ValueError, match="not writable"):
        add_profile(Path("unused"), "x", {"password": "hunter2"})


def test_the_json_schema_describes_profiles() -> None:
    schema = json_schema()
    assert "profiles" in schema["properties"]  # type: ignore[operator]
