"""What `tickettui login` asks and checks for a Keliweb profile.

A new profile needs the API root, the OAuth client id and the customer's e-mail; the password
and the client secret are asked for by the shared flow and stored in the keyring. The check
signs in (password grant): the tokens it gets are kept for the app's first run.
"""

from __future__ import annotations

import click

from tickettui.config.select import ActiveProfile
from tickettui.connection import ConnectionFlags
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.systems.keliweb.connect import EXAMPLE_URL, keliweb_url
from tickettui.systems.keliweb.settings import KeliwebSettings


def _checked_url(value: str) -> str:
    try:
        return keliweb_url(value)
    except ConfigurationError as error:
        raise click.BadParameter(str(error)) from None  # click asks again


def ask_new_profile(flags: ConnectionFlags) -> dict[str, str | None]:
    url = flags.url or click.prompt(f"Keliweb API URL (e.g. {EXAMPLE_URL})", default=EXAMPLE_URL)
    client_id: str = click.prompt("OAuth client id (from your Keliweb account manager)")
    user = flags.user or click.prompt("Customer e-mail (your Keliweb login)")
    return {
        "system": "keliweb",
        "url": _checked_url(url),
        "client_id": client_id.strip(),
        "user": user.strip(),
    }


async def who(active: ActiveProfile, settings: KeliwebSettings, keyring: KeyringStore) -> str:
    """Sign in; the e-mail signed in as. The tokens go where the app will look for them."""
    from tickettui.credentials.keliweb_tokens import KeyringTokenStore, token_account
    from tickettui.systems.keliweb.connect import keliweb_factory

    account = token_account(active.name, settings.username)
    store = KeyringTokenStore(keyring, account, reuse=False)
    backend = keliweb_factory(settings, token_store=store)()
    try:
        return await backend.current_user()
    finally:
        await backend.aclose()
