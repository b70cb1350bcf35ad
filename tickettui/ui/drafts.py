"""Unsaved edits, replies and notes, kept on disk until saved, sent or discarded.

``drafts.json`` lives in the platform data dir (``TICKETTUI_DATA_DIR`` overrides it), is created
0600 and replaced atomically on every change, so a crash, a kill or a dropped SSH session loses
at most the last keystrokes. Drafts are keyed by account (a hash of server URL and user, never
a secret), ticket id and kind (edit, reply, note). Everything a ``Draft`` holds is plain JSON.
UI-free: the screens decide when to write (debounced as the user types).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tickettui.core.domain import FieldKind, FieldSpec, FieldValue

log = logging.getLogger("tickettui.drafts")

NEW_TICKET = 0  # the key of a new ticket's draft (EditForm.ticket_id is 0 too)
EDIT, REPLY, NOTE = "edit", "reply", "note"
DATA_DIR_ENV = "TICKETTUI_DATA_DIR"
FILE_VERSION = 1

JsonValue = str | list[str] | None


def encode_values(values: Mapping[str, FieldValue]) -> dict[str, JsonValue]:
    """Form values as JSON: datetimes as ISO strings, tag tuples as lists."""
    encoded: dict[str, JsonValue] = {}
    for key, value in values.items():
        if isinstance(value, datetime):
            encoded[key] = value.isoformat()
        elif isinstance(value, tuple):
            encoded[key] = list(value)
        else:
            encoded[key] = value
    return encoded


def decode_values(data: Mapping[str, Any], specs: Sequence[FieldSpec]) -> dict[str, FieldValue]:
    """The reverse of :func:`encode_values`; the specs say which strings are dates."""
    kinds = {spec.key: spec.kind for spec in specs}
    values: dict[str, FieldValue] = {}
    for key, raw in data.items():
        kind = kinds.get(key)
        if raw is None:
            values[key] = None
        elif kind is FieldKind.DATETIME:
            values[key] = datetime.fromisoformat(str(raw))
        elif kind is FieldKind.TAGS or isinstance(raw, list):
            values[key] = tuple(str(item) for item in raw)
        else:
            values[key] = str(raw)
    return values


@dataclass(slots=True)
class Draft:
    """An unsaved edit: the values typed and the base they were typed against.

    Keeping the base matters: a later save merges against it, so the other writers' changes
    made since are still recognised as theirs and not overwritten. A reply or note keeps its
    text as ``values["text"]``.
    """

    ticket_id: int
    saved_at: datetime
    base: dict[str, JsonValue]
    values: dict[str, JsonValue]
    reason: str = ""  # why it is a draft ("Connection refused ..."); "" while being typed
    kind: str = EDIT
    account: str = ""  # account_key() of the server and user it belongs to
    number: str = ""  # the number users quote for the ticket; "" means str(ticket_id)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.account, self.ticket_id, self.kind)

    @property
    def text(self) -> str:
        return str(self.values.get("text") or "")

    def describe(self) -> str:
        number = self.number or str(self.ticket_id)
        what = "new ticket" if self.ticket_id == NEW_TICKET else f"ticket {number}"
        return f"{what} ({self.kind})"

    def to_json(self) -> dict[str, Any]:
        data = {
            "ticket_id": self.ticket_id,
            "saved_at": self.saved_at.isoformat(),
            "base": self.base,
            "values": self.values,
            "reason": self.reason,
            "kind": self.kind,
            "account": self.account,
        }
        if self.number:
            data["number"] = self.number
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        return cls(
            ticket_id=int(data["ticket_id"]),
            saved_at=datetime.fromisoformat(str(data["saved_at"])),
            base=dict(data.get("base") or {}),
            values=dict(data.get("values") or {}),
            reason=str(data.get("reason") or ""),
            kind=str(data.get("kind") or EDIT),
            account=str(data.get("account") or ""),
            number=str(data.get("number") or ""),
        )


def account_key(url: str, user: str) -> str:
    """One account on one server, hashed like the cache's key. Never pass a secret here."""
    normal = url.strip().rstrip("/").lower()
    return hashlib.sha256(f"{normal}\n{user.strip().lower()}".encode()).hexdigest()[:32]


def data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_data_dir("tickettui"))


def drafts_path() -> Path:
    return data_dir() / "drafts.json"


@dataclass
class DraftStore:
    """One account's drafts; with a ``path``, every change is written to disk at once.

    Each write re-reads the file and changes only the one draft, so two running apps (or two
    accounts) never drop each other's drafts.
    """

    path: Path | None = None
    account: str = ""
    _drafts: dict[tuple[str, int, str], Draft] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.path is not None:
            self._drafts = self._read()

    def get(self, ticket_id: int, kind: str = EDIT) -> Draft | None:
        return self._drafts.get((self.account, ticket_id, kind))

    def put(self, draft: Draft) -> None:
        draft.account = self.account
        self._drafts[draft.key] = draft
        self._write(draft.key, draft)

    def discard(self, ticket_id: int, kind: str = EDIT) -> None:
        key = (self.account, ticket_id, kind)
        self._drafts.pop(key, None)
        self._write(key, None)

    def mine(self) -> list[Draft]:
        """This account's drafts, oldest first."""
        return sorted(
            (d for d in self._drafts.values() if d.account == self.account),
            key=lambda d: d.saved_at,
        )

    def __len__(self) -> int:
        return len(self.mine())

    def __contains__(self, ticket_id: object) -> bool:
        return isinstance(ticket_id, int) and self.get(ticket_id) is not None

    # --- disk ------------------------------------------------------------------------------

    def _read(self) -> dict[tuple[str, int, str], Draft]:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            drafts = [Draft.from_json(item) for item in raw.get("drafts", [])]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            # Never lose a draft file by overwriting it: keep it aside and start afresh.
            log.warning("drafts file unreadable (%s); kept as .broken", type(error).__name__)
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".json.broken"))
            return {}
        return {d.key: d for d in drafts}

    def _write(self, key: tuple[str, int, str], draft: Draft | None) -> None:
        if self.path is None:
            return
        on_disk = self._read()
        if draft is not None:
            on_disk[key] = draft
        elif on_disk.pop(key, None) is None:
            self._drafts = on_disk
            return
        self._drafts = on_disk
        body = json.dumps(
            {"version": FILE_VERSION, "drafts": [d.to_json() for d in on_disk.values()]},
            ensure_ascii=False,
            indent=1,
        )
        try:
            _write_private(self.path, body)
        except OSError as error:
            log.warning("could not write the drafts file: %s", error.strerror or error)


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by its owner only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".drafts-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:  # mkstemp: 0600 already
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def drafts_of(app: Any) -> DraftStore:
    """The app's draft store, attached on first use as ``app.drafts``.

    On disk for a backend that names its account (``backend.account``: URL and user); in
    memory otherwise (test doubles).
    """
    store = getattr(app, "drafts", None)
    if not isinstance(store, DraftStore):
        account = getattr(getattr(app, "backend", None), "account", None)
        if isinstance(account, tuple) and len(account) == 2:
            store = DraftStore(drafts_path(), account_key(str(account[0]), str(account[1])))
        else:
            store = DraftStore()
        app.drafts = store
    return store
