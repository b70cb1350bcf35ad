"""The OAuth tokens a Keliweb session holds, and where they are kept between runs.

Keliweb (Laravel Passport) rotates refresh tokens: using one revokes it and the answer carries a
new one. So the newest refresh token must be saved every time, or the next run has to log in with
the password again. ``TokenStore`` is that place; the default keeps tokens in memory only.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Protocol

from pydantic import SecretStr

__all__ = ["MemoryTokenStore", "TokenSet", "TokenStore"]

REFRESH_AHEAD = 60.0  # refresh this many seconds before the access token expires...
REFRESH_AHEAD_SHARE = 0.1  # ...or a tenth of its lifetime, if shorter (short-lived test tokens)


@dataclass(frozen=True, slots=True)
class TokenSet:
    """An access token, the refresh token that goes with it, and when they were issued.

    Times are wall-clock epoch seconds (``time.time()``) so a saved set means the same after a
    restart. The tokens are SecretStr: ``repr`` shows ``**********``.
    """

    access_token: SecretStr
    refresh_token: SecretStr | None
    expires_at: float
    issued_at: float

    @property
    def refresh_at(self) -> float:
        """When to refresh: a little ahead of expiry, so no call goes out with a dying token."""
        lifetime = max(0.0, self.expires_at - self.issued_at)
        return self.expires_at - min(REFRESH_AHEAD, lifetime * REFRESH_AHEAD_SHARE)

    def fresh(self, now: float | None = None) -> bool:
        return (time.time() if now is None else now) < self.refresh_at

    def to_json(self) -> str:
        """One string for a keyring entry (holds the secrets: store it only somewhere safe)."""
        return json.dumps(
            {
                "access_token": self.access_token.get_secret_value(),
                "refresh_token": (
                    self.refresh_token.get_secret_value() if self.refresh_token else None
                ),
                "expires_at": self.expires_at,
                "issued_at": self.issued_at,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> TokenSet | None:
        """The set ``to_json`` wrote; None for anything else (a stale or foreign entry)."""
        try:
            data = json.loads(text)
            access, refresh = data["access_token"], data.get("refresh_token")
            if not isinstance(access, str) or not (refresh is None or isinstance(refresh, str)):
                return None
            return cls(
                access_token=SecretStr(access),
                refresh_token=SecretStr(refresh) if refresh else None,
                expires_at=float(data["expires_at"]),
                issued_at=float(data.get("issued_at", data["expires_at"])),
            )
        except (ValueError, TypeError, KeyError):
            return None


class TokenStore(Protocol):
    """Where a client keeps its tokens between runs (e.g. the OS keyring, one entry a profile).

    ``load`` is called once, before the first request: a stored set saves a password login.
    ``save`` is called with every new set (login and each refresh) and must keep only the
    latest: the refresh token it replaces has been revoked by the server. Both are quick and
    synchronous; ``save`` should not raise (a failed save only costs a login next time).
    """

    def load(self) -> TokenSet | None: ...

    def save(self, tokens: TokenSet) -> None: ...


class MemoryTokenStore:
    """The default: tokens live as long as the process."""

    def __init__(self, tokens: TokenSet | None = None) -> None:
        self.tokens = tokens
        self.saves = 0

    def __repr__(self) -> str:
        return f"MemoryTokenStore(saves={self.saves})"

    def load(self) -> TokenSet | None:
        return self.tokens

    def save(self, tokens: TokenSet) -> None:
        self.tokens = tokens
        self.saves += 1
