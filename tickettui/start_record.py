"""The start record: what the app's first frame needs, kept from the last full start.

A full start reads config.toml through its pydantic models, asks the credential chain for the
secrets and builds the system's settings: about half of the time to the first frame, and none
of it changes what that frame shows. So after a full start of the app (``tickettui`` with no
command) this module keeps, beside the disk cache, what the app was started with: the account
the cache and the drafts are keyed by, the system's capabilities and sections, and the app's
options from the profile (columns, keymap, theme, display zone...). The next start with the
same configuration paints from it and the cache (``tickettui.quick_start``) and does the full
start right after, in the deferred backend's thread, checking it finds the same.

Which configuration a record belongs to is a digest of what decides it: config.toml's path and
bytes, the command-line flags, every ``TICKETTUI_*`` variable (a secret's by whether it is set,
never by its value), this tickettui and this Python. A record never holds a secret: only where
each came from (a variable's name, or "keyring"); it is used only while every variable it names
is still set. Anything unexpected (no file, another format, a digest not kept, a field that
does not decode) means no record: the normal start.

Light on purpose: it runs before the first paint, so it imports json and the core's small
types, never pydantic, click or the config models, nor hashlib (OpenSSL): ``core.digests``.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tickettui
from tickettui.core.digests import sha256_hex

if TYPE_CHECKING:
    from tickettui.core.backend import Account
    from tickettui.core.domain import Capabilities, Section
    from tickettui.core.live_policy import LivePolicy
    from tickettui.systems.record import BackendParts

__all__ = [
    "StartRecord",
    "content_of",
    "drop",
    "find",
    "flags_of",
    "keep",
    "record_path",
]

FORMAT = 1
FILE_NAME = "start-records.json"
# Beside it: Textual's parsed stylesheets, kept between the command's runs (ui.parsed_css).
KEPT_CSS = "parsed-css.pickle"
KEEP = 8  # configurations remembered (profiles switched between, flags tried)
ENV_PREFIX = "TICKETTUI_"
KEYRING = "keyring"  # a secret's source other than a variable (credentials.chain's name)
# The command line's own options that may come with a quick start: the connection flags.
# Anything else on the command line (a command, --debug, --help) is the normal start's.
FLAGS = ("--profile", "--url", "--auth", "--user")

# The command line as the console script got it (``quick_start.main`` sets it): a record is kept
# only for a start of the installed command, never for one inside a test or another program.
command_line: list[str] | None = None


class StartRecord:
    """One kept start: ``content`` as written (JSON), decoded on demand. (A plain class: a
    dataclass costs ~0.3 ms to create, and this module runs before the first frame.)"""

    __slots__ = ("_capabilities", "content", "digest")

    def __init__(self, digest: str, content: Mapping[str, Any]) -> None:
        self.digest = digest
        self.content = content
        self._capabilities: Capabilities | None = None

    @property
    def account(self) -> Account:
        server, user = self.content["account"]
        return (str(server), str(user))

    @property
    def sections(self) -> list[Section] | None:
        from tickettui.core.domain import Section

        kept = self.content["sections"]
        return None if kept is None else [Section(*map(str, item)) for item in kept]

    @property
    def capabilities(self) -> Capabilities:
        # Decoded once (frozen, so shared): ``find`` checks it and the quick start uses it.
        if self._capabilities is None:
            self._capabilities = _capabilities_from(self.content["capabilities"])
        return self._capabilities

    def decoded(self) -> None:
        """Decode every part once: a record that does not decode raises here, not mid-start."""
        _ = (self.account, self.sections, self.capabilities, self.app_options())

    def app_options(self) -> dict[str, Any]:
        """The app's keyword arguments (``ui.app.run_app``) but the backend and credentials."""
        kept = dict(self.content["options"])
        kept["live"] = _live_from(kept["live"])
        kept["templates_dir"] = Path(kept["templates_dir"])
        return kept


def flags_of(argv: Sequence[str]) -> dict[str, str] | None:
    """The connection flags of a command line that only opens the app; None for any other."""
    flags: dict[str, str] = {}
    words = list(argv)
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=")
        if name not in FLAGS or name[2:] in flags:
            return None
        if not equals:
            if not words or words[0].startswith("-"):
                return None
            value = words.pop(0)
        flags[name[2:]] = value
    return flags


def record_path(env: Mapping[str, str]) -> Path:
    """The records' file, beside the disk cache (``TICKETTUI_CACHE_DIR`` or the platform's)."""
    from tickettui.cache.store import CACHE_DIR_ENV, cache_dir

    configured = env.get(CACHE_DIR_ENV)
    return (Path(configured) if configured else cache_dir()) / FILE_NAME


def kept_css_path(env: Mapping[str, str]) -> Path | None:
    """Where the command keeps Textual's parsed stylesheets (beside the records); None for a
    start that is not the installed command's (a test's, another program's)."""
    return None if command_line is None else record_path(env).with_name(KEPT_CSS)


def digest_of(
    flags: Mapping[str, str], env: Mapping[str, str], secret_variables: Sequence[str]
) -> str:
    """What decides a start, as one digest; a secret variable counts by being set, only."""
    from tickettui.config.paths import config_path

    path = config_path(env)
    try:
        config = path.read_bytes()
    except OSError:
        config = b"\0(no file)"
    secret = set(secret_variables)
    variables = sorted(
        (name, ("(set)" if value else "") if name in secret else value)
        for name, value in env.items()
        if name.startswith(ENV_PREFIX)
    )
    about = [FORMAT, tickettui.__version__, sys.prefix, str(path), sorted(flags.items()), variables]
    # The same SHA-256 as hashlib's, without OpenSSL's import before the first frame.
    return sha256_hex(json.dumps(about).encode() + config)


def find(argv: Sequence[str], env: Mapping[str, str]) -> StartRecord | None:
    """The record kept for this command line and environment, if it can be used now."""
    flags = flags_of(argv)
    if flags is None:
        return None
    try:
        kept = json.loads(record_path(env).read_text(encoding="utf-8"))
        if kept.get("format") != FORMAT:
            return None
        digest = digest_of(flags, env, kept["secret_variables"])
        entry = kept["records"].get(digest)
        if entry is None:
            return None
        if not all(env.get(name) for name in entry["env_secrets"]):
            return None  # its password came from a variable that is gone: ask the chain
        record = StartRecord(digest, entry["content"])
        record.decoded()
        return record
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # none, unreadable, or not of this version's making: the normal start


def content_of(
    options: Mapping[str, Any], parts: BackendParts, sources: Mapping[str, str]
) -> dict[str, Any]:
    """A record's content (JSON types) for the app ``options`` and the backend ``parts`` of a
    full start whose secrets came from ``sources`` (variable names or "keyring")."""
    from dataclasses import fields

    capabilities = parts.capabilities
    caps = {f.name: _plain(getattr(capabilities, f.name)) for f in fields(capabilities)}
    sections = parts.sections
    live: LivePolicy = options["live"]
    plain_options = dict(options) | {
        "live": {
            "default": [live.default.interval, live.default.notify.value],
            "by_section": {
                key: [own.interval, own.notify.value] for key, own in live.by_section.items()
            },
        },
        "templates_dir": str(options["templates_dir"]),
    }
    content = {
        "account": list(parts.account),
        "capabilities": caps,
        "sections": None
        if sections is None
        else [[s.key, s.title, s.query, s.order_by] for s in sections],
        "options": plain_options,
        "sources": dict(sources),
    }
    normal: dict[str, Any] = json.loads(json.dumps(content))  # as read back: lists, not tuples
    return normal


def keep(
    content: Mapping[str, Any],
    argv: Sequence[str],
    env: Mapping[str, str],
    secret_variables: Sequence[str],
) -> bool:
    """Keep ``content`` for this command line and environment; False when it may not be (a
    secret from a password_command or a prompt, a command line that is not only the app's)."""
    flags = flags_of(argv)
    sources = content["sources"]
    usable = all(source == KEYRING or source in secret_variables for source in sources.values())
    if flags is None or not usable:
        return False
    path = record_path(env)
    secret_variables = sorted(secret_variables)
    kept = _read(path)
    if kept.get("format") != FORMAT or kept.get("secret_variables") != secret_variables:
        kept = {"format": FORMAT, "secret_variables": secret_variables, "records": {}}
    records: dict[str, Any] = kept["records"]
    digest = digest_of(flags, env, secret_variables)
    entry = {
        "env_secrets": sorted(s for s in sources.values() if s != KEYRING),
        "content": content,
    }
    if records.get(digest) == entry and list(records)[-1] == digest:
        return True  # as kept already: no write on every start
    records.pop(digest, None)
    records[digest] = entry  # the newest last; the oldest go beyond KEEP
    kept["records"] = dict(list(records.items())[-KEEP:])
    _write(path, kept)
    return True


def drop(record: StartRecord, env: Mapping[str, str]) -> None:
    """Forget ``record`` (the full start disagreed with it)."""
    path = record_path(env)
    kept = _read(path)
    records = kept.get("records")
    if isinstance(records, dict) and records.pop(record.digest, None) is not None:
        _write(path, kept)


def _read(path: Path) -> dict[str, Any]:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict) or not isinstance(kept.get("records"), dict):
        return {}
    return kept


def _write(path: Path, kept: Mapping[str, Any]) -> None:
    from tickettui.core.private_files import write_private

    # A read-only cache folder: every start is a normal one, as before.
    with contextlib.suppress(OSError):
        write_private(path, json.dumps(kept, indent=1))


def _plain(value: Any) -> Any:
    """A capability as JSON: sets sorted (of their values), mappings as objects."""
    if isinstance(value, frozenset | set):
        return sorted(str(item) for item in value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def _capabilities_from(kept: Mapping[str, Any]) -> Capabilities:
    """Capabilities from their JSON; each field by its declared type. A field missing or one
    more than the class has: not of this version's making (KeyError/TypeError)."""
    import typing
    from collections.abc import Mapping as MappingType
    from dataclasses import fields

    from tickettui.core.domain import Capabilities

    hints = typing.get_type_hints(Capabilities)
    names = [f.name for f in fields(Capabilities)]
    if sorted(kept) != sorted(names):
        raise KeyError("the capabilities are another version's")
    values: dict[str, Any] = {}
    for name in names:
        value = kept[name]
        kind = typing.get_origin(hints[name])
        if kind is frozenset:
            (item,) = typing.get_args(hints[name])
            value = frozenset(item(v) for v in value)
        elif kind is MappingType:
            value = dict(value)
        values[name] = value
    return Capabilities(**values)


def _live_from(kept: Mapping[str, Any]) -> LivePolicy:
    from tickettui.core.live_policy import LivePolicy, Notify, SectionLive

    def section(pair: Sequence[Any]) -> SectionLive:
        interval, notify = pair
        return SectionLive(None if interval is None else float(interval), Notify(notify))

    by_section = {str(key): section(pair) for key, pair in kept["by_section"].items()}
    return LivePolicy(section(kept["default"]), by_section)
