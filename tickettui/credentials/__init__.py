"""Where secrets come from, in order: environment, password_command, system keyring, a prompt.

UI-free: the prompt is a callable the caller supplies (click in the terminal, a modal in the app).
A secret is only ever held as ``SecretStr`` and is never written to the config, a log, an
exception message or the screen.
"""

from tickettui.credentials.chain import CredentialChain, Prompt
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.credentials.kinds import CredentialRequest, SecretKind, SecretName
from tickettui.credentials.session import SessionCredential

__all__ = [
    "CredentialChain",
    "CredentialRequest",
    "KeyringStore",
    "Prompt",
    "SecretKind",
    "SecretName",
    "SessionCredential",
]
