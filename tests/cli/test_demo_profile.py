"""`make demo` tells the command line where it is (issue 19): the demo runs its server on the
system's own port when it is free, writes a `demo` profile (Keliweb: `demo-keliweb`) with the
url and user into config.toml (never a secret, never the default), keeps what the user added
to it, and prints the one line that lists its tickets from another terminal."""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import invoke
from tickettui import systems
from tickettui.commands.first_run import is_first_run
from tickettui.config.load import load_config
from tickettui.config.write import put_profile
from tickettui.connection import ConnectionFlags
from tickettui.demo import announce_demo, demo_profile_name, server_log_in, start_demo_server


def config() -> Path:
    return Path(os.environ["TICKETTUI_CONFIG"])


def env_of(line: str) -> dict[str, str]:
    """The variables the printed command line sets."""
    return dict(word.split("=", 1) for word in line.split() if "=" in word)


@pytest.mark.parametrize("system", ["superoffice", "keliweb"])
def test_the_demo_profile_lists_the_demos_tickets(system: str, home: Path, tmp_path: Path) -> None:
    record = systems.system(system)
    assert record.local is not None
    with record.local.start(tickets=40, db_path=tmp_path / "demo.sqlite") as server:
        lines = announce_demo(record, server.base_url)
        name = demo_profile_name(system)
        assert name == ("demo" if system == "superoffice" else "demo-keliweb")
        assert lines[0].endswith(server.base_url)
        assert f"Profile {name!r} written to {config()}" in lines[1]
        command = lines[2].strip()
        assert command.endswith(f"tickettui --profile {name} list")
        result = invoke("--profile", name, "list", "--json", env=env_of(command))
        assert result.exit_code == 0, result.output
        assert result.stdout.strip().startswith("[")

    text = config().read_text()
    for secret in env_of(command).values():
        assert f'"{secret}"' not in text  # printed for the command line, never written
    assert load_config(config()).default_profile is None  # type: ignore[union-attr]
    assert stat.S_IMODE(config().stat().st_mode) == 0o600


def test_a_new_port_updates_the_url_and_keeps_the_users_keys(home: Path) -> None:
    path = config()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'default_profile = "prod"\n\n[profiles.prod]\nurl = "https://so.example.com/api"\n'
        'user = "me"\n\n[profiles.demo]\nurl = "http://127.0.0.1:8080/SuperOffice/api"\n'
        'user = "agent"\ntheme = "nord"  # mine\n'
    )
    values = {"url": "http://127.0.0.1:8080/SuperOffice/api", "user": "agent"}
    assert put_profile(path, "demo", values) is False  # nothing to change
    moved = {**values, "url": "http://127.0.0.1:40123/SuperOffice/api"}
    assert put_profile(path, "demo", moved) is True
    loaded = load_config(path)
    assert loaded is not None and loaded.default_profile == "prod"
    demo = loaded.profiles["demo"]
    assert (demo.url, demo.user, demo.theme) == (moved["url"], "agent", "nord")
    assert 'theme = "nord"  # mine' in path.read_text()


def test_the_systems_own_port_when_free_else_any(tmp_path: Path) -> None:
    record = systems.system("superoffice")
    assert record.local is not None
    with socket.socket() as probe:  # a port nothing listens on, as the system's own
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    own = dataclasses.replace(record, local=dataclasses.replace(record.local, default_port=free))
    server: Any = start_demo_server(own, tickets=20, db_path=tmp_path / "a.sqlite")
    try:
        assert server.base_url.startswith(f"http://127.0.0.1:{free}/")
        other: Any = start_demo_server(own, tickets=20, db_path=tmp_path / "a.sqlite")
        try:  # the port is taken now: another one
            assert not other.base_url.startswith(f"http://127.0.0.1:{free}/")
        finally:
            other.stop()
    finally:
        server.stop()


def test_only_the_demos_profiles_still_offer_the_first_run(home: Path) -> None:
    path = config()
    path.parent.mkdir(parents=True, exist_ok=True)
    put_profile(path, "demo", {"url": "http://127.0.0.1:8080/SuperOffice/api", "user": "agent"})
    assert is_first_run(ConnectionFlags())
    assert not is_first_run(ConnectionFlags(profile="demo"))
    path.write_text(path.read_text() + '\n[profiles.prod]\nurl = "https://so.example.com/api"\n')
    assert not is_first_run(ConnectionFlags())


def test_the_demo_servers_log_goes_to_a_file_while_the_app_draws(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # The demo's server runs in the app's process: a line it logs on stderr would land in the
    # middle of the screen (a client-gone traceback did, on the first keys of a new user).
    record = systems.system("keliweb")
    server = start_demo_server(record, tickets=5, db_path=tmp_path / "kw.sqlite")
    try:
        log = tmp_path / "kw.server.log"
        with server_log_in(log):
            logging.getLogger("uvicorn.error").error("Exception in ASGI application")
        assert "ERROR uvicorn.error: Exception in ASGI application" in log.read_text()
        assert "Exception in ASGI application" not in capfd.readouterr().err
        logging.getLogger("uvicorn.error").error("after the app")  # the terminal's again
        assert "after the app" in capfd.readouterr().err
    finally:
        server.stop()
