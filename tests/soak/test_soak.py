"""Soak: the local server fails 20% of requests while edits and replies are saved, and nothing
is lost, nothing arrives twice, the app does not crash and no secret is written anywhere.

Bounded for ``make test`` (well under two minutes); ``make soak`` runs it longer:
``TICKETTUI_SOAK_EDITS`` / ``TICKETTUI_SOAK_REPLIES`` set the counts and
``TICKETTUI_SOAK_SECONDS`` keeps the app refreshing under faults for that long.

"Exactly once" is read from the server's database itself: an SQLite trigger (added before the
server starts) records every title the server stores, so a save applied twice would show.
Figures are printed and written to ``$TICKETTUI_SOAK_FIGURES`` (default: the test's tmp dir).
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pydantic import SecretStr

from tests.conftest import superoffice_factory
from tests.soak.careful_user import (
    CLIENT_TIMEOUT,
    FAULT_RATE,
    as_a_user,
    hostile_inputs,
    send_once,
    soak_faults,
    stop_debug_log,
    system_backend,
    work_the_queue_then_save,
)
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts
from tickettui.systems.superoffice.server.seed import ensure_seeded
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

T = TypeVar("T")

EDITS = int(os.environ.get("TICKETTUI_SOAK_EDITS", "24"))
REPLIES = int(os.environ.get("TICKETTUI_SOAK_REPLIES", "12"))
APP_SECONDS = float(os.environ.get("TICKETTUI_SOAK_SECONDS", "6"))
SEED = 2026
# A unique password (the demo one is a common word) so a leak can be found by grep.
SECRET = "Soak-secret-7f3a9c-do-not-log"


def _prepare(db: Path) -> None:
    ensure_seeded(db, tickets=max(120, 2 * (EDITS + REPLIES)), seed=7)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE associate SET password = ? WHERE associate_id = ?",
            (SECRET, accounts.DEMO_ASSOCIATE_ID),
        )
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS soak_title_log (ticket_id INTEGER, title TEXT);
            CREATE TRIGGER IF NOT EXISTS soak_title AFTER UPDATE OF title ON ticket
            WHEN NEW.title <> OLD.title
            BEGIN INSERT INTO soak_title_log VALUES (NEW.ticket_id, NEW.title); END;
            """
        )


def _saveable(db: Path, count: int) -> list[int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT t.ticket_id FROM ticket t LEFT JOIN associate a ON a.associate_id = t.owned_by"
            " WHERE t.owned_by = 0 OR a.deleted = 0 ORDER BY t.ticket_id LIMIT ?",
            (count,),
        ).fetchall()
    return [row[0] for row in rows]


def _settings(server: Any) -> SuperOfficeSettings:
    return SuperOfficeSettings(
        url=server.base_url,
        auth=AuthScheme.BASIC,
        user=accounts.DEMO_USER,
        password=SecretStr(SECRET),
        timeout=CLIENT_TIMEOUT,
    )


async def _edit(backend: Any, ticket_id: int, marker: str) -> None:
    """Change a title; after an unconfirmed answer, look before saving again."""

    async def attempt() -> None:
        form = await backend.edit_form(ticket_id)
        if marker in str(form.values["title"]):
            return  # it landed on an earlier try whose answer was lost
        form.values["title"] = f"{str(form.values['title'])[:60]} [{marker}]"
        result = await backend.save(form)
        assert result.saved, result

    await as_a_user(attempt)


def _client_of(backend: Any) -> Any:
    return system_backend(backend)._client


async def _drive_the_app(server: Any, ticket_id: int, marker: str, seconds: float) -> int:
    """The real app under faults: refresh the queue, edit a ticket and save (again if told)."""
    from tickettui.ui.app import TicketApp

    app = TicketApp(superoffice_factory(_settings(server)))
    await work_the_queue_then_save(app, ticket_id, "title", marker, seconds)
    return int(_client_of(app.backend).retry_stats.total)


async def test_soak_under_faults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tickettui.debug_log import start_debug_log

    db = tmp_path / "so.sqlite"
    _prepare(db)
    plan = soak_faults(SEED)
    log_path = start_debug_log(tmp_path / "logs" / "debug.log")
    server = LocalSuperOffice.start(db_path=db, faults=plan)
    started = time.monotonic()
    try:
        tickets = _saveable(db, EDITS + REPLIES + 1)
        assert len(tickets) == EDITS + REPLIES + 1
        backend = superoffice_factory(_settings(server))()
        try:
            for i, ticket_id in enumerate(tickets[:EDITS]):
                await _edit(backend, ticket_id, f"soak-edit-{i}")
            for j, ticket_id in enumerate(tickets[EDITS : EDITS + REPLIES]):
                await send_once(
                    backend,
                    ticket_id,
                    f"Soak reply {j}: thanks, fixed on our side.",
                    internal=False,
                )
            backend_retries = _client_of(backend).retry_stats.total
        finally:
            await backend.aclose()
        app_retries = await _drive_the_app(server, tickets[-1], "soak-app-edit", APP_SECONDS)
        faults = plan.injected()
        requests = plan.requests
    finally:
        stop_debug_log(log_path)
        server.stop()

    # Every edit arrived exactly once; every reply exactly once.
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        log_rows = conn.execute("SELECT ticket_id, title FROM soak_title_log").fetchall()
        titles = dict(conn.execute("SELECT ticket_id, title FROM ticket").fetchall())
        bodies = [row[0] for row in conn.execute("SELECT body FROM message")]
    markers = [f"soak-edit-{i}" for i in range(EDITS)] + ["soak-app-edit"]
    targets = [*tickets[:EDITS], tickets[-1]]
    lost = [m for m, t in zip(markers, targets, strict=True) if f"[{m}]" not in titles[t]]
    applied = {m: sum(1 for _, title in log_rows if title.endswith(f"[{m}]")) for m in markers}
    twice = {m: n for m, n in applied.items() if n != 1}
    replies = [f"Soak reply {j}: thanks, fixed on our side." for j in range(REPLIES)]
    counts = {text: sum(1 for body in bodies if body.strip() == text) for text in replies}
    assert lost == [], f"lost edits: {lost}"
    assert twice == {}, f"edits not applied exactly once: {twice}"
    assert all(n == 1 for n in counts.values()), f"replies not exactly once: {counts}"

    # No secret anywhere the app wrote (log, cache, drafts), nor in what it printed.
    out = capsys.readouterr()
    checked = _assert_no_secret(tmp_path, log_path, out.out + out.err)

    figures = {
        "requests": requests,
        "fault_rate": FAULT_RATE,
        "faults_injected": sum(v for k, v in faults.items()),
        "faults_by_kind": faults,
        "requests_retried": backend_retries + app_retries,
        "edits_saved": EDITS + 1,
        "replies_saved": REPLIES,
        "edits_lost": len(lost),
        "duplicates": len(twice) + sum(1 for n in counts.values() if n > 1),
        "files_checked_for_secrets": checked,
        "hostile_inputs_tried": hostile_inputs(),
        "seconds": round(time.monotonic() - started, 1),
    }
    _write_figures(tmp_path, figures)
    with capsys.disabled():
        print("\nsoak figures:", json.dumps(figures))
    assert figures["faults_injected"] > 0 and figures["requests_retried"] > 0


def _assert_no_secret(root: Path, log_path: Path, printed: str) -> int:
    written = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith("so.sq")]
    assert log_path in written and log_path.stat().st_size > 0
    encoded = base64.b64encode(f"{accounts.DEMO_USER}:{SECRET}".encode()).decode()
    for path in written:
        data = path.read_bytes()
        assert SECRET.encode() not in data, f"the password is in {path}"
        assert encoded.encode() not in data, f"the Basic header is in {path}"
    assert SECRET not in printed and encoded not in printed
    return len(written)


def _write_figures(root: Path, figures: dict[str, Any]) -> None:
    target = Path(os.environ.get("TICKETTUI_SOAK_FIGURES", root / "soak-figures.json"))
    target.write_text(json.dumps(figures, indent=2))
