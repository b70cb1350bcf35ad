"""`--debug`: a log file in the platform log dir, with credentials blanked out of every line."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from tickettui.config.paths import debug_log_path
from tickettui.credentials.redact import RedactingFormatter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_debug_log(path: Path | None = None) -> Path:
    """Send DEBUG and up to ``path`` (default: the platform log dir); the file's path."""
    path = path or debug_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created 0600 before the handler opens it (it names hosts, users and tickets): a file
    # made by FileHandler and chmod-ed afterwards is readable by others in between.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    path.chmod(0o600)  # an older log made with looser rights
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(RedactingFormatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    return path
