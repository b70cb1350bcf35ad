"""The fixed part of the demo tenant: reference date, agents, categories, priorities,
statuses, ticket types, and which tickets carry hostile text.

Nothing here is random; the seed's random stream only decides what is drawn from these.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tickettui.systems.superoffice.server import accounts, enums

# Every seeded date is derived from this, never from the wall clock, so tests can assert on them.
REFERENCE_DATE = datetime(2026, 11, 20, 9, 0, 0)
HISTORY = timedelta(days=730)
OWN_COMPANY_ID = 1
OWN_COMPANY = "Nordlys Software AS"
SUPPORT_ADDRESS = "support@nordlys-software.example"
EJ_USER_OFFSET = 20  # ejuser ids differ from associate ids, as in real databases

# (associate_id, login name, first name, last name, deleted)
AGENTS: tuple[tuple[int, str, str, str, bool], ...] = (
    (3, "TJ", "Tobias", "Johansen", False),
    (4, "PR", "Priya", "Raman", False),
    (accounts.DEMO_ASSOCIATE_ID, accounts.DEMO_USER, "Hannah", "Berg", False),
    (6, "MO", "Marcus", "Olsen", False),
    (7, "SL", "Sofia", "Lindqvist", False),
    (8, "DO", "Daniel", "Okafor", False),
    (9, "EK", "Emma", "Kristiansen", False),
    (10, "LM", "Lucas", "Moreau", False),
    (11, "IH", "Ingrid", "Haugen", False),
    (12, "AN", "Ahmed", "Nasser", False),
    (13, "CB", "Chloe", "Bennett", False),
    (14, "JE", "Jonas", "Eriksen", True),  # former employee: owns only old tickets
)

# (id, parent id, name)
CATEGORIES: tuple[tuple[int, int, str], ...] = (
    (1, -1, "Support"),
    (2, 1, "Hardware"),
    (3, 1, "Software"),
    (4, 1, "On-line"),
    (5, -1, "Sales"),
    (6, 5, "Licensing"),
    (7, -1, "Billing"),
    (8, 7, "Invoices"),
    (9, 7, "Refunds"),
    (10, -1, "Onboarding"),
)
CATEGORY_WEIGHTS = (8, 10, 22, 12, 4, 6, 3, 12, 6, 5)

# (id, name, deadline minutes, default)
PRIORITIES = (
    (1, "Low", 7200, 0),
    (2, "Medium", 2880, 1),
    (3, "High", 480, 0),
    (4, "Critical", 120, 0),
)
PRIORITY_WEIGHTS = (25, 45, 22, 8)

# (id, name, base status, time counter, default, used in queue)
STATUSES = (
    (1, "Open", enums.ACTIVE, 1, 1, 1),
    (2, "Closed", enums.CLOSED, 0, 1, 0),
    (3, "Postponed", enums.POSTPONED, 0, 1, 0),
    (4, "Deleted", enums.DELETED, 0, 1, 0),
    (5, "Merged", enums.MERGED, 0, 1, 0),
    (6, "Waiting for customer", enums.ACTIVE, 2, 0, 0),
    (7, "In progress", enums.ACTIVE, 1, 0, 1),
)
TICKET_TYPES = (
    (1, "Standard request", 1),
    (2, "Incident", 0),
    (3, "Service request", 0),
    (4, "Complaint", 0),
)

# Tickets carrying hostile text (kept low so small test seeds contain them).
HOSTILE_IDS = (4, 9, 13, 21, 34)


# What a seeded message is, from the ticket's point of view (decides author and wording).
CUSTOMER_MESSAGE, AGENT_REPLY, INTERNAL_NOTE, CUSTOMER_FOLLOWUP = 0, 1, 2, 3
CUSTOMER_ORIGINS = (1, 8, 11, 12)  # Email, CustomerCentre, Chat, Form: the customer writes first

ACTIVE_AGENT_IDS = tuple(a[0] for a in AGENTS if not a[4])
DELETED_AGENT_IDS = tuple(a[0] for a in AGENTS if a[4])
AGENT_NAMES = {a[0]: (a[1], f"{a[2]} {a[3]}") for a in AGENTS}  # id -> (login, full name)
# The demo agent gets a larger share so "my tickets" is never empty.
OWNER_WEIGHTS = tuple(3 if a == accounts.DEMO_ASSOCIATE_ID else 1 for a in ACTIVE_AGENT_IDS)
