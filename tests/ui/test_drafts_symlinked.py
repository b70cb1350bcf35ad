"""An agent keeps drafts.json in a dotfiles folder (synced between machines) and links it into
the data dir: drafts are written into that file and the link stays."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.dotfiles import linked_from_dotfiles
from tests.ui.other_app import ACCOUNT, reply
from tickettui.core.drafts import REPLY, DraftStore, drafts_path


def test_drafts_go_into_the_linked_file_and_the_link_stays(tmp_path: Path) -> None:
    link = drafts_path()
    target = linked_from_dotfiles(link, tmp_path / "dotfiles")  # no drafts yet

    store = DraftStore(link, ACCOUNT)
    store.put(reply(12))
    store.put(reply(40))
    store.discard(12, REPLY)

    assert link.is_symlink() and link.resolve() == target.resolve()
    assert [d["ticket_id"] for d in json.loads(target.read_text())["drafts"]] == [40]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    # The lock is beside the file itself, shared with an app that names the target directly.
    assert sorted(p.name for p in target.parent.iterdir()) == ["drafts.json", "drafts.json.lock"]
    assert [p.name for p in link.parent.iterdir()] == ["drafts.json"]  # no temp file
    assert [d.ticket_id for d in DraftStore(target, ACCOUNT).mine()] == [40]


def test_a_broken_linked_file_is_kept_aside_where_it_is_and_the_link_stays(
    tmp_path: Path,
) -> None:
    link = drafts_path()
    target = linked_from_dotfiles(link, tmp_path / "dotfiles", "{not json")

    store = DraftStore(link, ACCOUNT)
    assert store.mine() == []
    store.put(reply(7))

    assert target.with_name("drafts.json.broken").read_text() == "{not json"
    assert link.is_symlink()
    assert [d.ticket_id for d in DraftStore(link, ACCOUNT).mine()] == [7]
