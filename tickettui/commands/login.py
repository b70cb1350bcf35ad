"""`tickettui login` and `tickettui logout`: a profile's secret into and out of the keyring.

Login asks what it needs (URL, auth scheme and user for a new profile; then the secret),
checks the secret against the server, and only then saves the profile and stores the secret.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping, Sequence

import click
from pydantic import SecretStr

from tickettui import systems
from tickettui.config.model import Profile, option_errors
from tickettui.config.select import DEFAULT_NAME, PROFILE_ENV, ActiveProfile, select_profile
from tickettui.config.write import add_profile
from tickettui.connection import (
    Connection,
    ConnectionFlags,
    credential_requests,
    read_config,
    system_of,
)
from tickettui.core.errors import ConfigurationError
from tickettui.core.safe_text import inert_line
from tickettui.credentials.keyring_store import KeptKeyringEntry, KeyringStore
from tickettui.credentials.kinds import CredentialRequest, SecretName
from tickettui.credentials.password_command import run_password_command
from tickettui.credentials.redact import register_secret
from tickettui.credentials.session import SessionCredential
from tickettui.systems.record import LoginQuestion, System


def _checker(question: LoginQuestion) -> Callable[[str], str]:
    """The question's check as click wants it: a bad answer is asked again, with the reason."""

    def check(value: str) -> str:
        if question.check is None:
            return value.strip()
        try:
            return question.check(value)
        except ConfigurationError as error:
            raise click.BadParameter(str(error)) from None

    return check


def _ask_new_profile(system: System, flags: ConnectionFlags) -> dict[str, str | None]:
    """A new profile's keys: each of the system's questions, answered by a flag or asked."""
    given = flags.overrides()
    answers: dict[str, str | None] = {}
    if system.name != systems.DEFAULT:
        answers["system"] = system.name
    for question in system.login_questions:
        check = _checker(question)
        flag = given.get(question.flag) if question.flag else None
        if flag is not None:
            answers[question.key] = check(flag)
            continue
        if question.when is not None and not question.when(answers):
            continue
        kind = click.Choice(question.choices) if question.choices else None
        answer: str = click.prompt(
            question.prompt,
            default=question.default,
            type=kind,
            value_proc=None if kind else check,
            show_choices=False,
        )
        answers[question.key] = answer.strip()
    return answers


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


async def _who(connection: Connection, keyring: KeyringStore) -> str:
    """Sign in with what was typed; the name signed in as (the server's text: inert). What the
    system keeps between runs (Keliweb's tokens) goes where the app will look for it."""
    from tickettui.backends import factory_for

    backend = factory_for(connection, keyring, fresh_sign_in=True)()
    try:
        return inert_line(await backend.current_user())
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
    config, path = read_config(env)
    name, exists = _target(flags, env)
    if exists:
        active = select_profile(config, path, requested=name, overrides=flags.overrides(), env={})
        click.echo(f"Profile {name!r}: {active.profile.url}")
        values: dict[str, str | None] = {}
    else:
        chosen = systems.system(system or env.get("TICKETTUI_SYSTEM") or systems.DEFAULT)
        click.echo(f"New {chosen.title} profile {name!r} (it will be saved in {path}).")
        values = _ask_new_profile(chosen, flags)
        profile = Profile.model_validate(values)
        problems = option_errors(profile)
        if problems:
            raise ConfigurationError(f"Invalid {problems[0]['loc'][0]}: {problems[0]['msg']}")
        active = ActiveProfile(name, profile, False, "login")
    if not active.profile.url:
        raise ConfigurationError(f"Profile {name!r} has no url: add one to {path}")
    record = system_of(active)
    record.check_profile(active)
    requests = credential_requests(active)
    secrets = _ask_secrets(active, requests)
    settings = record.settings(active, secrets, env)
    connection = Connection(active, record, settings, SessionCredential(None))
    who = asyncio.run(_who(connection, keyring))  # a one-line error if anything is wrong
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
        if command and request.from_password_command:
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
    to_store = [r for r in requests if not (command and r.from_password_command)]
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
    commandable = [r for r in not_stored if r.from_password_command]
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
    requests = credential_requests(active)
    removed = [r.label for r in requests if keyring.delete(r)]
    record = system_of(active)
    identity = record.identity(active.profile)
    for purpose, label in record.kept_entries.items():
        if KeptKeyringEntry(keyring, name, identity, purpose).delete():
            removed.append(label)
    if removed:
        click.echo(f"Removed the {' and '.join(removed)} of {name!r} from the system keyring.")
    else:
        click.echo(f"Nothing was stored for {name!r} in the system keyring.")
