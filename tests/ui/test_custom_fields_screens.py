"""The tenant's own ticket fields on screen, against the local SuperOffice server: the detail's
header shows them by their labels (nothing where a ticket has none), and the edit form changes
them with an input of their kind (a number, Yes/No, a day, a list) and saves them."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.conftest import backend_factory_for, demo_settings
from tests.pilot import until, wait_for
from tickettui.core.domain import (
    Capabilities,
    Choice,
    CustomField,
    FieldKind,
    TicketDetail,
    TicketSummary,
)
from tickettui.core.field_codecs import CODECS
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.edit import EditScreen
from tickettui.ui.widgets.field_inputs import INPUTS, FieldRows, id_part
from tickettui.ui.widgets.ticket_header import TicketHeader, header_chunks

TICKET = 130  # a Bronze contract, open (see the seed)
SIZE = (100, 40)


class BareApp(TicketApp):
    """The app without the queue: each story opens its screen itself."""

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()


async def stored(server: Any, ticket_id: int) -> dict[str, Any]:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(server)))
    try:
        return {f.key: f.value for f in (await backend.ticket(ticket_id)).custom_fields}
    finally:
        await backend.aclose()


# --- the detail --------------------------------------------------------------------------------


async def test_the_detail_shows_the_fields_by_their_labels(so_server: Any) -> None:
    app = BareApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DetailScreen(TICKET))
        await until(pilot, lambda: app.screen.query(TicketHeader), "the detail")
        header = app.screen.query_one(TicketHeader)
        # ...and the rest of its loading done: leaving mid-load fails a worker on a busy machine.
        await wait_for(pilot, lambda: header.detail is not None, "the ticket")
        text = "\n".join(header.plain_lines(SIZE[0] - 2))
    for shown in (
        "Contract level Bronze",
        "Affected users ",
        "SLA breached No",
        "Renewal date 20",
        "Source system Mail gateway",
        "custom.sla 24h response",  # plug-in data: by its key
    ):
        assert shown in text, (shown, text)
    assert "Hours quoted" not in text  # empty: left out
    assert ":org" not in text


def test_a_ticket_without_fields_shows_none_and_server_labels_are_inert() -> None:
    summary = TicketSummary(id=1, title="t")
    caps = Capabilities(system_name="x")
    plain = [chunk.text for chunk in header_chunks(TicketDetail(summary), caps)]
    fields = (
        CustomField(
            "x_a", "Level\x1b]52;c;cm0=\x07", FieldKind.CHOICE, "1", (Choice("1", "Gold"),)
        ),
        CustomField("x_b", "Secret", FieldKind.TEXT, "hidden", hidden=True),
        CustomField("x_c", "Breached", FieldKind.BOOL, True),
    )
    chunks = [c.text for c in header_chunks(TicketDetail(summary, custom_fields=fields), caps)]
    assert chunks[: len(plain)] == plain
    assert chunks[len(plain) :] == ["Level␛]52;c;cm0=␇ Gold", "Breached Yes"]


# --- the edit form -----------------------------------------------------------------------------


def test_every_field_kind_has_an_input_and_any_key_an_id() -> None:
    assert set(INPUTS) == set(CODECS) == set(FieldKind)
    for key in ("title", "x_contract_level", "SuperOffice:3", "custom.sla", "a-b"):
        widget = Input(id="field-" + id_part(key))
        assert FieldRows.key_of(widget) == key


async def type_into(pilot: Pilot[Any], screen: EditScreen, key: str, text: str) -> None:
    widget = screen.query_one(f"#field-{id_part(key)}", Input)
    widget.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *text)


async def pick(pilot: Pilot[Any], screen: EditScreen, key: str, value: str) -> None:
    """Open the drop-down with enter and walk to ``value`` with the arrow keys."""
    select: Select[str] = screen.query_one(f"#field-{id_part(key)}", Select)
    select.focus()
    await pilot.pause()
    # Select._options is Textual's (private), read here only to count the steps.
    values = [v for _, v in select._options if v is not Select.NULL]
    step = values.index(value) - values.index(str(select.value))
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*(["down"] * step if step > 0 else ["up"] * -step), "enter")
    await pilot.pause()
    assert select.value == value


async def test_the_edit_form_changes_them_and_saves(fresh_so_server: Any) -> None:
    before = await stored(fresh_so_server, TICKET)
    assert before["x_sla_breached"] is False and before["x_contract_level"] == "Bronze"
    app = BareApp(backend_factory_for(fresh_so_server))
    async with app.run_test(size=SIZE) as pilot:
        app.edit_ticket(TICKET)
        await until(
            pilot,
            lambda: isinstance(app.screen, EditScreen) and app.screen.ready,
            "the form",
        )
        screen = app.screen
        assert isinstance(screen, EditScreen)
        assert not screen.query(f"#field-{id_part('x_source_system')}")  # read-only
        assert screen.query_one("#field-x_affected_users", Input).value == str(
            before["x_affected_users"]
        )
        await type_into(pilot, screen, "x_affected_users", "12.5")
        await pilot.press("tab")
        assert "Not a whole number" in str(screen.query_one("#error-x_affected_users").render())
        await type_into(pilot, screen, "x_affected_users", "12")
        await type_into(pilot, screen, "x_hours_quoted", "3,5")
        await type_into(pilot, screen, "x_renewal_date", "2027-06-30")
        await pick(pilot, screen, "x_sla_breached", "yes")
        await pick(pilot, screen, "x_contract_level", "Gold")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
    after = await stored(fresh_so_server, TICKET)
    assert after == before | {
        "x_affected_users": 12,
        "x_hours_quoted": 3.5,
        "x_renewal_date": date(2027, 6, 30),
        "x_sla_breached": True,
        "x_contract_level": "Gold",
    }
