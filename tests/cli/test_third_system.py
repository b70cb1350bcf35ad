"""A third ticket system, added with its own package and one registry line, works end to end.

Fakedesk (``tests/fakedesk``) exists only here. Registered, it can be logged in to, listed by
`tickettui profiles`, checked by `doctor`, read with `list`/`show --json` and opened in the app,
with its own profile key (``workspace``) checked like the others: nothing outside its package
knows it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.account_fixtures import MemoryKeyring
from tests.cli.helpers import invoke
from tests.fakedesk.backend import API_KEY
from tickettui import systems
from tickettui.config.load import load_config

PROFILE = """\
default_profile = "fd"

[profiles.fd]
system = "fakedesk"
url = "https://fakedesk.example"
workspace = "acme"
user = "ann@acme.example"
"""
KEY_ENV = {"TICKETTUI_FAKEDESK_KEY": API_KEY}


@pytest.fixture(autouse=True)
def fakedesk() -> Iterator[None]:
    systems.register("fakedesk", "tests.fakedesk.system")  # the one registry line
    yield
    systems.unregister("fakedesk")


def write_profile(home: Path, text: str = PROFILE) -> Path:
    import os

    path = Path(os.environ["TICKETTUI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_login_asks_fakedesks_own_questions_and_keeps_its_key(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    answers = f"https://fakedesk.example\nacme\nann@acme.example\n{API_KEY}\n"
    result = invoke("login", "--system", "fakedesk", "--profile", "fd", input=answers)
    assert result.exit_code == 0, result.output
    assert "New Fakedesk profile 'fd'" in result.output
    assert "Workspace" in result.output and "API key for" not in result.output
    assert "Signed in to fakedesk.example as ann@acme.example." in result.output
    import os

    config = load_config(Path(os.environ["TICKETTUI_CONFIG"]))
    assert config is not None
    profile = config.profiles["fd"]
    assert profile.system == "fakedesk" and profile.model_extra == {"workspace": "acme"}
    assert memory_keyring.entries == {("tickettui", "fd:ann@acme.example:api-key"): API_KEY}


def test_a_wrong_key_is_one_line_and_nothing_is_saved(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    answers = "https://fakedesk.example\nacme\nann@acme.example\nnope\n"
    result = invoke("login", "--system", "fakedesk", "--profile", "fd", input=answers)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "tickettui: Login failed: Fakedesk rejected the API key (401)"
    )
    assert memory_keyring.entries == {}


def test_profiles_and_doctor_describe_it(home: Path) -> None:
    write_profile(home)
    listed = invoke("profiles")
    assert listed.exit_code == 0
    assert "* fd  https://fakedesk.example  api key, workspace acme as ann@acme.example" in (
        listed.output
    )
    doctor = invoke("doctor", env=KEY_ENV | {"TERM": "xterm-256color"})
    assert "OK   profile: fd (by default_profile): https://fakedesk.example, api key" in (
        doctor.output
    )
    assert (
        "OK   sign-in: fakedesk.example accepts you as ann@acme.example "
        "(secret from TICKETTUI_FAKEDESK_KEY)" in doctor.output
    )


def test_its_own_profile_key_is_checked_like_any_other(home: Path) -> None:
    write_profile(home, PROFILE.replace('workspace = "acme"', 'work_space = "acme"'))
    result = invoke("list", env=KEY_ENV)
    assert result.exit_code == 1
    assert "line 6: profiles.fd.work_space: unknown key (known keys: url, system" in result.output
    assert result.output.rstrip().endswith("workspace)")


def test_list_and_show_json(home: Path) -> None:
    write_profile(home)
    listed = invoke("list", "--json", env=KEY_ENV)
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(row["number"], row["title"]) for row in rows] == [
        ("FD-1", "Printer on fire"),
        ("FD-2", "VPN drops every hour"),
    ]
    shown = invoke("show", "2", "--json", env=KEY_ENV)
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.stdout)
    assert detail["category"] == "acme" and detail["messages"][0]["body"] == (
        "VPN drops every hour?"
    )
    every = invoke("list", "--section", "all", env=KEY_ENV)
    assert "Invoice 42 is wrong" in every.stdout


async def test_the_app_opens_its_queue_and_a_ticket(home: Path) -> None:
    from tests.pilot import screen_text, until
    from tickettui.backends import factory_for
    from tickettui.connection import ConnectionFlags, connect
    from tickettui.ui.app import TicketApp
    from tickettui.ui.screens.detail import DetailScreen

    write_profile(home)
    connection = connect(ConnectionFlags(), env=dict(__import__("os").environ) | KEY_ENV)
    app = TicketApp(factory_for(connection))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Printer on fire" in screen_text(app), "the queue")
        text = screen_text(app)
        assert "Printer on fire" in text and "Board" in text  # its own name for the column
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, DetailScreen) and "Printer on fire?" in screen_text(app),
            "the ticket",
        )
        assert "Printer on fire?" in screen_text(app)
