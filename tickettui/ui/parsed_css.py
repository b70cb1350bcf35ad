"""Textual's parsed stylesheets, kept from one run of the app to the next.

Textual parses every stylesheet the app uses (ours, and each widget's DEFAULT_CSS) on the way
to the first frame: ~10 ms of a ~0.2 s cold start, the same work every start, for the same CSS
and the same theme. A start of the ``tickettui`` command reads what the last run parsed from
one file beside the disk cache (unpickling is ~12x faster than parsing), parses only what is
not in it, and writes the file again when it ends if anything new was parsed.

Kept exactly: an entry is found only for the same CSS text, from the same place, with the same
theme variables, under the same Textual, tickettui and Python. Anything else is parsed as
before. The file is pickle, so it is read only when it is a regular file of this user that
nobody else may write (like the rest of the cache, 0600 in a 0700 folder); a file that does
not load is ignored and replaced.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import textual

import tickettui

__all__ = ["ParsedCss"]

FORMAT = 1

Variables = tuple[tuple[str, str], ...]


class ParsedCss:
    """Parsed rules by (theme variables, Textual's own parse key), read from and written to
    ``path``. ``get``/``put`` are what the stylesheet asks (``textual_compat.reuse_parsed_css``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._themes: dict[Variables, int] = {}  # each set of theme variables met: a number
        self._file_theme: int | None = None  # the file's entries are for this one
        self._pickled: dict[Hashable, bytes] = {}  # as read: unpickled when first asked, and
        # written back as they are
        self._rules: dict[tuple[int, Hashable], Any] = {}
        self._new = False
        self._seen: dict[int, tuple[Mapping[str, str], int]] = {}
        self._load()

    def get(self, variables: Mapping[str, str], key: Hashable) -> Any | None:
        """The rules parsed before for ``key`` under ``variables``; None if never."""
        theme = self._theme(variables)
        rules = self._rules.get((theme, key))
        if rules is None and theme == self._file_theme and key in self._pickled:
            try:
                rules = pickle.loads(self._pickled[key])  # noqa: S301  # see _trusted
            except Exception:  # another Textual's objects after all: parsed again, replaced
                del self._pickled[key]
                return None
            self._rules[(theme, key)] = rules
        return rules

    def put(self, variables: Mapping[str, str], key: Hashable, rules: Any) -> None:
        self._rules[(self._theme(variables), key)] = rules
        self._new = True

    def save(self) -> None:
        """Write the entries of the theme last used, if anything was parsed this run."""
        if not self._new or not self._rules:
            return
        theme = next(reversed(self._rules))[0]
        entries = dict(self._pickled) if theme == self._file_theme else {}
        for (number, key), rules in self._rules.items():
            if number == theme and key not in entries:  # parsed this run: pickled once
                with contextlib.suppress(Exception):  # a rule that does not pickle: parsed
                    entries[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        variables = next(values for values, number in self._themes.items() if number == theme)
        kept = {"about": _about(), "variables": variables, "rules": entries}
        from tickettui.core.private_files import write_private

        with contextlib.suppress(OSError):  # a read-only cache: every start parses, as before
            write_private(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        self._new = False

    def _theme(self, variables: Mapping[str, str]) -> int:
        """``variables`` as a small number (``_themes``); worked out once per dict (Textual
        keeps one dict per theme)."""
        seen = self._seen.get(id(variables))
        if seen is None or seen[0] is not variables:
            values = tuple(sorted(variables.items()))
            number = self._themes.setdefault(values, len(self._themes))
            seen = (variables, number)
            self._seen[id(variables)] = seen  # holds the dict: its id is not reused meanwhile
        return seen[1]

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as file:
                if not _trusted(os.fstat(file.fileno())):
                    return
                kept = pickle.load(file)  # noqa: S301  # only a file _trusted lets through
            if kept["about"] != _about():
                return
            variables, rules = kept["variables"], kept["rules"]
            if isinstance(variables, tuple) and isinstance(rules, dict):
                self._file_theme = self._themes.setdefault(variables, len(self._themes))
                self._pickled = rules
        except Exception:  # none yet, or not of this version's making: parse, write anew
            return


def _trusted(status: os.stat_result) -> bool:
    """A regular file of this user that no one else may write: unpickling runs code, so only
    the user's own cache file is read (another user's could make this app do anything)."""
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return stat.S_ISREG(status.st_mode) and mine and not status.st_mode & 0o022


def _about() -> tuple[Any, ...]:
    """Which Textual (where it is installed, and when: an upgrade rewrites its files; its
    ``__version__`` would cost importlib.metadata), tickettui and Python made the entries."""
    from textual.css import styles

    files = (str(textual.__file__), str(styles.__file__))
    made = [(path, os.stat(path).st_mtime_ns) for path in files]
    return (made, tickettui.__version__, sys.version_info[:2], FORMAT)
