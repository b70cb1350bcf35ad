"""The environment handed to programs we start: the user's own, minus tickettui's secrets.

``$EDITOR`` and a profile's ``password_command`` are the user's programs, but they have no need
of ``TICKETTUI_PASSWORD`` and friends; a plugin, a shell hook or a crash reporter in them could
pass the secrets on. They get everything else (``PATH``, ``HOME``, ``GPG_TTY``...) as before.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from tickettui import systems

__all__ = ["without_secrets"]


def without_secrets(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of ``environ`` (default: this process's) without any system's secret variables."""
    source = os.environ if environ is None else environ
    secret = systems.secret_variables()
    return {name: value for name, value in source.items() if name not in secret}
