"""Each browser tab has an app process of its own, and none outlives the server: one that
ignores both the quit request and SIGTERM is killed when the server stops. An app that ends by
itself closes its tab, saying why when it failed."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from tests.waiting import PATIENCE, eventually
from tests.web.serving import serving
from tickettui.web import START_AGAIN
from tickettui.web.server import WebApp
from tickettui.web.sessions import ENDED, Sessions, ending_message

# An "app" that says it is ready as Textual's web driver does, then ignores a hang-up, quit
# and SIGTERM.
STUBBORN_APP = [
    sys.executable,
    "-c",
    "import signal, sys, time\n"
    "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "time.sleep(600)\n",
]


async def test_a_stubborn_app_is_killed_when_the_server_stops() -> None:
    web_app = WebApp(STUBBORN_APP)
    client = TestClient(TestServer(web_app.application(), host="127.0.0.1"))
    await client.start_server()
    tabs = [await client.ws_connect(f"/{web_app.token}/ws") for _ in range(2)]
    await eventually(
        lambda: len(web_app.sessions.processes()) == 2, "two app processes, one per tab"
    )
    processes = web_app.sessions.processes()
    assert processes[0].pid != processes[1].pid
    await client.close()  # the server stops: every tab closed, every app ended
    assert all(tab.closed for tab in tabs)
    assert [process.returncode for process in processes] == [-signal.SIGKILL] * 2


# An "app" that quits when hung up on, as tickettui does (129: 128 + SIGHUP), or as soon as
# the server sends it anything.
POLITE_APP = [
    sys.executable,
    "-c",
    "import signal, sys\n"
    "signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "sys.stdin.buffer.read(1)\n",
]


TOO_MANY = (
    "tickettui: 1 tabs are open on this server, the most it runs at once: close one, then "
    "start again"
)


async def test_tabs_past_the_limit_are_refused_and_a_closed_tab_frees_its_place() -> None:
    web_app = WebApp(POLITE_APP, sessions=Sessions(limit=1))
    async with serving(web_app) as client:
        first = await client.ws_connect(f"/{web_app.token}/ws")
        await eventually(lambda: len(web_app.sessions.processes()) == 1, "the first tab's app")
        process = web_app.sessions.processes()[0]
        refused = await client.ws_connect(f"/{web_app.token}/ws")
        assert await messages_until_closed(refused) == [[ENDED, TOO_MANY]]  # the page says so
        assert len(web_app.sessions.processes()) == 1  # and no app was started for it
        await first.close()  # closing the tab ends its app...
        await eventually(lambda: process.returncode is not None, "the first tab's app to end")
        assert process.returncode == 129  # ...by hanging up on it, as a closed terminal
        await eventually(lambda: len(web_app.sessions) == 0, "the tab's place to be free")
        second = await client.ws_connect(f"/{web_app.token}/ws")
        await second.close()


# An "app" whose profile no longer loads: the command line's one-line error, exit status 1.
FAILING_APP = [
    sys.executable,
    "-c",
    "import sys\n"
    "sys.stderr.write('Traceback (most recent call last):\\n  something internal\\n')\n"
    "sys.stderr.write('tickettui: config.toml: invalid TOML: Invalid value (line 9)\\n')\n"
    "raise SystemExit(1)\n",
]


async def messages_until_closed(tab: aiohttp.ClientWebSocketResponse) -> list[object]:
    """What the server sends a tab until it closes it (a tab left open fails the wait)."""
    received = []
    while True:
        message = await tab.receive(timeout=PATIENCE)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            return received
        if message.type == aiohttp.WSMsgType.TEXT:
            received.append(json.loads(message.data))


async def test_an_app_that_cannot_start_tells_its_tab_why_in_one_line() -> None:
    web_app = WebApp(FAILING_APP)
    async with serving(web_app) as client:
        tab = await client.ws_connect(f"/{web_app.token}/ws")
        said = await messages_until_closed(tab)  # before: open on "starting..." for ever
        assert said == [[ENDED, "tickettui: config.toml: invalid TOML: Invalid value (line 9)"]]
        assert tab.closed
        await eventually(lambda: len(web_app.sessions) == 0, "the failed tab's place to be free")


async def test_an_app_killed_under_its_tab_closes_it_and_the_server_serves_on() -> None:
    web_app = WebApp(POLITE_APP)
    async with serving(web_app) as client:
        tab = await client.ws_connect(f"/{web_app.token}/ws")
        await eventually(lambda: len(web_app.sessions.processes()) == 1, "the tab's app")
        web_app.sessions.processes()[0].kill()  # the out-of-memory killer, say
        said = await messages_until_closed(tab)  # before: the tab stayed on its last frame
        assert said == [[ENDED, ending_message(-signal.SIGKILL, "")]]
        assert "signal 9" in str(said)
        other = await client.ws_connect(f"/{web_app.token}/ws")  # the server still serves
        await eventually(lambda: len(web_app.sessions.processes()) == 1, "the new tab's app")
        await other.close()


# An "app" that quits as Textual's web driver does when the agent presses ctrl+q.
QUITTING_APP = [
    sys.executable,
    "-c",
    "import sys\n"
    "sys.stdout.write('__GANGLION__\\n')\n"
    'meta = b\'{"type": "exit"}\'\n'
    "sys.stdout.buffer.write(b'M' + len(meta).to_bytes(4, 'big') + meta)\n",
]


async def test_an_app_that_quits_closes_its_tab_without_a_word() -> None:
    web_app = WebApp(QUITTING_APP)
    async with serving(web_app) as client:
        tab = await client.ws_connect(f"/{web_app.token}/ws")
        assert await messages_until_closed(tab) == []  # the page says "Session ended."


def test_the_tab_shows_only_the_command_lines_one_line_error() -> None:
    traceback = "Traceback (most recent call last):\n  File ...\nKeyError: 'password'\n"
    assert ending_message(0, "") is None  # quit
    assert ending_message(None, traceback) is None  # still ending after it said it exits
    assert ending_message(2, "tickettui: No profile named 'x'\n") == (
        "tickettui: No profile named 'x'"
    )
    crashed = ending_message(1, traceback)
    assert crashed is not None and "exit status 1" in crashed and "password" not in crashed


def app_starting_again(marker: Path, times: int) -> list[str]:
    """An "app" that asks to be started again (as a tab's quick start with an out-of-date start
    record does) its first ``times`` starts, then draws 'second start' and waits."""
    return [
        sys.executable,
        "-c",
        "import sys, pathlib\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "starts = int(marker.read_text()) if marker.exists() else 0\n"
        "marker.write_text(str(starts + 1))\n"
        "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
        f"if starts < {times}:\n"
        '    meta = b\'{"type": "exit"}\'\n'
        "    sys.stdout.buffer.write(b'M' + len(meta).to_bytes(4, 'big') + meta)\n"
        "    sys.stderr.write('StartAgain: the profile changed\\n')\n"
        f"    raise SystemExit({START_AGAIN})\n"
        "data = b'second start'\n"
        "sys.stdout.buffer.write(b'D' + len(data).to_bytes(4, 'big') + data)\n"
        "sys.stdout.flush()\n"
        "sys.stdin.buffer.read(1)\n",
    ]


async def test_an_app_that_asks_to_start_again_does_so_in_the_same_tab(tmp_path: Path) -> None:
    marker = tmp_path / "starts"
    web_app = WebApp(app_starting_again(marker, times=1))
    async with serving(web_app) as client:
        tab = await client.ws_connect(f"/{web_app.token}/ws")
        message = await tab.receive(timeout=PATIENCE)  # the tab is not told the first exited
        assert (message.type, message.data) == (aiohttp.WSMsgType.BINARY, b"second start")
        assert marker.read_text() == "2" and not tab.closed
        await tab.close()  # the second app is the tab's: closing the tab ends it
        await eventually(lambda: len(web_app.sessions) == 0, "the tab's place to be free")


async def test_an_app_asking_to_start_again_twice_closes_its_tab(tmp_path: Path) -> None:
    marker = tmp_path / "starts"
    web_app = WebApp(app_starting_again(marker, times=2))
    async with serving(web_app) as client:
        tab = await client.ws_connect(f"/{web_app.token}/ws")
        said = await messages_until_closed(tab)  # no loop of starts
        assert said == [[ENDED, ending_message(START_AGAIN, "")]]
        assert marker.read_text() == "2"


# An "app" that draws 'hello', then ends when the server sends it anything.
GREETING_APP = [
    sys.executable,
    "-c",
    "import sys\n"
    "sys.stdout.write('__GANGLION__\\n')\n"
    "sys.stdout.buffer.write(b'D' + (5).to_bytes(4, 'big') + b'hello'); sys.stdout.flush()\n"
    "sys.stdin.buffer.read(1)\n",
]


async def test_tabs_opened_at_the_same_moment_never_pass_the_limit() -> None:
    """A page reloading in a loop, or a script, opening tabs all at once."""
    web_app = WebApp(GREETING_APP, sessions=Sessions(limit=2))
    async with serving(web_app) as client:
        opened = await asyncio.gather(
            *(client.ws_connect(f"/{web_app.token}/ws") for _ in range(6))
        )
        told = await asyncio.gather(
            *(tab.receive(timeout=PATIENCE) for tab in opened)  # the app's first output...
        )
        drawn = [m.data for m in told if m.type == aiohttp.WSMsgType.BINARY]
        refused = [m.json() for m in told if m.type == aiohttp.WSMsgType.TEXT]  # ...or why not
        assert drawn == [b"hello"] * 2
        assert refused == [[ENDED, TOO_MANY.replace("1 tabs", "2 tabs")]] * 4
        await eventually(lambda: len(web_app.sessions.processes()) == 2, "the two tabs' apps")
        for tab in opened:
            await tab.close()


async def test_the_websocket_address_opened_as_a_page_is_a_bad_request() -> None:
    web_app = WebApp(POLITE_APP)
    async with serving(web_app) as client:
        answer = await client.get(f"/{web_app.token}/ws")  # no Upgrade: not a websocket
        assert answer.status == 400  # not a 500 with a traceback on the server's terminal
        assert len(web_app.sessions) == 0 and web_app.sessions.processes() == []


# An "app" that reads whatever it is sent until SIGTERM.
READING_APP = [
    sys.executable,
    "-c",
    "import sys\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "while sys.stdin.buffer.read(1):\n"
    "    pass\n",
]


async def test_a_message_that_is_not_the_front_ends_is_dropped_and_the_tab_goes_on() -> None:
    web_app = WebApp(READING_APP)
    async with serving(web_app) as client:
        tab = await client.ws_connect(f"/{web_app.token}/ws")
        junk_messages = [
            "[" * 100_000,  # nested past Python's stack
            '["stdin", "\\ud800"]',  # half a surrogate pair: no UTF-8 for it
            "not json",
            "{}",
            '["resize", {"width": "9e999", "height": Infinity}]',
        ]
        for junk in junk_messages:
            await tab.send_str(junk)
        await tab.send_bytes(b"\x00\xff")
        await tab.send_str('["ping", "still there?"]')
        answer = await tab.receive(timeout=PATIENCE)
        assert answer.type == aiohttp.WSMsgType.TEXT, (
            answer
        )  # before: closed (RecursionError, UnicodeEncodeError)
        assert json.loads(answer.data) == ["pong", "still there?"]
        await tab.close()
