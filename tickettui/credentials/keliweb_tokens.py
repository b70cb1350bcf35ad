"""Keliweb's OAuth tokens between runs: one keyring entry per profile, else memory only.

Keliweb rotates refresh tokens (using one revokes it), so every new set replaces the entry.
Without a keyring the tokens live as long as the process and the next run signs in with the
password again, which is all it costs.
"""

from __future__ import annotations

from tickettui.credentials.keyring_store import KeyringStore
from tickettui.systems.keliweb.tokens import TokenSet

__all__ = ["KeyringTokenStore", "token_account"]


def token_account(profile: str, user: str | None) -> str:
    """The keyring user name of a profile's token set (service "tickettui")."""
    return f"{profile}:{user or 'keliweb'}:oauth-tokens"


class KeyringTokenStore:
    """A ``tickettui.systems.keliweb.tokens.TokenStore`` over the system keyring.

    ``load`` reads the entry once; ``save`` keeps the newest set in memory first and then in
    the keyring (a keyring that fails only costs a password login next run, never an error).
    """

    def __init__(self, keyring: KeyringStore, account: str, *, reuse: bool = True) -> None:
        self._keyring = keyring
        self._account = account
        self._tokens: TokenSet | None = None
        self._loaded = not reuse  # reuse=False: sign in afresh (login checks the password)
        self.saves = 0

    def __repr__(self) -> str:
        return f"KeyringTokenStore(account={self._account!r}, saves={self.saves})"

    def load(self) -> TokenSet | None:
        if not self._loaded:
            self._loaded = True
            if self._tokens is None and self._keyring.usable:
                text = self._keyring.get_entry(self._account)
                self._tokens = TokenSet.from_json(text) if text else None
        return self._tokens

    def save(self, tokens: TokenSet) -> None:
        self._tokens = tokens
        self._loaded = True
        self.saves += 1
        if self._keyring.usable:
            self._keyring.set_entry(self._account, tokens.to_json())

    def forget(self) -> bool:
        """Drop the stored set (logout); True when the keyring had one."""
        self._tokens = None
        return self._keyring.usable and self._keyring.delete_entry(self._account)
