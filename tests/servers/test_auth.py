"""Every /v1 route needs one of the three Authorization schemes; failures are JSON 401s."""

from __future__ import annotations

import base64

import httpx

from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

from .conftest import assert_error, basic, client


def _get(server: LocalSuperOffice, headers: dict[str, str]) -> httpx.Response:
    with client(server, headers) as http:
        return http.get("/v1/Ticket", params={"$select": "ticketId", "$top": "1"})


def test_basic_soticket_and_bearer_are_all_the_demo_agent(local_so: LocalSuperOffice) -> None:
    schemes = [
        basic(),
        {
            "Authorization": f"SOTicket {accounts.DEMO_SOTICKET}",
            "SO-AppToken": accounts.DEMO_APP_TOKEN,
        },
        {
            "Authorization": f"SoTicket {accounts.DEMO_SOTICKET}",
            "SO-AppToken": accounts.DEMO_APP_TOKEN,
        },
        {"Authorization": f"Bearer {accounts.DEMO_BEARER}"},
    ]
    for headers in schemes:
        with client(local_so, headers) as http:
            response = http.post("/v1/Agents/Ticket/CreateDefaultTicketEntity")
        assert response.status_code == 200, headers
        assert response.json()["OwnedBy"]["AssociateId"] == accounts.DEMO_ASSOCIATE_ID


def test_a_wrong_password_is_a_json_401(local_so: LocalSuperOffice) -> None:
    body = assert_error(_get(local_so, basic(password="wrong")), 401, "SoAuthenticationException")
    assert "password" in body["ErrorMessage"].lower()


def test_soticket_needs_the_app_token(local_so: LocalSuperOffice) -> None:
    ticket = {"Authorization": f"SOTicket {accounts.DEMO_SOTICKET}"}
    assert_error(_get(local_so, ticket), 401)
    assert_error(_get(local_so, {**ticket, "SO-AppToken": "someone-elses-token"}), 401)


def test_missing_bad_and_unsupported_credentials_are_401(local_so: LocalSuperOffice) -> None:
    assert_error(_get(local_so, {}), 401)
    assert_error(_get(local_so, {"X-XSRF-TOKEN": "abc"}), 401)
    assert_error(_get(local_so, {"Authorization": "Bearer 8A:Cust12345.expired"}), 401)
    assert_error(_get(local_so, {"Authorization": "Basic !!!not-base64"}), 401)
    assert_error(_get(local_so, {"Authorization": "Negotiate abc"}), 401)


def test_other_agents_log_in_with_their_login_name(local_so: LocalSuperOffice) -> None:
    token = base64.b64encode(b"tj:tj").decode()  # login names match case-insensitively
    with client(local_so, {"Authorization": f"Basic {token}"}) as http:
        rows = http.get(
            "/v1/Ticket", params={"$select": "ownedBy", "$filter": "ownedBy currentAssociate"}
        ).json()["value"]
    assert rows and {r["ownedBy"] for r in rows} == {"TJ"}


def test_the_version_endpoint_needs_no_login(local_so: LocalSuperOffice) -> None:
    response = httpx.get(local_so.base_url)
    assert response.status_code == 200
    assert response.json()["NetServerVersion"]


def test_current_principal_and_associate_describe_the_caller(api: httpx.Client) -> None:
    principal = api.get("/v1/User/currentPrincipal").json()
    assert principal["AssociateId"] == accounts.DEMO_ASSOCIATE_ID
    assert principal["Associate"] == accounts.DEMO_USER
    assert principal["FullName"] == accounts.DEMO_FULL_NAME
    assert principal["EjUserId"] != principal["AssociateId"]
    associate = api.get("/v1/User/currentAssociate").json()
    assert (
        associate["AssociateId"] == accounts.DEMO_ASSOCIATE_ID
        and associate["Type"] == "InternalAssociate"
    )
