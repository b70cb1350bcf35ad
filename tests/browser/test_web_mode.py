"""An agent opens `tickettui web`'s address in a browser (headless Chromium) and works the
queue with the keyboard, as in a terminal; whoever lacks the address gets nothing, and no
secret reaches the browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.browser.chromium import open_page, screen, wait_for_screen
from tests.browser.conftest import SECRET
from tests.browser.web_process import WebProcess, alive, private_env, web_process
from tests.waiting import wait_until

pytestmark = pytest.mark.browser

QUEUE = ("My open", "# Title", "Status")
# A queue row: its mark, number and title (up to two spaces, or "…" where it was cut).
ROW = re.compile(r"^\S\s+(\d+) (\S.*?)(?:…|\s{2,})", re.MULTILINE)


def open_queue(browser: Browser, web: WebProcess) -> Page:
    page = open_page(browser)
    answer = page.goto(web.url)
    assert answer is not None and answer.status == 200
    wait_for_screen(page, *QUEUE)
    page.focus(".xterm-helper-textarea")  # where xterm.js takes the keys
    return page


def first_ticket(page: Page) -> tuple[str, str]:
    """The number and title of the first row of the queue on the screen."""
    rows = screen(page).split("# Title", 1)[1]
    found = ROW.search(rows)
    assert found, screen(page)
    return found.group(1), found.group(2)


def test_an_agent_opens_a_ticket_in_the_browser(browser: Browser, web: WebProcess) -> None:
    page = open_queue(browser, web)
    page.keyboard.press("j")  # the second ticket
    number, _ = first_ticket(page)
    rows = ROW.findall(screen(page).split("# Title", 1)[1])
    second_number, second_title = rows[1]
    page.keyboard.press("Enter")
    shown = wait_for_screen(page, f"#{second_number} ", "Thread ·", "esc Back")
    assert second_title in shown
    assert f"#{number} " not in shown  # the second ticket opened, not the first
    page.keyboard.press("Escape")
    wait_for_screen(page, *QUEUE)
    page.close()


def test_without_the_token_nothing_is_served(browser: Browser, web: WebProcess) -> None:
    page = open_page(browser)
    wrong = "A" * len(web.token)
    for url in (f"{web.origin}/", f"{web.origin}/{wrong}/", f"{web.origin}/{web.token[:-1]}/"):
        answer = page.goto(url)
        assert answer is not None and answer.status == 403, url
        assert page.inner_text("body") == "403: Forbidden"
    page.close()
    # A websocket from the real page, with a wrong token and without one: never opened.
    page = open_queue(browser, web)
    ws_origin = web.origin.replace("http://", "ws://")
    for path in (f"/{wrong}/ws", "/ws", f"/{web.token}x/ws"):
        outcome = page.evaluate(
            """(url) => new Promise((resolve) => {
                 const socket = new WebSocket(url);
                 socket.onopen = () => { socket.close(); resolve("opened"); };
                 socket.onerror = () => resolve("refused");
               })""",
            f"{ws_origin}{path}",
        )
        assert outcome == "refused", path
    page.close()
    # The handshake itself is answered 403, outside a browser too.
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    for path in (f"/{wrong}/ws", "/ws", "/static/js/textual.js"):
        answer = httpx.get(f"{web.origin}{path}", headers=upgrade)
        assert (answer.status_code, answer.text) == (403, "403: Forbidden"), path


def test_no_secret_reaches_the_browser(browser: Browser, web: WebProcess) -> None:
    page = open_page(browser)
    received: list[bytes] = []
    bodies: list[bytes] = []

    def on_websocket(socket) -> None:  # type: ignore[no-untyped-def]
        socket.on("framereceived", lambda frame: received.append(_bytes(frame)))

    page.on("websocket", on_websocket)
    page.on("response", lambda response: bodies.append(response.body()))
    page.goto(web.url)
    wait_for_screen(page, *QUEUE)
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("Enter")
    wait_for_screen(page, "Thread ·")
    source = page.content()
    assert "textual.js" in source  # the page did come
    everything = [source.encode(), *bodies, *received]
    for secret in (SECRET, SECRET.split(".", 1)[1]):
        assert not [part for part in everything if secret.encode() in part], secret
        assert secret not in web.url
    # Nor the command lines of the apps the tabs run, nor what the server printed.
    commands = [
        Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") for pid in web.app_pids()
    ]
    assert commands and all(b"tickettui" in command for command in commands)
    assert not [command for command in commands if SECRET.encode() in command]
    page.close()
    web.interrupt()
    assert SECRET not in "".join(web.stdout + web.stderr)


def test_ctrl_c_stops_the_server_and_every_app(browser: Browser, web: WebProcess) -> None:
    pages = [open_queue(browser, web) for _ in range(2)]
    wait_until(lambda: len(web.app_pids()) == 2, "one app process per tab")
    apps = web.app_pids()
    assert web.interrupt() == 0
    assert "Traceback" not in "".join(web.stdout + web.stderr)
    for pid in apps:
        wait_until(lambda pid=pid: not alive(pid), f"app process {pid} to end")
    for page in pages:
        page.wait_for_selector("body.-closed")  # the page says the session ended
        page.close()


def _bytes(frame: object) -> bytes:
    return frame if isinstance(frame, bytes) else str(frame).encode()


def test_w_opens_the_tickets_web_page_in_the_agents_browser(
    browser: Browser, web: WebProcess, so_server: object
) -> None:
    page = open_queue(browser, web)
    number, _ = first_ticket(page)
    with page.expect_popup() as opened:
        page.keyboard.press("w")
    popup = opened.value
    # The tenant's own page for the ticket (the local server's address), in a new tab of the
    # agent's browser, not on a desktop of the machine that serves the app.
    assert popup.url.startswith(so_server.base_url.split("/SuperOffice")[0])  # type: ignore[attr-defined]
    wait_for_screen(page, f"Opened ticket {number} in a new tab")
    popup.close()
    page.close()


def test_a_long_paste_reaches_the_reply_whole(browser: Browser, web: WebProcess) -> None:
    """A paste comes as one websocket message: 100 KB of log pasted into a reply must arrive,
    not end the tab (nothing is sent: the reply is left unsaved)."""
    page = open_queue(browser, web)
    page.keyboard.press("Enter")
    wait_for_screen(page, "Thread ·", "r Reply")
    page.keyboard.press("r")
    wait_for_screen(page, "Reply to the customer", "esc Cancel")
    log = "".join(f"{n:06d} GET /api/v1/tickets 200 12ms\n" for n in range(3000))
    assert len(log) > 100_000
    page.evaluate(  # what the browser does on ctrl+v: a paste event on xterm's textarea
        """(text) => {
             const data = new DataTransfer();
             data.setData("text/plain", text);
             document.querySelector(".xterm-helper-textarea").dispatchEvent(
               new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
           }""",
        f"{log}END-OF-PASTE",
    )
    wait_for_screen(page, "END-OF-PASTE", "002999 GET")
    assert "-closed" not in (page.get_attribute("body", "class") or "")
    page.close()


def test_a_tab_whose_app_cannot_start_says_why(
    browser: Browser, so_server: object, tmp_path: Path
) -> None:
    """The profile breaks while the server runs (config.toml edited): the next tab's app
    fails at start, and the page shows the one line the terminal would, not "starting..."."""
    home = tmp_path / "home"
    config = home / "config" / "tickettui" / "config.toml"
    config.parent.mkdir(parents=True)
    url = so_server.base_url  # type: ignore[attr-defined]
    config.write_text(f'[profiles.work]\nurl = "{url}"\nauth = "bearer"\n')
    env = private_env(home, {"TICKETTUI_TOKEN": SECRET})
    with web_process("web", "--profile", "work", "--port", "0", env=env) as web:
        config.write_text(config.read_text() + "oops = [\n")
        page = open_page(browser)
        page.goto(web.url)
        page.wait_for_selector("body.-closed")  # before: "tickettui: starting..." for ever
        message = page.inner_text(".closed-dialog .message")
        assert message.startswith("tickettui: ") and "invalid TOML" in message, message
        assert not page.is_visible(".intro-dialog")
        page.close()


def _records(web_home: Path) -> dict[str, Any]:
    path = web_home / "cache" / "tickettui" / "start-records.json"
    return dict(json.loads(path.read_text())["records"]) if path.exists() else {}


def test_tabs_start_from_the_start_record_and_an_outdated_one_starts_again(
    browser: Browser, web: WebProcess, tmp_path: Path
) -> None:
    """A tab starts as the tickettui command does: its full start keeps a start record, the next
    tab paints from it; a record out of date (here: another account) is dropped and the tab's
    app started again, in the same tab, which the agent then uses as usual."""
    home = tmp_path / "home"
    page = open_queue(browser, web)
    page.close()
    wait_until(lambda: _records(home), "the first tab's full start to keep a start record")
    path = home / "cache" / "tickettui" / "start-records.json"
    kept = json.loads(path.read_text())
    for record in kept["records"].values():
        record["content"]["account"][1] = "someone-else"
    path.write_text(json.dumps(kept))
    page = open_queue(browser, web)
    wait_until(
        lambda: all(r["content"]["account"][1] != "someone-else" for r in _records(home).values()),
        "the out-of-date record to be replaced by the tab's full start",
    )
    wait_for_screen(page, *QUEUE)
    assert "-closed" not in (page.get_attribute("body", "class") or "")
    page.keyboard.press("Enter")  # the started-again app has the keys
    wait_for_screen(page, "Thread ·", "esc Back")
    page.close()


def test_closing_the_tab_right_after_typing_keeps_the_reply_as_a_draft(
    browser: Browser, web: WebProcess, tmp_path: Path
) -> None:
    """The tab is the app's terminal: closing it (ctrl+w by habit, in the middle of a word)
    hangs up on the app, which keeps the reply as a draft, last keys included."""
    page = open_queue(browser, web)
    page.keyboard.press("Enter")
    wait_for_screen(page, "Thread ·", "r Reply")
    page.keyboard.press("r")
    wait_for_screen(page, "Reply to the customer")
    page.keyboard.type("Typed just before closing")
    wait_for_screen(page, "Typed just before closing")
    page.close()  # at once: before the draft's own timer (0.3 s after the last key) fires
    drafts = tmp_path / "home" / "data" / "tickettui" / "drafts.json"
    wait_until(
        lambda: drafts.exists() and "Typed just before closing" in drafts.read_text(),
        "the reply's draft (before: lost when the tab closed before its timer)",
    )
    page = open_queue(browser, web)  # the next tab offers it back
    wait_for_screen(page, "1 unsaved draft", "press D to review")
    page.close()
