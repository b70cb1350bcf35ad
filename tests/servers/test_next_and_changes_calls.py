"""The local SuperOffice server's calls for next in queue and live queues, over raw HTTP:
GetNextInQueue as TRIAGE-CALLS §2 describes it, and ``lastChanged afterTime`` with the literal
read in the zone SO-TimeZone asks for (the zone the answer's dates are written in)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from tests.servers.conftest import client
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.systems.superoffice.server.queue_routes import EMPTY_ANSWER_KEY

NEXT = "/v1/Agents/Ticket/GetNextInQueue"


def db(server: LocalSuperOffice, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql, params).fetchall()


def test_get_next_in_queue_assigns_the_oldest_waiting_ticket_to_the_caller(
    writable_so: LocalSuperOffice,
) -> None:
    with client(writable_so) as http:
        me = http.get("/v1/User/currentPrincipal").json()["AssociateId"]
        expected = db(
            writable_so,
            "SELECT t.ticket_id FROM ticket t JOIN ticket_status s USING (status_id) "
            "WHERE t.owned_by = 0 AND t.base_status = 1 AND s.used_in_queue = 1 "
            "ORDER BY t.created_at, t.ticket_id LIMIT 1",
        )[0][0]
        taken = http.post(NEXT)
        assert taken.status_code == 200
        entity = taken.json()
        assert entity["TicketId"] == expected
        assert entity["OwnedBy"]["AssociateId"] == me
        assert entity["ReadStatus"] == "Red"  # its new owner has not read it
        assert http.post(NEXT).json()["TicketId"] != expected  # taken: not offered again


def test_an_empty_queue_answers_null_204_or_ticket_id_0_as_configured(
    writable_so: LocalSuperOffice,
) -> None:
    db(writable_so, "UPDATE ticket SET owned_by = 2 WHERE owned_by = 0")
    with client(writable_so) as http:
        for kind, check in (
            ("null", lambda r: r.status_code == 200 and r.json() is None),
            ("204", lambda r: r.status_code == 204 and not r.content),
            ("zero", lambda r: r.status_code == 200 and r.json()["TicketId"] == 0),
        ):
            db(writable_so, "INSERT OR REPLACE INTO meta VALUES (?, ?)", EMPTY_ANSWER_KEY, kind)
            assert check(http.post(NEXT)), kind


def test_after_time_reads_the_literal_in_the_zone_asked_for(local_so: LocalSuperOffice) -> None:
    newest = {"$select": "ticketId,lastChanged", "$orderBy": "lastChanged desc", "$top": "1"}
    with client(local_so) as http:
        for zone in ("UTC", "Europe/Oslo", "America/New_York"):
            http.headers["SO-TimeZone"] = zone
            row = http.get("/v1/Ticket", params=newest).json()["value"][0]
            stamp = datetime.fromisoformat(row["lastChanged"])
            just_before = (stamp - timedelta(seconds=1)).isoformat()
            found = http.get(
                "/v1/Ticket",
                params={
                    "$select": "ticketId,lastChanged",
                    "$filter": f"lastChanged afterTime '{just_before}'",
                },
            ).json()["value"]
            assert [r["PrimaryKey"] for r in found] == [row["PrimaryKey"]], zone
            at_it = http.get(
                "/v1/Ticket",
                params={"$filter": f"lastChanged afterTime '{stamp.isoformat()}'"},
            ).json()["value"]
            assert at_it == [], zone
