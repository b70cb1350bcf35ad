"""README's picture of the browser view: `tickettui demo --web` in headless Chromium.

    .venv/bin/python -m tests.browser.screenshot docs/browser.png

The demo runs in a private home (its own demo data, seeded as `tickettui demo --fresh` seeds
it), so the picture is the same on every machine and nothing of the user's is shown.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser.chromium import chromium, open_page, wait_for_screen
from tests.browser.web_process import private_env, web_process

NEXT_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def take(path: Path) -> None:
    with tempfile.TemporaryDirectory() as home, chromium() as browser:
        env = private_env(Path(home), {})
        with web_process("demo", "--web", env=env) as demo:
            page = open_page(browser)
            page.goto(demo.url)
            wait_for_screen(page, "Hannah Berg", "My open", "# Title", "Latest from")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            page.evaluate(NEXT_FRAMES)  # the canvas has drawn what the buffer holds
            page.screenshot(path=str(path))
            page.close()


if __name__ == "__main__":
    take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/browser.png"))
