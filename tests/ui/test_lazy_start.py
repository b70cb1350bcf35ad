"""A cold start paints the cached queue before the HTTP stack and the wire models are imported.

In the spirit of harlequin's lazy-import test: a fresh interpreter (``sys.modules`` is
per process) starts the app the way the CLI does, and looks at what is imported when the
first frame with the cached rows is painted. No timing: what is imported, not how fast.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Imported only once the queue has painted (the deferred backend builds them then).
HEAVY = (
    "httpx",
    "httpcore",
    "tickettui.systems.superoffice.client",
    "tickettui.systems.superoffice.models",
)
# Nor what the queue's first frame has no use for: the preview pane (its place is kept blank),
# the filter line, the palette, the live refresh, the detail's types, bulk, search and links.
NOT_IN_THE_FIRST_FRAME = (
    "tickettui.ui.widgets.preview",
    "tickettui.ui.widgets.filter_bar",
    "tickettui.ui.commands",
    "tickettui.ui.live_queue",
    "tickettui.core.domain_detail",
    "tickettui.core.bulk_changes",
    "tickettui.core.ticket_search",
    "tickettui.core.ticket_links",
)
# Not imported at all by the app's own modules (the CLI's config layer may bring pydantic).
NEVER_AT_IMPORT = ("pydantic", "httpx", "keyring", "tickettui.systems.superoffice.models")

START = """
import json, sys, time
from datetime import datetime
from pathlib import Path

from tickettui.cache.store import TicketCache, section_key
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary
from tickettui.systems.superoffice.descriptor import DEFAULT_SECTIONS
from tickettui.systems.superoffice.urls import api_base_url

URL, USER, CACHE = sys.argv[1], "agent", Path(sys.argv[2])
first = DEFAULT_SECTIONS[0]
rows = [
    TicketSummary(
        i, f"Printer {i} jams", "Open", StatusKind.ACTIVE, None, "High", "Hardware", "Ann",
        "Bob (Acme)", datetime(2026, 1, 1), datetime(2026, 1, 2), None, ReadStatus.UNREAD,
    )
    for i in range(1, 501)
]
cache = TicketCache.for_server(api_base_url(URL), USER, CACHE)  # the backend's account
cache.save_section(section_key(first.key, first.query, first.order_by), DEFAULT_COLUMNS, rows)
cache.close()
HEAVY = set(sys.argv[3].split(","))
before = set(sys.modules)

from pydantic import SecretStr  # the CLI's config layer has settings before the app starts

from tickettui import systems
from tickettui.backends import app_backend
from tickettui.systems.record import BackendContext
from tickettui.systems.superoffice.settings import SuperOfficeSettings
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.queue import QueueScreen

settings = SuperOfficeSettings(url=URL, user=USER, password=SecretStr("x"), timeout=2)
seen = {}


class Probe(TicketApp):
    def post_display_hook(self):
        super().post_display_hook()
        screen = self.screen
        if "painted" not in seen and isinstance(screen, QueueScreen):
            if screen.ticket_list.total_count:
                seen["painted"] = sorted(m for m in HEAVY if m in sys.modules)
                seen["rows"] = screen.ticket_list.total_count
                seen["space"] = list(screen.query_one("#queue-preview-space").region)


async def main():
    app = Probe(app_backend(systems.system("superoffice"), settings, BackendContext()))
    async with app.run_test(size=(120, 36)) as pilot:  # the preview below the list
        deadline = time.monotonic() + 60  # a wait for the paint, however long it takes, not a limit
        while "painted" not in seen and time.monotonic() < deadline:
            await pilot.pause(0.02)
        built = await app.backend.inner.backend()  # the real one, built after the paint
        seen["built"] = type(built).__name__
        seen["after"] = sorted(m for m in HEAVY if m in sys.modules)
        screen = app.screen
        while not screen.preview.is_mounted and time.monotonic() < deadline:
            await pilot.pause(0.02)
        await pilot.pause()
        seen["pane"] = list(screen.preview.region)
        seen["spaces"] = len(screen.query("#queue-preview-space"))


import asyncio
asyncio.run(main())
print(json.dumps(seen))
"""


def test_the_cached_queue_paints_before_httpx_and_the_wire_models_are_imported(
    tmp_path: Path,
) -> None:
    url = "http://127.0.0.1:9/SuperOffice/api"  # never answered: the paint needs no server
    out = subprocess.run(
        [sys.executable, "-c", START, url, str(tmp_path), ",".join(HEAVY + NOT_IN_THE_FIRST_FRAME)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=os.environ | {"TICKETTUI_CACHE_DIR": str(tmp_path)},
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["rows"] == 500
    assert seen["painted"] == []
    # The preview pane takes the place kept for it in the first frame, where the space was.
    assert seen["pane"] == seen["space"] and seen["space"][2] > 0 and seen["spaces"] == 0
    assert seen["built"] == "SuperOfficeBackend"
    assert set(seen["after"]) >= {"httpx", "tickettui.systems.superoffice.client"}


def test_the_app_modules_import_no_pydantic_httpx_or_keyring() -> None:
    modules = [
        "tickettui.ui.app",
        "tickettui.ui.screens.queue",
        "tickettui.cache",
        "tickettui.core.deferred",
        "tickettui.systems.superoffice.descriptor",
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"print(','.join(m for m in {NEVER_AT_IMPORT!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
