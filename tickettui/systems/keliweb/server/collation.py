"""How WHMCS's MySQL compares text in a ``LIKE``: its tables use a ``utf8(mb4)_unicode_ci``
collation, case- and accent-insensitive ("perche" finds "Perché", "SEAN" finds "Seán").
SQLite's own LIKE folds ASCII letters only; ``kw_fold()`` on both sides does what MySQL does.
``%`` and ``_`` stay wildcards: WHMCS puts the input between ``%`` unescaped."""

from __future__ import annotations

import sqlite3
import unicodedata

__all__ = ["FOLD", "fold", "install_fold"]

FOLD = "kw_fold"


def fold(value: str | None) -> str | None:
    """``value`` without accents, case-folded (None and numbers as they are)."""
    if not isinstance(value, str):
        return value
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch)
    )
    return bare.casefold()


def install_fold(conn: sqlite3.Connection) -> None:
    """Make ``kw_fold()`` known to ``conn`` (cheap: run before each query)."""
    conn.create_function(FOLD, 1, fold, deterministic=True)
