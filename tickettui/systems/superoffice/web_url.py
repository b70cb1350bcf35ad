"""The agent's web page of a SuperOffice Service ticket, from the profile's API URL.

Service's documented URL parameters open a ticket with ``ticket.fcgi?action=listTicket&
ticketId=N`` under the tenant's Service site: online the tenant's ``CS`` folder
(``https://online2.superoffice.com/Cust1234/CS/scripts/ticket.fcgi``), onsite the host's root
(``https://host/scripts/ticket.fcgi``). Sources: SuperOffice docs, "URL parameters"
(ui/blogic/url-parameters) and the Service template variables csti/csbu
(document/templates/variables/for-service). An install elsewhere sets the profile's
``web_url``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tickettui.systems.superoffice.urls import api_base_url

__all__ = ["default_web_url"]

_ONLINE_TENANT = re.compile(r"cust\d+", re.IGNORECASE)
_TICKET_PAGE = "scripts/ticket.fcgi?action=listTicket&ticketId={id}"


def default_web_url(profile_url: str) -> str:
    """``{id}`` template of the ticket's page in Service, for an API URL as the profile has it."""
    base = urlsplit(api_base_url(profile_url))
    segments = [s for s in base.path.split("/") if s]
    site = f"{base.scheme}://{base.netloc}/"
    if segments and _ONLINE_TENANT.fullmatch(segments[0]):
        site += f"{segments[0]}/CS/"
    return site + _TICKET_PAGE
