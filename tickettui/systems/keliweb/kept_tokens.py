"""Keliweb's OAuth tokens between runs: one keyring entry per profile, else memory only.

Keliweb rotates refresh tokens (using one revokes it), so every new set replaces the entry.
Without a keyring the tokens live as long as the process and the next run signs in with the
password again, which is all it costs. The entry is the app's (``BackendContext.kept``): this
module only reads and writes the token set it holds.
"""

from __future__ import annotations

from tickettui.systems.keliweb.tokens import TokenSet
from tickettui.systems.record import KeptEntry

__all__ = ["KEPT_AS", "KeptTokenStore"]

KEPT_AS = "oauth-tokens"  # the purpose the keyring entry is named by: "<profile>:<user>:<this>"


class KeptTokenStore:
    """A ``tickettui.systems.keliweb.tokens.TokenStore`` over a kept keyring entry.

    ``load`` reads the entry once; ``save`` keeps the newest set in memory first and then in
    the entry (a keyring that fails only costs a password login next run, never an error).
    """

    def __init__(self, entry: KeptEntry, *, reuse: bool = True) -> None:
        self._entry = entry
        self._tokens: TokenSet | None = None
        self._loaded = not reuse  # reuse=False: sign in afresh (login checks the password)
        self.saves = 0

    def __repr__(self) -> str:
        return f"KeptTokenStore(saves={self.saves})"

    def load(self) -> TokenSet | None:
        if not self._loaded:
            self._loaded = True
            if self._tokens is None:
                text = self._entry.get()
                self._tokens = TokenSet.from_json(text) if text else None
        return self._tokens

    def save(self, tokens: TokenSet) -> None:
        self._tokens = tokens
        self._loaded = True
        self.saves += 1
        self._entry.set(tokens.to_json())

    def forget(self) -> bool:
        """Drop the stored set; True when the entry had one."""
        self._tokens = None
        return self._entry.delete()
