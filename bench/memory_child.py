"""Child process for benchmark 6: the app with a 100,000-ticket section loaded; peak RSS.

``memory_child.py URL TICKETS``: runs tickettui headless against the local server, one section
holding every ticket, waits until the list holds them all (and the cache write is done),
then prints ``peak_rss_bytes load_seconds``.
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
import time
from pathlib import Path


async def main(url: str, expected: int) -> None:
    from pydantic import SecretStr

    from tickettui.cache import with_cache
    from tickettui.core.domain import Section
    from tickettui.systems.superoffice.backend import SuperOfficeBackend
    from tickettui.systems.superoffice.client import SuperOfficeClient
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
    from tickettui.ui.app import TicketApp
    from tickettui.ui.screens.queue import QueueScreen

    user, password = os.environ["BENCH_USER"], os.environ["BENCH_PASSWORD"]
    settings = SuperOfficeSettings(
        url=url, auth=AuthScheme.BASIC, user=user, password=SecretStr(password), timeout=120
    )
    everything = Section("everything", "Everything", "")

    def factory():  # type: ignore[no-untyped-def]
        backend = with_cache(SuperOfficeBackend(SuperOfficeClient(settings)))

        async def sections() -> list[Section]:
            return [everything]

        backend.sections = sections  # type: ignore[method-assign]
        return backend

    app = TicketApp(factory)
    started = time.perf_counter()
    async with app.run_test(size=(120, 36)) as pilot:
        while True:
            await pilot.pause(0.05)
            screen = app.screen
            if isinstance(screen, QueueScreen) and screen.ticket_list.total_count >= expected:
                break
            if time.perf_counter() - started > 300:
                raise SystemExit("timed out loading")
        loaded = time.perf_counter() - started
        await app.backend.flush()  # the cache write too
        await pilot.press("j", "j", "slash", "p", "r", "i")  # a little use: filter index built
        await pilot.pause(0.2)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(peak, loaded)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
