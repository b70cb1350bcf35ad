"""Reading a ticket's messages never holds the keyboard: turning HTML mail into text (0.25 s
for a 1 MB body since issue 18) runs in a worker thread, not on the event loop, on both
systems. The backend is the app's own (cache and deferred start in front), over loopback."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import kw_factory, kw_server
from tickettui.systems.keliweb import backend as keliweb_backend
from tickettui.systems.superoffice import backend as superoffice_backend

__all__ = ["kw_server"]  # fixture, imported for pytest


def where_mapped(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[bool]:
    """Whether each call of ``module.name`` (the mapping that converts bodies) ran on the
    event loop's thread."""
    on_loop: list[bool] = []
    original = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        on_loop.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return on_loop


def read_a_thread(factory: Callable[[], Any]) -> int:
    async def run() -> int:
        backend = factory()
        try:
            sections = await backend.sections()
            for section in sections:
                tickets = await backend.list_tickets(section, ["id", "title"])
                if tickets:
                    return len(await backend.messages(tickets[0].id))
            raise AssertionError("no ticket on the server")
        finally:
            await backend.aclose()

    return asyncio.run(run())


def test_superoffice_bodies_are_turned_into_text_off_the_event_loop(
    so_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop = where_mapped(monkeypatch, superoffice_backend, "message_from_row")
    count = read_a_thread(backend_factory_for(so_server))
    assert count > 0 and len(on_loop) == count
    assert not any(on_loop)


def test_keliweb_bodies_are_turned_into_text_off_the_event_loop(
    kw_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop = where_mapped(monkeypatch, keliweb_backend, "messages_from_ticket")
    count = read_a_thread(kw_factory(kw_server))
    assert count > 0 and on_loop == [False]
