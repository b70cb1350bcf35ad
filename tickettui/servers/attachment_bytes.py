"""The bytes of the local servers' demo attachments, made on demand and always the same.

A seeded attachment stores only its name, size and a key; its bytes are generated when a client
downloads it, so a 20 MB file costs nothing in the database or the seeding. The content fits
the name: ``.png`` is a real PNG (a small picture, padded to the size with a private ancillary
chunk that viewers skip), ``.pdf`` a real one-page PDF (padded with PDF comment lines), text and
logs are log lines, anything else is pseudo-random bytes from the key.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Iterator

__all__ = ["CHUNK", "actual_size", "file_bytes", "small_png"]

CHUNK = 64 * 1024


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def small_png(key: str, width: int = 32, height: int = 24) -> bytes:
    """A real RGB picture: a few coloured bars, colours chosen by ``key``."""
    rng = random.Random(key)
    colours = [bytes(rng.randrange(256) for _ in range(3)) for _ in range(4)]
    rows = b"".join(
        b"\x00" + b"".join(colours[(x * 4) // width] for x in range(width)) for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows))
    )


_IEND = _png_chunk(b"IEND", b"")


def _png(key: str, size: int) -> Iterator[bytes]:
    head = small_png(key)
    padding = size - len(head) - len(_IEND) - 12
    yield head
    if padding >= 0:
        # "deMo": ancillary, private, safe to copy (PNG spec 5.4): viewers skip it.
        yield struct.pack(">I", padding) + b"deMo"
        crc = zlib.crc32(b"deMo")
        for block in _filler(key, padding, text=True):
            crc = zlib.crc32(block, crc)
            yield block
        yield struct.pack(">I", crc)
    yield _IEND


def _pdf(key: str, size: int) -> Iterator[bytes]:
    text = f"tickettui demo document {key}".replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]

    def body(start: int) -> bytes:
        out, offsets = b"", []
        for number, obj in enumerate(objects, 1):
            offsets.append(start + len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
        xref = start + len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1,
            xref,
        )
        return out

    header = b"%PDF-1.4\n"
    # The padding (comment lines) comes before the objects, so their offsets move with it:
    # the body's length depends on its offsets' digits, which are fixed-width (%010d).
    padding = max(0, size - len(header) - len(body(0)))
    # startxref is not fixed-width: settle the padding against the body it will really have.
    padding = max(0, size - len(header) - len(body(len(header) + padding)))
    yield header
    remaining = padding
    for block in _filler(key, padding, text=True):
        remaining -= len(block)
        yield block
    yield body(len(header) + padding)


def _filler(key: str, size: int, *, text: bool) -> Iterator[bytes]:
    """``size`` bytes: ``%``-comment log lines (text) or pseudo-random bytes."""
    rng = random.Random(key)
    left = size
    line_no = 0
    while left > 0:
        if text:
            lines = []
            length = 0
            while length < CHUNK:
                line_no += 1
                line = (
                    f"% {line_no:07d} worker-{rng.randrange(1, 9)} "
                    f"{rng.choice(('INFO', 'WARN', 'ERROR'))} request {rng.getrandbits(32):08x}\n"
                )
                lines.append(line)
                length += len(line)
            block = "".join(lines).encode()[: min(CHUNK, left)]
        else:
            block = rng.randbytes(min(CHUNK, left))
        left -= len(block)
        yield block


def file_bytes(name: str, size: int, key: str) -> Iterator[bytes]:
    """The demo file ``name`` of ``size`` bytes (a PNG or PDF never shorter than its minimal
    form), in chunks of at most CHUNK bytes."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "png":
        yield from _png(key, size)
    elif extension == "pdf":
        yield from _pdf(key, size)
    elif extension in ("txt", "log", "csv", "json", "xml", "html", "md", "eml"):
        yield from _filler(key, size, text=True)
    else:
        yield from _filler(key, size, text=False)


def actual_size(name: str, size: int, key: str) -> int:
    """How many bytes ``file_bytes`` makes: ``size``, or a PNG's or PDF's minimal form."""
    if size >= 4096:
        return size
    return sum(len(block) for block in file_bytes(name, size, key))
