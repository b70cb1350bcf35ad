"""Keliweb's reseller API (WHMCS tickets underneath) as the rest of the app knows it: its record.

Light on purpose: the record and its options load with the command line; the client, the wire
models and the local server are imported only by the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr

from tickettui.core.urls import display_host
from tickettui.systems.keliweb.connect import (
    EXAMPLE_URL,
    KeliwebOptions,
    check_profile,
    keliweb_settings,
    keliweb_url,
)
from tickettui.systems.keliweb.descriptor import CAPABILITIES
from tickettui.systems.keliweb.kept_tokens import KEPT_AS
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.record import (
    BackendContext,
    BackendParts,
    LocalServers,
    LoginQuestion,
    SecretKind,
    System,
)

if TYPE_CHECKING:
    from tickettui.config.model import Profile
    from tickettui.core.backend import Backend

__all__ = ["SYSTEM"]

PASSWORD = SecretKind(
    "password", "password", "TICKETTUI_PASSWORD", from_password_command=True, names_user=True
)
CLIENT_SECRET = SecretKind(
    "client_secret", "client secret", "TICKETTUI_CLIENT_SECRET", keyring_suffix=":client-secret"
)


def _backend(settings: KeliwebSettings, context: BackendContext) -> BackendParts:
    def build() -> Backend:
        # httpx, pydantic wire models and the connection pool: only when it is built.
        from tickettui.systems.keliweb.backend import KeliwebBackend
        from tickettui.systems.keliweb.client import KeliwebClient
        from tickettui.systems.keliweb.kept_tokens import KeptTokenStore
        from tickettui.systems.keliweb.tokens import MemoryTokenStore, TokenStore

        store: TokenStore = MemoryTokenStore()  # the demo and tests: sign in on each run
        if context.kept is not None:
            store = KeptTokenStore(context.kept(KEPT_AS), reuse=not context.fresh_sign_in)
        client = KeliwebClient(settings, token_store=store)
        return KeliwebBackend(client, context.sections, replace_sections=context.replace_sections)

    # Only the server knows its departments and statuses: the sections wait for the build.
    account = (settings.url, settings.username)  # as KeliwebClient.account
    return BackendParts(build, CAPABILITIES, None, account)


def _checked_url(value: str) -> str:
    return keliweb_url(value)


def _demo_settings(base_url: str) -> KeliwebSettings:
    from tickettui.systems.keliweb.server import accounts

    return KeliwebSettings(
        url=base_url,
        client_id=accounts.DEMO_CLIENT_ID,
        client_secret=SecretStr(accounts.DEMO_CLIENT_SECRET),
        username=accounts.DEMO_USERNAME,
        password=SecretStr(accounts.DEMO_PASSWORD),
    )


def _demo_profile(base_url: str) -> dict[str, str]:
    from tickettui.systems.keliweb.server import accounts

    return {
        "system": "keliweb",
        "url": base_url,
        "client_id": accounts.DEMO_CLIENT_ID,
        "user": accounts.DEMO_USERNAME,
    }


def _demo_env() -> dict[str, str]:
    from tickettui.systems.keliweb.server import accounts

    return {
        "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
        "TICKETTUI_CLIENT_SECRET": accounts.DEMO_CLIENT_SECRET,
    }


def _identity(profile: Profile) -> str:
    return profile.user or "keliweb"


def _host(profile: Profile) -> str:
    return display_host(keliweb_url(profile.url or ""))


SYSTEM = System(
    name="keliweb",
    title="Keliweb",
    options=KeliwebOptions,
    env_overrides={"client_id": "TICKETTUI_CLIENT_ID"},
    example_url=EXAMPLE_URL,
    describe=lambda profile: "keliweb",
    identity=_identity,
    host=_host,
    check_profile=check_profile,
    secrets=lambda profile: (PASSWORD, CLIENT_SECRET),
    secret_variables=("TICKETTUI_PASSWORD", "TICKETTUI_CLIENT_SECRET"),
    # The client signs in again by itself (refresh token, then password): nothing to ask.
    renews_first_secret=False,
    settings=keliweb_settings,
    backend=_backend,
    login_questions=(
        LoginQuestion(
            "url",
            f"Keliweb API URL (e.g. {EXAMPLE_URL})",
            default=EXAMPLE_URL,
            check=_checked_url,
            flag="url",
        ),
        LoginQuestion("client_id", "OAuth client id (from your Keliweb account manager)"),
        LoginQuestion("user", "Customer e-mail (your Keliweb login)", flag="user"),
    ),
    kept_entries={KEPT_AS: "saved sign-in tokens"},
    local=LocalServers(
        "tickettui.systems.keliweb.server",
        8081,
        demo_settings=_demo_settings,
        demo_profile=_demo_profile,
        demo_env=_demo_env,
    ),
)
