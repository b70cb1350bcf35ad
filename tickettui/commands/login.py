"""`tickettui login` and `tickettui logout`: a profile's secret into and out of the keyring.

Login asks what it needs (URL, auth scheme and user for a new profile; then the secret),
checks the secret against the server, and only then saves the profile and stores the secret.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping, Sequence

import click
from pydantic import SecretStr

from tickettui.config.model import Profile
from tickettui.config.select import DEFAULT_NAME, PROFILE_ENV, ActiveProfile, select_profile
from tickettui.config.write import add_profile
from tickettui.connection import ConnectionFlags, credential_request, read_config, settings_for
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.credentials.kinds import (
    CredentialRequest,
    SecretName,
    from_password_command,
    secrets_for,
)
from tickettui.credentials.password_command import run_password_command
from tickettui.credentials.redact import register_secret
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
from tickettui.systems.superoffice.urls import api_base_url

AUTH_CHOICES = ("basic", "soticket", "bearer")


def _checked_url(value: str) -> str:
    try:
        api_base_url(value)
    except ConfigurationError as error:
        raise click.BadParameter(str(error)) from None  # click asks again
    return value.strip()


def _ask_new_profile(name: str, flags: ConnectionFlags) -> dict[str, str | None]:
    url = flags.url or click.prompt(
        "Server API URL (e.g. https://host/SuperOffice/api; for Keliweb run "
        "`tickettui login --system keliweb`)",
        value_proc=_checked_url,
    )
    auth = flags.auth or click.prompt(
        "Sign in with basic (user + password), soticket (Online system user) "
        "or bearer (access token)",
        type=click.Choice(AUTH_CHOICES),
        default="basic",
        show_choices=False,
    )
    user = flags.user
    if user is None and auth == "basic":
        user = click.prompt("User name")
    return {"url": _checked_url(url), "auth": auth, "user": user}


def _target(flags: ConnectionFlags, env: Mapping[str, str]) -> tuple[str, bool]:
    """The profile to log in to, and whether it already exists in the file."""
    config, _ = read_config(env)
    name = flags.profile or env.get(PROFILE_ENV)
    if name is None and config is not None:
        name = config.default_profile or (
            next(iter(config.profiles)) if len(config.profiles) == 1 else None
        )
    name = name or DEFAULT_NAME
    return name, config is not None and name in config.profiles


async def _who(settings: SuperOfficeSettings) -> str:
    from tickettui.backends import superoffice_factory

    backend = superoffice_factory(settings)()
    try:
        return await backend.current_user()
    finally:
        await backend.aclose()


def login(
    flags: ConnectionFlags,
    keyring: KeyringStore,
    env: Mapping[str, str] | None = None,
    system: str | None = None,
) -> str:
    """Log in to the chosen profile (creating it if new); the profile's name.

    ``system`` (or TICKETTUI_SYSTEM) chooses the system of a new profile (default superoffice).
    """
    env = os.environ if env is None else env
    system = (system or env.get("TICKETTUI_SYSTEM") or "superoffice").strip().lower()
    config, path = read_config(env)
    name, exists = _target(flags, env)
    if exists:
        overrides = {"url": flags.url, "auth": flags.auth, "user": flags.user}
        active = select_profile(config, path, requested=name, overrides=overrides, env={})
        click.echo(f"Profile {name!r}: {active.profile.url}")
        values: dict[str, str | None] = {}
    else:
        click.echo(f"New profile {name!r} (it will be saved in {path}).")
        if system == "keliweb":
            from tickettui.commands.login_keliweb import ask_new_profile

            values = ask_new_profile(flags)
        else:
            values = _ask_new_profile(name, flags)
        active = ActiveProfile(name, Profile.model_validate(values), False, "login")
    if not active.profile.url:
        raise ConfigurationError(f"Profile {name!r} has no url: add one to {path}")
    scheme = AuthScheme(active.profile.auth)
    names = secrets_for(scheme, active.profile.system)
    requests = [credential_request(active, secret) for secret in names]
    secrets = _ask_secrets(active, requests)

    # Raises a one-line error if wrong.
    if active.profile.system == "keliweb":
        from tickettui.commands.login_keliweb import who as keliweb_who
        from tickettui.systems.keliweb.connect import keliweb_settings

        who = asyncio.run(keliweb_who(active, keliweb_settings(active, secrets), keyring))
    else:
        who = asyncio.run(_who(settings_for(active, secrets)))
    click.echo(f"Signed in to {requests[0].host} as {who or active.profile.user or 'you'}.")
    if not exists:
        add_profile(path, name, values)
        click.echo(f"Saved profile {name!r} in {path} (no secret in it).")
    _store(active, requests, secrets, keyring, path)
    return name


def _ask_secrets(
    active: ActiveProfile, requests: list[CredentialRequest]
) -> dict[SecretName, SecretStr]:
    secrets: dict[SecretName, SecretStr] = {}
    for request in requests:
        command = active.profile.password_command
        if command and from_password_command(request.name):
            secret = run_password_command(command)
            click.echo(f"The {request.label} comes from password_command `{command}`.")
        else:
            value: str = click.prompt(request.question, hide_input=True)
            if not value:
                raise ConfigurationError(f"No {request.label} given: nothing was changed")
            secret = SecretStr(value)
        register_secret(secret)
        secrets[request.name] = secret
    return secrets


def _store(
    active: ActiveProfile,
    requests: list[CredentialRequest],
    secrets: Mapping[SecretName, SecretStr],
    keyring: KeyringStore,
    path: object,
) -> None:
    command = active.profile.password_command
    to_store = [r for r in requests if not (command and from_password_command(r.name))]
    if not to_store:
        return
    labels = " and ".join(r.label for r in to_store)
    if keyring.usable and all(keyring.set(r, secrets[r.name]) for r in to_store):
        click.echo(f"Stored the {labels} in the system keyring ({keyring.backend}).")
        return
    click.echo(not_stored_message(active, to_store, path))


def not_stored_message(
    active: ActiveProfile, not_stored: Sequence[CredentialRequest], path: object
) -> str:
    """What to do instead of a keyring, for the secrets ``not_stored`` of this profile's system.

    password_command is offered only for the secret it can give (the password or token),
    named after the profile's own system (``pass show keliweb/<profile>``).
    """
    labels = " and ".join(r.label for r in not_stored)
    verb = "was" if len(not_stored) == 1 else "were"
    variables = " and ".join(r.env_variable for r in not_stored)
    text = (
        f"No system keyring on this machine, so the {labels} {verb} not stored: "
        f"next time set {variables}"
    )
    commandable = [r for r in not_stored if from_password_command(r.name)]
    if commandable:
        command = f'password_command = "pass show {active.profile.system}/{active.name}"'
        where = f"[profiles.{active.name}] in {path}"
        if len(commandable) == len(not_stored):
            text += f", or add {command} to {where}"
        else:
            text += f"; {command} in {where} can give the {commandable[0].label} instead"
    return text + " (otherwise tickettui asks each time)."


def logout(
    flags: ConnectionFlags, keyring: KeyringStore, env: Mapping[str, str] | None = None
) -> None:
    env = os.environ if env is None else env
    config, path = read_config(env)
    name, exists = _target(flags, env)
    if not exists:
        raise ConfigurationError(f"No profile {name!r} in {path}")
    active = select_profile(config, path, requested=name, env={})
    if not keyring.usable:
        click.echo(f"No system keyring on this machine: nothing is stored for {name!r}.")
        return
    names = secrets_for(AuthScheme(active.profile.auth), active.profile.system)
    requests = [credential_request(active, s) for s in names]
    removed = [r.label for r in requests if keyring.delete(r)]
    if active.profile.system == "keliweb":
        from tickettui.credentials.keliweb_tokens import token_account

        if keyring.delete_entry(token_account(name, active.profile.user)):
            removed.append("saved sign-in tokens")
    if removed:
        click.echo(f"Removed the {' and '.join(removed)} of {name!r} from the system keyring.")
    else:
        click.echo(f"Nothing was stored for {name!r} in the system keyring.")
