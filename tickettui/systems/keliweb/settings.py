"""How to reach one Keliweb account: API root, OAuth client and the customer's login."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator


class KeliwebSettings(BaseModel):
    """Everything the client needs. Secrets are SecretStr so no repr or log ever shows them.

    ``url`` is the API root without a path (``https://apiv2.keliweb.it``,
    ``http://127.0.0.1:PORT`` for the local server): the client adds ``/oauth/token`` and
    ``/api/v2/keliweb/<action>``.
    """

    model_config = ConfigDict(frozen=True)

    url: str
    client_id: str  # the OAuth client's UUID, from Keliweb's account manager
    client_secret: SecretStr
    username: str  # the customer's e-mail address
    password: SecretStr
    timeout: float = 30.0
    verify_tls: bool | str = True  # True, or the path of a CA bundle
    # Plain http:// to a host off this machine would send the password and client secret in
    # the clear: refused unless this is set (loopback, e.g. the local server, is always fine).
    allow_insecure_http: bool = False

    @field_validator("url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.strip().rstrip("/")
