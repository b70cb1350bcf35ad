"""How to reach one SuperOffice tenant: URL, auth scheme, credentials and locale headers."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, SecretStr


class AuthScheme(StrEnum):
    BASIC = "basic"  # onsite: user + password
    SOTICKET = "soticket"  # Online system user: SOTicket credential + SO-AppToken
    BEARER = "bearer"  # Online OIDC access token
    XSRF = "xsrf"  # piggy-back on a logged-in web session


class SuperOfficeSettings(BaseModel):
    """Everything the client needs. Secrets are SecretStr so no repr or log ever shows them."""

    model_config = ConfigDict(frozen=True)

    url: str
    auth: AuthScheme = AuthScheme.BASIC
    user: str | None = None
    password: SecretStr | None = None
    token: SecretStr | None = None  # SOTicket credential or Bearer access token
    app_token: SecretStr | None = None  # SO-AppToken (client secret), Online only
    xsrf_token: SecretStr | None = None
    accept_language: str | None = None
    language: str | None = None  # SO-Language
    culture: str | None = None  # SO-Culture
    timezone: str | None = None  # SO-TimeZone, e.g. "UTC, includeTZOffset"
    timeout: float = 30.0
    verify_tls: bool | str = True  # True, or a CA bundle path for onsite installs
    # Plain http:// to anything but loopback sends the credential in clear: refused unless set.
    allow_insecure_http: bool = False
