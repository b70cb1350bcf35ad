"""Every use of Textual's private API, in one place: an upgrade of Textual checks this file.

Textual 8.2 (pinned exactly in pyproject.toml): the Linux driver's output file
(``LinuxDriver._file``), how a partial update is written (``textual._compositor.ChopsUpdate``),
the app's crash report (``App._fatal_error``, ``_exit_renderables``,
``_close_messages_no_wait``), how a stylesheet parses a source (``Stylesheet._parse_rules``,
``_parse_cache``, ``_variables``), and what tests read of a running app
(``App._notifications``, ``Screen._compositor``). tests/ui/test_textual_compat.py (and
tests/ui/test_parsed_css.py for the stylesheets) fail loudly when an upgrade moves any of them.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.control import Control
from textual._compositor import ChopsUpdate
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.driver import Driver
from textual.notifications import Notification
from textual.screen import Screen
from textual.strip import Strip

from tickettui.ui.terminal_styles import StyleChanges

if TYPE_CHECKING:
    from tickettui.ui.parsed_css import ParsedCss

__all__ = [
    "CrashHook",
    "TerminalOutput",
    "exit_renderables",
    "notifications",
    "rendered_strips",
    "reuse_parsed_css",
    "surviving_hangups",
    "write_only_refreshed_parts",
    "write_to_terminal",
]


class TerminalOutput:
    """The driver's output file, dropping what cannot be written any more.

    Textual writes from a thread through a queue of 30 writes. Once the terminal has hung up,
    a write fails (EIO), the exception ends that thread, and the 31st write blocks the app's
    event loop for good: no key, timer or signal handler runs again. Nothing can be shown on a
    terminal that is gone, so the output is dropped and the app stays able to quit.

    What is written goes through ``StyleChanges`` (ui/terminal_styles.py): the same screen in
    fewer bytes (each change of style written as a change), in the writer's thread.
    """

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False
        self._styles = StyleChanges()

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._file.write(self._styles.rewrite(text))
            except OSError:
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return not self.gone and self._file.isatty()


def surviving_hangups(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class``, made to keep running when its terminal hangs up (POSIX only)."""
    if sys.platform == "win32":
        return driver_class
    from textual.drivers.linux_driver import LinuxDriver

    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class HangupSafeDriver(driver_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = TerminalOutput(self._file)  # type: ignore[has-type,arg-type]

    return HangupSafeDriver


# --- what a partial update writes (Textual 8.2: textual._compositor.ChopsUpdate) ---------------


def _render_changed_parts(self: Any, console: Console) -> str:
    """``ChopsUpdate.render_segments`` writing only the parts of lines that were refreshed.

    Textual's own writes each widget's part of a line ("chop") from its left edge, even when
    only cells further right were refreshed (``refresh(Region(x, y, width, 1))``), and ends it
    at the right edge of the refreshed region; its ``__rich_console__`` cuts both sides. Over
    SSH the left part is bytes for cells the terminal already shows: this cuts both sides too,
    and leaves out parts with nothing left in them (Textual writes a cursor move for those).
    The same as Textual 8.2's otherwise, line for line.
    """
    sequences: list[str] = []
    append = sequences.append
    move_to = Control.move_to
    chops = self.chops
    chop_ends = self.chop_ends
    last_y = self.spans[-1][0]
    for y, x1, x2 in self.spans:
        line = chops[y]
        ends = chop_ends[y]
        for end, (x, strip) in zip(ends, line.items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            if x2 > x >= x1 and end <= x2:
                append(move_to(x, y).segment.text)
                append(strip.render(console))
                continue
            left = max(x, x1)
            part = strip.crop(left - x, min(end, x2) - x)
            if part.cell_length:
                append(move_to(left, y).segment.text)
                append(part.render(console))
        if y != last_y:
            append("\n")
    return "".join(sequences)


def write_only_refreshed_parts() -> None:
    """From now on a partial update writes only the refreshed parts of lines (see
    ``_render_changed_parts``); for every app in this process, as it patches Textual."""
    ChopsUpdate.render_segments = _render_changed_parts  # type: ignore[method-assign]


# --- parsed stylesheets kept between runs (Textual 8.2: Stylesheet._parse_rules,
# Stylesheet._parse_cache, Stylesheet._variables) ---------------------------------------------


def reuse_parsed_css(store: ParsedCss) -> None:
    """From now on every stylesheet (``reparse`` makes new ones) asks ``store`` for a CSS
    source's rules before parsing it, and gives it what it parsed; for every app in this
    process, as it patches Textual. Textual keys its own per-stylesheet parse cache the same
    way: (css, read_from, is_default_rules, tie_breaker, scope), under its variables."""
    parse = getattr(Stylesheet._parse_rules, "parses", Stylesheet._parse_rules)

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._parse_cache.get(key)  # this stylesheet parsed it already
        if rules is None:
            rules = store.get(self._variables, key)
            if rules is None:
                rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
                store.put(self._variables, key, rules)
            self._parse_cache[key] = rules
        return rules

    _parse_rules.parses = parse  # type: ignore[attr-defined]  # a second store replaces the first
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]


# --- the app's crash report (Textual 8.2: App._fatal_error, _exit_renderables,
# _close_messages_no_wait) ---------------------------------------------------------------------


class CrashHook(App[None]):
    """An App whose unhandled exception goes to ``on_crash`` instead of Textual's own report.

    Textual calls ``App._fatal_error`` when a handler raises; its report prints local variables,
    which can hold a password, a token or an Authorization header. ``on_crash`` decides what is
    shown instead (``show_on_exit``) and ends the app (``close_now``).
    """

    def _fatal_error(self) -> None:
        self.on_crash()

    def on_crash(self) -> None:
        super()._fatal_error()

    def show_on_exit(self, renderable: RenderableType) -> None:
        """Print ``renderable`` to the terminal once the app has left it."""
        self._exit_renderables.append(renderable)

    def close_now(self) -> None:
        """Stop processing messages and close, as Textual does after a crash."""
        self._close_messages_no_wait()


def write_to_terminal(app: App[Any], text: str) -> None:
    """Write ``text`` to the terminal as it is, between two frames: a bell or a desktop
    notification (OSC 9 / OSC 777). Through the driver's own writer (Textual 8.2:
    ``App._driver``), so it never lands inside a frame; nothing without a terminal (headless)."""
    driver = app._driver
    if driver is not None and text:
        driver.write(text)


# --- what tests read of a running app (Textual 8.2: App._notifications, App._exit_renderables,
# Screen._compositor) --------------------------------------------------------------------------


def notifications(app: App[Any]) -> list[Notification]:
    """The toasts the app has (shown or not: run_test turns their display off by default)."""
    return list(app._notifications)


def exit_renderables(app: App[Any]) -> list[Any]:
    """What the app prints when it has left the terminal (a crash report)."""
    return list(app._exit_renderables)


def rendered_strips(screen: Screen[Any]) -> list[Strip]:
    """The lines of ``screen`` as the compositor renders them now, dialogs and toasts included."""
    return list(screen._compositor.render_strips())
