"""What each browser tab's process runs: the tickettui command's own start, quick path included.

``python -m tickettui.web_tab [--profile NAME ...]`` is the console script's start
(``tickettui.quick_start``) for a tab: with a start record for this configuration the queue is
painted from it and the disk cache before the command line, the config models and the
credential chain are loaded, as in a terminal (measured in a browser tab: README, Browser
mode). The one difference is what happens when the full start disagrees with the record: in a
terminal the command line then starts a second app in the same process; under Textual's web
driver a second app in one process would talk to a tab that has already been told the first
one exited. So the process exits with ``START_AGAIN`` (the record dropped) and the server
starts the tab's app again, once (``sessions.AppProcess``), which then finds no record and
makes the full start: what the agent sees is the same as in a terminal.

Nothing here but the quick start's light imports: this runs before every tab's first paint.
"""

from __future__ import annotations

import gc
import os
import sys

from tickettui import start_record
from tickettui.web import START_AGAIN

__all__ = ["main"]


def main() -> None:
    gc.disable()  # until the queue has painted (TicketApp turns it back on), as quick_start
    argv = sys.argv[1:]
    start_record.command_line = argv  # a full start here keeps a record, as the command's
    record = start_record.find(argv, os.environ)
    if record is not None:
        from tickettui.quick_start import QuickStart

        if QuickStart(record, argv).run():
            return
        sys.exit(START_AGAIN)
    gc.enable()  # the command line turns it off again where it opens the app
    from tickettui.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
