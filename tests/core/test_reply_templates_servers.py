"""Reply templates from both local servers, through the app's backend (cache and deferred start
in front), as the compose window and `tickettui templates` get them.

SuperOffice lists its templates with their folders, leaves out "System template - ..." rows, and
fills one in for a ticket in the customer's language (Norwegian for a company in Norway).
Keliweb most likely does not pass WHMCS's predefined replies on: the first 404 means "not
offered", remembered for the session, and the local templates still come; with the calls
switched on, the replies come by category with [NAME] filled in here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.middleware import Middleware

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import SEED, TICKETS, kw_factory, start
from tests.template_helpers import ticket_with_customer_in, write_local
from tickettui.core.reply_templates import TemplateSource, find_template
from tickettui.core.template_catalogue import fill_template, load_catalogue
from tickettui.servers.request_log import RequestLog, RequestLogging
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.keliweb.server.predefined import ENV_SWITCH


@pytest.fixture()
def so_backend(so_server: Any) -> Iterator[Any]:
    yield backend_factory_for(so_server)()


async def test_superoffice_lists_its_templates_with_folders_and_no_system_templates(
    so_backend: Any, tmp_path: Path
) -> None:
    catalogue = await load_catalogue(
        so_backend, so_backend.capabilities, write_local(tmp_path / "templates")
    )
    await so_backend.aclose()
    server = [t for t in catalogue.templates if t.source is TemplateSource.SERVER]
    assert ("General", "Acknowledge receipt") in [(t.folder, t.name) for t in server]
    assert ("Billing", "Refund approved") in [(t.folder, t.name) for t in server]
    assert not [t for t in server if t.name.lower().startswith("system template")]
    assert [t.name for t in catalogue.templates if t.source is TemplateSource.LOCAL] == ["Thanks"]
    assert catalogue.problems == ()


async def test_superoffice_fills_a_template_in_for_the_ticket_in_the_customers_language(
    so_server: Any, so_backend: Any
) -> None:
    catalogue = await load_catalogue(so_backend, so_backend.capabilities, None)
    receipt = find_template(catalogue.templates, "Acknowledge receipt")
    norwegian, first = ticket_with_customer_in(so_server, norway=True)
    english, other_first = ticket_with_customer_in(so_server, norway=False)
    try:
        in_norwegian = await fill_template(so_backend, so_backend.capabilities, receipt, norwegian)
        in_english = await fill_template(so_backend, so_backend.capabilities, receipt, english)
        refund = find_template(catalogue.templates, "Refund approved")  # English only
        fallback = await fill_template(so_backend, so_backend.capabilities, refund, norwegian)
    finally:
        await so_backend.aclose()
    assert in_norwegian.text.startswith(f"Hei {first},\n\nTakk for at du kontaktet oss.")
    assert f"(sak {norwegian})" in in_norwegian.text
    assert "Med vennlig hilsen\nHannah Berg" in in_norwegian.text  # the signed-in agent
    assert in_english.text.startswith(f"Hi {other_first},\n\nThank you for contacting us.")
    assert f"(ticket {english})" in in_english.text
    assert "<p>" not in in_english.text and "<b>" not in in_english.text  # HTML made text
    assert fallback.text.startswith(f"Hi {first},\n\nYour refund has been approved")


async def test_a_local_template_is_filled_in_from_the_ticket(
    so_server: Any, so_backend: Any, tmp_path: Path
) -> None:
    catalogue = await load_catalogue(
        so_backend, so_backend.capabilities, write_local(tmp_path / "templates")
    )
    thanks = find_template(catalogue.templates, "thanks")
    ticket_id, _ = ticket_with_customer_in(so_server, norway=False)
    try:
        detail = await so_backend.ticket(ticket_id)
        filled = await fill_template(so_backend, so_backend.capabilities, thanks, ticket_id)
    finally:
        await so_backend.aclose()
    assert filled.text == f"Thanks {detail.person or detail.summary.customer}, ticket {ticket_id}."


async def test_a_server_error_is_one_line_and_local_templates_still_come(
    fresh_so_server: Any, tmp_path: Path
) -> None:
    backend = backend_factory_for(fresh_so_server)()
    try:
        fresh_so_server.stop()  # the server goes away
        catalogue = await load_catalogue(
            backend, backend.capabilities, write_local(tmp_path / "templates")
        )
    finally:
        await backend.aclose()
    assert [t.name for t in catalogue.templates] == ["Thanks"]
    assert len(catalogue.problems) == 1
    assert catalogue.problems[0].startswith("SuperOffice templates could not be loaded: ")
    assert "\n" not in catalogue.problems[0]


@pytest.fixture()
def kw_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[LocalKeliweb, RequestLog]]:
    """Keliweb as it most likely is (the predefined-reply calls answer 404), counting requests."""
    monkeypatch.delenv(ENV_SWITCH, raising=False)
    log = RequestLog()
    with LocalKeliweb.start(
        tickets=TICKETS,
        seed=SEED,
        db_path=tmp_path / "kw.sqlite",
        middleware=[Middleware(RequestLogging, log=log)],
    ) as server:
        yield server, log


@pytest.fixture()
def kw_with_predefined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalKeliweb]:
    monkeypatch.setenv(ENV_SWITCH, "1")  # the server's switch, as `tickettui server` reads it
    with start(tmp_path) as server:
        yield server


async def test_keliweb_answers_404_by_default_so_only_local_templates_are_offered(
    kw_default: tuple[LocalKeliweb, RequestLog], tmp_path: Path
) -> None:
    server, log = kw_default
    backend = kw_factory(server)()
    folder = write_local(tmp_path / "templates")
    try:
        first = await load_catalogue(backend, backend.capabilities, folder)
        second = await load_catalogue(backend, backend.capabilities, folder)
    finally:
        await backend.aclose()
    for catalogue in (first, second):
        assert [(t.source, t.name) for t in catalogue.templates] == [
            (TemplateSource.LOCAL, "Thanks")
        ]
        assert catalogue.problems == (
            "Keliweb does not offer its predefined replies through the API: local templates only",
        )
    assert log.total("predefined-cats") == 1  # asked once: the 404 is remembered
    assert log.total("predefined-replies") == 0


async def test_keliweb_predefined_replies_by_category_with_placeholders_filled(
    kw_with_predefined: LocalKeliweb,
) -> None:
    backend = kw_factory(kw_with_predefined)()
    try:
        catalogue = await load_catalogue(backend, backend.capabilities, None)
        listed = [(t.folder, t.name) for t in catalogue.templates]
        reset = find_template(catalogue.templates, "Reset password")
        locked = find_template(catalogue.templates, "Two-factor")
        section = (await backend.sections())[0]
        ticket = (await backend.list_tickets(section, ["id"]))[0]
        detail = await backend.ticket(ticket.id)
        filled = await fill_template(backend, backend.capabilities, reset, ticket.id)
        warned = await fill_template(backend, backend.capabilities, locked, ticket.id)
    finally:
        await backend.aclose()
    assert catalogue.problems == ()
    assert ("Accounts & logins", "Reset password") in listed
    assert ("Billing", "Invoice <paid>") in listed  # WHMCS's escaping undone once
    assert ("Domains/Transfers", "Transfer authorisation code") in listed
    assert "[NAME]" not in filled.text and "[EMAIL]" not in filled.text
    assert filled.text.startswith("Hello ") and "\r" not in filled.text
    assert detail.email in filled.text
    assert warned.text.endswith("[SIGNATURE]")
    assert warned.warning.startswith("Unknown variable [SIGNATURE] left as written")
