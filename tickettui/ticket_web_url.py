"""The web page template of the active profile: its ``web_url``, else its system's usual one."""

from __future__ import annotations

from tickettui.config.model import Profile
from tickettui.core.errors import ConfigurationError
from tickettui.systems.record import System

__all__ = ["web_url_template"]


def web_url_template(profile: Profile, system: System) -> str:
    """``{id}``/``{number}`` template of a ticket's web page; "" when there is none."""
    if profile.web_url:
        return profile.web_url
    if system.web_url is None or not profile.url:
        return ""
    try:
        return system.web_url(profile.url)
    except ConfigurationError:
        return ""  # a URL the backend refuses too, with its own message
