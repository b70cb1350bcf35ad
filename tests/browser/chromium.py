"""Headless Chromium for the browser tests: Debian's own (`make test-browser` installs it),
driven by Playwright, which never downloads a browser of its own here.

What the page shows is read from the terminal the page draws with. textual-serve's front end
keeps its xterm.js ``Terminal`` to itself and draws on a canvas (no text in the DOM, no
accessibility tree), so the tests add one hook before the page's scripts run: xterm's
``Terminal`` sets ``this._core`` in its constructor, and a setter for that name on
``Object.prototype`` hands each terminal to ``window.__terminals``. ``screen`` then reads the
terminal's buffer, the characters xterm.js holds for the rows it draws.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.waiting import PATIENCE

__all__ = ["SCREEN", "chromium", "chromium_path", "open_page", "screen", "wait_for_screen"]

VIEWPORT = {"width": 1280, "height": 760}

_HOOK = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_core", {
      value, writable: true, configurable: true, enumerable: false,
    });
    if (typeof this.loadAddon === "function" && !window.__terminals.includes(this)) {
      window.__terminals.push(this);
    }
  },
});
"""

SCREEN = """() => {
  const terminal = window.__terminals && window.__terminals[0];
  if (!terminal) return "";
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def chromium_path() -> str:
    """Debian's chromium (or $CHROMIUM); a clear failure when it is not installed."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        raise AssertionError(
            "Chromium is not installed: run `make test-browser` (it installs Debian's "
            "`chromium` package) or `apt-get install chromium`, or set CHROMIUM to its path"
        )
    return found


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Browser) -> Page:
    """A new tab whose terminal ``screen`` can read."""
    page = browser.new_page(viewport=VIEWPORT)
    page.add_init_script(_HOOK)
    return page


def screen(page: Page) -> str:
    """The terminal's rows as text, top to bottom."""
    return str(page.evaluate(SCREEN))


def wait_for_screen(page: Page, *texts: str) -> str:
    """Wait until every one of ``texts`` is on the screen; return the screen."""
    condition = f"""() => {{
      const text = ({SCREEN})();
      return {list(texts)!r}.every((part) => text.includes(part));
    }}"""
    try:
        page.wait_for_function(condition, timeout=PATIENCE * 1000, polling=50)
    except Exception as error:
        raise AssertionError(f"never on screen: {texts!r}\n{screen(page)}") from error
    return screen(page)
