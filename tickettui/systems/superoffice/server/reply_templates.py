"""Reply templates: ``MDOList/replytemplate`` (+ ``replytemplateheadings``) and
``Agents/CustomerService/GetParsedTemplate`` (TRIAGE-CALLS §4).

``GetParsedTemplate`` fills a template in for one ticket: ``LanguageId`` 0 is the customer's
own language (here: Norwegian for a company in Norway, else English), and a template without a
text in that language falls back to English, as a tenant's default language would. Variables
are filled in HTML-escaped in ``HtmlParsed`` and as they are in ``PlainParsed``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.superoffice.server import store
from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.body import Body
from tickettui.systems.superoffice.server.errors import JsonResponse, bad_request, not_found
from tickettui.systems.superoffice.server.reply_template_data import (
    ENGLISH,
    HEADINGS,
    LANGUAGES,
    NORWAY,
    NORWEGIAN,
    TEMPLATES,
    Template,
)

Json = dict[str, Any]
_VARIABLE = re.compile(r"\{([a-z]+\.[a-z]+)\}")
_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</ul>", re.IGNORECASE)
_ITEM = re.compile(r"<li>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BY_ID = {t.template_id: t for t in TEMPLATES}


def template_list(key: str, *, flat: bool, item: Callable[..., Json]) -> list[Json]:
    """``replytemplate``: every template (flat), or under its heading; ``replytemplateheadings``:
    the headings, each with its templates as ChildItems. ``item`` builds an MDOListItem."""

    def leaf(template: Template) -> Json:
        languages = ",".join(LANGUAGES[lang] for lang in sorted(template.texts))
        return item(
            template.template_id,
            template.name,
            tooltip=template.description,
            rank=template.template_id,
            extra=f"headingId={template.heading_id}&languages={languages}",
        )

    if key == "replytemplate" and flat:
        return [leaf(t) for t in TEMPLATES]
    return [
        item(
            -heading_id,  # headings live in their own id space: never mistaken for a template
            name,
            rank=heading_id,
            children=[leaf(t) for t in TEMPLATES if t.heading_id == heading_id],
        )
        for heading_id, name in HEADINGS.items()
    ]


def _language(lookups: store.Lookups, person_id: int) -> int:
    person = lookups.persons.get(person_id)
    contact = lookups.contacts.get(person["contact_id"]) if person is not None else None
    return NORWEGIAN if contact is not None and contact["country_id"] == NORWAY else ENGLISH


def _values(lookups: store.Lookups, ticket: Any, person_id: int, caller: int) -> dict[str, str]:
    person = lookups.persons.get(person_id)
    contact = lookups.contacts.get(person["contact_id"]) if person is not None else None
    associate = lookups.associates.get(caller)
    return {
        "customer.firstname": person["firstname"] if person is not None else "",
        "customer.lastname": person["lastname"] if person is not None else "",
        "customer.company": contact["name"] if contact is not None else "",
        "ticket.id": str(ticket["ticket_id"]),
        "ticket.title": ticket["title"],
        "user.fullname": associate["full_name"] if associate is not None else "",
    }


def _plain(html_text: str) -> str:
    """The plain-text version a tenant keeps beside the HTML (paragraphs as blank lines)."""
    text = _ITEM.sub("- ", _BREAK.sub("\n", html_text.replace("</p>", "</p>\n")))
    lines = html.unescape(_TAG.sub("", text)).split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in lines)).strip()


def _fill(text: str, values: dict[str, str], *, escape: bool) -> str:
    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return match.group(0)
        return html.escape(value) if escape else value

    return _VARIABLE.sub(one, text)


async def get_parsed_template(request: Request) -> Response:
    state = request.app.state.superoffice
    caller = authenticate(request.headers, state.lookups)
    body = Body.parse(await request.body())
    template = _BY_ID.get(body.integer("ReplyTemplateId"))
    if template is None:
        raise not_found(f"Reply template {body.get('ReplyTemplateId', None)} not found")
    ticket_id = body.integer("TicketId")
    ticket = store.get_ticket(state.conn, ticket_id)
    if ticket is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    person_id = body.integer("PersonId") or (ticket["person_id"] or 0)
    language = body.integer("LanguageId")
    if language == 0:
        language = _language(state.lookups, person_id)
    elif language not in LANGUAGES:
        raise bad_request(f"Unknown language id {language}")
    text = template.texts.get(language) or template.texts[ENGLISH]
    values = _values(state.lookups, ticket, person_id, caller)
    html_parsed = _fill(text.html, values, escape=True)
    return JsonResponse(
        {
            "ReplyTemplateId": template.template_id,
            "Subject": _fill(text.subject, values, escape=False),
            "PlainParsed": _plain(html_parsed),
            "HtmlParsed": html_parsed,
            "Attachments": [],
        }
    )


def routes(v1: str) -> list[BaseRoute]:
    return [
        Route(
            f"{v1}/Agents/CustomerService/GetParsedTemplate",
            get_parsed_template,
            methods=["POST"],
        )
    ]
