"""DeferredBackend: what it answers before the build, when it builds, and what a failure does."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tickettui.core.deferred import DeferredBackend
from tickettui.core.domain import Capabilities, Section
from tickettui.core.errors import ConfigurationError

CAPS = Capabilities(system_name="Fake")
SECTIONS = [Section("mine", "Mine", "q")]
ACCOUNT = ("https://so", "ann")


class Fake:
    capabilities = CAPS
    closed = False

    async def current_user(self) -> str:
        return "Ann"

    async def sections(self) -> list[Section]:
        return [Section("server", "From the server", "")]

    async def aclose(self) -> None:
        self.closed = True

    async def my_owner_value(self) -> str:
        return "7"


def deferred(
    builds: list[Any], fail: int = 0, sections: list[Section] | None = SECTIONS, **options: Any
) -> DeferredBackend:
    def build() -> Any:
        if len(builds) < fail:
            builds.append(None)
            raise ConfigurationError("verify_tls: cannot load the CA bundle")
        backend = Fake()
        builds.append(backend)
        return backend

    options.setdefault("account", ACCOUNT)
    return DeferredBackend(build, CAPS, sections, **options)


async def test_capabilities_sections_and_the_account_need_no_build() -> None:
    builds: list[Any] = []
    backend = deferred(builds)
    assert backend.capabilities is CAPS
    assert await backend.sections() == SECTIONS
    assert backend.account == ACCOUNT
    assert builds == []
    await backend.aclose()
    assert builds == []


async def test_the_build_waits_for_the_gate_and_concurrent_calls_share_it() -> None:
    builds: list[Any] = []
    backend = deferred(builds)
    gate = asyncio.Event()
    backend.defer_until(gate.wait)
    calls = [asyncio.create_task(backend.current_user()) for _ in range(3)]
    await asyncio.sleep(0.05)
    assert builds == [] and not any(c.done() for c in calls)
    gate.set()
    assert await asyncio.gather(*calls) == ["Ann"] * 3
    assert len(builds) == 1
    assert await backend.sections() == [Section("server", "From the server", "")]
    assert await backend.my_owner_value() == "7"
    await backend.aclose()
    assert builds[0].closed


async def test_a_failed_build_raises_its_error_and_is_tried_again() -> None:
    builds: list[Any] = []
    backend = deferred(builds, fail=1, in_thread=False)
    with pytest.raises(ConfigurationError, match="CA bundle"):
        await backend.current_user()
    assert await backend.current_user() == "Ann"
    await backend.aclose()


async def test_closing_before_the_gate_opens_builds_nothing() -> None:
    builds: list[Any] = []
    backend = deferred(builds)
    backend.defer_until(asyncio.Event().wait)  # never opens
    call = asyncio.create_task(backend.current_user())
    await asyncio.sleep(0.01)
    await backend.aclose()
    assert builds == []
    call.cancel()


async def test_sections_only_the_server_knows_are_asked_of_the_built_backend() -> None:
    builds: list[Any] = []
    backend = deferred(builds, sections=None, in_thread=True)
    assert await backend.sections() == [Section("server", "From the server", "")]
    assert len(builds) == 1  # built in a thread, not on the event loop
    await backend.aclose()


async def test_nothing_is_forwarded_implicitly_and_nothing_builds_on_the_event_loop() -> None:
    builds: list[Any] = []
    backend = deferred(builds)
    with pytest.raises(AttributeError):
        backend.some_system_extra  # type: ignore[attr-defined]  # noqa: B018
    assert builds == []
    await backend.aclose()
