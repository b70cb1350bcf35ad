"""SuperOffice replies and notes name their authors by full name, as the title bar names the
agent (issue 19): the stored author is a login ("agent", "PR") or an e-mail address. Against the
local server, whose messages store what NetServer stores."""

from __future__ import annotations

from typing import Any

from tests.conftest import demo_settings
from tickettui.core.domain import MessageKind
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient


class CountingClient(SuperOfficeClient):
    """Counts the whole messages read to learn an author's name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message_reads = 0

    async def get_ticket_message(self, message_id: int) -> Any:
        self.message_reads += 1
        return await super().get_ticket_message(message_id)


async def test_threads_name_agents_and_customers_by_full_name(so_server: Any) -> None:
    client = CountingClient(demo_settings(so_server))
    backend = SuperOfficeBackend(client)
    try:
        lists = await backend.pick_lists()
        full_names = {item.Name for item in lists.associates if item.Name}
        logins = {item.ToolTip for item in lists.associates} | {"agent"}
        seen: list[Any] = []
        for ticket_id in range(1, 31):
            seen.extend(await backend.messages(ticket_id))
        reads = client.message_reads
        for ticket_id in range(1, 31):  # the same threads again: every name is known
            await backend.messages(ticket_id)
        assert client.message_reads == reads
    finally:
        await backend.aclose()
    by_agents = [m for m in seen if m.kind is not MessageKind.CUSTOMER]
    assert by_agents and all(m.author in full_names for m in by_agents)
    assert not {m.author for m in seen} & logins
    customers = [m for m in seen if m.kind is MessageKind.CUSTOMER]
    assert customers and all("@" not in m.author and " " in m.author for m in customers)
    # Some agents were neither owner nor creator: looked up once each, not once per message.
    assert 0 < reads <= len(full_names)


async def test_my_reply_is_signed_with_my_name(fresh_so_server: Any) -> None:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(fresh_so_server)))
    try:
        me = await backend.current_user()
        await backend.add_message(5, "Fixed, please try again", internal=False)
        await backend.add_message(5, "Customer called back", internal=True)
        thread = await backend.messages(5)
    finally:
        await backend.aclose()
    reply, note = thread[-2:]
    assert me and me != "agent"
    assert (reply.kind, reply.author) == (MessageKind.REPLY, me)
    assert (note.kind, note.author) == (MessageKind.NOTE, me)
