"""The queue filter's index finds exactly the tickets a look at each ticket finds.

The index stores each field's distinct values once and codes the rows (a byte a row while a
field has at most 256 values, more beyond), keeps the ids as one text, and picks rows in bulk
or one by one depending on how many are left: every way must give the same rows, in the order
on show, as ``matched_fields`` on each ticket, also after rows are patched in and updated.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from tickettui.core.domain import TicketSummary
from tickettui.core.ticket_filter import FilterIndex, Term, matched_fields, parse_filter
from tickettui.core.ticket_rows import TicketRows

WORDS = ["printer", "VPN", "crash", "Invoice", "løn", "straße", "e-mail", "12", "x#1", "ΣΟΦΙΑ"]
STATUSES = ["Open", "Waiting for customer", "Closed", "Postponed"]
OWNERS = ["Anna Berg", "Bo Ek", "Hannah Berg", ""]


def make_queue(count: int, *, customers: int, numbered: float, seed: int) -> list[TicketSummary]:
    """Tickets with repeated statuses/owners, ``customers`` distinct customers, and a share of
    them with a number of their own (Keliweb's tid; the rest are quoted by id)."""
    rng = random.Random(seed)
    queue = []
    for n in range(count):
        ticket_id = rng.choice([n + 1, 10 * n + 7, 100_000 + n, 3_000_000 + n])
        number = f"ABC-{rng.randint(1, 99999)}" if rng.random() < numbered else ""
        queue.append(
            TicketSummary(
                ticket_id,
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))),
                status=rng.choice(STATUSES),
                priority=rng.choice(["Low", "High", "Critical"]),
                category=rng.choice(["Billing/Invoices", "Support", ""]),
                owner=rng.choice(OWNERS),
                customer=f"Customer {rng.randint(1, customers)}",
                number=number,
            )
        )
    return queue


TYPED = [
    "p", "pr", "printer", "printer a", "vpn cr", "1", "12", "123", "-1", "abc", "abc-1", "#1",
    "#12", "#abc", "id:1", "id:10", "status:o", "status:open", "owner:me", "owner:berg",
    "cust:1", "cust:customer 2", "cat:bill", "title:vpn", "prio:cr", "løn", "STRASSE", "straße",
    "σοφια", "x#1", "zzz", "e-mail 7", "open printer anna",
]  # fmt: skip


def expected(queue: list[TicketSummary], text: str, order: list[int]) -> list[int]:
    terms = parse_filter(text, "Hannah Berg")
    return [i for i in order if all(matched_fields(queue[i], term) for term in terms)]


@pytest.mark.parametrize("ids_prepared", [False, True], ids=["ids-on-first-digit", "ids-idle"])
@pytest.mark.parametrize(
    ("customers", "numbered"),
    [(40, 0.0), (900, 0.0), (900, 1.0), (40, 0.3)],
    ids=["few-customers", "many-customers", "all-numbered", "some-numbered"],
)
def test_every_filter_finds_what_each_ticket_holds(
    customers: int, numbered: float, ids_prepared: bool
) -> None:
    queue = make_queue(3000, customers=customers, numbered=numbered, seed=customers)
    index = FilterIndex(queue)
    if ids_prepared:  # as the list does once the app is idle after its first paint
        index.prepare_ids()
    shuffled = list(range(len(queue)))
    random.Random(1).shuffle(shuffled)
    for text in TYPED:
        terms = parse_filter(text, "Hannah Berg")
        everything = list(range(len(queue)))
        assert index.search(terms) == expected(queue, text, everything), text
        assert index.search(terms, within=shuffled) == expected(queue, text, shuffled), text
        few = shuffled[:40]  # few rows: tested one by one
        assert index.search(terms, within=few) == expected(queue, text, few), text


def test_rows_patched_in_and_changed_are_found_by_their_new_values() -> None:
    queue = make_queue(2000, customers=300, numbered=0.2, seed=5)
    rows = TicketRows(queue)
    rows.set_me("Hannah Berg")
    rows.ensure_filter_index()
    rng = random.Random(9)
    changed = [
        replace(queue[i], title=f"Zebra {i}", customer=f"New customer {i}", status="Brand new")
        for i in rng.sample(range(len(queue)), 50)
    ]
    added = make_queue(300, customers=600, numbered=0.5, seed=6)
    added = [replace(t, id=9_000_000 + n) for n, t in enumerate(added)]
    rows.patch([*changed, *added])
    now = rows.tickets
    for text in [*TYPED, "zebra", "status:brand", "new customer 1", "#900000", "id:9000001"]:
        rows.set_filter(text)
        want = expected(now, text, list(range(len(now))))
        assert list(rows.view) == want, text


def test_typing_on_and_back_shows_what_a_fresh_search_would() -> None:
    queue = make_queue(3000, customers=500, numbered=0.0, seed=3)
    rows = TicketRows(queue)
    typed = "printer a 1 status:open"
    for end in [*range(1, len(typed) + 1), *range(len(typed), -1, -1)]:
        rows.set_filter(typed[:end])
        want = expected(queue, typed[:end], list(range(len(queue))))
        assert list(rows.view) == want, typed[:end]


def test_a_term_for_nobody_matches_nothing() -> None:
    queue = make_queue(100, customers=10, numbered=0.0, seed=2)
    assert FilterIndex(queue).search([Term("", "nothing")]) == []
