"""The script commands as a user runs them: one real process, the local server over loopback."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.cli.helpers import assert_one_line_error, demo_env, run


def test_show_json_prints_the_ticket_with_its_messages(so_server: Any) -> None:
    result = run("show", "7", "--json", env=demo_env(so_server))
    assert result.returncode == 0, result.stderr
    ticket = json.loads(result.stdout)
    assert ticket["id"] == 7 and ticket["title"]
    assert ticket["messages"] and all(m["body"] is not None for m in ticket["messages"])


def test_list_json_prints_every_ticket_of_the_section(so_server: Any) -> None:
    result = run("list", "--section", "all-active", "--json", env=demo_env(so_server))
    assert result.returncode == 0, result.stderr
    tickets = json.loads(result.stdout)
    assert tickets and all(t["statusKind"] == "active" for t in tickets)
    assert len({t["id"] for t in tickets}) == len(tickets)


def test_list_with_the_systems_own_query(so_server: Any) -> None:
    result = run("list", "--query", "ticketId lt 11", "--json", env=demo_env(so_server))
    assert result.returncode == 0, result.stderr
    assert sorted(t["id"] for t in json.loads(result.stdout)) == list(range(1, 11))


def test_plain_list_is_a_table(so_server: Any) -> None:
    result = run("list", "--limit", "5", env=demo_env(so_server))
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.strip().splitlines()
    assert header.split() == ["#", "Status", "Priority", "Owner", "Changed", "Title"]
    assert len(rows) == 5


def test_wrong_password_is_one_line_and_no_secret(so_server: Any) -> None:
    result = run("show", "7", env=demo_env(so_server, TICKETTUI_PASSWORD="not-the-password"))
    assert_one_line_error(result, "login failed")
    assert "not-the-password" not in result.stderr + result.stdout


def test_unreachable_host_is_one_line() -> None:
    env = {
        "TICKETTUI_URL": "http://127.0.0.1:9/SuperOffice/api",
        "TICKETTUI_USER": "agent",
        "TICKETTUI_PASSWORD": "x",
    }
    assert_one_line_error(run("list", env=env), "connect")


def test_unknown_ticket_is_one_line(so_server: Any) -> None:
    assert_one_line_error(run("show", "999999", env=demo_env(so_server)), "999999", "not found")


@pytest.mark.parametrize("url", ["not a url", "ftp://host/api", "https://"])
def test_malformed_url_is_one_line(url: str) -> None:
    env = {"TICKETTUI_URL": url, "TICKETTUI_USER": "agent", "TICKETTUI_PASSWORD": "x"}
    assert_one_line_error(run("list", env=env))


class _LoginPage(http.server.BaseHTTPRequestHandler):
    """What a reverse proxy in front of a tenant answers when the session is gone."""

    def _page(self) -> None:
        body = b"<!DOCTYPE html><html><body><form>Sign in</form></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _page

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def login_page_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LoginPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/SuperOffice/api"
    server.shutdown()


def test_an_html_answer_is_one_line(login_page_url: str) -> None:
    env = {"TICKETTUI_URL": login_page_url, "TICKETTUI_USER": "agent", "TICKETTUI_PASSWORD": "x"}
    assert_one_line_error(run("show", "7", env=env), "HTML")


def test_output_into_a_closed_pipe_is_quiet(so_server: Any) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tickettui", "list", "--section", "closed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=base | demo_env(so_server),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_missing_url_tells_how_to_fix_it() -> None:
    assert_one_line_error(run("list"), "TICKETTUI_URL")


def test_show_text_names_superoffice_fields(so_server: Any) -> None:
    result = run("show", "7", env=demo_env(so_server))
    assert result.returncode == 0, result.stderr
    labels = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    assert labels[:8] == [
        "Status",
        "Priority",
        "Category",
        "Owner",
        "Customer",
        "Created",
        "Changed",
        "Deadline",
    ]
