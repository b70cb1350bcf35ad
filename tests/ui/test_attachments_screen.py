"""Attachments as an agent meets them (issue 15, item 1), on both local servers: the thread names
each message's files (name, size, type), `A` lists them, enter saves the one under the cursor
into the download folder (0600, the path shown), an existing file is never replaced without a
yes, a hostile name lands inside the folder under a plain name, and `o` opens a private copy
only where there is a desktop."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import notifications, settle, until
from tests.ui.attachments_helpers import (
    HOSTILE_TICKET,
    PICTURES_TICKET,
    keliweb_demo_tickets,
    names_in,
    open_list,
    put,
    ticket_app,
)
from tests.ui.detail_helpers import thread_lines
from tickettui.ui.screens.pickers import ConfirmLoss

__all__ = ["kw_server"]  # fixture, imported for pytest

SIZE = (100, 30)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    return tmp_path / "downloads"  # made by the app on the first save


@pytest.fixture()
def no_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")
    monkeypatch.delenv("DISPLAY", raising=False)


async def test_the_thread_names_each_file_and_enter_saves_it(
    so_server: Any, folder: Path, no_desktop: None
) -> None:
    app = ticket_app(backend_factory_for(so_server), PICTURES_TICKET, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        files = [line for line in thread_lines(app) if "Attached: " in line]
        assert any("login-error.png · " in line and "image/png" in line for line in files)
        assert any("quote-2026-118.pdf" in line and "application/pdf" in line for line in files)
        screen = await open_list(pilot)
        names = [a.name for a in screen.attachments]
        assert "login-error.png" in names
        await pilot.press(*["down"] * names.index("login-error.png"), "enter")
        saved = folder / "login-error.png"
        await until(pilot, saved.exists, "the saved file")
        await settle(pilot)
        assert saved.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert f"Saved to {saved}" in notifications(app)
        assert names_in(folder) == ["login-error.png"]  # no part file left


async def test_an_existing_file_is_replaced_only_on_yes(
    so_server: Any, folder: Path, no_desktop: None
) -> None:
    put(folder / "server.log", b"the agent's own log")
    app = ticket_app(backend_factory_for(so_server), PICTURES_TICKET, folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(pilot)
        row = [a.name for a in screen.attachments].index("server.log")
        await pilot.press(*["down"] * row, "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question")
        await pilot.press("n")  # keep mine, save theirs beside it
        beside = folder / "server (2).log"
        await until(pilot, beside.exists, "the file saved beside")
        await settle(pilot)
        assert (folder / "server.log").read_bytes() == b"the agent's own log"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question again")
        await pilot.press("y")
        await until(
            pilot,
            lambda: (folder / "server.log").read_bytes() == beside.read_bytes(),
            "the file replaced",
        )
        await settle(pilot)
        assert names_in(folder) == ["server (2).log", "server.log"]


async def test_hostile_names_are_shown_inert_and_saved_inside_the_folder(
    so_server: Any, folder: Path, no_desktop: None
) -> None:
    app = ticket_app(backend_factory_for(so_server), HOSTILE_TICKET, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = "\n".join(thread_lines(app))
        assert "\x1b" not in text and "\u202e" not in text
        assert "Attached: ../../.bashrc" in text  # shown as sent, inert
        screen = await open_list(pilot)
        for row, attachment in enumerate(screen.attachments):
            await pilot.press("enter")
            if isinstance(app.screen, ConfirmLoss):  # report.txt twice: keep both
                await pilot.press("n")
            await until(pilot, lambda n=row: len(screen.saved) == n + 1, "the file saved")
            await settle(pilot)
            await pilot.press("down")
            del attachment
        assert [name for name in names_in(folder.parent) if name != "cache"] == ["downloads"]
        saved = names_in(folder)
        assert "bashrc" in saved and "passwd" in saved
        assert "report.txt" in saved and "report (2).txt" in saved
        assert "attachment" in saved  # the empty name and ".."
        assert (folder / "empty.txt").read_bytes() == b""
        assert all(not name.startswith(".") for name in saved)
        assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in saved)


async def test_o_is_offered_only_with_a_desktop_and_opens_a_private_copy(
    so_server: Any, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    opened: list[list[str]] = []

    class Recorder:
        def __init__(self, command: list[str], **_: Any) -> None:
            opened.append(command)

    monkeypatch.setattr(subprocess, "Popen", Recorder)
    app = ticket_app(backend_factory_for(so_server), PICTURES_TICKET, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_list(pilot)
        await pilot.press("o")
        await until(pilot, lambda: opened, "the opener")
        await settle(pilot)
    path = Path(opened[0][-1])
    assert path.name in names_in(path.parent) and path.parent.name.startswith("tickettui-open-")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert names_in(folder) == []  # the downloads folder is left alone


async def test_over_ssh_o_does_nothing_and_saving_is_the_way(
    so_server: Any, folder: Path, no_desktop: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail("opened over SSH"))
    app = ticket_app(backend_factory_for(so_server), PICTURES_TICKET, folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert screen.saved == []
        assert "no desktop here" in "\n".join(
            str(label.render()) for label in screen.query("Label")
        )


async def test_keliweb_lists_and_saves_through_get_ticket_attachment(
    kw_server: Any, folder: Path, no_desktop: None
) -> None:
    ticket = keliweb_demo_tickets(kw_server.db_path)["login-error.png"]
    app = ticket_app(kw_factory(kw_server), ticket, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("Attached: quote-2026-118.pdf · size unknown" in t for t in thread_lines(app))
        screen = await open_list(pilot)
        status = str(screen.query_one("#attachments-status").render())
        assert "sizes unknown: a file comes whole, esc stops it" in status
        row = [a.name for a in screen.attachments].index("quote-2026-118.pdf")
        await pilot.press(*["down"] * row, "s")
        saved = folder / "quote-2026-118.pdf"
        await until(pilot, saved.exists, "the saved file")
        await settle(pilot)
        assert saved.read_bytes().startswith(b"%PDF-1.4")
        assert saved.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_long_or_hostile_name_stays_one_line_of_the_width() -> None:
    from tickettui.core.domain import Attachment, Message, MessageKind
    from tickettui.ui.widgets.message_attachments import attachment_lines

    long_name = "report " * 40 + ".pdf"
    message = Message(
        1,
        MessageKind.CUSTOMER,
        "Ann",
        None,
        "body",
        attachments=(
            Attachment("1", 1, long_name, 10),
            Attachment("2", 1, "a\nb\x1b[2J.txt", None, "text/plain"),
            Attachment("3", 1, "", 0),
        ),
    )
    lines = attachment_lines(message, 40)
    assert len(lines) == 3 and all(len(line) <= 40 for line in lines)
    assert lines[0].endswith("…")
    assert "\n" not in lines[1] and "\x1b" not in lines[1] and "size unknown" in lines[1]
    assert lines[2] == "Attached: (no name) · 0 B · type unknown"
