"""`tickettui list` and `show` against a server that fails one request in five the way real ones
do (500s with a JSON error object or an HTML page, gateway errors, throttling, dropped
connections, cut-off JSON): at least 95% of the reads succeed, and none prints a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.keliweb_fixtures import SECRETS_ENV, kw_profile
from tickettui import cli
from tickettui.servers.faults import FaultPlan
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.keliweb.server import accounts as kw_accounts
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

# Every kind a read can meet and outlive; the held answers ("timeout", "slow") are the
# client timeout's business (tests/soak), the credential ones (401, 421) the login's.
TRANSIENT = (
    "latency",
    "500",
    "500html",
    "502",
    "502html",
    "503",
    "503html",
    "429",
    "reset",
    "truncated",
)
READS = 20


def faults(seed: int) -> FaultPlan:
    return FaultPlan(rate=0.2, kinds=TRANSIENT, seed=seed, retry_after=0, latency=(0.0, 0.05))


def read_many(env: dict[str, str], numbers: list[str]) -> tuple[int, list[str]]:
    """``READS`` alternating list and show calls; how many succeeded, and every output."""
    runner = CliRunner()
    outputs, ok = [], 0
    for n in range(READS):
        args = ["list", "--json"] if n % 2 == 0 else ["show", numbers[n % len(numbers)], "--json"]
        result = runner.invoke(cli.main, args, env=env, catch_exceptions=False)
        outputs.append(result.output)
        if result.exit_code == 0:
            json.loads(result.stdout)  # whole JSON, not a cut-off answer passed on
            ok += 1
    return ok, outputs


@pytest.fixture()
def superoffice(tmp_path: Path) -> Iterator[LocalSuperOffice]:
    server = LocalSuperOffice.start(tickets=60, db_path=tmp_path / "so.sqlite", faults=faults(5))
    yield server
    server.stop()


def test_superoffice_reads_outlive_transient_faults(
    superoffice: LocalSuperOffice, home: Path
) -> None:
    env = {
        "TICKETTUI_URL": superoffice.base_url,
        "TICKETTUI_USER": accounts.DEMO_USER,
        "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
    }
    ok, outputs = read_many(env, ["3", "7", "12"])
    assert ok >= READS * 0.95, outputs
    assert not any("Traceback" in output for output in outputs)
    plan = superoffice.faults
    assert plan is not None and plan.counts["500"] + plan.counts["500html"] > 0


def test_keliweb_reads_outlive_transient_faults(tmp_path: Path, home: Path) -> None:
    with LocalKeliweb.start(tickets=60, db_path=tmp_path / "kw.sqlite", faults=faults(9)) as kw:
        config = Path(os.environ["TICKETTUI_CONFIG"])
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(kw_profile(kw))
        with sqlite3.connect(kw.db_path) as db:
            numbers = [
                str(row[0])
                for row in db.execute(
                    "SELECT id FROM ticket WHERE userid = ? ORDER BY id LIMIT 3",
                    (kw_accounts.DEMO_USER_ID,),
                )
            ]
        ok, outputs = read_many(dict(SECRETS_ENV), numbers)
        plan = kw.faults
    assert ok >= READS * 0.95, outputs
    assert not any("Traceback" in output for output in outputs)
    assert plan is not None and plan.counts["500"] + plan.counts["500html"] > 0
