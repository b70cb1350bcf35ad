"""The credential chain, step by step: environment, password_command, keyring, prompt."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from tests.account_fixtures import MemoryKeyring
from tickettui import systems
from tickettui.config.model import Profile
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.chain import CredentialChain
from tickettui.credentials.keyring_store import SERVICE, KeyringStore
from tickettui.credentials.kinds import CredentialRequest
from tickettui.credentials.redact import RedactingFormatter, register_secret

SUPEROFFICE = systems.system("superoffice")
PASSWORD, *_ = SUPEROFFICE.secrets(Profile.model_validate({"auth": "basic"}))
SOTICKET_SECRETS = SUPEROFFICE.secrets(Profile.model_validate({"auth": "soticket"}))
BASIC = CredentialRequest("prod", "agent", "agent", "so.example.com", PASSWORD)
APP_TOKEN = CredentialRequest("online", "soticket", None, "sod.example", SOTICKET_SECRETS[1])


def script(tmp_path: Path, body: str) -> str:
    """A real tiny password command: a Python script (no shell involved)."""
    path = tmp_path / "secret-tool.py"
    path.write_text(body)
    return f"{sys.executable} {path}"


class Prompt:
    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[CredentialRequest] = []

    def __call__(self, request: CredentialRequest) -> SecretStr | None:
        self.asked.append(request)
        return SecretStr(self.answer) if self.answer is not None else None


def chain(
    env: dict[str, str] | None = None,
    command: str | None = None,
    prompt: Any = None,
    notices: list[str] | None = None,
) -> CredentialChain:
    notice = notices.append if notices is not None else None
    return CredentialChain(
        env=env or {},
        keyring=KeyringStore(notice=notice),
        prompt=prompt,
        password_command=command,
    )


def store(keyring: MemoryKeyring, request: CredentialRequest, value: str) -> None:
    keyring.entries[(SERVICE, request.keyring_user)] = value


# --- each step --------------------------------------------------------------------------


def test_the_environment_comes_first(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store(memory_keyring, BASIC, "from-keyring")
    prompt = Prompt("typed")
    command = script(tmp_path, "print('from-command')")
    found = chain({"TICKETTUI_PASSWORD": "from-env"}, command, prompt).require(BASIC)
    assert (found.secret.get_secret_value(), found.source) == ("from-env", "TICKETTUI_PASSWORD")
    assert not prompt.asked


def test_password_command_before_keyring_and_prompt(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    store(memory_keyring, BASIC, "from-keyring")
    prompt = Prompt("typed")
    command = script(tmp_path, "print('first line')\nprint('second line')")
    found = chain({}, command, prompt).require(BASIC)
    assert (found.secret.get_secret_value(), found.source) == ("first line", "password_command")
    assert not prompt.asked


def test_the_keyring_before_the_prompt(memory_keyring: MemoryKeyring) -> None:
    store(memory_keyring, BASIC, "from-keyring")
    prompt = Prompt("typed")
    found = chain({}, None, prompt).require(BASIC)
    assert (found.secret.get_secret_value(), found.source) == ("from-keyring", "keyring")
    assert not prompt.asked


def test_the_prompt_last(memory_keyring: MemoryKeyring) -> None:
    prompt = Prompt("typed")
    found = chain({}, None, prompt).require(BASIC)
    assert (found.secret.get_secret_value(), found.source) == ("typed", "prompt")
    assert prompt.asked == [BASIC]
    assert memory_keyring.entries == {}  # a typed secret stays in memory only


def test_nothing_anywhere_is_one_line_naming_every_way(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ConfigurationError) as caught:
        chain({}, None, Prompt(None)).require(BASIC)
    message = str(caught.value)
    assert "TICKETTUI_PASSWORD" in message and "password_command" in message
    assert "tickettui login --profile prod" in message


def test_the_app_token_never_comes_from_the_password_command(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    assert [kind.name for kind in SOTICKET_SECRETS] == ["token", "app_token"]
    store(memory_keyring, APP_TOKEN, "app-from-keyring")
    command = script(tmp_path, "print('the-ticket')")
    found = chain({}, command).require(APP_TOKEN)
    assert found.secret.get_secret_value() == "app-from-keyring"
    assert APP_TOKEN.keyring_user == "online:soticket:app-token"
    from_env = chain({"TICKETTUI_APP_TOKEN": "app-env"}).require(APP_TOKEN)
    assert from_env.secret.get_secret_value() == "app-env"


def test_the_password_command_does_not_see_the_other_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The client secret sits in the environment; the password helper has no business with it.
    monkeypatch.setenv("TICKETTUI_CLIENT_SECRET", "s3cret-client")
    monkeypatch.setenv("TICKETTUI_APP_TOKEN", "s3cret-app")
    monkeypatch.setenv("TICKETTUI_KEPT", "anything else is handed on")
    command = script(
        tmp_path,
        "import os\n"
        "names = ('TICKETTUI_CLIENT_SECRET', 'TICKETTUI_APP_TOKEN', 'TICKETTUI_KEPT')\n"
        "print(','.join(sorted(n for n in os.environ if n in names)))",
    )
    found = chain({}, command).require(BASIC)
    assert found.secret.get_secret_value() == "TICKETTUI_KEPT"


# --- a password_command that fails --------------------------------------------------------


def test_a_failing_command_names_the_command_but_not_its_output(tmp_path: Path) -> None:
    command = script(
        tmp_path,
        "import sys\nprint('leaked-secret')\nprint('leaked-err', file=sys.stderr)\nsys.exit(3)",
    )
    with pytest.raises(ConfigurationError) as caught:
        chain({}, command).require(BASIC)
    message = str(caught.value)
    assert message == f"password_command `{command}` failed (exit status 3)"
    assert "leaked" not in message


def test_a_missing_command_and_an_empty_answer(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="'no-such-pass-tool' not found"):
        chain({}, "no-such-pass-tool show x").require(BASIC)
    with pytest.raises(ConfigurationError, match="printed nothing"):
        chain({}, script(tmp_path, "print()")).require(BASIC)
    with pytest.raises(ConfigurationError, match="cannot be read"):
        chain({}, "pass show 'unclosed").require(BASIC)


def test_a_slow_command_times_out(tmp_path: Path) -> None:
    command = script(tmp_path, "import time\ntime.sleep(5)")
    slow = CredentialChain(
        env={}, keyring=KeyringStore(), password_command=command, command_timeout=0.3
    )
    with pytest.raises(ConfigurationError, match=r"did not finish within 0.3 s"):
        slow.require(BASIC)


# --- no keyring (a headless server) ---------------------------------------------------------


def test_no_keyring_backend_says_so_once_and_carries_on(no_keyring: Any) -> None:
    notices: list[str] = []
    prompt = Prompt("typed")
    credentials = chain({}, None, prompt, notices)
    assert credentials.require(BASIC).source == "prompt"
    assert credentials.require(APP_TOKEN).source == "prompt"
    assert len(notices) == 1
    (line,) = notices
    assert "\n" not in line and "no system keyring" in line
    assert "TICKETTUI_PASSWORD" in line and "password_command" in line


def test_a_failing_keyring_backend_is_the_same_notice(broken_keyring: Any) -> None:
    notices: list[str] = []
    credentials = chain({}, None, Prompt("typed"), notices)
    assert credentials.require(BASIC).source == "prompt"
    assert credentials.require(BASIC).source == "prompt"
    assert len(notices) == 1 and "KeyringLocked" in notices[0]
    assert "locked" not in notices[0].replace("KeyringLocked", "")


def test_storing_without_a_keyring_is_refused_quietly(no_keyring: Any) -> None:
    store_ = KeyringStore()
    assert not store_.usable
    assert store_.set(BASIC, SecretStr("x")) is False
    assert store_.get(BASIC) is None and store_.delete(BASIC) is False


# --- logs ------------------------------------------------------------------------------------


def test_the_log_formatter_blanks_headers_and_known_secrets() -> None:
    register_secret(SecretStr("correct-horse-battery"))
    formatter = RedactingFormatter("%(message)s")
    record = logging.LogRecord(
        "t",
        logging.DEBUG,
        __file__,
        1,
        "headers %s / %s / token=%s",
        ("Authorization: Basic YWdlbnQ6ZGVtbw==", "Bearer 8A:Cust12345.tok", "abc123"),
        None,
    )
    text = formatter.format(record)
    assert "YWdlbnQ6ZGVtbw" not in text and "Cust12345.tok" not in text and "abc123" not in text
    try:
        raise RuntimeError("server said correct-horse-battery")
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    assert "correct-horse-battery" not in formatter.format(record)
    plain = logging.LogRecord(
        "t", logging.INFO, __file__, 1, "Basic login needs a password", (), None
    )
    assert formatter.format(plain) == "Basic login needs a password"
