"""Keliweb soak: the local Keliweb server fails 20% of requests (Laravel's and nginx's shapes,
resets, timeouts, cut-off JSON, before and after the write applied) while the backend replies,
adds notes and updates tickets, and the real app refreshes and saves an edit. Every write arrives
exactly once, nothing crashes, and no secret (password, client secret, access or refresh token)
is written anywhere.

Bounded for ``make test`` (~20 s); ``make soak`` runs it longer with the same variables as the
SuperOffice soak (``TICKETTUI_SOAK_EDITS``, ``..._REPLIES``, ``..._SECONDS``). "Exactly once" is
read from the server's database: a trigger (added before the server starts) logs every subject,
status and priority Keliweb stores; replies and notes are counted in their tables. Figures go
to ``$TICKETTUI_SOAK_FIGURES`` with ``-keliweb`` before the suffix.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pydantic import SecretStr

from tests.keliweb_fixtures import keliweb_factory
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
from tickettui.core.http.retry import RetryStats
from tickettui.systems.keliweb.server import LocalKeliweb, accounts
from tickettui.systems.keliweb.server.passwords import hash_password, token_hash
from tickettui.systems.keliweb.server.seed import ensure_seeded
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.keliweb.tokens import TokenSet

T = TypeVar("T")

EDITS = int(os.environ.get("TICKETTUI_SOAK_EDITS", "16"))
REPLIES = max(1, int(os.environ.get("TICKETTUI_SOAK_REPLIES", "12")) // 2)
NOTES = REPLIES
APP_SECONDS = float(os.environ.get("TICKETTUI_SOAK_SECONDS", "6"))
SEED = 2027
# Unique secrets (the demo ones are common words) so a leak can be found by grep.
PASSWORD = "Kw-soak-password-4e1b7d-do-not-log"
CLIENT_SECRET = "Kw-soak-client-secret-93ac05-do-not-log"
PRIORITIES = ("Low", "Medium", "High")
NEEDED = EDITS + 2 * REPLIES + NOTES + 1  # open tickets: one per write, plus the app's
TICKETS = max(160, NEEDED * 3)  # about half the seeded tickets are the customer's open ones


class RecordingTokens:
    """The keyring entry the app keeps Keliweb's tokens in, remembering every token it was
    handed, to look for them where they must not be."""

    def __init__(self) -> None:
        self.value: str | None = None
        self.seen: set[str] = set()

    def get(self) -> str | None:
        return self.value

    def set(self, value: str) -> None:
        self.value = value
        tokens = TokenSet.from_json(value)
        assert tokens is not None
        self.seen.add(tokens.access_token.get_secret_value())
        if tokens.refresh_token is not None:
            self.seen.add(tokens.refresh_token.get_secret_value())

    def delete(self) -> bool:
        had, self.value = self.value is not None, None
        return had


def _prepare(db: Path) -> None:
    ensure_seeded(db, tickets=TICKETS, seed=7)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE client SET password_hash = ? WHERE id = ?",
            (hash_password(PASSWORD, "soak-salt"), accounts.DEMO_USER_ID),
        )
        conn.execute(
            "UPDATE oauth_client SET secret_hash = ? WHERE id = ?",
            (token_hash(CLIENT_SECRET), accounts.DEMO_CLIENT_ID),
        )
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS soak_change_log (
                ticket_id INTEGER, title TEXT, status TEXT, urgency TEXT
            );
            CREATE TRIGGER IF NOT EXISTS soak_change AFTER UPDATE OF title, status, urgency
            ON ticket WHEN NEW.title <> OLD.title OR NEW.status <> OLD.status
                OR NEW.urgency <> OLD.urgency
            BEGIN INSERT INTO soak_change_log
                VALUES (NEW.id, NEW.title, NEW.status, NEW.urgency); END;
            """
        )


def _settings(server: LocalKeliweb) -> KeliwebSettings:
    return KeliwebSettings(
        url=server.base_url,
        client_id=accounts.DEMO_CLIENT_ID,
        client_secret=SecretStr(CLIENT_SECRET),
        username=accounts.DEMO_USERNAME,
        password=SecretStr(PASSWORD),
        timeout=CLIENT_TIMEOUT,
    )


def _open_tickets(db: Path, count: int) -> list[int]:
    """The demo customer's tickets that are neither closed (a closed one reopens on a reply)
    nor on hold already (setting "On Hold" must be a change the server logs)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT id FROM ticket WHERE userid = ? AND status NOT IN ('Closed', 'On Hold')"
            " AND merged_ticket_id = 0 ORDER BY id LIMIT ?",
            (accounts.DEMO_USER_ID, count),
        ).fetchall()
    return [row[0] for row in rows]


async def _edit(backend: Any, ticket_id: int, marker: str, priority: str) -> None:
    """New subject (with the marker) and priority; after an unconfirmed answer, look first."""

    async def attempt() -> None:
        form = await backend.edit_form(ticket_id)
        if marker in str(form.values["subject"]):
            return  # it landed on an earlier try whose answer was lost
        form.values["subject"] = f"{str(form.values['subject'])[:60]} [{marker}]"
        form.values["priority"] = priority
        result = await backend.save(form)
        assert result.saved, result

    await as_a_user(attempt)


async def _status(backend: Any, ticket_id: int, status: str) -> None:
    from tickettui.core.domain import QuickAction

    async def attempt() -> None:
        result = await backend.quick_action(ticket_id, QuickAction.SET_STATUS, status)
        assert result.saved, result

    await as_a_user(attempt)


def _stats(backend: Any) -> RetryStats:
    stats: RetryStats = system_backend(backend).client.retry_stats
    return stats


async def _drive_the_app(
    server: LocalKeliweb, tokens: RecordingTokens, ticket_id: int, marker: str, seconds: float
) -> int:
    """The real app under faults: refresh the queue, edit a subject and save (again if told)."""
    from tickettui.ui.app import TicketApp

    app = TicketApp(keliweb_factory(_settings(server), kept=lambda purpose: tokens))
    await work_the_queue_then_save(app, ticket_id, "subject", marker, seconds)
    return _stats(app.backend).total


async def test_keliweb_soak_under_faults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tickettui.debug_log import start_debug_log

    db = tmp_path / "kw.sqlite"
    _prepare(db)
    plan = soak_faults(SEED)
    tokens = RecordingTokens()
    log_path = start_debug_log(tmp_path / "logs" / "debug.log")
    server = LocalKeliweb.start(db_path=db, faults=plan)
    started = time.monotonic()
    needed = NEEDED
    try:
        tickets = _open_tickets(db, needed)
        assert len(tickets) == needed, f"only {len(tickets)} open tickets"
        edited = tickets[:EDITS]
        replied = tickets[EDITS : EDITS + REPLIES]
        noted = tickets[EDITS + REPLIES : EDITS + REPLIES + NOTES]
        statused = tickets[EDITS + REPLIES + NOTES : -1]
        backend = keliweb_factory(_settings(server), kept=lambda purpose: tokens)()
        try:
            for i, ticket_id in enumerate(edited):
                await _edit(backend, ticket_id, f"kw-soak-edit-{i}", PRIORITIES[i % 3])
            for j, ticket_id in enumerate(replied):
                await send_once(backend, ticket_id, f"Kw soak reply {j}: done.", internal=False)
            for k, ticket_id in enumerate(noted):
                await send_once(backend, ticket_id, f"Kw soak note {k}: checked.", internal=True)
            for ticket_id in statused:
                await _status(backend, ticket_id, "On Hold")
            backend_retries = _stats(backend).total
        finally:
            await backend.aclose()
        app_retries = await _drive_the_app(
            server, tokens, tickets[-1], "kw-soak-app-edit", APP_SECONDS
        )
        faults = plan.injected()
        requests = plan.requests
    finally:
        stop_debug_log(log_path)
        server.stop()

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        changes = conn.execute("SELECT ticket_id, title, status, urgency FROM soak_change_log")
        log_rows = changes.fetchall()
        titles = dict(conn.execute("SELECT id, title FROM ticket").fetchall())
        statuses = dict(conn.execute("SELECT id, status FROM ticket").fetchall())
        replies = [r[0] for r in conn.execute("SELECT message FROM reply")]
        notes = [r[0] for r in conn.execute("SELECT message FROM note")]
    markers = [f"kw-soak-edit-{i}" for i in range(EDITS)] + ["kw-soak-app-edit"]
    targets = [*edited, tickets[-1]]
    lost = [m for m, t in zip(markers, targets, strict=True) if f"[{m}]" not in titles[t]]
    applied = {m: sum(1 for row in log_rows if str(row[1]).endswith(f"[{m}]")) for m in markers}
    # A subject change lands once: later rows with the same subject are other fields changing.
    firsts = {
        m: len({(row[0], row[1]) for row in log_rows if str(row[1]).endswith(f"[{m}]")})
        for m in markers
    }
    twice = {m: n for m, n in firsts.items() if n != 1}
    status_lost = [t for t in statused if statuses[t] != "On Hold"]
    status_changes = {t: sum(1 for row in log_rows if row[0] == t) for t in statused}
    reply_texts = [f"Kw soak reply {j}: done." for j in range(REPLIES)]
    note_texts = [f"Kw soak note {k}: checked." for k in range(NOTES)]
    reply_counts = {t: sum(1 for body in replies if body.strip() == t) for t in reply_texts}
    note_counts = {t: sum(1 for body in notes if body.strip() == t) for t in note_texts}
    assert lost == [] and status_lost == [], f"lost: {lost} {status_lost}"
    assert twice == {}, f"subject changes not applied exactly once: {twice} ({applied})"
    assert all(n == 1 for n in status_changes.values()), f"status changes: {status_changes}"
    assert all(n == 1 for n in reply_counts.values()), f"replies not exactly once: {reply_counts}"
    assert all(n == 1 for n in note_counts.values()), f"notes not exactly once: {note_counts}"

    out = capsys.readouterr()
    checked = _assert_no_secret(tmp_path, log_path, out.out + out.err, tokens.seen)
    figures = {
        "system": "keliweb",
        "requests": requests,
        "fault_rate": FAULT_RATE,
        "faults_injected": sum(faults.values()),
        "faults_by_kind": faults,
        "requests_retried": backend_retries + app_retries,
        "edits_saved": EDITS + 1,
        "status_changes_saved": len(statused),
        "replies_saved": REPLIES,
        "notes_saved": NOTES,
        "edits_lost": len(lost) + len(status_lost),
        "duplicates": len(twice)
        + sum(1 for n in [*reply_counts.values(), *note_counts.values()] if n > 1),
        "tokens_checked": len(tokens.seen),
        "files_checked_for_secrets": checked,
        "hostile_inputs_tried": hostile_inputs(),
        "seconds": round(time.monotonic() - started, 1),
    }
    _write_figures(tmp_path, figures)
    with capsys.disabled():
        print("\nkeliweb soak figures:", json.dumps(figures))
    assert figures["faults_injected"] > 0 and figures["requests_retried"] > 0


def _assert_no_secret(root: Path, log_path: Path, printed: str, tokens: set[str]) -> int:
    written = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith("kw.sq")]
    assert log_path in written and log_path.stat().st_size > 0
    assert tokens, "no token was issued"
    secrets = {PASSWORD, CLIENT_SECRET, *tokens}
    for path in written:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"a secret ({secret[:6]}…) is in {path}"
    for secret in secrets:
        assert secret not in printed, f"a secret ({secret[:6]}…) was printed"
    return len(written)


def _write_figures(root: Path, figures: dict[str, Any]) -> None:
    base = Path(os.environ.get("TICKETTUI_SOAK_FIGURES", root / "soak-figures.json"))
    target = base.with_name(f"{base.stem}-keliweb{base.suffix}")
    target.write_text(json.dumps(figures, indent=2))
