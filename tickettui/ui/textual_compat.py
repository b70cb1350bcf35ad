"""Every use of Textual's private API, in one place: an upgrade of Textual checks this file.

Textual 8.2: the Linux driver keeps its output file in ``LinuxDriver._file``.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from textual.driver import Driver

__all__ = ["TerminalOutput", "surviving_hangups"]


class TerminalOutput:
    """The driver's output file, dropping what cannot be written any more.

    Textual writes from a thread through a queue of 30 writes. Once the terminal has hung up,
    a write fails (EIO), the exception ends that thread, and the 31st write blocks the app's
    event loop for good: no key, timer or signal handler runs again. Nothing can be shown on a
    terminal that is gone, so the output is dropped and the app stays able to quit.
    """

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
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
