"""The digests taken before the first frame are hashlib's SHA-256, without importing hashlib."""

from __future__ import annotations

import hashlib

from tickettui.cache import server_identity
from tickettui.core.digests import sha256_hex


def test_the_digest_is_hashlibs_sha256() -> None:
    for data in (b"", b"abc", "Åse Ødegård\n".encode(), bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_an_accounts_cache_file_keeps_the_name_earlier_versions_gave_it() -> None:
    # The disk cache of https://desk.example/api for anna, as named since the cache began: a
    # new name would leave the old file (tickets and all) behind and start from nothing.
    assert server_identity("https://desk.example/api/", "Anna") == (
        "3cad0f1b0554919a042f30ac4e41bf2c"
    )
