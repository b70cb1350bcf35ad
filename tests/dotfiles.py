"""A file kept in a dotfiles folder and linked into place, as GNU stow or chezmoi set it up."""

from __future__ import annotations

import os
from pathlib import Path


def linked_from_dotfiles(path: Path, dotfiles: Path, text: str | None = None) -> Path:
    """Make ``path`` a relative symlink to a file of the same name in ``dotfiles`` (holding
    ``text``, mode 0600; not created when None); the target."""
    target = dotfiles / path.name
    if text is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        target.chmod(0o600)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(os.path.relpath(target, path.parent))
    return target
