"""`--debug`: a log file in the platform log dir, with credentials blanked out of every line."""

from __future__ import annotations

import logging
from pathlib import Path

from tickettui.config.paths import debug_log_path
from tickettui.credentials.redact import RedactingFormatter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_debug_log(path: Path | None = None) -> Path:
    """Send DEBUG and up to ``path`` (default: the platform log dir); the file's path."""
    path = path or debug_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(RedactingFormatter(FORMAT))
    path.chmod(0o600)  # it names hosts, users and tickets
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    return path
