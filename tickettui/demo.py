"""`make demo`: a local server with demo data, and the app signed in to it.

``tickettui demo`` opens SuperOffice; ``tickettui demo --system keliweb`` opens Keliweb (any
system whose record has a local server). The data lives in the user's data dir (one file per
system), so edits made in one demo run are there in the next.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from tickettui import systems
from tickettui.core.errors import ConfigurationError
from tickettui.systems.record import BackendContext, RunningServer, System

if TYPE_CHECKING:
    from tickettui.servers.faults import FaultPlan


def demo_db_path(system: str = systems.DEFAULT) -> Path:
    return systems.system(system).demo_db(Path(platformdirs.user_data_dir("tickettui")))


def demo_profile_name(system: str) -> str:
    """``demo`` for the default system, ``demo-<system>`` for another (``demo-keliweb``)."""
    return "demo" if system == systems.DEFAULT else f"demo-{system}"


def start_demo_server(record: System, **options: Any) -> RunningServer:
    """The system's local server on its own port (8080, 8081), so the demo profile's url stays
    the same from run to run; on any free port when that one is taken (another demo, a
    `tickettui server`)."""
    local = record.local
    if local is None:
        raise ConfigurationError(f"{record.title} has no local server to run a demo on")
    try:
        return local.start(port=local.default_port, **options)
    except OSError:
        return local.start(**options)


def announce_demo(record: System, base_url: str) -> list[str]:
    """Write the demo profile for ``base_url`` into config.toml (its url and user, never a
    secret) and say how to use it from another terminal while the demo runs.

    The demo's password is public and the same for everyone, so it is printed, not kept: in
    the keyring it would outlive the demo among the agent's real secrets (and a server over SSH
    has no keyring); a variable on the command line is what the README shows for scripts.
    """
    from tickettui.config.paths import config_path
    from tickettui.config.write import put_profile

    local = record.local
    lines = [f"{record.title} demo server: {base_url}"]
    if local is None or local.demo_profile is None:
        return lines
    name = demo_profile_name(record.name)
    path = config_path()
    try:
        changed = put_profile(path, name, local.demo_profile(base_url))
    except (ConfigurationError, OSError) as error:  # a config.toml we must not touch
        return [*lines, f"(no demo profile written: {error})"]
    env = local.demo_env() if local.demo_env else {}
    command = [*(f"{key}={value}" for key, value in env.items()), f"tickettui --profile {name}"]
    lines.append(f"Profile {name!r} {'written to' if changed else 'is in'} {path}; meanwhile:")
    lines.append(f"  {' '.join(command)} list")
    return lines


def open_demo_server(
    *,
    tickets: int = 500,
    fresh: bool = False,
    system: str = systems.DEFAULT,
    faults: FaultPlan | None = None,
) -> tuple[System, RunningServer]:
    """The system's local server on the demo data (seeded again with ``fresh``), started, with
    the demo profile written and announced: what `tickettui demo` and `demo --web` share."""
    record = systems.system(system)
    if record.local is None:
        raise ConfigurationError(f"{record.title} has no local server to run a demo on")
    db = demo_db_path(system)
    db.parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"Starting the local {record.title} server ({db}) ...", flush=True)
    if faults is not None:
        print(f"Faults: {faults.describe()}", flush=True)
    server = start_demo_server(record, tickets=tickets, db_path=db, faults=faults)
    try:
        for line in announce_demo(record, server.base_url):
            print(line, flush=True)
    except BaseException:
        server.stop()
        raise
    return record, server


SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


@contextmanager
def server_log_in(path: Path) -> Iterator[None]:
    """The local server's log lines go to ``path`` while the block runs, not to the terminal:
    the server runs inside the app's process, and a line on stderr lands in the middle of the
    screen the app is drawing."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    loggers = [logging.getLogger(name) for name in SERVER_LOGGERS]
    before = [(logger, logger.handlers[:], logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.handlers = [handler]
        logger.propagate = False
    try:
        yield
    finally:
        for logger, handlers, propagate in before:
            logger.handlers = handlers
            logger.propagate = propagate
        handler.close()


def run_demo(
    *,
    tickets: int = 500,
    fresh: bool = False,
    system: str = systems.DEFAULT,
    faults: FaultPlan | None = None,
) -> None:
    from tickettui.backends import app_backend
    from tickettui.config.paths import templates_dir
    from tickettui.ui.app import run_app

    record, server = open_demo_server(tickets=tickets, fresh=fresh, system=system, faults=faults)
    assert record.local is not None  # open_demo_server refuses a system without one
    try:
        settings = record.local.demo_settings(server.base_url)
        # The demo signs in on each run: nothing is kept in the keyring.
        # As a profile does by default: opening an unread ticket marks it read.
        profile = record.local.demo_profile(server.base_url) if record.local.demo_profile else {}
        web_url = record.web_url(profile["url"]) if record.web_url and "url" in profile else ""
        with server_log_in(demo_db_path(system).with_suffix(".server.log")):
            run_app(
                app_backend(record, settings, BackendContext()),
                mark_read_on_open=True,
                web_url=web_url,
                templates_dir=templates_dir(),  # the agent's own templates beside the server's
            )
    finally:
        server.stop()
