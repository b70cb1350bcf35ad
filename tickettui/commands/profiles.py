"""`tickettui profiles`: the profiles of config.toml, the active one marked."""

from __future__ import annotations

import os
from collections.abc import Mapping

from tickettui import systems
from tickettui.config.select import profile_name
from tickettui.connection import ConnectionFlags, read_config


def profile_lines(flags: ConnectionFlags, env: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if env is None else env
    config, path = read_config(env)
    if config is None or not config.profiles:
        return [f"No profiles yet ({path}): run `tickettui login` to create one."]
    active, chosen_by = profile_name(config, flags.profile, env)
    width = max(len(name) for name in config.profiles)
    lines = []
    for name, profile in config.profiles.items():
        mark = "*" if name == active else " "
        who = f" as {profile.user}" if profile.user else ""
        how = systems.system(profile.system).describe(profile)
        lines.append(f"{mark} {name:<{width}}  {profile.url or '(no url)'}  {how}{who}")
    if active is not None:
        lines.append(f"(* active, chosen by {chosen_by}; config: {path})")
    else:
        lines.append(f"(none active: pass --profile or set default_profile in {path})")
    return lines
