"""`tickettui locate`: every path tickettui reads or writes."""

from __future__ import annotations

from collections.abc import Mapping

from tickettui.config import paths


def locations(env: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    from tickettui.demo import demo_db_path

    return [
        ("config", str(paths.config_path(env))),
        ("cache", str(paths.cache_dir())),
        ("log", str(paths.debug_log_path())),
        ("data", str(paths.data_dir())),
        ("demo data", str(demo_db_path().parent)),  # one SQLite file per system
    ]
