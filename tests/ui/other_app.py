"""Another running tickettui, as far as ``drafts.json`` is concerned: a process of its own.

    python other_app.py write PATH FIRST COUNT [--discard-odd]
        Keeps drafts of tickets FIRST .. FIRST+COUNT-1 as fast as it can (and, with
        --discard-odd, discards each odd one right after keeping it, as a sent reply is).
    python other_app.py hold PATH
        Takes the lock of the drafts file and keeps it until stdin closes (or it is killed).

Either way it prints "ready" when set; a writer then waits for a line on stdin, so a test can
start two of them at the same moment.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from tickettui.core.drafts import LOCK_TIMEOUT, REPLY, Draft, DraftStore, account_key
from tickettui.core.private_files import locked

ACCOUNT = account_key("https://so.example.com/api", "agent")  # one agent, two terminals
# How long a writer waits for its turn at the lock. Two writers taking turns as fast as they can
# (the lock is not fair: it is polled) can keep each other waiting for seconds on a busy
# machine; what these tests check is that no draft is lost or brought back, so a writer waits
# as long as that takes. Giving up after LOCK_TIMEOUT is the "hold" tests' subject.
WRITER_PATIENCE = 60.0


def reply(ticket_id: int) -> Draft:
    return Draft(ticket_id, datetime.now(), {}, {"text": f"reply to {ticket_id}"}, kind=REPLY)


def ready() -> None:
    print("ready", flush=True)
    sys.stdin.readline()


def write(path: Path, first: int, count: int, discard_odd: bool) -> None:
    store = DraftStore(path, ACCOUNT, lock_timeout=WRITER_PATIENCE)
    ready()
    for ticket_id in range(first, first + count):
        store.put(reply(ticket_id))
        if discard_odd and ticket_id % 2:
            store.discard(ticket_id, REPLY)


def hold(path: Path) -> None:
    with locked(path, LOCK_TIMEOUT):
        print("ready", flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    command, path, *rest = sys.argv[1:]
    if command == "hold":
        hold(Path(path))
    else:
        write(Path(path), int(rest[0]), int(rest[1]), "--discard-odd" in rest)
