"""How long a browser tab of `tickettui web` takes to show its first ticket rows, for the two
ways a tab's app can start, alternating, on the demo (not a test: figures for README and the
commit that chose the tab's start):

    .venv/bin/python -m tests.browser.tab_start_times [RUNS]

- ``tab``: what `tickettui web` runs, ``python -m tickettui.web_tab`` (the tickettui command's
  start: painted from the start record the first tab's full start keeps);
- ``full``: ``python -m tickettui``, the full start every time (click, the config models and
  the credential chain before the first paint).

Each is served by a server of its own on the same demo server and profile, started before the
timing. A run is timed in the page, from the moment its websocket opens (the app process is
started then) to the first frame whose terminal shows the first row: the page's own loading,
the same for both, is left out.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.browser.chromium import SCREEN, chromium, open_page
from tests.browser.web_process import private_env, web_process
from tests.waiting import PATIENCE

FIRST_ROW = "○ 481 "  # the demo's first row in "My open" (seeded: the same on every machine)
COMMANDS = {"tab": "tickettui.web_tab", "full": "tickettui"}
# Before the page's scripts: note when the (one) websocket opens.
OPENED = """
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new NativeWebSocket(url, protocols);
  socket.addEventListener("open", () => { window.__opened = performance.now(); });
  return socket;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
"""
# Checked on every animation frame: milliseconds from the websocket's opening to the row.
ROW_SHOWN = f"""() => {{
  if (window.__opened === undefined || !({SCREEN})().includes({FIRST_ROW!r})) return false;
  return performance.now() - window.__opened;
}}"""


def serve(module: str) -> None:
    """One server whose tabs run ``python -m MODULE --profile demo`` (the demo's password in
    their environment, as `tickettui demo --web` gives it)."""
    from tickettui.web.server import WebApp, bind

    argv = [sys.executable, "-m", module, "--profile", "demo"]
    web_app = WebApp(argv, {"TICKETTUI_PASSWORD": "demo"})
    web_app.serve(bind("127.0.0.1", 0), lambda url: print(url, flush=True))


def measure(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    with tempfile.TemporaryDirectory() as home, chromium() as browser:
        env = private_env(Path(home), {})
        with web_process("demo", "--web", env=env):  # the demo server and its profile
            servers = {
                name: subprocess.Popen(
                    [sys.executable, "-m", "tests.browser.tab_start_times", "--serve", module],
                    stdout=subprocess.PIPE,
                    text=True,
                    env=env,
                )
                for name, module in COMMANDS.items()
            }
            try:
                urls = {name: server.stdout.readline().strip() for name, server in servers.items()}  # type: ignore[union-attr]
                for run in range(-1, runs):  # run -1: the warm-up (keeps the start record)
                    order = list(COMMANDS) if run % 2 == 0 else list(reversed(COMMANDS))
                    for name in order:
                        page = open_page(browser)
                        page.add_init_script(OPENED)
                        page.goto(urls[name])
                        shown = page.wait_for_function(
                            ROW_SHOWN, timeout=PATIENCE * 1000, polling="raf"
                        )
                        if run >= 0:
                            times[name].append(float(shown.json_value()) / 1000)
                        page.close()
            finally:
                for server in servers.values():
                    server.terminate()
                    server.wait(timeout=PATIENCE)
    return times


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2])
    else:
        results = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
        for name, seconds in results.items():
            shown = " ".join(f"{s:.2f}" for s in seconds)
            print(f"{name:5} median {statistics.median(seconds):.3f} s  ({shown})")
