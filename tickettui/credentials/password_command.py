"""Run a profile's ``password_command`` (e.g. ``pass show superoffice/agent``) for its secret.

No shell: the command is split like a shell would (``shlex``) and run directly. Only the first
line of its output is used, and neither its output nor its error text is ever shown or raised.
"""

from __future__ import annotations

import shlex
import subprocess

from pydantic import SecretStr

from tickettui.core.errors import ConfigurationError
from tickettui.credentials.child_env import without_secrets

DEFAULT_TIMEOUT = 60.0  # long enough to type a GPG passphrase into pinentry


def run_password_command(command: str, *, timeout: float = DEFAULT_TIMEOUT) -> SecretStr:
    shown = f"password_command `{command}`"
    try:
        args = shlex.split(command)
    except ValueError as error:
        raise ConfigurationError(f"{shown} cannot be read: {error}") from None
    if not args:
        raise ConfigurationError("password_command is empty")
    try:
        # stdin is left alone so a pinentry or `op` prompt still works in a terminal.
        result = subprocess.run(  # noqa: S603 - the user's own command, without a shell
            args, capture_output=True, timeout=timeout, check=False, env=without_secrets()
        )
    except FileNotFoundError:
        raise ConfigurationError(f"{shown} failed: {args[0]!r} not found") from None
    except PermissionError:
        raise ConfigurationError(f"{shown} failed: {args[0]!r} is not executable") from None
    except subprocess.TimeoutExpired:
        raise ConfigurationError(f"{shown} did not finish within {timeout:g} s") from None
    except OSError as error:
        raise ConfigurationError(
            f"{shown} failed: {error.strerror or type(error).__name__}"
        ) from None
    if result.returncode != 0:
        raise ConfigurationError(f"{shown} failed (exit status {result.returncode})")
    try:
        output = result.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigurationError(f"{shown} printed something that is not UTF-8 text") from None
    lines = output.splitlines()
    first = lines[0].strip("\r") if lines else ""
    if not first:
        raise ConfigurationError(f"{shown} printed nothing on its first line")
    return SecretStr(first)
