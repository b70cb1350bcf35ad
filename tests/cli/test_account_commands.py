"""login, logout, profiles, doctor and the first run, as a new agent meets them (in-process,
against the real local server; the keyring is an in-memory one or the real "fail" backend)."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.account_fixtures import MemoryKeyring
from tests.cli.helpers import PASSWORD, config_file, invoke, login_answers
from tickettui import cli
from tickettui.config.load import load_config
from tickettui.credentials.keyring_store import SERVICE
from tickettui.systems.superoffice.server import accounts


def write_config(home: Path, text: str) -> Path:
    path = config_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def two_profiles(server: Any) -> str:
    return (
        'default_profile = "local"\n\n'
        f'[profiles.local]\nurl = "{server.base_url}"\nuser = "agent"\n\n'
        f'[profiles.other]\nurl = "{server.base_url}"\nuser = "TJ"\n'
    )


# --- login ---------------------------------------------------------------------------------


def test_login_creates_the_profile_checks_the_password_and_keeps_it_in_the_keyring(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring
) -> None:
    result = invoke("login", "--profile", "local", input=login_answers(so_server))
    assert result.exit_code == 0, result.output
    assert f"Signed in to 127.0.0.1:{so_server.port} as {accounts.DEMO_FULL_NAME}." in result.output
    assert "Saved profile 'local'" in result.output
    assert "Stored the password in the system keyring" in result.output
    assert memory_keyring.entries == {(SERVICE, "local:agent"): PASSWORD}
    config = load_config(config_file(home))
    assert config is not None and config.default_profile == "local"
    assert config.profiles["local"].url == so_server.base_url
    assert stat.S_IMODE(config_file(home).stat().st_mode) == 0o600

    # From now on the app and the script commands find the password on their own.
    listed = invoke("list", "--limit", "3", "--json")
    assert listed.exit_code == 0, listed.output


def test_a_wrong_password_is_one_line_and_stores_nothing(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring
) -> None:
    result = invoke("login", input=login_answers(so_server, "not-the-password"))
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last == "tickettui: Login failed: the server rejected the user name or password (401)"
    assert "not-the-password" not in result.output
    assert memory_keyring.entries == {}
    assert not config_file(home).exists()


def test_login_without_a_keyring_says_what_to_do_instead_and_keeps_the_profile(
    home: Path, so_server: Any, no_keyring: Any
) -> None:
    result = invoke("login", input=login_answers(so_server))
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("No system keyring")]
    assert line.startswith("No system keyring on this machine, so the password was not stored")
    assert "TICKETTUI_PASSWORD" in line and "password_command" in line
    assert load_config(config_file(home)) is not None


def test_login_to_an_existing_profile_only_asks_for_the_password(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring
) -> None:
    path = write_config(home, two_profiles(so_server))
    before = path.read_text()
    result = invoke("login", "--profile", "other", input="tj\n")
    assert result.exit_code == 0, result.output
    assert "as Tobias Johansen" in result.output
    assert memory_keyring.entries == {(SERVICE, "other:TJ"): "tj"}
    assert path.read_text() == before


def test_login_with_a_password_command_checks_it_and_stores_nothing(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    tool = tmp_path / "pass.py"
    tool.write_text(f"print({PASSWORD!r})")
    write_config(
        home,
        f'[profiles.ssh]\nurl = "{so_server.base_url}"\nuser = "agent"\n'
        f'password_command = "{sys.executable} {tool}"\n',
    )
    result = invoke("login")
    assert result.exit_code == 0, result.output
    assert "comes from password_command" in result.output and "Signed in" in result.output
    assert memory_keyring.entries == {}


def test_logout_removes_the_keyring_entry(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring
) -> None:
    write_config(home, two_profiles(so_server))
    memory_keyring.entries[(SERVICE, "local:agent")] = PASSWORD
    result = invoke("logout")
    assert result.exit_code == 0
    assert "Removed the password of 'local' from the system keyring." in result.output
    assert memory_keyring.entries == {}
    again = invoke("logout")
    assert "Nothing was stored for 'local'" in again.output


# --- profiles -----------------------------------------------------------------------------


def test_profiles_marks_the_active_one(home: Path, so_server: Any, no_keyring: Any) -> None:
    write_config(home, two_profiles(so_server))
    lines = invoke("profiles").output.splitlines()
    assert lines[0].startswith("* local ") and lines[1].startswith("  other ")
    assert "chosen by default_profile" in lines[2]
    by_flag = invoke("--profile", "other", "profiles").output.splitlines()
    assert by_flag[1].startswith("* other ") and "--profile" in by_flag[2]
    by_env = invoke("profiles", env={"TICKETTUI_PROFILE": "other"}).output.splitlines()
    assert by_env[1].startswith("* other ") and "TICKETTUI_PROFILE" in by_env[2]


def test_profiles_without_a_config(home: Path) -> None:
    assert "No profiles yet" in invoke("profiles").output


def test_an_unknown_profile_is_one_line(home: Path, so_server: Any) -> None:
    write_config(home, two_profiles(so_server))
    result = CliRunner().invoke(cli.main, ["--profile", "prod", "list"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("tickettui: No profile 'prod' in ")


def test_a_broken_config_is_one_line_naming_file_line_and_key(home: Path) -> None:
    path = write_config(home, '[profiles.x]\nurl = "https://h/SuperOffice/api"\nauth = "ntlm"\n')
    result = CliRunner().invoke(cli.main, ["list"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"tickettui: {path} line 3: profiles.x.auth: must be one of basic, soticket, bearer"
    )


# --- doctor --------------------------------------------------------------------------------


def test_doctor_on_a_headless_server(home: Path, so_server: Any, no_keyring: Any) -> None:
    write_config(home, two_profiles(so_server))
    result = invoke("doctor", env={"TICKETTUI_PASSWORD": PASSWORD, "TERM": "xterm-256color"})
    lines = result.output.splitlines()
    assert all(line.startswith(("OK   ", "FIX: ")) for line in lines), lines
    text = "\n".join(lines)
    assert f"OK   config: {config_file(home)} (2 profiles)" in text
    assert "OK   profile: local (by default_profile)" in text
    assert "keyring: none on this machine (keyring.backends.fail.Keyring); not needed" in text
    assert f"OK   sign-in: 127.0.0.1:{so_server.port} accepts you as Hannah Berg" in text
    assert "OK   TERM=xterm-256color" in text and "OK   Textual 8." in text
    assert any(line.startswith(("OK   log dir: ", "OK   cache dir: ")) for line in lines)
    assert result.exit_code == 0


def test_doctor_says_what_to_fix(home: Path, so_server: Any, no_keyring: Any) -> None:
    write_config(home, two_profiles(so_server))
    result = invoke("doctor", env={"TICKETTUI_PASSWORD": "wrong-one", "TERM": "dumb"})
    text = result.output
    assert "FIX: sign-in: Login failed" in text and "tickettui login --profile local" in text
    assert "FIX: TERM is dumb: set TERM=xterm-256color" in text
    assert "wrong-one" not in text
    assert result.exit_code == 1
    bare = invoke("doctor", env={"TERM": "xterm"})
    assert "FIX: keyring: none on this machine" in bare.output
    assert "FIX: sign-in: No password for profile 'local': set TICKETTUI_PASSWORD" in bare.output


def test_doctor_names_a_mistyped_keymap_id_and_the_one_meant(
    home: Path, so_server: Any, no_keyring: Any
) -> None:
    profiles = two_profiles(so_server).replace(
        'user = "agent"\n',
        'user = "agent"\nkeymap = { "queue.refesh" = "f5", "list.down" = "n" }\n',
    )
    write_config(home, profiles)
    result = invoke("doctor", env={"TICKETTUI_PASSWORD": PASSWORD, "TERM": "xterm-256color"})
    assert "FIX: keymap: 'queue.refesh' is no binding id (did you mean queue.refresh?)" in (
        result.output
    )
    assert "list.down" not in result.output  # a real id is fine
    assert result.exit_code == 1


def test_doctor_without_a_config(home: Path, no_keyring: Any) -> None:
    text = invoke("doctor").output
    assert "FIX: config: no file at" in text and "run `tickettui login`" in text


# --- the app: first run, profile settings ----------------------------------------------------


class Recorded:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, dict[str, Any]]] = []

    def __call__(self, factory: Any, **options: Any) -> None:
        self.calls.append((factory, options))


@pytest.fixture()
def app_runs(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    """Stand in for the Textual app: record what it would have been started with."""
    recorded = Recorded()
    monkeypatch.setattr("tickettui.ui.app.run_app", recorded)
    return recorded


def test_the_profile_brings_its_columns_keymap_theme_and_sections(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring, app_runs: Recorded
) -> None:
    write_config(
        home,
        f'[profiles.local]\nurl = "{so_server.base_url}"\nuser = "agent"\n'
        'columns = ["id", "title", "status"]\ntheme = "nord"\n'
        'keymap = { "app.help" = "f1" }\n'
        '[[profiles.local.sections]]\nkey = "urgent"\ntitle = "Urgent"\n'
        'query = "status equals 1 and priority equals 1"\n',
    )
    memory_keyring.entries[(SERVICE, "local:agent")] = PASSWORD
    result = invoke()
    assert result.exit_code == 0, result.output
    ((factory, options),) = app_runs.calls
    assert options["columns"] == ["id", "title", "status"]
    assert options["keymap"] == {"app.help": "f1"} and options["theme"] == "nord"
    assert options["credentials"].request.profile == "local"

    async def sections() -> list[str]:
        backend = factory()
        try:
            return [s.title for s in await backend.sections()]
        finally:
            await backend.aclose()

    titles = asyncio.run(sections())
    assert titles[0] == "My open" and titles[-1] == "Urgent"


def test_an_unknown_theme_is_one_line(home: Path, so_server: Any, app_runs: Recorded) -> None:
    write_config(home, f'[profiles.local]\nurl = "{so_server.base_url}"\ntheme = "neon"\n')
    result = CliRunner().invoke(cli.main, [], env={"TICKETTUI_PASSWORD": PASSWORD})
    assert result.exit_code == 1 and "Unknown theme 'neon'" in result.output
    assert not app_runs.calls


def test_first_run_at_a_terminal_offers_to_create_a_profile(
    home: Path,
    so_server: Any,
    memory_keyring: MemoryKeyring,
    app_runs: Recorded,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tickettui.commands.terminal.interactive", lambda: True)
    result = invoke(input="l\n" + login_answers(so_server))
    assert result.exit_code == 0, result.output
    assert "There is no configuration yet" in result.output
    assert "Signed in to" in result.output
    ((_, options),) = app_runs.calls
    assert options["credentials"].request.profile == "default"


def test_first_run_can_quit_or_open_the_demo(
    home: Path, app_runs: Recorded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tickettui.commands.terminal.interactive", lambda: True)
    assert invoke(input="q\n").exit_code == 0
    demos: list[bool] = []
    monkeypatch.setattr("tickettui.demo.run_demo", lambda **_: demos.append(True))
    assert invoke(input="d\n").exit_code == 0
    assert demos == [True] and not app_runs.calls


def test_first_run_in_a_script_fails_as_before(home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")}
    env["TICKETTUI_CONFIG"] = os.environ["TICKETTUI_CONFIG"]
    result = subprocess.run(
        [sys.executable, "-m", "tickettui"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.startswith("tickettui: No server URL: pass --url or set TICKETTUI_URL")
    assert len(result.stderr.strip().splitlines()) == 1


# --- no secret anywhere ------------------------------------------------------------------------


def test_no_secret_reaches_the_config_the_log_or_an_error(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    secret = "Sup3r-Secret-Passw0rd"
    # 1. login with a wrong secret, then the right one: the file never holds either.
    invoke("login", input=login_answers(so_server, secret))
    invoke("login", input=login_answers(so_server))
    text = config_file(home).read_text()
    assert secret not in text and PASSWORD not in text and "password =" not in text

    # 2. A whole session with --debug (in a process of its own): the log and the error line.
    env = {k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")}
    env |= {"TICKETTUI_CONFIG": str(config_file(home)), "TICKETTUI_PASSWORD": secret}
    result = subprocess.run(
        [sys.executable, "-m", "tickettui", "--debug", "show", "7"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1 and "Login failed" in result.stderr
    log = Path(env["XDG_STATE_HOME"]) / "tickettui" / "log" / "debug.log"
    logged = log.read_text()
    assert "GET" in logged or "POST" in logged  # it did log the requests
    assert secret not in logged and secret not in result.stderr + result.stdout

    # 3. A password_command that prints the secret and fails: named, output not repeated.
    tool = tmp_path / "leaky.py"
    tool.write_text(
        f"import sys\nprint({secret!r})\nprint({secret!r}, file=sys.stderr)\nsys.exit(1)"
    )
    write_config(
        home,
        f'[profiles.x]\nurl = "{so_server.base_url}"\nuser = "agent"\n'
        f'password_command = "{sys.executable} {tool}"\n',
    )
    failed = CliRunner().invoke(cli.main, ["list"])
    assert failed.exit_code == 1 and "password_command" in failed.output
    assert secret not in failed.output
