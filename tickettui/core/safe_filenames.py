"""A file name from a server made safe to create in a folder the agent chose.

Attachment names are customer input: ``../../.bashrc``, ``/etc/passwd``, ``C:\\x``, names with
control characters or terminal escapes, right-to-left overrides (``invoice\u202egpj.exe``),
``.``/``..``, empty names, Windows device names. ``safe_name`` keeps only the last path part,
drops what a file system or a terminal would act on, and never returns a name that is empty,
hidden, a reserved word or a path. The result is always one plain component: joined to a
folder it stays inside that folder (``inside`` checks it once more before anything is written).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

__all__ = ["FALLBACK", "MAX_NAME_BYTES", "inside", "numbered", "safe_name"]

FALLBACK = "attachment"
MAX_NAME_BYTES = 200  # well under every file system's 255, room for " (12)" and ".part"
# Windows refuses these as names (with any extension); harmless elsewhere, so refused everywhere.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_FORBIDDEN = re.compile(r'[<>:"|?*]')  # not allowed in Windows names; confusing anywhere


def _plain(char: str) -> bool:
    """False for control, format (bidi overrides, zero-width) and unassigned characters."""
    return unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def safe_name(name: str, fallback: str = FALLBACK) -> str:
    """One safe file name for ``name`` (see the module docstring); ``fallback`` if nothing is
    left of it."""
    text = unicodedata.normalize("NFC", name or "")
    # Only the last component, whichever separator the sender's system used.
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(char if _plain(char) else "" for char in text)
    text = _FORBIDDEN.sub("_", text)
    text = " ".join(text.split())  # tabs and runs of spaces: one space
    text = text.lstrip(". ").rstrip(". ")  # no hidden files, no "..", no trailing dot (Windows)
    if not text:
        return fallback
    stem = text.split(".", 1)[0]
    if stem.casefold() in RESERVED:
        text = "_" + text
    return _shortened(text)


def _shortened(text: str) -> str:
    """At most MAX_NAME_BYTES of UTF-8, the extension kept."""
    if len(text.encode()) <= MAX_NAME_BYTES:
        return text
    stem, dot, extension = text.rpartition(".")
    if not dot or len(extension) > 16:
        stem, extension = text, ""
    room = MAX_NAME_BYTES - len(extension.encode()) - (1 if extension else 0)
    cut = stem.encode()[:room].decode(errors="ignore").rstrip(". ") or FALLBACK
    return f"{cut}.{extension}" if extension else cut


def numbered(name: str, number: int) -> str:
    """``report.txt`` -> ``report (2).txt``: a new name beside an existing file."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({number})"
    return f"{stem} ({number}).{extension}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused (ValueError) unless it is directly inside ``folder``."""
    if name != safe_name(name) or name in ("", ".", ".."):
        raise ValueError(f"not a safe file name: {name!r}")
    base = folder.resolve()
    path = base / name
    if path.parent != base:
        raise ValueError(f"{name!r} is not inside {base}")
    return path
