"""The tenant's own ticket fields on the local server, as NetServer documents them: extra fields
in CustomFields (encoded values, each with its ``:org`` twin) and again in the deprecated
ExtraFields beside plug-in data; ``GET Ticket/CustomField[/{name}]`` describes them; a save
takes them field by field."""

from __future__ import annotations

import re
from typing import Any

import httpx

from .conftest import assert_error

ENCODED = {
    "Integer": re.compile(r"^(\[I:-?\d+\])?$"),
    "Checkbox": re.compile(r"^\[I:[01]\]$"),
    "Decimal": re.compile(r"^(\[F:-?\d+(\.\d+)?\])?$"),
    "Date": re.compile(r"^(\[D:\d{2}/\d{2}/\d{4}\])?$"),
    "DateTime": re.compile(r"^(\[DT:\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}\.\d{7}\])?$"),
}


def _entity(http: httpx.Client, ticket_id: int) -> dict[str, Any]:
    return dict(http.get(f"/v1/Ticket/{ticket_id}").json())


def _save(http: httpx.Client, entity: dict[str, Any]) -> httpx.Response:
    return http.post("/v1/Ticket", params={"notify": "false"}, json=entity)


def test_the_field_descriptions(api: httpx.Client) -> None:
    infos = api.get("/v1/Ticket/CustomField").json()
    by_name = {info["FieldName"]: info for info in infos}
    assert {"x_contract_level", "x_affected_users", "x_sla_breached", "x_renewal_date"} <= set(
        by_name
    )
    assert all(name.startswith("x_") for name in by_name)  # Service has extra fields, not udefs
    level = by_name["x_contract_level"]
    assert level["FieldType"] == "ListText" and level["Choices"] == ["Gold", "Silver", "Bronze"]
    assert level["DisplayName"] == "Contract level" and level["TemplateVariableName"] is None
    assert by_name["x_hours_quoted"]["Precision"] == 1
    assert by_name["x_source_system"]["IsReadOnly"] is True
    assert [info["Rank"] for info in infos] == sorted(info["Rank"] for info in infos)
    one = api.get("/v1/Ticket/CustomField/x_sla_breached").json()
    assert one == by_name["x_sla_breached"]
    assert_error(api.get("/v1/Ticket/CustomField/x_nothing"), 404)


def test_tickets_carry_both_kinds_encoded(api: httpx.Client) -> None:
    infos = {i["FieldName"]: i for i in api.get("/v1/Ticket/CustomField").json()}
    seen_plugin_data = False
    for ticket_id in range(1, 41):
        entity = _entity(api, ticket_id)
        custom, extra = entity["CustomFields"], entity["ExtraFields"]
        assert set(custom) == set(infos) | {f"{name}:org" for name in infos}
        for name, info in infos.items():
            value = custom[name]
            assert isinstance(value, str) and custom[f"{name}:org"] == value
            assert extra[name] == value  # the deprecated bucket mirrors them
            pattern = ENCODED.get(info["FieldType"])
            assert pattern is None or pattern.match(value), (ticket_id, name, value)
        plugin = {key: value for key, value in extra.items() if key not in infos}
        assert set(plugin) <= {"custom.sla", "erp.customer_no"}
        seen_plugin_data = seen_plugin_data or bool(plugin)
    assert seen_plugin_data


def test_the_default_entity_has_every_field_empty(api: httpx.Client) -> None:
    entity = api.post("/v1/Agents/Ticket/CreateDefaultTicketEntity").json()
    assert entity["CustomFields"]["x_contract_level"] == ""
    assert entity["CustomFields"]["x_affected_users:org"] == ""


def test_a_save_takes_the_fields_sent_in_their_stored_form(writer: httpx.Client) -> None:
    before = _entity(writer, 5)
    entity = dict(before)
    entity["CustomFields"] = {
        **before["CustomFields"],
        "x_affected_users": "17",  # plain digits are taken, stored encoded
        "x_sla_breached": "[I:1]",
        "x_renewal_date": "[D:2027.03.31]",  # a SuperDate is taken too
        "x_hours_quoted": "[F:2.50]",
        "x_callback_at": "[DT:2026-12-01 09:30:00]",
        "x_source_system": "changed",  # read-only: ignored
        "x_unknown": "ignored",
        "x_contract_level:org": "whatever",  # the :org twins are the server's
    }
    response = _save(writer, entity)
    assert response.status_code == 200, response.text
    after = _entity(writer, 5)["CustomFields"]
    assert after["x_affected_users"] == "[I:17]" and after["x_sla_breached"] == "[I:1]"
    assert after["x_renewal_date"] == "[D:03/31/2027]"
    assert after["x_hours_quoted"] == "[F:2.5]"
    assert after["x_callback_at"] == "[DT:12/01/2026 09:30:00.0000000]"
    assert after["x_source_system"] == before["CustomFields"]["x_source_system"]
    assert after["x_contract_level"] == before["CustomFields"]["x_contract_level"]
    assert "x_unknown" not in after


def test_a_stale_extra_fields_copy_does_not_undo_a_change(writer: httpx.Client) -> None:
    before = _entity(writer, 6)
    entity = dict(before)
    entity["CustomFields"] = {**before["CustomFields"], "x_product_version": "9.9.9"}
    # ExtraFields still holds the old value, as a client that edits only CustomFields sends it.
    assert _save(writer, entity).status_code == 200
    after = _entity(writer, 6)
    assert after["CustomFields"]["x_product_version"] == "9.9.9"
    assert after["ExtraFields"]["x_product_version"] == "9.9.9"
    assert {k: v for k, v in after["ExtraFields"].items() if not k.startswith("x_")} == {
        k: v for k, v in before["ExtraFields"].items() if not k.startswith("x_")
    }


def test_a_value_of_the_wrong_type_is_refused(writer: httpx.Client) -> None:
    before = _entity(writer, 7)
    for name, value in (
        ("x_affected_users", "[I:many]"),
        ("x_sla_breached", "[I:2]"),
        ("x_renewal_date", "[D:someday]"),
        ("x_product_version", "v" * 21),
    ):
        entity = dict(before) | {"CustomFields": {**before["CustomFields"], name: value}}
        body = assert_error(_save(writer, entity), 400)
        assert name in body["ErrorMessage"]
    assert _entity(writer, 7)["CustomFields"] == before["CustomFields"]
