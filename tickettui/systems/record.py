"""What a ticket system tells the rest of the app about itself: one ``System`` record each.

The app, the command line, the config file and the credential chain know a system only through
its record, found by name in the registry (``tickettui.systems.system``). A record says:

- its name and title, and the profile keys of its own (``options``, a strict pydantic model,
  with the ``TICKETTUI_*`` variables that override them);
- the secrets a profile needs (``SecretKind``: label, variable, keyring entry) and where the
  server is, for the questions and keyring entries of the credential chain;
- how to turn a profile and its secrets into settings, and settings into a backend
  (``BackendParts``: the real backend's builder and what is known before it is built);
- what `tickettui login` asks for a new profile (``LoginQuestion``);
- its local server for `tickettui server` and `tickettui demo` (``LocalServers``), if any.

Nothing here imports a system package; the systems import this module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tickettui.core.backend import Account, Backend
from tickettui.core.domain import Capabilities, Section

if TYPE_CHECKING:
    from pydantic import BaseModel, SecretStr

    from tickettui.config.model import Profile
    from tickettui.config.select import ActiveProfile
    from tickettui.core.credential_provider import CredentialProvider

__all__ = [
    "BackendContext",
    "BackendParts",
    "KeptEntry",
    "LocalServers",
    "LoginQuestion",
    "RunningServer",
    "SecretKind",
    "Settings",
    "System",
]

# A system's own settings object (URL, user, secrets as SecretStr...): opaque to the rest.
Settings = Any


@dataclass(frozen=True, slots=True)
class SecretKind:
    """One secret a profile needs, and how it is named to the user, in the environment and in
    the keyring."""

    name: str  # "password", "token", "app_token", "client_secret"
    label: str  # "password", "SOTicket credential", "API client secret"
    env_variable: str  # "TICKETTUI_PASSWORD"
    keyring_suffix: str = ""  # ":app-token": the entry is "<profile>:<identity><suffix>"
    from_password_command: bool = False  # the profile's password_command gives this one
    names_user: bool = False  # the question says whose it is ("Password for agent at host")


@dataclass(frozen=True, slots=True)
class LoginQuestion:
    """What `tickettui login` asks for a new profile, one profile key each."""

    key: str  # the profile key the answer goes to
    prompt: str
    default: str | None = None
    choices: tuple[str, ...] = ()
    # Turns the answer into the value kept (e.g. a URL cut back to its API root); raises
    # ConfigurationError with a one-line reason, and the question is asked again.
    check: Callable[[str], str] | None = None
    flag: str | None = None  # the command-line flag that answers it ("url", "auth", "user")
    # Asked only when this holds for the answers so far (e.g. a user name for basic auth).
    when: Callable[[Mapping[str, str | None]], bool] | None = None


class KeptEntry(Protocol):
    """One keyring entry of the profile in use, for what a system keeps between runs (Keliweb:
    its OAuth tokens). Without a keyring ``get`` answers None and ``set`` keeps nothing."""

    def get(self) -> str | None: ...

    def set(self, value: str) -> None: ...

    def delete(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class BackendContext:
    """What the app hands a system when it builds the backend."""

    sections: Sequence[Section] = ()  # the profile's own sections
    replace_sections: bool = False  # only those, none of the system's own
    credentials: CredentialProvider | None = None  # asks again after a 401 mid-session
    # A keyring entry of this profile by purpose ("oauth-tokens"); None: keep nothing.
    kept: Callable[[str], KeptEntry] | None = None
    fresh_sign_in: bool = False  # `tickettui login`: check the secret, use nothing kept


@dataclass(frozen=True, slots=True)
class BackendParts:
    """A system's backend, and what is known of it before it is built (a cold start paints the
    cached queue from these and builds the real one, with its HTTP stack, afterwards)."""

    build: Callable[[], Backend]
    capabilities: Capabilities
    sections: Sequence[Section] | None  # None: only the server knows them
    account: Account


class RunningServer(Protocol):
    """A local server running in a background thread."""

    @property
    def base_url(self) -> str: ...

    def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class LocalServers:
    """A system's local server, for `tickettui server`, `tickettui demo` and the tests.

    ``module`` is the server package; it has ``start(tickets=, db_path=, faults=, ...)``, a
    running server in a thread, and ``serve(host=, port=, tickets=, seed=, db_path=, faults=)``,
    which blocks and prints how to sign in. Imported only when one is wanted.
    """

    module: str
    default_port: int
    # The demo account's settings for a running server's base URL.
    demo_settings: Callable[[str], Settings]
    demo_db_name: str = ""  # the demo's SQLite file in the data dir (default "<name>.sqlite")
    # The demo account as a profile's keys for a running server's base URL (never a secret),
    # and the TICKETTUI_* variables that carry its public secrets, for the `demo` profile.
    demo_profile: Callable[[str], Mapping[str, str]] | None = None
    demo_env: Callable[[], Mapping[str, str]] | None = None

    def start(self, **options: Any) -> RunningServer:
        server: RunningServer = importlib.import_module(self.module).start(**options)
        return server

    def serve(self, **options: Any) -> None:
        importlib.import_module(self.module).serve(**options)


@dataclass(frozen=True, slots=True)
class System:
    """Everything the rest of the app knows about one ticket system."""

    name: str  # "superoffice": config.toml's ``system``, --system, the registry key
    title: str  # "SuperOffice", in messages
    # The profile keys of its own (extra keys are refused); never a secret: login writes them
    # to config.toml.
    options: type[BaseModel]
    # Profile key -> the TICKETTUI_* variable that overrides it (e.g. "auth": "TICKETTUI_AUTH").
    env_overrides: Mapping[str, str]
    example_url: str  # shown when a URL is missing or wrong
    # How a profile signs in, for `profiles` and `doctor` ("basic", "OAuth client").
    describe: Callable[[Profile], str]
    # Who a profile signs in as, for keyring entries, the cache and drafts (never a secret).
    identity: Callable[[Profile], str]
    # The server's host (and port) for questions and messages; raises ConfigurationError
    # for a URL that cannot be one.
    host: Callable[[Profile], str]
    # A one-line ConfigurationError for a profile that cannot work (before any secret).
    check_profile: Callable[[ActiveProfile], None]
    secrets: Callable[[Profile], tuple[SecretKind, ...]]
    # Every TICKETTUI_* variable any of its profiles reads a secret from: programs the app
    # starts ($EDITOR, password_command) get an environment without them.
    secret_variables: tuple[str, ...]
    # Whether the first secret is asked for again when the server rejects it mid-session
    # (a system that signs in again by itself, with a refresh token, does not need it).
    renews_first_secret: bool
    settings: Callable[[ActiveProfile, Mapping[str, SecretStr], Mapping[str, str]], Settings]
    backend: Callable[[Settings, BackendContext], BackendParts]
    login_questions: tuple[LoginQuestion, ...]
    # Keyring entries (by purpose) a system keeps for a profile besides its secrets; logout
    # removes them, named in its message by their key here.
    kept_entries: Mapping[str, str] = field(default_factory=dict)
    local: LocalServers | None = None
    # The profile's URL -> the agent's web page of a ticket, with {id} and {number}
    # (core.ticket_links); None: the system has no usual one (the profile's web_url then).
    web_url: Callable[[str], str] | None = None

    def options_of(self, profile: Profile) -> Any:
        """The profile's own keys for this system, validated (an instance of ``options``)."""
        return self.options.model_validate(profile.model_extra or {})

    def demo_db(self, data_dir: Path) -> Path:
        name = self.local.demo_db_name if self.local and self.local.demo_db_name else ""
        return data_dir / "demo" / (name or f"{self.name}.sqlite")
