"""SuperOffice's reply templates in shapes a tenant may send, against a faked Web API
(``httpx.MockTransport``): what the agent is offered and what one is filled in as."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.superoffice.test_client_errors import _client
from tickettui.core.errors import NotFound
from tickettui.systems.superoffice.reply_templates import SuperOfficeTemplates


def item(item_id: int, name: str, children: list[Any] | None = None, **more: Any) -> Any:
    return {"Id": item_id, "Name": name, "ChildItems": children or [], "Deleted": False} | more


def tenant(
    flat: list[Any], headings: Any, parsed: Any = None, seen: list[httpx.Request] | None = None
) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        path = request.url.path
        if path.endswith("MDOList/replytemplate"):
            assert request.url.params["flat"] == "true"
            return httpx.Response(200, json=flat)
        if path.endswith("MDOList/replytemplateheadings"):
            if headings is None:
                return httpx.Response(
                    404, json={"Error": True, "ErrorType": "SoNotFound", "ErrorMessage": "No"}
                )
            return httpx.Response(200, json=headings)
        if path.endswith("Agents/Ticket/GetTicket"):
            return httpx.Response(200, json={"TicketId": 7, "CustId": 455})
        if path.endswith("Agents/CustomerService/GetParsedTemplate"):
            return httpx.Response(200, json=parsed)
        return httpx.Response(404, json={"Error": True, "ErrorMessage": path})

    return answer


async def test_system_deleted_and_folder_rows_are_not_offered_and_folders_nest() -> None:
    flat = [
        item(31, "Acknowledge", ToolTip="We have it"),
        item(32, "System template - New ticket"),
        item(33, "SYSTEM TEMPLATE -  Password"),
        item(34, "Old one", Deleted=True),
        item(40, "A folder in the flat list", [item(35, "Inside")]),
        item(31, "Acknowledge"),  # listed twice: offered once
    ]
    headings = [
        item(-1, "General", [item(31, "Acknowledge")]),
        item(-2, "Billing", [item(-3, "Refunds", [item(35, "Inside")])]),
    ]
    async with _client(tenant(flat, headings)) as client:
        offered = await SuperOfficeTemplates(client).reply_templates()
    assert [(t.folder, t.name, t.ref) for t in offered.templates] == [
        ("General", "Acknowledge", "31"),
        ("Billing/Refunds", "Inside", "35"),
    ]
    assert offered.templates[0].description == "We have it"


async def test_without_the_headings_the_templates_come_without_folders() -> None:
    async with _client(tenant([item(31, "Acknowledge")], None)) as client:
        offered = await SuperOfficeTemplates(client).reply_templates()
    assert [(t.folder, t.name) for t in offered.templates] == [("", "Acknowledge")]


async def test_filled_in_for_the_ticket_and_its_person_in_their_language() -> None:
    seen: list[httpx.Request] = []
    parsed = {
        "ReplyTemplateId": 31,
        "Subject": "Your request [7]",
        "PlainParsed": "unused",
        "HtmlParsed": "<p>Hi Ann,</p><p>We are <b>on it</b>.</p>",
        "Attachments": [],
    }
    async with _client(tenant([item(31, "Ack")], [], parsed, seen)) as client:
        templates = SuperOfficeTemplates(client)
        template = (await templates.reply_templates()).templates[0]
        filled = await templates.fill(template, 7)
    assert filled.text == "Hi Ann,\n\nWe are on it."
    body = json.loads(seen[-1].content)
    assert body == {"ReplyTemplateId": 31, "LanguageId": 0, "PersonId": 455, "TicketId": 7}


@pytest.mark.parametrize(
    ("parsed", "text"),
    [
        ({"HtmlParsed": "", "PlainParsed": "Hi Ann,\r\n\r\nPlain.\r\n"}, "Hi Ann,\n\nPlain."),
        ({"HtmlParsed": None, "PlainParsed": "Only plain"}, "Only plain"),
    ],
)
async def test_the_plain_text_where_the_html_is_empty(parsed: Any, text: str) -> None:
    async with _client(tenant([item(31, "Ack")], [], parsed)) as client:
        templates = SuperOfficeTemplates(client)
        template = (await templates.reply_templates()).templates[0]
        assert (await templates.fill(template, 7)).text == text


async def test_a_null_answer_is_not_found_in_one_line() -> None:
    async with _client(tenant([item(31, "Ack\x1b[31m")], [], None)) as client:
        templates = SuperOfficeTemplates(client)
        template = (await templates.reply_templates()).templates[0]
        with pytest.raises(NotFound) as caught:
            await templates.fill(template, 7)
    assert str(caught.value) == "Reply template 'Ack␛[31m' not found"
