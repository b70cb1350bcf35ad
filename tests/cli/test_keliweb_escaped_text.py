"""`tickettui list`, `show` and `edit` on a keliweb profile show names, departments, statuses and
subjects as people wrote them, while the local Keliweb server stores and returns them
HTML-escaped, as WHMCS does (``D&#039;Amico``, ``Commerciale &amp; Partner``)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.keliweb_fixtures import SECRETS_ENV, fresh_kw_server, kw_profile
from tickettui import cli
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest

ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#039;", "&#39;", "&#x27;")
DEPARTMENT = "Commerciale & Partner"  # stored as Commerciale &amp; Partner


def run(*args: str) -> str:
    result = CliRunner().invoke(cli.main, list(args), env=dict(SECRETS_ENV))
    assert result.exit_code == 0, result.output
    return result.stdout


def use(server: LocalKeliweb) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(server))


def stored(server: LocalKeliweb, sql: str, *params: Any) -> Any:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def assert_decoded(out: str) -> None:
    for entity in ENTITIES:
        assert entity not in out, f"{entity} shown raw"


def test_list_json_and_the_table_show_names_departments_and_subjects_decoded(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    use(fresh_kw_server)
    out = run("list", "--json")
    assert_decoded(out)
    rows = json.loads(out)
    assert DEPARTMENT in {r["category"] for r in rows}
    assert any("'" in r["customer"] for r in rows)  # Federica D'Amico, the account owner
    quoted = next(r for r in rows if '"' in r["title"] and "&" in r["title"])
    assert stored(fresh_kw_server, "SELECT title FROM ticket WHERE id = ?", quoted["id"]) == (
        quoted["title"].replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    )
    table = run("list")
    assert_decoded(table)
    assert quoted["title"] in table


def test_show_names_the_department_customer_and_authors_decoded(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    use(fresh_kw_server)
    rows = json.loads(run("list", "--json"))
    row = next(r for r in rows if r["category"] == DEPARTMENT and "'" in r["customer"])
    shown = json.loads(run("show", row["number"], "--json"))
    assert (shown["category"], shown["customer"]) == (DEPARTMENT, row["customer"])
    assert shown["person"] == row["customer"] and shown["title"] == row["title"]
    assert {m["author"] for m in shown["messages"] if m["kind"] == "customer"} == {row["customer"]}
    text = run("show", row["number"])
    assert_decoded(text)
    assert f"Department     {DEPARTMENT}" in text
    assert f"Customer       {row['customer']}" in text


def test_edit_a_subject_with_special_characters_and_read_it_back(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    use(fresh_kw_server)
    row = json.loads(run("list", "--json", "--limit", "1"))[0]
    subject = 'Q&A <draft> "v2"'
    run("edit", row["number"], "--set", f"subject={subject}")
    # Stored escaped once, as WHMCS stores input; shown as typed.
    assert stored(fresh_kw_server, "SELECT title FROM ticket WHERE id = ?", row["id"]) == (
        "Q&amp;A &lt;draft&gt; &quot;v2&quot;"
    )
    assert json.loads(run("show", row["number"], "--json"))["title"] == subject
    found = json.loads(run("list", "--json", "--query", "subject=%3Cdraft%3E %22v2%22"))
    assert [(r["id"], r["title"]) for r in found] == [(row["id"], subject)]


def test_control_characters_hidden_in_entities_stay_inert(
    fresh_kw_server: LocalKeliweb, home: Path
) -> None:
    use(fresh_kw_server)
    row = json.loads(run("list", "--json", "--limit", "1"))[0]
    with sqlite3.connect(fresh_kw_server.db_path) as conn:
        conn.execute(
            "UPDATE ticket SET title = ? WHERE id = ?",
            ("&#27;[31mRosso&#x1b;[0m &amp; &#x202e;fdp.exe", row["id"]),
        )
    for out in (run("list"), run("show", row["number"]), run("list", "--json")):
        assert "\x1b" not in out and "\u202e" not in out
        assert "[31mRosso[0m & " in out
