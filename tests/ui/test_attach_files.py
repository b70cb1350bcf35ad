"""Attaching files when writing (issue 15, item 1): ctrl+o in the compose window asks for a path
(completed from the file system, `~` expanded), the files are listed under the text and can be
taken off, a file over the server's limit is refused in one line before anything is sent, and
the reply or note goes out once with its files, on both local servers. A file WHMCS drops
silently (an extension its admin does not allow) is named to the agent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import fresh_kw_server, kw_factory
from tests.pilot import notifications, settle, until, wait_for
from tests.ui.attachments_helpers import put
from tests.ui.detail_helpers import DetailApp, keys
from tickettui.core.attachments import file_server
from tickettui.ui.screens.attach_prompt import AttachPrompt, FilesLine
from tickettui.ui.screens.compose import ComposeScreen

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest

SIZE = (100, 32)


async def attach(pilot: Pilot[Any], path: str, key: str = "ctrl+o") -> AttachPrompt:
    """``key`` (ctrl+o writing; ctrl+f in the new-ticket form), the path typed, enter; the
    prompt (still open when the file was refused)."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, AttachPrompt), "the prompt")
    prompt = pilot.app.screen
    assert isinstance(prompt, AttachPrompt)
    prompt.query_one(Input).value = path
    await pilot.press("enter")
    await pilot.pause()
    return prompt


def files_line(app: Any) -> str:
    return str(app.screen.query_one(FilesLine).render())


async def stored_files(factory: Any, ticket_id: int) -> dict[str, bytes]:
    backend = factory()
    try:
        server = file_server(backend, backend.capabilities)
        found = {}
        for attachment in await server.attachments(ticket_id):
            found[attachment.name] = b"".join(
                [c async for c in server.attachment_chunks(attachment)]
            )
        return found
    finally:
        await backend.aclose()


async def test_a_reply_goes_out_once_with_its_files(fresh_so_server: Any, tmp_path: Path) -> None:
    put(tmp_path / "trace.log", b"line 1\nline 2\n")
    put(tmp_path / "shot.png", b"\x89PNG fake")
    factory = backend_factory_for(fresh_so_server)
    app = DetailApp(factory, 7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the compose window")
        await pilot.press(*keys("Logs attached"))
        await attach(pilot, str(tmp_path / "trace.log"))
        await attach(pilot, str(tmp_path / "shot.png"))
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "back to the text")
        assert "Attached: trace.log (14 B), shot.png (9 B) · 2 files, 23 B" in files_line(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ComposeScreen), "the send")
    stored = await stored_files(factory, 7)
    assert stored["trace.log"] == b"line 1\nline 2\n" and stored["shot.png"] == b"\x89PNG fake"
    thread = await factory().messages(7)
    mine = [m for m in thread if m.body.strip() == "Logs attached"]
    assert len(mine) == 1  # sent once
    assert sorted(a.name for a in mine[0].attachments) == ["shot.png", "trace.log"]


async def test_a_file_over_the_limit_or_missing_is_refused_before_sending(
    so_server: Any, tmp_path: Path
) -> None:
    big = tmp_path / "huge.iso"
    with big.open("wb") as file:  # sparse: no disk is used
        file.truncate(30_000_001)
    app = DetailApp(backend_factory_for(so_server), 7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the compose window")
        prompt = await attach(pilot, str(big))
        assert app.screen is prompt and prompt.files.files == []
        problem = str(prompt.query_one("#attach-problem").render())
        assert "huge.iso is 30.0 MB: the server takes files up to 30.0 MB" in problem
        prompt.query_one(Input).value = str(tmp_path / "nope.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert "No such file" in str(prompt.query_one("#attach-problem").render())
        prompt.query_one(Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert "is a folder" in str(prompt.query_one("#attach-problem").render())


async def test_files_can_be_taken_off_and_paths_complete(so_server: Any, tmp_path: Path) -> None:
    put(tmp_path / "alpha-report.txt", b"a")
    put(tmp_path / "beta.txt", b"b")
    app = DetailApp(backend_factory_for(so_server), 7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the compose window")
        await attach(pilot, str(tmp_path / "beta.txt"))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, AttachPrompt), "the prompt")
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "alp")
        await settle(pilot)
        await pilot.press("tab")
        await until(pilot, lambda: field.value == str(tmp_path / "alpha-report.txt"), "completed")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "back to the text")
        assert "beta.txt" in files_line(app) and "alpha-report.txt" in files_line(app)
        await pilot.press("ctrl+o", "down", "delete", "escape")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "back to the text")
        assert "beta.txt" not in files_line(app) and "alpha-report.txt" in files_line(app)


async def test_keliweb_names_the_file_whmcs_dropped(fresh_kw_server: Any, tmp_path: Path) -> None:
    put(tmp_path / "notes.txt", b"kept")
    put(tmp_path / "setup.exe", b"MZ")
    factory = kw_factory(fresh_kw_server)
    ticket = (await factory().list_tickets(*await _first_section(factory)))[0].id
    app = DetailApp(factory, ticket)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the compose window")
        await pilot.press(*keys("Two files"))
        await attach(pilot, str(tmp_path / "notes.txt"))
        await attach(pilot, str(tmp_path / "setup.exe"))
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "back to the text")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ComposeScreen), "the send")
        warned = [n for n in notifications(app, "warning") if "setup.exe" in n]
        assert warned and "did not keep setup.exe" in warned[0]
    stored = await stored_files(factory, ticket)
    assert stored.get("notes.txt") == b"kept" and "setup.exe" not in stored


async def _first_section(factory: Any) -> tuple[Any, list[str]]:
    backend = factory()
    try:
        return (await backend.sections())[0], ["title"]
    finally:
        await backend.aclose()


@pytest.mark.usefixtures("so_server")
def test_the_prompt_completes_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tickettui.ui.screens.attach_prompt import complete_path

    put(tmp_path / "Documents" / "x.txt", b"x")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert complete_path("~/Doc") == "~/Documents/"
    assert complete_path("~/Documents/") == "~/Documents/x.txt"
    assert complete_path(str(tmp_path / "nothing-like-this")) is None


async def test_a_new_ticket_is_created_with_its_files(fresh_so_server: Any, tmp_path: Path) -> None:
    from tests.ui.edit_helpers import choose, replace_text, tab_to
    from tickettui.ui.app import TicketApp
    from tickettui.ui.screens.edit import EditScreen

    put(tmp_path / "error.png", b"\x89PNG error")
    factory = backend_factory_for(fresh_so_server)
    app = TicketApp(factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        screen = app.screen
        assert isinstance(screen, EditScreen)
        await replace_text(pilot, screen, "title", "Printer shows an error")
        await choose(pilot, screen, "category", lambda v: True)
        await tab_to(pilot, screen, "message")
        await pilot.press(*keys("Screenshot attached"))
        await attach(pilot, str(tmp_path / "error.png"), "ctrl+f")
        await until(pilot, lambda: app.screen is screen, "back to the form")
        assert "error.png" in str(screen.query_one(FilesLine).render())
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: any(n.endswith(" created") for n in notifications(app)), "creation"
        )
        created = next(n for n in notifications(app) if n.endswith(" created"))
        await settle(pilot)
    ticket_id = int(created.split()[1])
    stored = await stored_files(factory, ticket_id)
    assert stored == {"error.png": b"\x89PNG error"}
