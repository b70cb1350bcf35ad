"""SHA-256 before the first frame, without OpenSSL: the same digests as ``hashlib.sha256``.

Importing ``hashlib`` loads OpenSSL's ``_hashlib`` (~1 ms on a cold start, ~2 ms with
``-X importtime``), and two digests are taken before the first frame: the disk cache's file
name (``cache.store.server_identity``) and the start record's key (``start_record``). CPython's
own sha256 module (``_sha256``; ``_sha2`` from 3.12) gives the same digest and loads in a tenth
of that time: file names and kept records stay as they were. Elsewhere ``hashlib`` is fine.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Protocol

__all__ = ["sha256_hex"]


class _Hash(Protocol):
    def hexdigest(self) -> str: ...


def _constructor() -> Callable[[bytes], _Hash]:
    for name in ("_sha2", "_sha256"):  # CPython 3.12+, 3.11
        try:
            builtin: Callable[[bytes], _Hash] = import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return builtin
    from hashlib import sha256  # another interpreter: the same digest, only slower to import

    return sha256


_sha256 = _constructor()


def sha256_hex(data: bytes) -> str:
    """``hashlib.sha256(data).hexdigest()``."""
    return _sha256(data).hexdigest()
