"""The second start of `tickettui` paints from its start record, before reading the profile
(issue 16, item 1: the cold start of the real command); any change of the configuration, or a
full start that disagrees, is the normal start again, with the same errors as ever.

The app runs as the console script runs it (``tickettui.quick_start.main``) in a pty; a probe
notes, each time the queue first holds rows, which of the start's heavy modules are loaded.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import PASSWORD, assert_one_line_error
from tests.pty_terminal import Terminal
from tests.waiting import wait_until
from tickettui import start_record
from tickettui.cache import TicketCache
from tickettui.cache.store import section_key
from tickettui.core.domain import Capabilities, QuickAction, SearchKind, Section, TicketSummary
from tickettui.core.live_policy import LivePolicy, Notify, SectionLive
from tickettui.systems.record import BackendParts
from tickettui.systems.superoffice.server import accounts

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the app runs in a Unix pty")

# Loaded by the full start before the app (click, config.toml's models, the chain).
HEAVY = ("click", "pydantic", "tickettui.config.model", "tickettui.connection")
# What the queue's first frame does without, loaded where it is first used (issue 16): the
# preview's quote folding (the preview follows the first frame), the drafts, the undo engine,
# the bulk engine, the export, the drafts review, the detail and edit screens.
LATER = (
    "tickettui.core.quote_folding",
    "tickettui.core.drafts",
    "tickettui.core.undo",
    "tickettui.core.bulk",
    "tickettui.core.export",
    "tickettui.ui.screens.drafts_review",
    "tickettui.ui.screens.detail",
    "tickettui.ui.screens.edit",
)
# Below the UI, the same: OpenSSL's hashlib (the cache's file name and the record's key are
# taken with core.digests), zoneinfo (only for a display zone other than local), what the
# caching and deferred backends pass calls on to, imported by the call that needs it, and a
# save's result type. (A full start may load them: its config, credential and HTTP layers do.)
BELOW_UI = (
    "_hashlib",
    "zoneinfo",
    "tickettui.core.attachments",
    "tickettui.core.reply_templates",
    "tickettui.core.template_fill",
    "tickettui.core.bulk_calls",
    "tickettui.core.merge",
    "tickettui.cache.live",
    "tickettui.core.save_result",
)
# The console script's start, or ``python -m tickettui`` (the package's __main__).
BY_SCRIPT = "from tickettui.quick_start import main\n\nmain()"
BY_MODULE = "import runpy\n\nrunpy.run_module('tickettui', run_name='__main__', alter_sys=True)"


def probe(start: str) -> str:
    """The app started by ``start``, noting what is loaded when its queue first holds rows."""
    noting = textwrap.dedent(
        f"""
        import sys
        from tickettui.ui.app import TicketApp

        out, sys.argv[1:] = sys.argv[1], sys.argv[2:]
        shown = TicketApp.queue_shown

        def queue_shown(self):
            if not getattr(self, "probed", False):
                self.probed = True
                with open(out, "a") as file:
                    loaded = [m for m in {HEAVY + LATER + BELOW_UI!r} if m in sys.modules]
                    file.write(" ".join(loaded) + "|\\n")
            shown(self)

        TicketApp.queue_shown = queue_shown
        """
    )
    return noting + start


class User:
    """Someone with a profile in config.toml and the password in the environment."""

    def __init__(self, folder: Path, server: Any) -> None:
        self.folder = folder
        self.config = folder / "config.toml"
        self.config.write_text(
            f'default_profile = "work"\n\n[profiles.work]\nurl = "{server.base_url}"\n'
            f'user = "{accounts.DEMO_USER}"\n',
            encoding="utf-8",
        )
        self.probe = folder / "probe.txt"
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(folder / "home"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "TICKETTUI_CONFIG": str(self.config),
            "TICKETTUI_PASSWORD": PASSWORD,
            "TICKETTUI_CACHE_DIR": str(folder / "cache"),
            "TICKETTUI_DATA_DIR": str(folder / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "TEXTUAL_ANIMATIONS": "none",
        }

    @property
    def records(self) -> Path:
        return Path(self.env["TICKETTUI_CACHE_DIR"]) / start_record.FILE_NAME

    def starts(self) -> list[str]:
        """What each app start had loaded when its queue first held rows, in order."""
        return self.probe.read_text().splitlines() if self.probe.exists() else []

    def start(self, *flags: str, until_starts: int, start: str = BY_SCRIPT) -> Terminal:
        """`tickettui` in a pty, until the app has started ``until_starts`` times in all."""
        terminal = Terminal(self.env, ["-c", probe(start), str(self.probe), *flags])
        wait_until(lambda: len(self.starts()) >= until_starts, "the queue", pause=terminal.read)
        return terminal

    def first_start(self) -> None:
        """A full start that fills the cache and keeps the record, then quit."""
        terminal = self.start(until_starts=1)
        wait_until(self.records.exists, "the start record", pause=terminal.read)
        terminal.kill()


@pytest.fixture()
def user(tmp_path: Path, so_server: Any) -> Iterator[User]:
    yield User(tmp_path, so_server)


@pytest.mark.parametrize("start", [BY_SCRIPT, BY_MODULE], ids=["tickettui", "python -m"])
def test_the_second_start_paints_before_reading_the_profile(user: User, start: str) -> None:
    user.first_start()
    terminal = user.start(until_starts=2, start=start)
    try:
        first, second = user.starts()
        assert set(HEAVY) <= set(first.rstrip("|").split())  # the full start, as ever
        # None of them: painted from the record and the cache, without the command line and
        # without what the first frame does not show.
        assert second == "|"
        # The full start then runs behind the queue: the server's counts arrive.
        terminal.wait_for("Unassigned (")
        assert terminal.process.poll() is None
    finally:
        terminal.kill()


def test_the_record_holds_no_secret_and_only_its_owner_reads_it(user: User) -> None:
    user.first_start()
    kept = user.records.read_text()
    assert PASSWORD not in kept
    assert "TICKETTUI_PASSWORD" in kept  # where it came from, by name only
    assert stat.S_IMODE(user.records.stat().st_mode) == 0o600


def test_a_changed_config_is_a_full_start_again(user: User) -> None:
    user.first_start()
    user.config.write_text(user.config.read_text() + 'theme = "nord"\n', encoding="utf-8")
    terminal = user.start(until_starts=2)
    terminal.kill()
    assert set(user.starts()[1].rstrip("|").split()) - set(BELOW_UI) == set(HEAVY)


def test_a_bad_config_still_gives_its_one_line_error(user: User) -> None:
    user.first_start()
    user.config.write_text(user.config.read_text() + "colums = []\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from tickettui.quick_start import main; main()"],
        env=user.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_one_line_error(done, "config.toml line 6", "colums", "unknown key")


def test_a_record_the_full_start_disagrees_with_is_dropped_and_the_app_starts_as_before(
    user: User,
) -> None:
    user.first_start()
    kept = json.loads(user.records.read_text())
    (entry,) = kept["records"].values()
    right = entry["content"]["options"]["columns"]
    entry["content"]["options"]["columns"] = ["id", "title"]  # not what the profile says
    user.records.write_text(json.dumps(kept))
    terminal = user.start(until_starts=3)  # from the record; then, ended, the full start
    try:
        quick, full = user.starts()[1:]
        assert quick == "|" and set(HEAVY) <= set(full.rstrip("|").split())
        assert terminal.process.poll() is None  # the app of the full start runs on
        (entry,) = json.loads(user.records.read_text())["records"].values()
        assert entry["content"]["options"]["columns"] == right  # kept anew, right this time
    finally:
        terminal.kill()


# --- the record itself ----------------------------------------------------------------------


def parts() -> BackendParts:
    capabilities = Capabilities(
        "Desk",
        read_status=True,
        quick_actions=frozenset({QuickAction.CLOSE, QuickAction.MARK_READ}),
        search=frozenset({SearchKind.NUMBER}),
        column_titles={"category": "Department"},
    )
    sections = [Section("mine", "Mine", "owner = me"), Section("all", "All", "", "id desc")]

    def build() -> Any:
        raise AssertionError("a record never builds the backend")

    return BackendParts(build, capabilities, sections, ("https://desk.example/api/", "agent"))


def options(folder: Path) -> dict[str, Any]:
    return {
        "columns": ["id", "title"],
        "keymap": {"queue.down": "j,n"},
        "theme": "nord",
        "confirm_close": False,
        "timezone_display": "UTC",
        "mark_read_on_open": True,
        "live": LivePolicy(SectionLive(120.0, Notify.BELL), {"mine": SectionLive(None)}),
        "web_url": "https://desk.example/t/{id}",
        "templates_dir": folder / "templates",
        "download_folder": "~/tickets",
    }


@pytest.fixture()
def environment(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.work]\nurl = "https://desk.example/api"\n', encoding="utf-8")
    return {
        "TICKETTUI_CONFIG": str(config),
        "TICKETTUI_CACHE_DIR": str(tmp_path / "cache"),
        "TICKETTUI_PASSWORD": "s3cret",
    }


SECRETS = ["TICKETTUI_PASSWORD", "TICKETTUI_TOKEN"]


def keep(env: dict[str, str], folder: Path, argv: list[str] | None = None) -> None:
    content = start_record.content_of(options(folder), parts(), {"password": "TICKETTUI_PASSWORD"})
    assert start_record.keep(content, argv or [], env, SECRETS)


def test_a_record_gives_back_what_the_start_had(
    environment: dict[str, str], tmp_path: Path
) -> None:
    keep(environment, tmp_path)
    record = start_record.find([], environment)
    assert record is not None
    assert record.capabilities == parts().capabilities
    assert record.sections == parts().sections and record.account == parts().account
    assert record.app_options() == options(tmp_path)


# What the layer below the UI does for the first frame: the record, the caching backend over
# the deferred one, the section's rows from the disk cache (the app does the same in between).
BELOW_UI_FIRST_FRAME = """
import os, sys
from tickettui import start_record
from tickettui.backends import deferred_and_cached
record = start_record.find([], os.environ)
backend = deferred_and_cached(None, record.capabilities, record.sections, record.account)()
rows = backend.cached_list(record.sections[0], ["id", "title"])
print(len(rows), sorted(set(sys.argv[1:]) & set(sys.modules)))
"""


def test_the_first_frames_data_comes_without_what_it_does_not_use(
    environment: dict[str, str], tmp_path: Path
) -> None:
    """With TICKETTUI_CONFIG and TICKETTUI_CACHE_DIR set, the record, the backend and the
    cached rows come without platformdirs (Textual imports it too, so the app's first frame
    cannot show this), OpenSSL, zoneinfo, the backends' collaborators or the detail's types."""
    keep(environment, tmp_path)
    cache = TicketCache.for_server(*parts().account, directory=tmp_path / "cache")
    sections = parts().sections
    assert sections
    mine = sections[0]
    tickets = [TicketSummary(id=n, title=f"Printer {n}") for n in range(3)]
    cache.save_section(section_key(mine.key, mine.query, mine.order_by), ["id", "title"], tickets)
    cache.close()
    unused = ["platformdirs", *BELOW_UI, "tickettui.core.domain_detail"]
    looked = subprocess.run(
        [sys.executable, "-c", BELOW_UI_FIRST_FRAME, *unused],
        env={k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")} | environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert looked.stdout.split("\n")[0] == "3 []"


def test_a_changed_config_flag_or_variable_finds_no_record(
    environment: dict[str, str], tmp_path: Path
) -> None:
    keep(environment, tmp_path, ["--profile", "work"])
    assert start_record.find(["--profile", "work"], environment) is not None
    assert start_record.find(["--profile=work"], environment) is not None  # the same flag
    # The password's value is not part of it: only whether it is set.
    assert start_record.find(["--profile", "work"], environment | {"TICKETTUI_PASSWORD": "new"})
    assert start_record.find([], environment) is None
    assert start_record.find(["--profile", "home"], environment) is None
    assert start_record.find(["--profile", "work"], environment | {"TICKETTUI_URL": "x"}) is None
    without_password = {k: v for k, v in environment.items() if k != "TICKETTUI_PASSWORD"}
    assert start_record.find(["--profile", "work"], without_password) is None
    config = Path(environment["TICKETTUI_CONFIG"])
    config.write_text(config.read_text() + 'theme = "nord"\n', encoding="utf-8")
    assert start_record.find(["--profile", "work"], environment) is None


def test_only_a_command_line_that_opens_the_app_has_a_record(
    environment: dict[str, str], tmp_path: Path
) -> None:
    for argv in (["list"], ["--debug"], ["--help"], ["--profile"], ["--url", "--user", "x"]):
        assert start_record.flags_of(argv) is None
    content = start_record.content_of(options(tmp_path), parts(), {"password": "password_command"})
    assert not start_record.keep(content, [], environment, SECRETS)  # a program's secret
    assert not start_record.keep(content | {"sources": {}}, ["list"], environment, SECRETS)
    assert not (tmp_path / "cache" / start_record.FILE_NAME).exists()


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[]", b'{"format": 1}', b'{"format": 99, "records": {}}', b"\xff\xfe"],
)
def test_a_corrupt_record_is_ignored_and_replaced(
    environment: dict[str, str], tmp_path: Path, damage: bytes
) -> None:
    records = tmp_path / "cache" / start_record.FILE_NAME
    records.parent.mkdir()
    records.write_bytes(damage)
    assert start_record.find([], environment) is None
    keep(environment, tmp_path)
    assert start_record.find([], environment) is not None


def test_a_record_of_another_version_is_ignored(
    environment: dict[str, str], tmp_path: Path
) -> None:
    keep(environment, tmp_path)
    records = tmp_path / "cache" / start_record.FILE_NAME
    kept = json.loads(records.read_text())
    (entry,) = kept["records"].values()
    entry["content"]["capabilities"]["teleport"] = True  # a field this version has not
    records.write_text(json.dumps(kept))
    assert start_record.find([], environment) is None


# --- the full start behind a quick one, in-process (its thread's part) ----------------------


def test_a_password_from_the_keyring_is_found_by_the_full_start_and_missed_once_gone(
    home: Path, so_server: Any, memory_keyring: Any
) -> None:
    from pydantic import SecretStr

    from tickettui import quick_start
    from tickettui.app_options import app_options
    from tickettui.backends import parts_for
    from tickettui.connection import ConnectionFlags, active_profile, connect, credential_requests
    from tickettui.credentials.keyring_store import KeyringStore

    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[profiles.work]\nurl = "{so_server.base_url}"\nuser = "{accounts.DEMO_USER}"\n',
        encoding="utf-8",
    )
    (request,) = credential_requests(active_profile(ConnectionFlags()))
    KeyringStore().set(request, SecretStr(PASSWORD))
    # What the command line keeps after its full start.
    connection = connect(ConnectionFlags(), keyring=KeyringStore())
    content = start_record.content_of(
        app_options(connection), parts_for(connection), connection.sources
    )
    assert content["sources"] == {"password": "keyring"}
    assert start_record.keep(content, [], os.environ, SECRETS)
    record = start_record.find([], os.environ)
    assert record is not None  # no variable to wait for: the keyring is asked after the paint

    start = quick_start.QuickStart(record, [])
    assert start._full_start().account == record.account  # found it there, the same start
    memory_keyring.entries.clear()  # `tickettui logout` in another terminal
    with pytest.raises(quick_start.StartAgain):
        start._build()
    assert start.stale  # dropped; with an app running, the command line would ask after it


def test_a_record_that_cannot_be_kept_never_stops_the_start(
    environment: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tickettui import cli

    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(start_record, "command_line", [])  # as the console script started it
    strange = options(tmp_path) | {"new_option": object()}  # not JSON: no record, no error
    cli._keep_start_record(strange, parts(), {"password": "TICKETTUI_PASSWORD"})
    assert start_record.find([], os.environ) is None
    cli._keep_start_record(options(tmp_path), parts(), {"password": "TICKETTUI_PASSWORD"})
    assert start_record.find([], os.environ) is not None


@pytest.mark.parametrize("agent_quit_first", [False, True])
async def test_the_full_start_ends_the_app_to_start_again_unless_the_agent_ended_it(
    so_backend_factory: Any, agent_quit_first: bool
) -> None:
    from tests.pilot import settle, until
    from tickettui import quick_start
    from tickettui.ui.app import TicketApp

    start = quick_start.QuickStart(start_record.StartRecord("digest", {}), [])
    app = TicketApp(so_backend_factory)
    async with app.run_test() as pilot:
        await settle(pilot)
        if agent_quit_first:
            await pilot.press("ctrl+q")  # while the full start still runs
            await until(pilot, lambda: app.ending, "ctrl+q to end the app")
        start._start_again(app)  # what the full start's thread asks of the loop
        assert app.ending
    # The command line starts again only where the app was still the agent's.
    assert start.disagreed is not agent_quit_first
