"""Files only their owner may read, written so that nothing is ever half there or lost.

``write_private`` replaces a file atomically (a temp file beside it, fsync, ``os.replace``) with
mode 0600. A symlink stays a symlink: its target is written (config.toml and drafts.json are
often kept in a dotfiles repository; replacing the link would cut them off from it).

``locked`` holds an exclusive lock beside a file for one read-change-write, so two running apps
never undo each other's changes. It is an OS lock (``flock`` on Unix, ``LockFileEx`` on
Windows, through the filelock package), released by the kernel when its holder dies: a crashed
or killed app never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["locked", "target_of", "write_private"]


def target_of(path: Path) -> Path:
    """The file ``path`` names: a symlink's target (which need not exist yet), else itself."""
    return Path(os.path.realpath(path))


def write_private(path: Path, text: str | bytes) -> None:
    """Replace the file ``path`` names atomically with ``text`` (UTF-8) or bytes; readable by
    its owner only."""
    target = target_of(path)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    data = text.encode() if isinstance(text, str) else text
    try:
        with os.fdopen(handle, "wb") as file:  # mkstemp: 0600 already
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


@contextlib.contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock of the file ``path`` names; TimeoutError after ``timeout`` s.

    The lock is ``<file>.lock`` beside the (resolved) file, 0600, and never removed (removing
    it would let two apps lock two different files).
    """
    from filelock import FileLock  # only where a file is written: off the app's start path

    target = target_of(path)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = FileLock(target.with_name(target.name + ".lock"), timeout=timeout, mode=0o600)
    with lock:  # filelock.Timeout is a TimeoutError
        yield
