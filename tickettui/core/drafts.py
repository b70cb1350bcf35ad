"""Unsaved edits, replies and notes, kept on disk until saved, sent or discarded.

``drafts.json`` lives in the platform data dir (``TICKETTUI_DATA_DIR`` overrides it), is created
0600 and replaced atomically on every change, so a crash, a kill or a dropped SSH session loses
at most the last keystrokes. Each change is made under an exclusive lock (``drafts.json.lock``,
0600, beside the file) so that two running apps never undo each other's changes; a symlinked
``drafts.json`` (a dotfiles repository) stays a link and its target is written. Drafts are
keyed by account (a hash of server URL and user, never a secret), ticket id and kind (edit,
reply, note). Everything a ``Draft`` holds is plain JSON.
UI-free: the app owns one ``DraftStore`` (``TicketApp.drafts``) and hands it to its screens,
which decide when to write (debounced as the user types).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tickettui.core.domain import FieldKind, FieldSpec, FieldValue
from tickettui.core.private_files import locked, target_of, write_private

log = logging.getLogger("tickettui.drafts")

NEW_TICKET = 0  # the key of a new ticket's draft (EditForm.ticket_id is 0 too)
EDIT, REPLY, NOTE = "edit", "reply", "note"
DATA_DIR_ENV = "TICKETTUI_DATA_DIR"
FILE_VERSION = 1
# Another app holds the lock for the milliseconds of one read and write; waiting longer than
# this means it is stuck (stopped with ctrl+z, a hung network file system): give up for now.
LOCK_TIMEOUT = 3.0

JsonValue = str | list[str] | bool | int | float | None


def encode_values(values: Mapping[str, FieldValue]) -> dict[str, JsonValue]:
    """Form values as JSON: datetimes and days as ISO strings, tag tuples as lists."""
    encoded: dict[str, JsonValue] = {}
    for key, value in values.items():
        if isinstance(value, date):  # a datetime too
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
        elif kind is FieldKind.DATE:
            values[key] = date.fromisoformat(str(raw)[:10])
        elif kind is FieldKind.BOOL:
            values[key] = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "yes")
        elif kind is FieldKind.NUMBER and not isinstance(raw, str | list):
            values[key] = raw if isinstance(raw, int | float) else None
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


DraftKey = tuple[str, int, str]


@dataclass
class DraftStore:
    """One account's drafts; with a ``path``, every change is written to disk at once.

    Each write takes the file's lock, re-reads it and changes only this store's drafts, so two
    running apps (or two accounts) never drop each other's drafts. A change that could not be
    written (the lock stayed taken, the disk is full) is kept here and written with the next.
    """

    path: Path | None = None
    account: str = ""
    _drafts: dict[DraftKey, Draft] = field(default_factory=dict)
    lock_timeout: float = LOCK_TIMEOUT
    _unwritten: dict[DraftKey, Draft | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.path is not None:
            self._drafts = self._read()  # unlocked: os.replace never shows half a file

    def get(self, ticket_id: int, kind: str = EDIT) -> Draft | None:
        return self._drafts.get((self.account, ticket_id, kind))

    def put(self, draft: Draft) -> None:
        draft.account = self.account
        self._change(draft.key, draft)

    def discard(self, ticket_id: int, kind: str = EDIT) -> None:
        self._change((self.account, ticket_id, kind), None)

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

    def _change(self, key: DraftKey, draft: Draft | None) -> None:
        _apply(self._drafts, {key: draft})
        if self.path is None:
            return
        self._unwritten[key] = draft
        try:
            with locked(self.path, self.lock_timeout):
                self._write_unwritten(self.path)
        except TimeoutError:
            log.warning(
                "another tickettui has held the drafts file for %g s; the draft is kept in "
                "memory and written with the next change",
                self.lock_timeout,
            )
        except OSError as error:
            log.warning("could not write the drafts file: %s", error.strerror or error)

    def _write_unwritten(self, path: Path) -> None:
        """Under the lock: this store's changes onto what is on disk now."""
        on_disk = self._read()
        self._drafts = on_disk
        if _apply(on_disk, self._unwritten):
            write_private(path, _file_text(on_disk))
        self._unwritten.clear()

    def _read(self) -> dict[DraftKey, Draft]:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            drafts = [Draft.from_json(item) for item in raw.get("drafts", [])]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            # Never lose a draft file by overwriting it: keep it aside and start afresh.
            log.warning("drafts file unreadable (%s); kept as .broken", type(error).__name__)
            target = target_of(self.path)  # a symlink stays, pointing at where the new file goes
            with contextlib.suppress(OSError):
                os.replace(target, target.with_name(target.name + ".broken"))
            return {}
        return {d.key: d for d in drafts}


def _apply(drafts: dict[DraftKey, Draft], changes: Mapping[DraftKey, Draft | None]) -> bool:
    """Put or (for None) remove each change; whether anything changed."""
    changed = False
    for key, draft in changes.items():
        if draft is not None:
            drafts[key] = draft
            changed = True
        elif drafts.pop(key, None) is not None:
            changed = True
    return changed


def _file_text(drafts: Mapping[DraftKey, Draft]) -> str:
    return json.dumps(
        {"version": FILE_VERSION, "drafts": [d.to_json() for d in drafts.values()]},
        ensure_ascii=False,
        indent=1,
    )
