"""Writing an attachment to disk: inside the chosen folder, under a safe name, streamed, 0600,
never over an existing file unless asked, and nothing left behind when it fails or is stopped.

The bytes go to a hidden ``.<name>.<random>.part`` file (``mkstemp``: mode 0600, never an
existing file) a chunk at a time, are flushed to disk, and only then take the final name:
``os.replace`` where overwriting was agreed, ``os.link`` otherwise (which fails rather than
replace a file that appeared meanwhile). Any error or cancellation removes the part file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from tickettui.core.domain import Attachment
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_filenames import inside, numbered, safe_name
from tickettui.core.safe_text import inert_line

__all__ = [
    "Destination",
    "FileExists",
    "destination",
    "download_folder",
    "free_name",
    "private_copy_folder",
    "save_chunks",
]

Progress = Callable[[int], None]


class FileExists(TicketTuiError):
    """The target exists and overwriting was not agreed (the CLI: --force or another name)."""


@dataclass(frozen=True, slots=True)
class Destination:
    path: Path
    exists: bool

    @property
    def shown(self) -> str:
        return inert_line(str(self.path))


def destination(
    folder: Path, attachment: Attachment | None, name: str | None = None
) -> Destination:
    """Where the attachment goes inside ``folder``: ``name`` if the agent gave one, else the
    server's name made safe. The folder is created (0700) if missing."""
    folder = Path(os.path.expanduser(str(folder)))
    if folder.exists() and not folder.is_dir():
        raise TicketTuiError(f"{inert_line(str(folder))} is not a folder")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise TicketTuiError(
            f"Cannot create {inert_line(str(folder))}: {error.strerror or error}"
        ) from None
    wanted = safe_name(name if name is not None else (attachment.name if attachment else ""))
    path = inside(folder, wanted)
    return Destination(path, os.path.lexists(path))


def free_name(folder: Path, name: str) -> Destination:
    """``name``, or ``name (2)``, ``name (3)``... whichever is free in ``folder``."""
    plain = safe_name(name)
    path = inside(folder.resolve(), plain)
    number = 2
    while os.path.lexists(path):
        path = inside(folder.resolve(), numbered(plain, number))
        number += 1
    return Destination(path, False)


async def save_chunks(
    chunks: AsyncIterator[bytes],
    target: Destination,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write ``chunks`` to ``target.path``; the bytes written. See the module docstring."""
    path = target.path
    if _exists(path) and not overwrite:
        raise FileExists(f"{target.shown} exists already")
    handle, part = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".part", dir=path.parent)
    written = 0
    try:
        with os.fdopen(handle, "wb") as file:
            async for chunk in chunks:
                file.write(chunk)
                written += len(chunk)
                if progress is not None:
                    progress(written)
            file.flush()
            os.fsync(file.fileno())
        if overwrite:
            os.replace(part, path)  # a symlink at path is replaced itself, never followed
        else:
            try:
                os.link(part, path)
            except FileExistsError:
                raise FileExists(f"{target.shown} exists already") from None
            os.unlink(part)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
    return written


def _exists(path: Path) -> bool:
    return os.path.lexists(path)  # a dangling symlink too: it is a name the agent did not pick


def download_folder(configured: str = "") -> Path:
    """The profile's ``download_folder`` (``~`` expanded), else the platform's downloads
    folder (created on the first save), else the working folder where there is none."""
    if configured.strip():
        return Path(os.path.expanduser(configured.strip()))
    import platformdirs

    folder = platformdirs.user_downloads_dir()
    return Path(folder) if folder else Path.cwd()


def private_copy_folder() -> Path:
    """A fresh folder only this user can read (0700), for a file opened with the system's
    opener: never the downloads folder, never a name another user could have prepared."""
    return Path(tempfile.mkdtemp(prefix="tickettui-open-"))
