"""One seeded message row: who wrote it, its text (plain and, often, HTML), its e-mail
headers and attachments, as the ticket's timeline asks for it.
"""

from __future__ import annotations

import html
import json
import random
from datetime import datetime
from typing import Any

from tickettui.systems.superoffice.server import corpus, enums
from tickettui.systems.superoffice.server.dates import to_stored
from tickettui.systems.superoffice.server.seed_catalogue import (
    ACTIVE_AGENT_IDS,
    AGENT_NAMES,
    CUSTOMER_FOLLOWUP,
    CUSTOMER_MESSAGE,
    INTERNAL_NOTE,
    SUPPORT_ADDRESS,
)
from tickettui.systems.superoffice.server.seed_state import CustomerPerson, SeedState

Link = tuple[str, str]  # (url, title)

# The files a seeded message carries, with the type a mail gateway gives each (a real server
# sends image/png for a PNG; application/octet-stream is for what it cannot tell).
DEMO_FILE_TYPES = {
    "screenshot.png": "image/png",
    "error.log": "text/plain",
    "invoice.pdf": "application/pdf",
}


def message_row(
    state: SeedState,
    message_id: int,
    ticket_id: int,
    number: int,
    kind: int,
    moment: datetime,
    title: str,
    product: str,
    person: CustomerPerson | None,
    owner: int,
    hostile: bool,
) -> tuple[tuple[Any, ...], int, int]:
    """The message's row, minutes spent on it, and 1 if it has an attachment (else 0)."""
    rng = state.rng
    agent = owner if owner and rng.random() < 0.8 else rng.choice(ACTIVE_AGENT_IDS)
    agent_login, agent_name = AGENT_NAMES[agent]
    headers = "[]"
    email_header = ""
    attachments = "[]"
    attached = 0
    spent = 0
    badge = 0
    if kind in (CUSTOMER_MESSAGE, CUSTOMER_FOLLOWUP) and person is not None:
        created_by, author, slevel, badge = 0, person[3], enums.EXTERNAL, 4
        company = state.contact_names[person[4]]
        if kind == CUSTOMER_MESSAGE:
            paragraphs = [
                f"Our {product} has a problem: {rng.choice(corpus.SYMPTOMS)}.",
                rng.choice(corpus.CUSTOMER_DETAILS),
            ]
        else:
            paragraphs = [rng.choice(corpus.CUSTOMER_FOLLOWUPS)]
        greeting, signature = "Hi,", ["Best regards,", person[2], company]
        items: list[str] = []
        link = None
        headers = json.dumps(
            [
                {
                    "Id": message_id * 10 + 1,
                    "Name": "From",
                    "Value": f"{person[2]} <{person[3]}>",
                    "StdItem": "From",
                    "StdItemCol": 0,
                },
                {
                    "Id": message_id * 10 + 2,
                    "Name": "To",
                    "Value": SUPPORT_ADDRESS,
                    "StdItem": "To",
                    "StdItemCol": 0,
                },
            ]
        )
        email_header = (
            f"From: {person[2]} <{person[3]}>\r\nTo: {SUPPORT_ADDRESS}\r\nSubject: {title}\r\n"
        )
        if rng.random() < 0.08:
            attached = 1
            attachments = json.dumps(
                [
                    {
                        "AttachmentId": message_id,
                        "Name": (name := rng.choice(tuple(DEMO_FILE_TYPES))),
                        "ContentType": DEMO_FILE_TYPES[name],
                        "AttSize": rng.randrange(2_000, 900_000),
                        "InlineImage": False,
                        "ContentId": "",
                        "AuthKey": f"k{message_id:08x}",
                        "IsSafeFileExtension": True,
                    }
                ]
            )
    elif kind == INTERNAL_NOTE:
        created_by, author, slevel, badge = agent, agent_login, enums.INTERNAL, 3
        greeting, signature, items, link = "", [], [], None
        paragraphs = [rng.choice(corpus.INTERNAL_NOTES)]
        spent = rng.randrange(0, 20)
    else:
        created_by, author, slevel, badge = agent, agent_login, enums.EXTERNAL, 1
        greeting = f"Hi {person[1]}," if person else "Hi,"
        paragraphs = [rng.choice(corpus.AGENT_ACKS), "Please try the following:"]
        items = rng.sample(corpus.AGENT_STEPS, rng.randrange(2, 4))
        link = rng.choice(corpus.KB_LINKS)
        signature = [
            rng.choice(corpus.AGENT_CLOSINGS),
            "",
            "Kind regards,",
            agent_name,
            "Nordlys Software Support",
        ]
        spent = rng.randrange(2, 30)
    if hostile:
        paragraphs.append(corpus.HOSTILE_BODIES[message_id % len(corpus.HOSTILE_BODIES)])

    body = _plain_body(greeting, paragraphs, items, link, signature)

    as_html = kind != INTERNAL_NOTE and (hostile or rng.random() < 0.55)
    html_body = (
        _html_body(rng, greeting, paragraphs, items, link, signature, hostile) if as_html else ""
    )

    search_title = title if number == 0 else f"Re: {title}"
    row = (
        message_id,
        ticket_id,
        to_stored(moment),
        to_stored(moment),
        created_by,
        author,
        slevel,
        enums.HTML if as_html else enums.PLAIN,
        body,
        html_body,
        int(rng.random() < 0.03),
        1,
        person[0] if person and kind in (CUSTOMER_MESSAGE, CUSTOMER_FOLLOWUP) else None,
        f"<{ticket_id}.{message_id}.{state.seed}@mail.nordlys-software.example>",
        email_header,
        headers,
        attachments,
        spent,
        "en",
        rng.randrange(-100, 101) if badge == 4 else 0,
        rng.randrange(0, 101) if badge == 4 else 0,
        badge,
        search_title,
        "",
        "{}",
        "{}",
    )
    return row, spent, attached


def _plain_body(
    greeting: str, paragraphs: list[str], items: list[str], link: Link | None, signature: list[str]
) -> str:
    body_lines = [greeting, ""] if greeting else []
    for paragraph in paragraphs:
        body_lines += [paragraph, ""]
    for step, item in enumerate(items, start=1):
        body_lines.append(f"{step}. {item}")
    if items:
        body_lines.append("")
    if link:
        body_lines += [f"See {link[1]}: {link[0]}", ""]
    body_lines += signature
    return "\n".join(body_lines).strip()


def _html_body(
    rng: random.Random,
    greeting: str,
    paragraphs: list[str],
    items: list[str],
    link: Link | None,
    signature: list[str],
    hostile: bool,
) -> str:
    parts = [f"<p>{html.escape(greeting)}</p>"] if greeting else []
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    if items:
        parts.append("<ol>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ol>")
    if link:
        parts.append(f'<p>See <a href="{link[0]}">{html.escape(link[1])}</a>.</p>')
    if signature:
        parts.append("<p>" + "<br>".join(html.escape(s) for s in signature if s) + "</p>")
    if hostile or rng.random() < 0.02:
        parts.insert(0, corpus.HOSTILE_HTML)  # e.g. a forwarded newsletter
    return "".join(parts)
