"""The ``tickettui`` command: the app painted from the start record, or the command line.

``tickettui`` with no command (or only --profile/--url/--auth/--user) whose configuration has
a start record (``tickettui.start_record``: same config.toml, flags and ``TICKETTUI_*``
variables as a full start that went through) paints the queue from that record and the disk
cache without loading the command line's library (click), config.toml's models (pydantic) or
the credential chain: they are half of a cold start. The full start (``connection.connect``,
the profile's settings, the system's backend) then runs in the deferred backend's thread,
right after the first paint, as every start builds the backend there; its credential is the
one the app asks again after a 401, as after a normal start.

If the full start does not find what the record says (the profile changed under it, a secret
is gone from the keyring, a config error), the app ends at once, the record is dropped and the
command line starts as it always has: the user gets the same one-line error or the same
question as without a record. Anything else (a command, --debug, --help, no record, a secret
from a password_command or a prompt) goes to the command line directly (``cli.main``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tickettui import start_record
from tickettui.core.errors import TicketTuiError

if TYPE_CHECKING:
    from tickettui.core.backend import Backend
    from tickettui.core.credential_provider import AskAgain
    from tickettui.systems.record import BackendParts
    from tickettui.ui.app import TicketApp

__all__ = ["main"]

EXIT_INTERRUPTED = 130  # as cli_support's (that module brings click with it)


def main() -> None:
    """The console script."""
    gc.disable()  # until the queue has painted (TicketApp turns it back on), as cli does
    argv = sys.argv[1:]
    start_record.command_line = argv
    record = start_record.find(argv, os.environ)
    try:
        if record is not None and QuickStart(record, argv).run():
            return
    except KeyboardInterrupt:  # ctrl+c before the app has the terminal: as the command line
        sys.exit(EXIT_INTERRUPTED)
    gc.enable()  # the command line turns it off again where it opens the app
    from tickettui.cli import main as command_line

    command_line()


class StartAgain(TicketTuiError):
    """The full start disagreed with the start record: the app ends, the command line runs."""


class LateCredential:
    """The credential the app installs its question on (``TicketApp(credentials=...)``) before
    the full start has made the real one; the question is handed to that one once it has."""

    def __init__(self) -> None:
        self.ask: AskAgain | None = None


class QuickStart:
    """One start from ``record``; ``run`` says whether it went through (False: start again)."""

    def __init__(self, record: start_record.StartRecord, argv: Sequence[str]) -> None:
        self.record = record
        self.argv = list(argv)
        self.credential = LateCredential()
        self.stale = False  # the full start did not come to the record: it is dropped
        self.disagreed = False  # ... and the command line starts again, after the app
        self._app: TicketApp | None = None

    def run(self) -> bool:
        from tickettui.backends import deferred_and_cached
        from tickettui.ui.app import run_app

        record = self.record
        factory = deferred_and_cached(
            self._build, record.capabilities, record.sections, record.account
        )
        run_app(
            factory,
            started=self._started,
            kept_css=start_record.kept_css_path(os.environ),
            credentials=self.credential,
            **record.app_options(),
        )
        if self.stale:
            start_record.drop(record, os.environ)
        return not self.disagreed

    def _started(self, app: TicketApp) -> None:
        self._app = app

    def _build(self) -> Backend:
        """The real backend, in the deferred backend's thread after the first paint."""
        try:
            parts = self._full_start()
        except Exception as error:
            self.stale = True
            app = self._app
            if app is not None:
                with contextlib.suppress(RuntimeError):  # it has ended already
                    app.call_from_thread(self._start_again, app)
            raise StartAgain("the profile changed: starting again") from error
        return parts.build()

    def _start_again(self, app: TicketApp) -> None:
        """On the app's loop: end it for the command line to start, unless the agent has
        ended it already (ctrl+q while the full start ran: nothing starts again)."""
        if not app.ending:
            self.disagreed = True
            app.exit()

    def _full_start(self) -> BackendParts:
        """What the command line does before it runs the app, and the check that it comes to
        what the record says. Never asks: a prompt is the command line's, after the app."""
        from tickettui.app_options import app_options
        from tickettui.backends import parts_for
        from tickettui.cli import connection_flags
        from tickettui.connection import connect
        from tickettui.credentials.keyring_store import KeyringStore

        notices: list[str] = []  # a keyring that cannot work: the command line says so
        keyring = KeyringStore(notice=notices.append)
        connection = connect(connection_flags(self.argv), keyring=keyring, prompt=None)
        parts = parts_for(connection, keyring)
        found = start_record.content_of(app_options(connection), parts, connection.sources)
        if notices or found != self.record.content:
            raise StartAgain("the start record is not this profile's any more")
        connection.credential.ask = self.credential.ask
        return parts
