"""WHMCS's predefined replies as Keliweb might send them (NOTES §3: lists wrapped or bare, one
element unwrapped, empty as "" or absent, numbers as strings or ints), against a faked Keliweb:
what the agent gets as templates, which calls are made, and what a 404 or an error does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.keliweb.fake_keliweb import FakeKeliweb, form_of
from tests.keliweb.test_client import client_for, ok
from tickettui.core.errors import TicketTuiError
from tickettui.core.reply_templates import TemplateSource
from tickettui.systems.keliweb.predefined_replies import NOT_OFFERED, KeliwebPredefinedReplies

CATEGORIES = "get-ticket-predefined-cats"
REPLIES = "get-ticket-predefined-replies"


def replies_by_category(answers: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    """The replies call answering per ``catid`` ("" for none)."""
    return lambda request: httpx.Response(200, json=answers[form_of(request).get("catid", "")])


async def test_categories_and_replies_in_every_shape_whmcs_sends() -> None:
    fake = FakeKeliweb()
    fake.answers[CATEGORIES] = ok(
        {
            "result": "success",
            "totalresults": 3,  # an int in 8.x, a string in the docs
            "categories": [  # bare, no {"category": [...]} wrapper
                {"id": 2, "parentid": "0", "name": "Billing &amp; plans", "replycount": "2"},
                {"id": "5", "parentid": "2", "name": "Refunds", "replycount": 1},
                {"id": "9", "parentid": "0", "name": "Empty", "replycount": "0"},
            ],
        }
    )
    fake.answers[REPLIES] = replies_by_category(
        {
            "2": {
                "result": "success",
                "totalresults": "2",
                "predefinedreplies": {
                    "predefinedreply": [
                        {"name": "Invoice copy", "reply": "Hello [NAME],\r\nattached."},
                        {"name": "Payment &lt;late&gt;", "reply": "Dear [FIRSTNAME]"},
                    ]
                },
            },
            # One element, unwrapped by an XML->JSON bridge.
            "5": {
                "result": "success",
                "predefinedreplies": {"predefinedreply": {"name": "Refund", "reply": "Done."}},
            },
        }
    )
    async with client_for(fake) as client:
        offered = await KeliwebPredefinedReplies(client).reply_templates()
    assert offered.note == ""
    assert [(t.folder, t.name, t.body) for t in offered.templates] == [
        ("Billing & plans", "Invoice copy", "Hello [NAME],\nattached."),
        ("Billing & plans", "Payment <late>", "Dear [FIRSTNAME]"),
        ("Billing & plans/Refunds", "Refund", "Done."),
    ]
    assert {t.source for t in offered.templates} == {TemplateSource.SERVER}
    asked = [form_of(r).get("catid") for r in fake.requests if r.url.path.endswith(REPLIES)]
    assert sorted(asked) == ["2", "5"]  # the empty category is not asked


async def test_no_categories_asks_once_for_every_reply_and_empty_lists_are_none() -> None:
    fake = FakeKeliweb()
    fake.answers[CATEGORIES] = ok({"result": "success", "totalresults": "0", "categories": ""})
    fake.answers[REPLIES] = replies_by_category(
        {"": {"result": "success", "totalresults": "0", "predefinedreplies": ""}}
    )
    async with client_for(fake) as client:
        offered = await KeliwebPredefinedReplies(client).reply_templates()
    assert offered.templates == ()
    assert sum(r.url.path.endswith(REPLIES) for r in fake.requests) == 1


async def test_a_404_is_not_offered_and_not_asked_again() -> None:
    fake = FakeKeliweb()  # no answers: every action is a 404, as Keliweb most likely has it
    async with client_for(fake) as client:
        source = KeliwebPredefinedReplies(client)
        first = await source.reply_templates()
        second = await source.reply_templates()
    assert first.templates == second.templates == ()
    assert first.note == second.note == NOT_OFFERED
    assert sum(r.url.path.endswith(CATEGORIES) for r in fake.requests) == 1


async def test_an_error_is_raised_in_one_line_and_asked_again_next_time() -> None:
    fake = FakeKeliweb()
    fake.answers[CATEGORIES] = ok({"result": "error", "message": "Access Denied"})
    async with client_for(fake) as client:
        source = KeliwebPredefinedReplies(client)
        for _ in range(2):
            with pytest.raises(TicketTuiError) as caught:
                await source.reply_templates()
            assert "Access Denied" in str(caught.value) and "\n" not in str(caught.value)
    assert sum(r.url.path.endswith(CATEGORIES) for r in fake.requests) == 2
