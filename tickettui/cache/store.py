"""The on-disk cache: one SQLite file per server identity, readable only by its owner (0600).

It holds each section's last list and the ticket details fetched, so a cold start can paint
the queue before the network answers. A cache is only ever a head start: a damaged file, or one
from another version, is deleted and started again with one debug line, and any error while
reading or writing makes that call a miss, never a crash.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tickettui.cache.codec import (
    CacheFormatError,
    decode_detail,
    decode_summaries,
    encode_detail,
    summary_pieces,
)
from tickettui.core.digests import sha256_hex
from tickettui.core.domain import TicketSummary

if TYPE_CHECKING:  # core.domain_detail loads on first use, after the first frame
    from tickettui.core.domain import TicketDetail

log = logging.getLogger("tickettui.cache")

SCHEMA = 1  # bump when the tables change: older files are discarded
CACHE_DIR_ENV = "TICKETTUI_CACHE_DIR"
_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sections (
    key TEXT PRIMARY KEY, columns TEXT NOT NULL, saved_at REAL NOT NULL, blob BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS details (
    ticket_id INTEGER PRIMARY KEY, saved_at REAL NOT NULL, blob BLOB NOT NULL);
"""


def cache_dir() -> Path:
    """``$TICKETTUI_CACHE_DIR`` or the platform's user cache dir for tickettui."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tickettui"))


def server_identity(url: str, user: str = "") -> str:
    """A file-name-safe key for one account on one server. Never pass a secret here."""
    normal = url.strip().rstrip("/").lower()
    return sha256_hex(f"{normal}\n{user.strip().lower()}".encode())[:32]


def section_key(key: str, query: str, order_by: str) -> str:
    """A section is cached under its query too: an edited query must not show old rows."""
    return f"{key}\x1f{query}\x1f{order_by}"


def _create_private(path: Path) -> None:
    # Create the file 0600 before SQLite opens it (its journal/WAL files copy the mode).
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class TicketCache:
    """Sections and details for one server identity. Thread-safe; every method may be a miss."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        try:
            self._conn = self._open()
        except (sqlite3.Error, OSError, CacheFormatError) as error:
            log.debug("cache %s unusable (%s): starting a new one", path.name, error)
            self._discard()
            try:
                self._conn = self._open()
            except (sqlite3.Error, OSError, CacheFormatError) as again:
                log.debug("cache disabled: %s", again)
                self._conn = None

    @classmethod
    def for_server(cls, url: str, user: str = "", directory: Path | None = None) -> TicketCache:
        folder = directory if directory is not None else cache_dir()
        return cls(folder / f"tickets-{server_identity(url, user)}.sqlite")

    @property
    def enabled(self) -> bool:
        return self._conn is not None

    def _open(self) -> sqlite3.Connection:
        _create_private(self.path)
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA_SQL)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            elif row[0] != str(SCHEMA):
                raise CacheFormatError(f"schema {row[0]!r}, expected {SCHEMA}")
            conn.execute("PRAGMA quick_check").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _discard(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def _broken(self, what: str, error: Exception) -> None:
        log.debug("cache %s failed (%s): discarding the cache", what, error)
        self._discard()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None

    # --- sections --------------------------------------------------------------------------

    def load_section(self, key: str, columns: Sequence[str]) -> list[TicketSummary] | None:
        """The section's last list, if it was stored with at least ``columns``."""
        with self._lock:
            if self._conn is None:
                return None
            try:
                row = self._conn.execute(
                    "SELECT columns, blob FROM sections WHERE key = ?", (key,)
                ).fetchone()
                if row is None:
                    return None
                if not set(columns) <= set(str(row[0]).split(",")):
                    return None
                return decode_summaries(row[1])
            except CacheFormatError as error:
                log.debug("cached section dropped: %s", error)
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("DELETE FROM sections WHERE key = ?", (key,))
                return None
            except sqlite3.Error as error:
                self._broken("read", error)
                return None

    def save_section(
        self, key: str, columns: Sequence[str], tickets: Sequence[TicketSummary]
    ) -> None:
        pieces = summary_pieces(tickets)  # outside the lock: the slow part
        with self._lock:
            if self._conn is None:
                return
            try:
                self._write_blob(key, ",".join(columns), pieces)
            except sqlite3.Error as error:
                self._broken("write", error)

    def _write_blob(self, key: str, columns: str, pieces: Sequence[bytes]) -> None:
        """The section's row with a blob of the pieces' size, then the pieces written into it
        in place (incremental blob I/O), in one transaction: neither a joined copy of the
        blob nor SQLite's own copy of a bound one (~6 MB at 100k tickets) is made."""
        assert self._conn is not None
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = conn.execute(
                "INSERT OR REPLACE INTO sections VALUES (?, ?, ?, zeroblob(?))",
                (key, columns, time.time(), sum(map(len, pieces))),
            )
            if cursor.lastrowid is None:
                raise sqlite3.OperationalError("no row written")
            with conn.blobopen("sections", "blob", cursor.lastrowid) as blob:
                for piece in pieces:
                    blob.write(piece)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    # --- details ---------------------------------------------------------------------------

    def load_detail(self, ticket_id: int) -> TicketDetail | None:
        with self._lock:
            if self._conn is None:
                return None
            try:
                row = self._conn.execute(
                    "SELECT blob FROM details WHERE ticket_id = ?", (ticket_id,)
                ).fetchone()
                return None if row is None else decode_detail(row[0])
            except CacheFormatError as error:
                log.debug("cached detail dropped: %s", error)
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("DELETE FROM details WHERE ticket_id = ?", (ticket_id,))
                return None
            except sqlite3.Error as error:
                self._broken("read", error)
                return None

    def save_details(self, details: Sequence[TicketDetail]) -> None:
        rows = [(d.summary.id, time.time(), encode_detail(d)) for d in details]
        with self._lock:
            if self._conn is None or not rows:
                return
            try:
                self._conn.executemany("INSERT OR REPLACE INTO details VALUES (?, ?, ?)", rows)
            except sqlite3.Error as error:
                self._broken("write", error)

    def forget_detail(self, ticket_id: int) -> None:
        with self._lock:
            if self._conn is None:
                return
            try:
                self._conn.execute("DELETE FROM details WHERE ticket_id = ?", (ticket_id,))
            except sqlite3.Error as error:
                self._broken("write", error)
