"""A hang-up or SIGTERM ends the app within two seconds, whatever it is doing.

sshd, tmux and terminal windows say "the terminal is gone" with SIGHUP, by closing the pty, or
both; a closed pty alone is noticed here, since the app only reads end-of-file from it and
Textual takes that for piped input. Service managers and admins say "stop" with SIGTERM. Either
way the app is asked to quit as ctrl+q does: behind the keys typed before, with every open
form's draft written. If it has not gone ``GRACE`` seconds later (its event loop stuck, or
waiting for $EDITOR), a watchdog thread writes the drafts itself, ends $EDITOR, puts the
terminal back if it is still there and ends the process. A second request does that at once.
The exit status is 128 + the signal's number, as a shell reports a process the signal ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["attach", "exit_status", "handed_over_to", "install", "silence_a_dead_terminal"]

GRACE = 1.2  # seconds the app has to quit by itself (it takes ~0.2 s) before it is ended
LAST_WORDS = 0.3  # seconds the watchdog waits for the drafts before it ends the process anyway
REPEAT_WINDOW = 0.5  # one hang-up is often passed on twice (tmux and the shell): one request
if sys.platform == "win32":  # no hang-up to hear of, no poll(): SIGTERM only
    HUNG_UP = 0
    SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM,)
else:
    HUNG_UP = select.POLLHUP | select.POLLERR
    SIGNALS = (signal.SIGHUP, signal.SIGTERM)
# What Textual turns on, turned off: mouse reports, bracketed paste, focus events, in-band
# resizes, the kitty keyboard protocol and the alternate screen; the cursor and line wrap back.
RESET = (
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l\x1b[?2004l\x1b[?1004l"
    b"\x1b[?2048l\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?7h"
)


class Terminal:
    """The terminal the app runs in, with its modes as they were before the app started.

    (This module's classes are plain: it is imported before the first frame, where defining a
    dataclass costs ~0.3 ms.)"""

    def __init__(self, fd: int, modes: list[Any] | None) -> None:
        self.fd = fd
        self.modes = modes  # None: not a terminal, or one that has hung up already

    @classmethod
    def of_stdin(cls) -> Terminal | None:
        if sys.platform == "win32" or sys.__stdin__ is None:
            return None
        import termios

        try:
            fd = sys.__stdin__.fileno()
        except (ValueError, OSError):
            return None
        try:
            return cls(fd, termios.tcgetattr(fd))
        except termios.error:
            return cls(fd, None)

    def hung_up(self) -> bool:
        return bool(self._poll(0) & HUNG_UP)

    def wait_for_hangup(self) -> bool:
        """Block until the terminal hangs up: True. False where poll() cannot watch a
        terminal (macOS answers POLLNVAL): there only the SIGHUP tells."""
        return bool(self._poll(None) & HUNG_UP)

    def _poll(self, timeout_ms: int | None) -> int:
        poller = select.poll()
        poller.register(self.fd, 0)  # no events asked for: a hang-up or an error still wakes it
        return sum(events for _, events in poller.poll(timeout_ms))

    def restore(self) -> None:
        """Modes and screen as they were, if the terminal is still there. Never blocks: a
        terminal nobody reads (a frozen SSH link) must not keep the process alive."""
        import termios

        if self.modes is None or self.hung_up():
            return
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(self.fd, termios.TCSANOW, self.modes)
        with contextlib.suppress(OSError):
            # Opened anew, so O_NONBLOCK does not touch the descriptor the app writes to.
            fd = os.open(os.ttyname(self.fd), os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
            try:
                os.write(fd, RESET)
            finally:
                os.close(fd)


class RunningApp:
    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        quit: Callable[[], None],
        keep_drafts: Callable[[], None],
    ) -> None:
        self.loop = loop
        self.quit = quit  # run on the loop: quit as ctrl+q does
        self.keep_drafts = keep_drafts  # run from the watchdog when the loop cannot


class _State:
    def __init__(self) -> None:
        self.installed = False
        self.signum: int | None = None  # what asked the app to quit
        self.asked_at: float | None = None  # when the first signal came
        self.terminal: Terminal | None = None
        self.app: RunningApp | None = None
        self.children: set[subprocess.Popen[Any]] = set()


_state = _State()


def install() -> None:
    """From now on a hang-up or SIGTERM ends the process (the main thread; once is enough)."""
    if _state.installed or threading.current_thread() is not threading.main_thread():
        return
    _state.installed = True
    _state.terminal = Terminal.of_stdin()
    for signum in SIGNALS:
        signal.signal(signum, _on_signal)
    if _state.terminal is not None:
        watcher = threading.Thread(
            target=_watch, args=(_state.terminal,), name="tickettui-hangup", daemon=True
        )
        watcher.start()


def attach(app: RunningApp) -> None:
    """The app is running on its loop: a hang-up asks it to quit (until now it just ends)."""
    if _state.installed:
        _state.app = app


@contextlib.contextmanager
def handed_over_to(child: subprocess.Popen[Any]) -> Iterator[None]:
    """While ``child`` ($EDITOR) has the terminal, a hang-up or SIGTERM is passed on to it, so
    the wait for it ends too; one that does not end by the watchdog's deadline is killed."""
    _state.children.add(child)
    try:
        if _state.signum is not None:  # asked to quit while it was starting
            _pass_on(_state.signum)
        yield
    finally:
        _state.children.discard(child)


def exit_status(status: int) -> int:
    """``status``, or 128 + the signal's number once a hang-up or SIGTERM ended the app."""
    return status if _state.signum is None else 128 + _state.signum


def silence_a_dead_terminal() -> None:
    """After a hang-up nothing can be printed: without this, flushing the standard streams
    at exit fails, the interpreter says so on the dead terminal and exits with 120."""
    if _state.terminal is not None and _state.terminal.hung_up():
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - open until the exit


def _on_signal(signum: int, frame: object) -> None:
    now = time.monotonic()
    if _state.asked_at is not None and now - _state.asked_at >= REPEAT_WINDOW:
        _end()  # asked again: no more waiting
        return
    if _state.asked_at is None:
        _state.asked_at = now
    _ask_to_quit(signum)


def _watch(terminal: Terminal) -> None:
    """A thread: the pty closing is a hang-up, whether or not a SIGHUP comes with it."""
    with contextlib.suppress(OSError, ValueError):
        if terminal.wait_for_hangup():
            _ask_to_quit(signal.SIGHUP)


def _ask_to_quit(signum: int) -> None:
    if _state.signum is not None:
        return  # already quitting
    _state.signum = signum
    _pass_on(signum)
    app = _state.app
    if app is None:
        _end()  # not running yet (or any more): no form can be open
        return
    watchdog = threading.Timer(GRACE, _end)
    watchdog.daemon = True
    watchdog.start()
    try:
        app.loop.call_soon_threadsafe(app.quit)
    except RuntimeError:  # the loop has closed: the app is gone
        _end()


def _pass_on(signum: int) -> None:
    for child in list(_state.children):
        with contextlib.suppress(OSError):
            child.send_signal(signum)


def _end() -> None:
    """Write the drafts (for ``LAST_WORDS`` at most), end $EDITOR, restore the terminal, exit."""
    app = _state.app
    if app is not None:
        writer = threading.Thread(target=_quietly, args=(app.keep_drafts,), daemon=True)
        writer.start()
        writer.join(LAST_WORDS)
    for child in list(_state.children):
        with contextlib.suppress(OSError):
            child.kill()
    if _state.terminal is not None:
        _state.terminal.restore()
    os._exit(exit_status(128 + signal.SIGTERM))


def _quietly(action: Callable[[], None]) -> None:
    """A traceback on the way out helps nobody (and the terminal may be gone)."""
    with contextlib.suppress(Exception):
        action()
