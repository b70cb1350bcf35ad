"""Child process for benchmark 4: start an app in a real (pseudo) terminal, note the first paint.

``first_paint.py minimal STAMP`` — a minimal Textual app (one Static): its first frame.
``first_paint.py tickettui STAMP URL`` — tickettui's queue, the first frame with ticket rows
(from the cache: the parent filled it; the server refresh comes after).
The wall-clock time of that frame is written to STAMP, then the app exits.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def minimal(stamp: Path) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

        def post_display_hook(self) -> None:
            if not stamp.exists():
                stamp.write_text(repr(time.time()))
                self.exit()

    Minimal().run()


def tickettui(stamp: Path, url: str) -> None:
    import gc

    gc.disable()  # as the CLI does before importing Textual; the app turns it on once painted
    from tickettui.cache import with_cache
    from tickettui.core.deferred import DeferredBackend
    from tickettui.systems.superoffice.descriptor import CAPABILITIES, DEFAULT_SECTIONS
    from tickettui.ui.app import TicketApp
    from tickettui.ui.screens.queue import QueueScreen

    # The demo account comes from the parent: importing it here would load the whole server.
    user, password = os.environ["BENCH_USER"], os.environ["BENCH_PASSWORD"]

    def real():  # type: ignore[no-untyped-def]
        # As tickettui.backends.app_backend builds it: only once the queue has painted.
        from pydantic import SecretStr

        from tickettui.systems.superoffice.backend import SuperOfficeBackend
        from tickettui.systems.superoffice.client import SuperOfficeClient
        from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

        settings = SuperOfficeSettings(
            url=url, auth=AuthScheme.BASIC, user=user, password=SecretStr(password)
        )
        return SuperOfficeBackend(SuperOfficeClient(settings))

    def factory():  # type: ignore[no-untyped-def]
        from tickettui.systems.superoffice.urls import api_base_url

        account = (api_base_url(url), user)
        return with_cache(DeferredBackend(real, CAPABILITIES, DEFAULT_SECTIONS, account=account))

    class Timed(TicketApp):
        def post_display_hook(self) -> None:
            super().post_display_hook()
            screen = self.screen
            if (
                isinstance(screen, QueueScreen)
                and screen.ticket_list.total_count
                and not stamp.exists()
            ):
                stamp.write_text(repr(time.time()))
                self.exit()

    Timed(factory).run()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    mode, stamp = sys.argv[1], Path(sys.argv[2])
    if mode == "minimal":
        minimal(stamp)
    else:
        tickettui(stamp, sys.argv[3])
