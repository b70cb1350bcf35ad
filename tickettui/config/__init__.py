"""The user's configuration: one TOML file of named profiles (UI-free; never imports Textual).

The names below load on first use (PEP 562): ``tickettui.config.paths`` alone, which the quick
start reads before its first paint (``tickettui.quick_start``), must not pull in pydantic with
the models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tickettui.config.load import load_config
    from tickettui.config.model import ConfigFile, Profile, SectionConfig
    from tickettui.config.paths import config_path
    from tickettui.config.select import ActiveProfile, select_profile

__all__ = [
    "ActiveProfile",
    "ConfigFile",
    "Profile",
    "SectionConfig",
    "config_path",
    "load_config",
    "select_profile",
]

_HOMES = {
    "ActiveProfile": "select",
    "ConfigFile": "model",
    "Profile": "model",
    "SectionConfig": "model",
    "config_path": "paths",
    "load_config": "load",
    "select_profile": "select",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
