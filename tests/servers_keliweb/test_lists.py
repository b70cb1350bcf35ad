"""get-tickets, get-support-departments and get-support-statuses."""

from __future__ import annotations

from tickettui.systems.keliweb.server import accounts

from .conftest import Api


def test_paging_with_limitstart_limitnum_and_totalresults(api: Api) -> None:
    first = api.ok("get-tickets")
    total = first["totalresults"]
    assert isinstance(total, int) and total > 60
    assert first["startnumber"] == 0 and first["numreturned"] == 25
    pages = [api.ok("get-tickets", limitstart=start, limitnum=40) for start in range(0, total, 40)]
    assert all(p["totalresults"] == total for p in pages)
    ids = [t["id"] for p in pages for t in p["tickets"]["ticket"]]
    assert len(ids) == len(set(ids)) == total
    assert pages[-1]["numreturned"] == total - 40 * (len(pages) - 1)
    assert pages[1]["startnumber"] == 40
    last_replies = [t["lastreply"] for p in pages for t in p["tickets"]["ticket"]]
    assert last_replies == sorted(last_replies, reverse=True)


def test_rows_use_id_not_ticketid_and_string_ids(api: Api) -> None:
    row = api.ok("get-tickets", limitnum=1)["tickets"]["ticket"][0]
    assert "ticketid" not in row
    for key in ("id", "tid", "deptid", "userid"):
        assert isinstance(row[key], str) and row[key].isdigit()
    assert isinstance(row["flag"], int)
    assert {"requestor_name", "requestor_email", "requestor_type", "owner_name", "c"} <= set(row)


def test_no_match_means_no_tickets_key(api: Api) -> None:
    empty = api.ok("get-tickets", subject="no ticket is about this zzz")
    assert empty == {"result": "success", "totalresults": 0, "startnumber": 0, "numreturned": 0}
    past_the_end = api.ok("get-tickets", limitstart=100_000)
    assert past_the_end["totalresults"] > 0 and "tickets" not in past_the_end


def test_status_filters_and_pseudo_statuses(api: Api) -> None:
    statuses = api.ok("get-support-statuses")["statuses"]["status"]
    counts = {s["title"]: s["count"] for s in statuses}
    for title, count in counts.items():
        assert api.ok("get-tickets", status=title, limitnum=0)["totalresults"] == count
    # MySQL compares case-insensitively.
    assert (
        api.ok("get-tickets", status="customer-reply")["totalresults"] == counts["Customer-Reply"]
    )
    active = api.all_tickets(status="All Active Tickets")
    assert len(active) == sum(n for t, n in counts.items() if t != "Closed")
    awaiting = api.all_tickets(status="Awaiting Reply")
    assert {t["status"] for t in awaiting} == {"Open", "Customer-Reply"}
    flagged = api.all_tickets(status="My Flagged Tickets")
    assert flagged and {t["flag"] for t in flagged} == {6}


def test_department_subject_and_email_filters(api: Api) -> None:
    domini = api.all_tickets(deptid=4)
    assert domini and {t["deptid"] for t in domini} == {"4"}
    ssl = api.all_tickets(subject="certificato")
    assert ssl and all("certificato" in t["subject"].lower() for t in ssl)
    tickets = api.all_tickets()
    contact = next(t for t in tickets if t["requestor_type"] == "Sub-Account")
    theirs = api.all_tickets(email=contact["requestor_email"])
    assert theirs and len(theirs) < len(tickets)
    assert {t["requestor_email"] for t in theirs} == {contact["requestor_email"]}
    # The account owner's address matches every ticket of the account.
    assert len(api.all_tickets(email=accounts.DEMO_USERNAME.upper())) == len(tickets)


def test_departments_are_sorted_by_name_with_counts_as_strings(api: Api) -> None:
    body = api.ok("get-support-departments")
    assert body["totalresults"] == "4"
    departments = body["departments"]["department"]
    names = [d["name"] for d in departments]
    assert names == sorted(names) and "Supporto Tecnico" in names
    for dept in departments:
        assert all(isinstance(dept[k], str) for k in ("id", "awaitingreply", "opentickets"))
        active = api.ok("get-tickets", deptid=dept["id"], status="All Active Tickets")
        awaiting = api.ok("get-tickets", deptid=dept["id"], status="Awaiting Reply")
        assert dept["opentickets"] == str(active["totalresults"])
        assert dept["awaitingreply"] == str(awaiting["totalresults"])


def test_statuses_have_whmcs_titles_and_colours_plus_a_custom_one(api: Api) -> None:
    body = api.ok("get-support-statuses")
    statuses = body["statuses"]["status"]
    assert body["totalresults"] == len(statuses) == 7
    colours = {s["title"]: s["color"] for s in statuses}
    assert colours["Open"] == "#779500" and colours["Customer-Reply"] == "#ff6600"
    assert colours["Closed"] == "#888888" and "Waiting on Supplier" in colours
    assert [s["title"] for s in statuses][-1] == "Closed"  # sort order 10
    assert all(isinstance(s["count"], int) for s in statuses)
    one_dept = api.ok("get-support-statuses", deptid=3)["statuses"]["status"]
    assert sum(s["count"] for s in one_dept) == api.ok("get-tickets", deptid=3)["totalresults"]
