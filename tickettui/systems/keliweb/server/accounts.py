"""Demo credentials of the local Keliweb server (public constants of a local test server).

``DEMO_CLIENT_ID``/``DEMO_CLIENT_SECRET`` are the Passport password-grant client a
reseller gets from its Keliweb account manager; ``DEMO_USERNAME``/``DEMO_PASSWORD`` log
in as the reseller customer whose tickets the API shows. ``OTHER_USERNAME`` is a second
Keliweb customer, so tests can check that one customer never sees another's tickets.
"""

from __future__ import annotations

DEMO_CLIENT_ID = "9b3f6c2e-4d1a-4f7b-8a52-0c6e1d2f7a91"
DEMO_CLIENT_SECRET = "kw-demo-secret-7Qm2xR9vLp4tZ8sN"  # noqa: S105
DEMO_USERNAME = "demo@reseller.example"
DEMO_PASSWORD = "demo"  # noqa: S105

# WHMCS client id of the demo reseller (ticket ``userid``) and its display name.
DEMO_USER_ID = 1873
DEMO_USER_NAME = "Federica D'Amico"  # an apostrophe WHMCS stores escaped: D&#039;Amico
DEMO_COMPANY = "WebStudio D'Amico & C. S.r.l."

OTHER_USERNAME = "altro@cliente.example"
OTHER_PASSWORD = "altro"  # noqa: S105
OTHER_USER_ID = 2290

# The WHMCS admin behind Keliweb's API: author of notes added through the API and the
# "me" of the "My Flagged Tickets" pseudo-status.
API_ADMIN_ID = 6
API_ADMIN_NAME = "Keliweb API"

ACCESS_TTL = 3600.0  # seconds, Passport's token lifetime on Keliweb
REFRESH_TTL = 10 * 24 * 3600.0
