"""Add a profile to config.toml without disturbing what the user wrote there.

The file is edited as text (a new ``[profiles.NAME]`` table appended, ``default_profile`` set
when there is none) so comments and layout survive; it is written atomically with mode 0600,
through a symlink to its target.
Only the shared non-secret keys of :data:`WRITABLE` and the profile's system's own keys (its
``options``, which never hold a secret) can be written: no secret ever reaches the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from tickettui import systems
from tickettui.config.load import parse_config
from tickettui.config.model import PROFILE_NAME
from tickettui.core.errors import ConfigurationError
from tickettui.core.private_files import locked, write_private

WRITABLE = ("url", "system", "user", "password_command")

HEADER = (
    "# tickettui configuration: one [profiles.NAME] table per tenant.\n"
    "# Secrets never go here: they live in the system keyring, a password_command,\n"
    "# or TICKETTUI_PASSWORD / TICKETTUI_TOKEN. See `tickettui locate` and the README.\n"
    "\n"
)


def _toml_string(value: str) -> str:
    # A JSON string of printable text is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


LOCK_TIMEOUT = 10.0  # another login writing the file takes milliseconds; longer means stuck


def profile_table(name: str, values: Mapping[str, str | None]) -> str:
    if not PROFILE_NAME.fullmatch(name):
        raise ConfigurationError(
            f"Profile name {name!r} may hold only letters, digits, '-' and '_'"
        )
    system = systems.system(values.get("system") or systems.DEFAULT)
    writable = (*WRITABLE, *system.options.model_fields)
    unknown = [key for key in values if key not in writable]
    if unknown:
        raise ValueError(f"not writable: {unknown}")  # a bug, not a user error
    lines = [f"[profiles.{name}]"]
    lines += [f"{key} = {_toml_string(value)}" for key, value in values.items() if value]
    return "\n".join(lines) + "\n"


def add_profile(
    path: Path, name: str, values: Mapping[str, str | None], *, make_default: bool = False
) -> None:
    """Append profile ``name`` (which must not exist yet) to the file, creating it if need be.

    Under the file's lock: two ``tickettui login`` at once each add their profile.
    """
    table = profile_table(name, values)  # a bad name or key is refused before anything else
    with locked(path, LOCK_TIMEOUT):
        _append_profile(path, name, table, make_default=make_default)


def put_profile(path: Path, name: str, values: Mapping[str, str]) -> bool:
    """Profile ``name`` holds ``values``: added if it is not there (never made the default),
    else those keys rewritten in place and the profile's others kept (a theme the user set).
    True when the file changed. Under the file's lock, as add_profile."""
    table = profile_table(name, values)  # a bad name or key is refused before anything else
    with locked(path, LOCK_TIMEOUT):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = HEADER
        profile = parse_config(text, path).profiles.get(name)
        if profile is None:
            text = (text if text.endswith("\n") else text + "\n") + "\n" + table
        else:
            held = profile.model_dump()
            if all(held.get(key) == value for key, value in values.items()):
                return False
            text = _rewrite_keys(text, name, values)
        parse_config(text, path)  # the result must load
        write_private(path, text)
        return True


def _rewrite_keys(text: str, name: str, values: Mapping[str, str]) -> str:
    """``text`` with the ``[profiles.NAME]`` table's ``values`` keys set: a key's line rewritten
    where it is, a missing key added under the table's header; every other line as it was."""
    header = re.search(rf"^\[profiles\.{re.escape(name)}\][ \t]*(#.*)?$", text, re.MULTILINE)
    if header is None:  # written another way (an inline table): the user's to change
        raise ConfigurationError(f"Profile {name!r} is not a [profiles.{name}] table")
    start = header.end()
    following = _FIRST_TABLE.search(text, start)
    end = following.start() if following else len(text)
    body = text[start:end]
    for key, value in values.items():
        line = f"{key} = {_toml_string(value)}"
        pattern = re.compile(rf"^{re.escape(key)}[ \t]*=.*$", re.MULTILINE)
        if pattern.search(body):
            body = pattern.sub(line.replace("\\", "\\\\"), body, count=1)
        else:
            body = "\n" + line + body
    return text[:start] + body + text[end:]


def _append_profile(path: Path, name: str, table: str, *, make_default: bool) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = HEADER
    config = parse_config(text, path)  # never append to a file we could not read back
    if name in config.profiles:
        raise ConfigurationError(f"Profile {name!r} already exists in {path}")
    if make_default or config.default_profile is None:
        text = _set_default(text, name)
    if not text.endswith("\n"):
        text += "\n"
    text += "\n" + table
    parse_config(text, path)  # the result must load
    write_private(path, text)


_DEFAULT_LINE = re.compile(r"^default_profile\s*=.*$", re.MULTILINE)
_FIRST_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def _set_default(text: str, name: str) -> str:
    line = f"default_profile = {_toml_string(name)}"
    if _DEFAULT_LINE.search(text):
        return _DEFAULT_LINE.sub(line, text, count=1)
    # A top-level key must come before the first table.
    table = _FIRST_TABLE.search(text)
    at = table.start() if table else len(text)
    before = text[:at]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + line + "\n" + ("\n" + text[at:] if table else "")
