"""The API root as SuperOffice shows it -> the canonical ``.../api/v1/`` base the client uses.

Accepted: ``https://host/SuperOffice/api``, ``https://sod2.superoffice.com/Cust12345/api``, each
with or without a trailing ``/``, ``/v1`` or ``/v1/``. Anything else fails with a one-line
:class:`ConfigurationError` that never repeats a password written into the URL.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from tickettui.core.errors import ConfigurationError
from tickettui.core.loopback import is_loopback
from tickettui.core.urls import display_host, netloc_host

__all__ = ["api_base_url", "check_transport", "display_host", "redact_url"]

_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?"
)
_EXAMPLE = "e.g. https://host/SuperOffice/api or https://sod2.superoffice.com/Cust12345/api"


def redact_url(url: str) -> str:
    """``url`` without any ``user:password@`` part, safe to show or log."""
    return re.sub(r"(?<=//)[^/?#@]*@", "", url.strip(), count=1)


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        shown = redact_url(url)
        raise ConfigurationError(f"API URL {shown!r} is not a valid URL ({_EXAMPLE})") from None


def api_base_url(url: str) -> str:
    """Normalise a tenant's API URL to ``scheme://host[:port]/<site>/api/v1/``."""
    text = url.strip()
    shown = redact_url(text)
    if not text:
        raise ConfigurationError(f"The SuperOffice API URL is empty ({_EXAMPLE})")
    if any(ch.isspace() for ch in text):
        raise ConfigurationError(f"API URL {shown!r} contains spaces")
    parts = _split(text)
    scheme = parts.scheme.lower()
    if "://" not in text:
        raise ConfigurationError(f"API URL {shown!r} must start with https:// or http://")
    if scheme not in ("http", "https"):
        raise ConfigurationError(f"API URL {shown!r} must use https or http, not {scheme}")
    if parts.username is not None or parts.password is not None:
        raise ConfigurationError(
            f"API URL {shown!r} must not contain a user name or password: put them in the settings"
        )
    host = parts.hostname or ""
    if not host:
        raise ConfigurationError(f"API URL {shown!r} has no host name")
    if not (_HOST.fullmatch(host) or _is_ip_literal(parts.netloc)):
        raise ConfigurationError(f"API URL {shown!r} has an invalid host name {host!r}")
    try:
        port = parts.port
    except ValueError:
        raise ConfigurationError(f"API URL {shown!r} has an invalid port") from None
    if parts.query or parts.fragment:
        raise ConfigurationError(f"API URL {shown!r} must not have a ?query or #fragment")

    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[-1].lower() == "v1":
        segments.pop()
    if not segments or segments[-1].lower() != "api":
        raise ConfigurationError(f"API URL {shown!r} must end in /api ({_EXAMPLE})")
    netloc = parts.netloc.lower() if port is None else f"{netloc_host(parts)}:{port}"
    return f"{scheme}://{netloc}/{'/'.join(segments)}/v1/"


def _is_ip_literal(netloc: str) -> bool:
    import ipaddress

    host = netloc.rsplit("@", 1)[-1]
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else ""
    else:
        host = host.split(":", 1)[0]
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_transport(url: str, *, allow_http: bool) -> None:
    """Refuse plain ``http://`` to a host off this machine unless explicitly allowed."""
    parts = _split(url)
    if parts.scheme.lower() != "http" or allow_http or is_loopback(parts.hostname or ""):
        return
    raise ConfigurationError(
        f"Refusing plain http:// to {display_host(url)}: the password would cross the network "
        "unencrypted. Use https://, or set allow_insecure_http = true in the profile "
        "(or TICKETTUI_ALLOW_HTTP=1)"
    )
