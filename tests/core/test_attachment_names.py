"""Attachment names are customer input: whatever a server sends, the file lands inside the
folder the agent chose, under a plain name, and never replaces a file without being asked."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tickettui.core.attachment_files import FileExists, destination, free_name, save_chunks
from tickettui.core.domain import Attachment
from tickettui.core.safe_filenames import FALLBACK, inside, safe_name


def named(name: str) -> Attachment:
    return Attachment(ref="1", message_id=1, name=name)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


@pytest.mark.parametrize(
    ("hostile", "safe"),
    [
        ("../../.bashrc", "bashrc"),
        ("/etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\evil.dll", "evil.dll"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("invoice\x1b[31mRED\x1b[0m\u202egpj.exe", "invoice[31mRED[0mgpj.exe"),
        ("line\nbreak\r.txt", "linebreak.txt"),
        ("", FALLBACK),
        (".", FALLBACK),
        ("..", FALLBACK),
        ("...", FALLBACK),
        ("   ", FALLBACK),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ('what?<>:"|*.pdf', "what_______.pdf"),
        ("trailing dot.", "trailing dot"),
        ("zero\u200bwidth.png", "zerowidth.png"),
    ],
)
def test_a_hostile_name_becomes_one_plain_name(hostile: str, safe: str) -> None:
    assert safe_name(hostile) == safe
    assert "/" not in safe_name(hostile) and "\\" not in safe_name(hostile)


def test_a_very_long_name_keeps_its_extension() -> None:
    name = safe_name("a" * 400 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 200


def test_only_a_plain_name_is_joined_to_the_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, "report.txt") == tmp_path.resolve() / "report.txt"
    for bad in ("../x", "/etc/passwd", "..", "", "a/b"):
        with pytest.raises(ValueError):
            inside(tmp_path, bad)


def test_the_bashrc_attack_writes_inside_the_chosen_folder(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    target = destination(folder, named("../../.bashrc"))
    written = asyncio.run(save_chunks(chunks(b"rm -rf ~\n"), target))
    assert written == 9
    assert target.path == folder.resolve() / "bashrc"
    assert [p.name for p in tmp_path.iterdir()] == ["downloads"]
    assert not (tmp_path / ".bashrc").exists()


def test_a_saved_file_is_private(tmp_path: Path) -> None:
    target = destination(tmp_path, named("log.txt"))
    asyncio.run(save_chunks(chunks(b"a", b"b"), target))
    assert stat.S_IMODE(target.path.stat().st_mode) == 0o600
    assert target.path.read_bytes() == b"ab"


def test_an_existing_file_is_kept_unless_overwriting_is_agreed(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(b"mine")
    target = destination(tmp_path, named("report.txt"))
    assert target.exists
    with pytest.raises(FileExists):
        asyncio.run(save_chunks(chunks(b"theirs"), target))
    assert (tmp_path / "report.txt").read_bytes() == b"mine"
    asyncio.run(save_chunks(chunks(b"theirs"), target, overwrite=True))
    assert (tmp_path / "report.txt").read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_two_files_of_one_name_get_two_names(tmp_path: Path) -> None:
    first = destination(tmp_path, named("report.txt"))
    asyncio.run(save_chunks(chunks(b"1"), first))
    second = free_name(tmp_path, "report.txt")
    assert second.path.name == "report (2).txt"
    asyncio.run(save_chunks(chunks(b"2"), second))
    assert free_name(tmp_path, "report.txt").path.name == "report (3).txt"


def test_a_symlink_in_the_way_is_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    folder = tmp_path / "dl"
    folder.mkdir()
    os.symlink(outside, folder / "notes.txt")
    target = destination(folder, named("notes.txt"))
    assert target.exists
    with pytest.raises(FileExists):
        asyncio.run(save_chunks(chunks(b"x"), target))
    asyncio.run(save_chunks(chunks(b"x"), target, overwrite=True))
    assert outside.read_bytes() == b"precious"
    assert not (folder / "notes.txt").is_symlink()


def test_a_zero_byte_file_is_saved_empty(tmp_path: Path) -> None:
    target = destination(tmp_path, named("empty.txt"))
    assert asyncio.run(save_chunks(chunks(), target)) == 0
    assert target.path.read_bytes() == b""


def test_a_failed_download_leaves_nothing_behind(tmp_path: Path) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"half"
        raise ConnectionError("cut off")

    target = destination(tmp_path, named("big.bin"))
    with pytest.raises(ConnectionError):
        asyncio.run(save_chunks(broken(), target))
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_download_leaves_nothing_behind(tmp_path: Path) -> None:
    started = asyncio.Event()

    async def endless() -> AsyncIterator[bytes]:
        while True:
            started.set()
            yield b"x" * 1024
            await asyncio.sleep(0)

    async def run() -> None:
        task = asyncio.ensure_future(save_chunks(endless(), destination(tmp_path, named("a.bin"))))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run())
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_folder_should_be_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(Exception, match="is not a folder"):
        destination(tmp_path / "file", named("a.txt"))
