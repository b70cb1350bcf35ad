"""`tickettui attachments TICKET` and `tickettui attachment save TICKET ID` against both local
servers: the list (id, message, name, size, type) a script can read, a file saved under a safe
name inside the folder, 0600, never over an existing file without --force."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from tests.cli.helpers import demo_env, invoke
from tests.keliweb_fixtures import SECRETS_ENV, fresh_kw_server, kw_profile, kw_server
from tests.ui.attachments_helpers import (
    HOSTILE_TICKET,
    PICTURES_TICKET,
    keliweb_demo_tickets,
)
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["fresh_kw_server", "kw_server"]  # fixtures, imported for pytest


def listed(env: dict[str, str], ticket: str) -> list[dict[str, Any]]:
    result = invoke("attachments", ticket, "--json", env=env)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def id_of(files: list[dict[str, Any]], name: str) -> str:
    return str(next(f["id"] for f in files if f["name"] == name))


def test_the_list_names_every_file_for_people_and_scripts(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    files = listed(env, str(PICTURES_TICKET))
    png = next(f for f in files if f["name"] == "login-error.png")
    assert set(png) == {"id", "message", "name", "size", "type", "inline"}
    assert png["type"] == "image/png" and png["size"] > 0 and isinstance(png["message"], int)
    plain = invoke("attachments", str(PICTURES_TICKET), env=env)
    lines = plain.stdout.splitlines()
    assert lines[0].split() == ["ID", "MESSAGE", "NAME", "SIZE", "TYPE"]
    assert any("login-error.png" in line and "image/png" in line for line in lines)


def test_hostile_names_are_listed_inert(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    plain = invoke("attachments", str(HOSTILE_TICKET), env=env).stdout
    assert "\x1b" not in plain and "\u202e" not in plain
    assert "../../.bashrc" in plain
    files = listed(env, str(HOSTILE_TICKET))
    photo = next(f for f in files if f["name"] == "photo.jpg")
    assert photo["type"] == "text/html"  # as the server says it: shown, used for nothing
    as_json = invoke("attachments", str(HOSTILE_TICKET), "--json", env=env).stdout
    assert "\x1b" not in as_json and "\u202e" not in as_json


def test_save_writes_a_private_file_and_never_replaces_one_unasked(
    so_server: Any, home: Path, tmp_path: Path
) -> None:
    env = demo_env(so_server)
    folder = tmp_path / "out"
    folder.mkdir()
    wanted = id_of(listed(env, str(PICTURES_TICKET)), "login-error.png")
    saved = invoke("attachment", "save", str(PICTURES_TICKET), wanted, "-o", str(folder), env=env)
    assert saved.exit_code == 0, saved.output
    path = folder / "login-error.png"
    assert saved.stdout == f"Saved {path.stat().st_size} bytes to {path}\n"
    assert path.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    path.write_bytes(b"mine")
    again = invoke("attachment", "save", str(PICTURES_TICKET), wanted, "-o", str(folder), env=env)
    assert again.exit_code == 1
    assert again.stderr.count("\n") == 1 and "exists already: --force replaces it" in again.stderr
    assert path.read_bytes() == b"mine"

    other = folder / "copy.png"
    renamed = invoke("attachment", "save", str(PICTURES_TICKET), wanted, "-o", str(other), env=env)
    assert renamed.exit_code == 0 and other.read_bytes().startswith(b"\x89PNG")
    forced = invoke(
        "attachment", "save", str(PICTURES_TICKET), wanted, "-o", str(folder), "--force", env=env
    )
    assert forced.exit_code == 0 and path.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in folder.iterdir()) == ["copy.png", "login-error.png"]


def test_a_hostile_name_is_saved_inside_the_folder_under_a_plain_name(
    so_server: Any, home: Path, tmp_path: Path
) -> None:
    env = demo_env(so_server)
    folder = tmp_path / "out"
    folder.mkdir()
    files = listed(env, str(HOSTILE_TICKET))
    for name in ("../../.bashrc", "/etc/passwd", ".."):
        result = invoke(
            "attachment",
            "save",
            str(HOSTILE_TICKET),
            id_of(files, name),
            "-o",
            str(folder),
            env=env,
        )
        assert result.exit_code == 0, result.output
    assert sorted(os.listdir(folder)) == ["attachment", "bashrc", "passwd"]
    assert not (tmp_path / ".bashrc").exists() and not (home / ".bashrc").exists()


def test_the_default_folder_is_the_profiles_download_folder(
    so_server: Any, home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "profile-downloads"
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    signed_in = demo_env(so_server)
    config.write_text(
        f'[profiles.so]\nurl = "{so_server.base_url}"\nuser = "{signed_in["TICKETTUI_USER"]}"\n'
        f'download_folder = "{folder}"\n'
    )
    env = {"TICKETTUI_PASSWORD": signed_in["TICKETTUI_PASSWORD"]}
    wanted = id_of(listed(env, str(PICTURES_TICKET)), "server.log")
    result = invoke("attachment", "save", str(PICTURES_TICKET), wanted, env=env)
    assert result.exit_code == 0, result.output
    assert (folder / "server.log").exists()


def test_an_unknown_attachment_is_one_clear_line(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    result = invoke("attachment", "save", str(PICTURES_TICKET), "424242", env=env)
    assert result.exit_code == 1
    assert result.stderr == (
        "tickettui: No attachment 424242 on this ticket "
        "(`tickettui attachments TICKET` lists them)\n"
    )


def test_keliweb_lists_and_saves_through_the_whmcs_calls(
    kw_server: LocalKeliweb, home: Path, tmp_path: Path
) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(kw_server))
    env = dict(SECRETS_ENV)
    ticket = keliweb_demo_tickets(kw_server.db_path)["report.txt"]
    files = listed(env, f"id:{ticket}")
    reports = [f for f in files if f["name"] == "report.txt"]
    assert len(reports) == 2 and all(f["size"] is None for f in reports)
    named = invoke("attachment", "save", f"id:{ticket}", "report.txt", env=env)
    assert named.exit_code == 1 and "2 attachments are called report.txt" in named.stderr
    out = tmp_path / "kw"
    out.mkdir()
    for report in reports:
        invoke("attachment", "save", f"id:{ticket}", report["id"], "-o", str(out), env=env)
    assert os.listdir(out) == ["report.txt"]  # the second was refused: it exists
    assert (out / "report.txt").stat().st_size == 1_200


def test_reply_and_note_take_attach_and_send_once(
    fresh_so_server: Any, home: Path, tmp_path: Path
) -> None:
    env = demo_env(fresh_so_server)
    (tmp_path / "a.log").write_bytes(b"log")
    (tmp_path / "b.txt").write_bytes(b"text")
    result = invoke(
        "reply",
        "7",
        "-m",
        "Two files",
        "--attach",
        str(tmp_path / "a.log"),
        "--attach",
        str(tmp_path / "b.txt"),
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "Reply added to ticket 7\n"
    files = listed(env, "7")
    assert {"a.log", "b.txt"} <= {f["name"] for f in files}
    shown = json.loads(invoke("show", "7", "--json", env=env).stdout)
    assert [m["body"] for m in shown["messages"]].count("Two files") == 1


def test_a_file_refused_before_sending_sends_nothing(
    fresh_so_server: Any, home: Path, tmp_path: Path
) -> None:
    env = demo_env(fresh_so_server)
    big = tmp_path / "huge.iso"
    with big.open("wb") as file:
        file.truncate(30_000_001)
    before = json.loads(invoke("show", "7", "--json", env=env).stdout)["messages"]
    for path in (str(big), str(tmp_path / "missing.txt"), str(tmp_path)):
        result = invoke("note", "7", "-m", "Not sent", "--attach", path, env=env)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert (
        "the server takes files up to 30.0 MB"
        in invoke("note", "7", "-m", "x", "--attach", str(big), env=env).stderr
    )
    after = json.loads(invoke("show", "7", "--json", env=env).stdout)["messages"]
    assert after == before


def test_keliweb_says_which_file_whmcs_dropped(
    fresh_kw_server: LocalKeliweb, home: Path, tmp_path: Path
) -> None:
    config = Path(os.environ["TICKETTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(kw_profile(fresh_kw_server))
    env = dict(SECRETS_ENV)
    (tmp_path / "kept.txt").write_bytes(b"kept")
    (tmp_path / "tool.exe").write_bytes(b"MZ")
    number = json.loads(invoke("list", "--json", "--limit", "1", env=env).stdout)[0]["number"]
    result = invoke(
        "note",
        number,
        "-m",
        "files",
        "--attach",
        str(tmp_path / "kept.txt"),
        "--attach",
        str(tmp_path / "tool.exe"),
        env=env,
    )
    assert result.exit_code == 1
    assert result.stdout.endswith(f"added to ticket {number}\n")
    assert "did not keep tool.exe" in result.stderr and result.stderr.count("\n") == 1


def test_save_to_standard_output_writes_only_the_bytes(so_server: Any, home: Path) -> None:
    env = demo_env(so_server)
    wanted = id_of(listed(env, str(PICTURES_TICKET)), "server.log")
    result = invoke("attachment", "save", str(PICTURES_TICKET), wanted, "-o", "-", env=env)
    assert result.exit_code == 0, result.output
    size = next(f["size"] for f in listed(env, str(PICTURES_TICKET)) if f["id"] == wanted)
    assert len(result.stdout_bytes) == size and b"Saved" not in result.stdout_bytes
