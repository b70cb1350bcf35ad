"""Where tickettui keeps its files. ``TICKETTUI_CONFIG`` points the config elsewhere (tests).

platformdirs (~4 ms to import) is imported only when a platform folder is asked for: the start
record's check reads ``config_path`` before the first frame, where ``TICKETTUI_CONFIG`` often
says it already.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "tickettui"
CONFIG_ENV = "TICKETTUI_CONFIG"


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def templates_dir(env: Mapping[str, str] | None = None) -> Path:
    """The agent's reply templates: ``templates/`` beside config.toml (one file each)."""
    return config_path(env).parent / "templates"


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME))


def debug_log_path() -> Path:
    return log_dir() / "debug.log"


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))
