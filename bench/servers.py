"""Local SuperOffice servers for the benchmarks, each in its own process (as a real one would be).

Seeded databases live in bench/.data/ (git-ignored) and are reused across runs: seeding
100,000 tickets takes ~20 s and ~325 MB once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import TracebackType

DATA = Path(__file__).parent / ".data"

_SERVE = """
import sys
from tickettui.systems.superoffice.server import LocalSuperOffice
server = LocalSuperOffice.start(tickets=int(sys.argv[1]), seed=7, db_path=sys.argv[2])
print(server.port, server.seed_result.reused, f"{server.seed_result.seconds:.1f}", flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
server.stop()
"""


class ServerProcess:
    """``with ServerProcess(10_000) as server: server.base_url``."""

    def __init__(self, tickets: int) -> None:
        self.tickets = tickets
        DATA.mkdir(exist_ok=True)
        self.db_path = DATA / f"so-{tickets // 1000}k.sqlite"
        self._process: subprocess.Popen[str] | None = None
        self.port = 0
        self.seed_note = ""

    def __enter__(self) -> ServerProcess:
        self._process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", _SERVE, str(self.tickets), str(self.db_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline().split()
        if not line:
            raise RuntimeError(f"the {self.tickets}-ticket server did not start")
        self.port = int(line[0])
        self.seed_note = "reused" if line[1] == "True" else f"seeded in {line[2]} s"
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/SuperOffice/api"

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()


def settings(base_url: str):  # type: ignore[no-untyped-def]
    from pydantic import SecretStr

    from tickettui.systems.superoffice.server import accounts
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

    return SuperOfficeSettings(
        url=base_url,
        auth=AuthScheme.BASIC,
        user=accounts.DEMO_USER,
        password=SecretStr(accounts.DEMO_PASSWORD),
        timeout=120,
    )
