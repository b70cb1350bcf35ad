"""The user's configuration: one TOML file of named profiles (UI-free; never imports Textual)."""

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
