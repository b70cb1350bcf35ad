"""Authorization header checks (NOTES section 5): Basic, SOTicket + SO-AppToken, Bearer.

Every /v1 route calls ``authenticate``; the associate it returns is the "current
associate" for ``currentAssociate`` filters, CreatedBy and read-status rules.
"""

from __future__ import annotations

import base64
import binascii
import hmac

from starlette.datastructures import Headers

from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.server.errors import unauthorized
from tickettui.systems.superoffice.server.store import Lookups


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def authenticate(headers: Headers, lookups: Lookups) -> int:
    """Return the calling associate id or raise a 401 ApiError."""
    header = headers.get("authorization", "").strip()
    if not header:
        if headers.get("x-xsrf-token"):
            # Piggy-backing on a browser session needs the web client's cookies; a
            # standalone client can never do that, so it is refused like a bad login.
            raise unauthorized(
                "X-XSRF-TOKEN authentication is not supported; send an Authorization header"
            )
        raise unauthorized("Authentication required: no Authorization header")
    scheme, _, credential = header.partition(" ")
    scheme = scheme.lower()
    credential = credential.strip()
    if scheme == "basic":
        return _basic(credential, lookups)
    if scheme == "soticket":
        app_token = headers.get("so-apptoken", "")
        if not _same(credential, accounts.DEMO_SOTICKET):
            raise unauthorized("Invalid or expired SOTicket credential")
        if not _same(app_token, accounts.DEMO_APP_TOKEN):
            raise unauthorized("SOTicket authentication requires a valid SO-AppToken header")
        return accounts.DEMO_ASSOCIATE_ID
    if scheme == "bearer":
        if not _same(credential, accounts.DEMO_BEARER):
            raise unauthorized("Invalid or expired access token")
        return accounts.DEMO_ASSOCIATE_ID
    raise unauthorized(f"Unsupported authorization scheme '{scheme}'")


def _basic(credential: str, lookups: Lookups) -> int:
    try:
        decoded = base64.b64decode(credential, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise unauthorized("Malformed Basic credentials") from None
    user, separator, password = decoded.partition(":")
    if not separator:
        raise unauthorized("Malformed Basic credentials")
    for row in lookups.associates.values():
        if row["name"].lower() == user.lower() and not row["deleted"]:
            if _same(password, row["password"]):
                return int(row["associate_id"])
            break
    raise unauthorized("Invalid user name or password")
