"""Request headers for one tenant, built from :class:`SuperOfficeSettings`.

The returned dict holds secrets: hand it to the HTTP client and never log, repr or raise it.
"""

from __future__ import annotations

import base64

from pydantic import SecretStr

from tickettui import __version__
from tickettui.core.errors import ConfigurationError
from tickettui.systems.superoffice.dates import timezone_header
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

__all__ = ["USER_AGENT", "build_headers"]

USER_AGENT = f"tickettui/{__version__}"


def _secret(value: SecretStr | None) -> str:
    return value.get_secret_value() if value is not None else ""


def build_headers(settings: SuperOfficeSettings) -> dict[str, str]:
    """Authorization and locale headers. Raises ConfigurationError naming a missing setting."""
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    headers.update(_auth_headers(settings))
    app_token = _secret(settings.app_token)
    if app_token:
        headers["SO-AppToken"] = app_token
    xsrf = _secret(settings.xsrf_token)
    if xsrf:
        headers["X-XSRF-TOKEN"] = xsrf
    optional = {
        "Accept-Language": settings.accept_language,
        "SO-Language": settings.language,
        "SO-Culture": settings.culture,
        "SO-TimeZone": timezone_header(settings.timezone),  # always asks for offsets
    }
    headers.update({name: value for name, value in optional.items() if value})
    for name, value in headers.items():
        if "\r" in value or "\n" in value:
            raise ConfigurationError(f"The {name} header would contain a line break")
    return headers


def _auth_headers(settings: SuperOfficeSettings) -> dict[str, str]:
    scheme = settings.auth
    if scheme is AuthScheme.BASIC:
        user, password = settings.user or "", _secret(settings.password)
        missing = [name for name, value in (("user", user), ("password", password)) if not value]
        if missing:
            raise ConfigurationError(f"Basic login needs a {' and a '.join(missing)}")
        if ":" in user:
            raise ConfigurationError("Basic login: the user name must not contain ':'")
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    if scheme is AuthScheme.SOTICKET:
        token = _secret(settings.token)
        if not token:
            raise ConfigurationError("SOTicket login needs a token (the SOTicket credential)")
        return {"Authorization": f"SOTicket {token}"}  # sent raw, not encoded
    if scheme is AuthScheme.BEARER:
        token = _secret(settings.token)
        if not token:
            raise ConfigurationError("Bearer login needs a token (the access token)")
        return {"Authorization": f"Bearer {token}"}
    if scheme is AuthScheme.XSRF:
        if not _secret(settings.xsrf_token):
            raise ConfigurationError("XSRF login needs an xsrf_token (from the web session)")
        return {}
    raise ConfigurationError(f"Unknown auth scheme {scheme!r}")
