"""What a search sends the local Keliweb server, over raw HTTP (TRIAGE-CALLS §5): get-tickets'
subject filter is WHMCS's ``LIKE '%subject%'`` (case-insensitive, ``%`` and ``_`` wildcards as
in WHMCS, which does not escape them) across every status, paged with ``totalresults``; no
``tickets`` key when nothing matches; get-ticket ``ticketnum`` finds one by its number."""

from __future__ import annotations

from .conftest import Api


def test_the_subject_filter_spans_every_status_and_pages_with_a_total(api: Api) -> None:
    every = api.all_tickets(subject="BACKUP")
    assert len({t["status"] for t in every}) > 1  # closed ones too: no status sent
    first = api.ok("get-tickets", subject="backup", limitstart=0, limitnum=2)
    second = api.ok("get-tickets", subject="backup", limitstart=2, limitnum=2)
    assert first["totalresults"] == second["totalresults"] == len(every)
    assert first["numreturned"] == 2 and second["startnumber"] == 2
    ids = [t["id"] for t in first["tickets"]["ticket"] + second["tickets"]["ticket"]]
    assert ids == [t["id"] for t in every[:4]]


def test_nothing_matching_has_no_tickets_key(api: Api) -> None:
    body = api.ok("get-tickets", subject="no such subject at all")
    assert body["totalresults"] == 0 and body["numreturned"] == 0
    assert "tickets" not in body


def test_percent_and_underscore_are_wildcards_as_in_whmcs(api: Api) -> None:
    assert api.all_tickets(subject="rest_re%backup") == api.all_tickets(subject="restore backup")


def test_a_public_number_finds_its_ticket(api: Api) -> None:
    listed = api.all_tickets(subject="backup")[0]
    found = api.ok("get-ticket", ticketnum=listed["tid"])
    assert found["ticketid"] == listed["id"]
    assert api.error("get-ticket", ticketnum="000000") == "Ticket ID Not Found"


def test_the_subject_matches_without_case_or_accents_as_mysql_unicode_ci(writer: Api) -> None:
    row = writer.all_tickets(status="Open")[0]
    writer.ok("update-ticket", ticketid=row["id"], subject="Perché il sito è lento?")
    for typed in ("PERCHÉ IL SITO", "perche il sito e lento", "SITO È"):
        assert [t["id"] for t in writer.all_tickets(subject=typed)] == [row["id"]], typed
