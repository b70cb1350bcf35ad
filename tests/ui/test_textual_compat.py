"""Every private piece of Textual tickettui relies on, checked on its own: when an upgrade of
Textual moves one, this file fails and says which, before the app misbehaves quietly."""

from __future__ import annotations

import io
import sys

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tickettui.ui import textual_compat
from tickettui.ui.textual_compat import CrashHook, TerminalOutput


class Crashing(CrashHook):
    BINDINGS = [Binding("x", "boom", "Boom")]

    def __init__(self) -> None:
        super().__init__()
        self.crashed = False
        self.to_print: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("hello compat", id="greeting")

    def action_boom(self) -> None:
        raise RuntimeError("a bug")

    def on_crash(self) -> None:
        self.crashed = True
        self.show_on_exit("our own report")
        self.to_print = textual_compat.exit_renderables(self)  # printed, then cleared, on exit
        self.close_now()


async def test_a_crash_goes_to_on_crash_and_what_it_shows_is_printed_on_exit() -> None:
    app = Crashing()
    with pytest.raises(RuntimeError, match="a bug"):  # run_test hands the app's error back
        async with app.run_test() as pilot:
            await pilot.press("x")
            await pilot.pause()
    assert app.crashed, "App._fatal_error is no longer how Textual reports a crash"
    assert app.to_print == ["our own report"]


async def test_notifications_and_the_rendered_screen_can_be_read() -> None:
    app = App[None]()
    async with app.run_test(notifications=True) as pilot:
        await app.mount(Static("line on screen"))
        app.notify("a toast", title="Heads up")
        await pilot.pause()
        toasts = textual_compat.notifications(app)
        assert [(n.message, n.title) for n in toasts] == [("a toast", "Heads up")]
        text = "\n".join(strip.text for strip in textual_compat.rendered_strips(app.screen))
        assert "line on screen" in text and "a toast" in text


def test_a_dead_terminal_swallows_output_instead_of_raising() -> None:
    class Dead(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    output = TerminalOutput(Dead())
    assert output.write("frame") == len("frame")
    output.flush()
    assert output.gone and not output.isatty()


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver")
async def test_the_linux_driver_keeps_its_output_where_the_hang_up_fix_wraps_it() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    driver_class = textual_compat.surviving_hangups(LinuxDriver)
    assert issubclass(driver_class, LinuxDriver)
    driver = driver_class(App[None](), debug=False, mouse=False, size=(80, 24))
    assert isinstance(driver._file, TerminalOutput), "LinuxDriver._file moved"
