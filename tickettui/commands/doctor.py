"""`tickettui doctor`: one line per thing that can go wrong, each OK or what to do about it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from tickettui import systems
from tickettui.config import paths
from tickettui.config.load import load_config
from tickettui.config.select import ActiveProfile
from tickettui.connection import ConnectionFlags, active_profile, connect, credential_requests
from tickettui.core.errors import AuthenticationFailed, TicketTuiError, TransportError
from tickettui.core.safe_text import inert_line
from tickettui.credentials.chain import Prompt
from tickettui.credentials.keyring_store import KeyringStore


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    text: str

    def __str__(self) -> str:
        # Inert: a line can quote the server (the name it signs you in as, its error message).
        text = inert_line(self.text)
        return f"OK   {text}" if self.ok else f"FIX: {text}"


def _writable(path: Path) -> bool:
    """The directory exists and is writable, or could be created."""
    probe = path
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK)


def _config(env: Mapping[str, str]) -> Check:
    path = paths.config_path(env)
    try:
        config = load_config(path)
    except TicketTuiError as error:
        return Check(False, f"config: {error}")
    if config is None:
        return Check(False, f"config: no file at {path}: run `tickettui login` to create one")
    count = len(config.profiles)
    return Check(True, f"config: {path} ({count} profile{'s' if count != 1 else ''})")


def _dirs() -> list[Check]:
    checks = []
    for label, path in (
        ("cache dir", paths.cache_dir()),
        ("log dir", paths.log_dir()),
        ("data dir", paths.data_dir()),
    ):
        if _writable(path):
            checks.append(Check(True, f"{label}: {path}"))
        else:
            checks.append(Check(False, f"{label}: {path} is not writable: fix its permissions"))
    return checks


def _profile(flags: ConnectionFlags, env: Mapping[str, str]) -> tuple[Check, ActiveProfile | None]:
    try:
        active = active_profile(flags, env)
    except TicketTuiError as error:
        return Check(False, f"profile: {error}"), None
    profile = active.profile
    if not profile.url:
        return Check(
            False,
            "profile: none active: run `tickettui login`, pass --profile or set TICKETTUI_URL",
        ), None
    chosen = active.chosen_by or "flags and environment"
    who = f" as {profile.user}" if profile.user else ""
    how = systems.system(profile.system).describe(profile)
    return Check(True, f"profile: {active.name} (by {chosen}): {profile.url}, {how}{who}"), active


def _keyring(keyring: KeyringStore, active: ActiveProfile | None, env: Mapping[str, str]) -> Check:
    if keyring.usable:
        return Check(True, f"keyring: {keyring.backend}")
    elsewhere = None
    if active is not None and active.profile.password_command:
        elsewhere = "the profile's password_command"
    elif any(env.get(variable) for variable in systems.secret_variables()):
        elsewhere = "TICKETTUI_PASSWORD/TICKETTUI_TOKEN"
    if elsewhere:
        return Check(
            True,
            f"keyring: none on this machine ({keyring.backend}); not needed: "
            f"the secret comes from {elsewhere}",
        )
    return Check(
        False,
        f"keyring: none on this machine ({keyring.backend}): set TICKETTUI_PASSWORD or a "
        "password_command in the profile (else tickettui asks every time)",
    )


async def _who(
    flags: ConnectionFlags, env: Mapping[str, str], keyring: KeyringStore, prompt: Prompt | None
) -> str:
    from tickettui.backends import factory_for

    connection = connect(flags, env, keyring=keyring, prompt=prompt)
    backend = factory_for(connection, keyring)()
    try:
        user = await backend.current_user()
    finally:
        await backend.aclose()
    shown = {"prompt": "what you typed", "keyring": "the keyring"}
    source = ", ".join(sorted({shown.get(s, s) for s in connection.sources.values()}))
    return f"{user} (secret from {source})"


def _sign_in(
    flags: ConnectionFlags,
    env: Mapping[str, str],
    keyring: KeyringStore,
    active: ActiveProfile,
    prompt: Prompt | None,
) -> Check:
    try:
        requests = credential_requests(active)
        host = requests[0].host if requests else "the server"
    except TicketTuiError as error:
        return Check(False, f"sign-in: {error}")
    try:
        who = asyncio.run(_who(flags, env, keyring, prompt))
    except AuthenticationFailed as error:
        return Check(False, f"sign-in: {error}: run `tickettui login --profile {active.name}`")
    except TransportError as error:
        return Check(False, f"sign-in: {error}: check the url and the network")
    except TicketTuiError as error:
        return Check(False, f"sign-in: {error}")
    return Check(True, f"sign-in: {host} accepts you as {who}")


def _terminal(env: Mapping[str, str]) -> list[Check]:
    from rich.console import Console

    term = env.get("TERM", "")
    if not term or term == "dumb":
        shown = "not set" if not term else "dumb"
        checks = [Check(False, f"TERM is {shown}: set TERM=xterm-256color (or your terminal's)")]
    else:
        checks = [Check(True, f"TERM={term}")]
    # As the app would see it in this terminal (forced, so a pipe does not hide it).
    colours = Console(force_terminal=True).color_system
    if colours in ("truecolor", "256"):
        checks.append(Check(True, f"colours: {colours}"))
    elif colours is None:
        checks.append(Check(False, "colours: none (NO_COLOR is set?): unset NO_COLOR for colours"))
    else:
        checks.append(
            Check(
                False,
                f"colours: only {colours} (16): set COLORTERM=truecolor if your "
                "terminal has it, or TERM=xterm-256color",
            )
        )
    try:
        checks.append(Check(True, f"Textual {version('textual')}"))
    except PackageNotFoundError:
        checks.append(Check(False, "Textual is not installed: reinstall tickettui"))
    return checks


def _keymap(active: ActiveProfile) -> list[Check]:
    keymap = active.profile.keymap
    if not keymap:
        return []
    from tickettui.ui.binding_ids import keymap_problems

    problems = keymap_problems(keymap)
    if not problems:
        count = len(keymap)
        return [Check(True, f"keymap: {count} binding{'s' if count != 1 else ''} remapped")]
    return [Check(False, problem) for problem in problems]


def doctor(
    flags: ConnectionFlags,
    keyring: KeyringStore,
    env: Mapping[str, str] | None = None,
    prompt: Prompt | None = None,
) -> list[Check]:
    """Every check, in order. ``prompt`` asks for a secret found nowhere (None: don't ask)."""
    env = os.environ if env is None else env
    checks = [_config(env), *_dirs()]
    profile_check, active = _profile(flags, env)
    checks += [profile_check, _keyring(keyring, active, env)]
    if active is not None:
        checks += _keymap(active)
        checks.append(_sign_in(flags, env, keyring, active, prompt))
    checks += _terminal(env)
    return checks
