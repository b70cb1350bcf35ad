"""The detail screen's reply and note, as an agent writes them (typed, or in $EDITOR), against
the real local SuperOffice server: what lands on the server and in the thread, and a failed
send that keeps the text."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from tests.pilot import error_notifications, settle, wait_for
from tests.ui.detail_helpers import (
    SIZE,
    DetailApp,
    keys,
    send,
    server_messages,
    thread_lines,
    unreachable_factory,
)
from tickettui.core.domain import (
    MessageKind,
)
from tickettui.ui.screens.compose import ComposeScreen, editor_command
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.pickers import Confirm

# --- replying and noting ---------------------------------------------------------------------


async def test_reply_typed_and_sent_lands_on_the_server_and_in_the_thread(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    text = "Hello, the driver update fixes it."
    before = await server_messages(fresh_backend_factory, 3)
    app = DetailApp(fresh_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "r", text)
        assert isinstance(app.screen, DetailScreen)
        assert not error_notifications(app)
        shown = thread_lines(app)
        assert any(text in line for line in shown)
    after = await server_messages(fresh_backend_factory, 3)
    assert len(after) == len(before) + 1
    new = next(m for m in after if m.id not in {b.id for b in before})
    assert new.body.strip() == text
    assert new.kind is MessageKind.REPLY


async def test_internal_note_lands_on_the_server_as_a_note(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    text = "Customer called, waiting for logs"
    before = await server_messages(fresh_backend_factory, 3)
    app = DetailApp(fresh_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "i", text)
        assert isinstance(app.screen, DetailScreen)
        shown = "\n".join(thread_lines(app))
        assert f"┆ {text}" in shown
    after = await server_messages(fresh_backend_factory, 3)
    new = next(m for m in after if m.id not in {b.id for b in before})
    assert new.kind is MessageKind.NOTE
    assert new.body.strip() == text


async def test_a_failed_send_keeps_the_text(so_backend_factory: Callable[[], Any]) -> None:
    text = "Please try restarting the spooler"
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*keys(text))
        # The network goes away between opening the ticket and sending.
        reachable = app.backend
        app.backend = unreachable_factory()()
        try:
            await pilot.press("ctrl+s")
            label = app.screen.query_one("#compose-status")
            await wait_for(pilot, lambda: "Not sent" in str(label.render()), "the failure")
            compose = app.screen
            assert isinstance(compose, ComposeScreen)
            assert compose.text == text
            assert error_notifications(app)
            status = str(compose.query_one("#compose-status").render())
            assert "Not sent" in status
            # esc asks before throwing the text away; "n" keeps it.
            await pilot.press("escape")
            assert isinstance(app.screen, Confirm)
            await pilot.press("n")
            assert app.screen is compose  # type: ignore[comparison-overlap]
            assert compose.text == text
        finally:
            await app.backend.aclose()
            app.backend = reachable


async def test_empty_compose_closes_on_esc_without_asking(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ComposeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


# --- $EDITOR ---------------------------------------------------------------------------------


def test_editor_command_prefers_visual_then_editor_with_arguments() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vim"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "emacs -nw"}) == ["emacs", "-nw"]
    fallback = editor_command({})
    assert fallback is None or Path(fallback[0]).name in ("nano", "vi")


@contextmanager
def _no_suspend() -> Iterator[None]:
    yield


async def test_ctrl_e_edits_in_editor_through_a_private_temp_file(
    so_backend_factory: Callable[[], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "seen.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, stat, sys\n"
        "path = sys.argv[1]\n"
        "mode = stat.S_IMODE(os.stat(path).st_mode)\n"
        "names = ('PASSWORD', 'TOKEN', 'APP_TOKEN', 'CLIENT_SECRET', 'KEPT')\n"
        "seen = sorted(n for n in os.environ if n.removeprefix('TICKETTUI_') in names)\n"
        "text = f'{path}\\n{mode:o}\\n{seen}\\n' + open(path).read()\n"
        f"open({str(record)!r}, 'w').write(text)\n"
        "open(path, 'a').write(' and more from the editor\\n')\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    # Started with secrets in its environment, the app hands the editor none of them.
    for name in ("PASSWORD", "TOKEN", "APP_TOKEN", "CLIENT_SECRET"):
        monkeypatch.setenv(f"TICKETTUI_{name}", f"s3cret-{name}")
    monkeypatch.setenv("KEPT", "anything else is handed on")
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "suspend", _no_suspend)  # headless: no terminal to hand over
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*keys("Draft"))
        await pilot.press("ctrl+e")
        await pilot.pause()
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        assert compose.text == "Draft and more from the editor"
        assert compose.query_one(TextArea).has_focus
    path, mode, variables, seen = record.read_text().split("\n", 3)
    assert mode == "600"
    assert variables == "['KEPT']"  # the secrets stayed behind
    assert seen == "Draft"
    assert not Path(path).exists()  # the draft file is gone  # noqa: ASYNC240
