"""The 20 MB demo file comes down a chunk at a time on both systems and is never held whole:
SuperOffice's Attachment/{id}/Content is streamed; Keliweb's get-ticket-attachment answer (the
whole file inline, base64 in JSON with PHP's escaped slashes) is decoded as it arrives. The
peak of memory allocated while saving it stays a small fraction of the file."""

from __future__ import annotations

import asyncio
import hashlib
import tracemalloc
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.ui.attachments_helpers import BIG_TICKET, keliweb_demo_tickets
from tickettui.core.attachment_files import destination, save_chunks
from tickettui.core.attachments import file_server
from tickettui.servers.attachment_bytes import file_bytes
from tickettui.systems.keliweb.attachments import Base64Stream

__all__ = ["kw_server"]  # fixture, imported for pytest

BIG = 20 * 1024 * 1024
MOST_IN_MEMORY = 4 * 1024 * 1024  # a fifth of the file: chunks, buffers, the server's share


def save_big(factory: Callable[[], Any], ticket_id: int, folder: Path) -> tuple[int, int, int]:
    """Bytes written, the largest chunk, the peak traced while saving."""
    largest = 0

    async def run() -> int:
        nonlocal largest
        backend = factory()
        try:
            server = file_server(backend, backend.capabilities)
            big = next(a for a in await server.attachments(ticket_id) if "dump" in a.name)

            async def counted() -> AsyncIterator[bytes]:
                nonlocal largest
                async for chunk in server.attachment_chunks(big):
                    largest = max(largest, len(chunk))
                    yield chunk

            tracemalloc.start()
            try:
                return await save_chunks(counted(), destination(folder, big))
            finally:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                sizes.append(peak)
        finally:
            await backend.aclose()

    sizes: list[int] = []
    written = asyncio.run(run())
    return written, largest, sizes[0]


def test_superoffice_streams_the_20_mb_file(so_server: Any, tmp_path: Path) -> None:
    written, largest, peak = save_big(backend_factory_for(so_server), BIG_TICKET, tmp_path)
    assert written == BIG == (tmp_path / "database-dump.tar.gz").stat().st_size
    assert largest <= 64 * 1024
    assert peak < MOST_IN_MEMORY, peak


def test_keliweb_decodes_the_20_mb_answer_as_it_arrives(kw_server: Any, tmp_path: Path) -> None:
    ticket = keliweb_demo_tickets(kw_server.db_path)["database-dump.tar.gz"]
    written, largest, peak = save_big(kw_factory(kw_server), ticket, tmp_path)
    assert written == BIG
    assert largest < 1024 * 1024
    assert peak < MOST_IN_MEMORY, peak
    expected = hashlib.sha256()
    for block in file_bytes("database-dump.tar.gz", BIG, f"kw-ticket-{ticket}-1"):
        expected.update(block)
    saved = hashlib.sha256((tmp_path / "database-dump.tar.gz").read_bytes()).hexdigest()
    assert saved == expected.hexdigest()


@pytest.mark.parametrize("cut", [1, 3, 7, 4096])
def test_the_decoder_takes_the_answer_in_any_pieces(cut: int) -> None:
    data = bytes(range(256)) * 40
    import base64
    import json

    answer = json.dumps(
        {"result": "success", "filename": "a.bin", "data": base64.b64encode(data).decode()}
    ).replace("/", "\\/")
    decoder = Base64Stream()
    out = b"".join(decoder.feed(answer[i : i + cut].encode()) for i in range(0, len(answer), cut))
    decoder.close()
    assert out == data


def test_an_answer_cut_off_in_the_data_is_an_error_not_a_short_file() -> None:
    decoder = Base64Stream()
    decoder.feed(b'{"result":"success","filename":"a","data":"QUJD')
    with pytest.raises(Exception, match="cut off"):
        decoder.close()


def test_whmcs_errors_come_through_as_one_line() -> None:
    decoder = Base64Stream()
    decoder.feed(b'{"result":"error","message":"Invalid Attachment Index"}')
    with pytest.raises(Exception, match="Invalid Attachment Index"):
        decoder.close()
