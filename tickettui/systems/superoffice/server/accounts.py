"""Demo credentials of the local SuperOffice server.

All three schemes authenticate as the same demo associate (DEMO_ASSOCIATE_ID), so a
client can be pointed at the server with whichever scheme it is testing.
Other seeded agents log in with Basic auth, password = their login name in lower case
(e.g. ``TJ`` / ``tj``), which lets tests act as a second writer.
"""

from __future__ import annotations

DEMO_USER = "agent"
DEMO_PASSWORD = "demo"  # noqa: S105 - public demo credential of a local test server

# SOTicket credentials are only valid together with the matching SO-AppToken header,
# like Online system-user tickets.
DEMO_SOTICKET = "7T:ZGVtby1zeXN0ZW0tdXNlcg=="
DEMO_APP_TOKEN = "demo-app-token"  # noqa: S105

DEMO_BEARER = "8A:Cust12345.demo-access-token"

DEMO_ASSOCIATE_ID = 5
DEMO_FULL_NAME = "Hannah Berg"
