from tests.account_fixtures import broken_keyring, home, memory_keyring, no_keyring

__all__ = ["broken_keyring", "home", "memory_keyring", "no_keyring"]
