"""Reply templates on the command line, against the local servers: `tickettui templates` lists
the server's and the agent's own (source, folder, name; filled in with --ticket), and `reply` /
`note --template NAME` send one filled in, with -m text after it. An ambiguous or unknown name,
or a template with a variable nobody knows, is one line and nothing is sent."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tests.cli.test_ticket_commands import keliweb_env, shown
from tests.keliweb_fixtures import fresh_kw_server
from tests.template_helpers import ticket_with_customer_in, write_local
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest

LOCAL = {
    "thanks.txt": "Title: Thanks\n\nThanks {customer}, ticket {number} is done.\n-- {me}\n",
    "billing/refund.txt": "Title: Refund approved\n\nYour refund for {title} is on its way.\n",
    "odd.txt": "Title: Odd one\n\nSee {invoice_no}.\n",
}


def templates_folder() -> Path:
    """templates/ beside the test's config.toml."""
    return write_local(Path(os.environ["TICKETTUI_CONFIG"]).parent / "templates", LOCAL)


def test_templates_lists_source_folder_and_name(so_server: Any, home: Path) -> None:
    templates_folder()
    env = demo_env(so_server)
    listed = invoke("templates", "--json", env=env)
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert {"source": "server", "folder": "General", "name": "Acknowledge receipt"} in rows
    assert {"source": "local", "folder": "billing", "name": "Refund approved"} in rows
    assert {"source": "local", "folder": "", "name": "Thanks"} in rows
    assert not [r for r in rows if r["name"].startswith("System template")]
    hostile = next(r for r in rows if "Escalation" in r["name"])
    assert "\x1b" not in listed.stdout and "\\u001b" in listed.stdout  # JSON-escaped, inert
    assert hostile["source"] == "server"
    plain = invoke("templates", env=env)
    assert plain.exit_code == 0
    assert "server  General    Acknowledge receipt" in plain.stdout
    assert "local   billing    Refund approved" in plain.stdout
    assert "\x1b" not in plain.stdout


def test_templates_filled_in_for_a_ticket(so_server: Any, home: Path) -> None:
    templates_folder()
    ticket, first = ticket_with_customer_in(so_server, norway=True)
    result = invoke("templates", "--ticket", str(ticket), "--json", env=demo_env(so_server))
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["Acknowledge receipt"]["text"].startswith(f"Hei {first},")
    assert (
        rows["Thanks"]["text"].startswith("Thanks ")
        and f"ticket {ticket}" in rows["Thanks"]["text"]
    )
    assert rows["Odd one"]["warning"].startswith("Unknown variable {invoice_no}")


def test_reply_and_note_send_a_filled_template_with_text_after_it(
    fresh_so_server: Any, home: Path
) -> None:
    templates_folder()
    env = demo_env(fresh_so_server)
    ticket, first = ticket_with_customer_in(fresh_so_server, norway=False)
    replied = invoke("reply", str(ticket), "--template", "ackn", "-m", "PS: call us.", env=env)
    assert replied.exit_code == 0, replied.output
    assert replied.stdout == f"Reply added to ticket {ticket}\n"
    both = invoke("note", str(ticket), "--template", "billing/refund approved", env=env)
    assert both.exit_code == 1 and "local: or server: before it" in both.stderr
    noted = invoke("note", str(ticket), "--template", "local:billing/refund approved", env=env)
    assert noted.exit_code == 0, noted.output
    bodies = [m["body"] for m in shown(env, str(ticket))["messages"]]
    assert bodies[-2].startswith(f"Hi {first},\n\nThank you for contacting us.")
    assert bodies[-2].endswith("\n\nPS: call us.")
    assert bodies[-1].startswith("Your refund for ") and bodies[-1].endswith("is on its way.")


def test_an_ambiguous_unknown_or_incomplete_template_sends_nothing(
    fresh_so_server: Any, home: Path
) -> None:
    templates_folder()
    env = demo_env(fresh_so_server)
    before = len(shown(env, "7")["messages"])
    ambiguous = invoke("reply", "7", "--template", "refund", env=env)
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr.startswith("tickettui: Template 'refund' is ambiguous: ")
    assert "Billing/Refund approved (server)" in ambiguous.stderr
    assert "billing/Refund approved (local)" in ambiguous.stderr
    assert len(ambiguous.stderr.splitlines()) == 1
    unknown = invoke("reply", "7", "--template", "Thnaks", env=env)
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "tickettui: No template 'Thnaks'; did you mean Thanks (local)? "
        "(tickettui templates lists them)\n"
    )
    odd = invoke("note", "7", "--template", "Odd one", env=env)
    assert odd.exit_code == 1
    assert "unknown variable {invoice_no}" in odd.stderr.lower()
    assert "nothing sent" in odd.stderr and len(odd.stderr.splitlines()) == 1
    assert len(shown(env, "7")["messages"]) == before


def test_keliweb_lists_the_local_templates_and_says_why_not_its_own(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    env = keliweb_env(fresh_kw_server)
    templates_folder()
    result = invoke("templates", "--json", env=env)
    assert result.exit_code == 0, result.output
    assert {r["source"] for r in json.loads(result.stdout)} == {"local"}
    assert result.stderr == (
        "tickettui: Keliweb does not offer its predefined replies through the API: "
        "local templates only\n"
    )
    number = json.loads(invoke("list", "--json", "--limit", "1", env=env).stdout)[0]["number"]
    sent = invoke("reply", number, "--template", "Thanks", env=env)
    assert sent.exit_code == 0, sent.output
    assert shown(env, number)["messages"][-1]["body"].startswith("Thanks ")
