"""Laravel's side of the wrapper: expectsJson() decides between JSON errors and redirects."""

from __future__ import annotations

import httpx

from tickettui.systems.keliweb.server import LocalKeliweb

from .conftest import Api

URL = "/api/v2/keliweb/get-tickets"


def test_without_json_headers_an_unauthenticated_call_redirects_to_login(
    local_kw: LocalKeliweb,
) -> None:
    with httpx.Client(base_url=local_kw.base_url) as http:
        # httpx sends "Accept: */*" and no X-Requested-With: a browser-like request.
        response = http.post(URL, data={"limitnum": "1"})
        assert response.status_code == 302
        assert response.headers["location"] == f"{local_kw.base_url}/login"
        assert response.headers["content-type"].startswith("text/html")
        login = http.get("/login")
        assert login.status_code == 200 and "<form" in login.text
        # XHR that prefers HTML is still not a JSON request.
        html_xhr = http.post(
            URL, headers={"X-Requested-With": "XMLHttpRequest", "Accept": "text/html"}
        )
        assert html_xhr.status_code == 302


def test_json_callers_get_a_401(local_kw: LocalKeliweb) -> None:
    with httpx.Client(base_url=local_kw.base_url) as http:
        for headers in (
            {"Accept": "application/json"},
            {"X-Requested-With": "XMLHttpRequest"},
            {"Accept": "application/json", "Authorization": "Bearer not-a-token"},
        ):
            response = http.post(URL, headers=headers)
            assert response.status_code == 401, headers
            assert response.json() == {"message": "Unauthenticated."}


def test_unknown_actions_and_wrong_methods(local_kw: LocalKeliweb) -> None:
    with httpx.Client(base_url=local_kw.base_url, headers={"Accept": "application/json"}) as http:
        missing = http.post("/api/v2/keliweb/get-invoices")
        wrong_method = http.get(URL)
    assert missing.status_code == 404
    assert missing.json() == {
        "message": "The route api/v2/keliweb/get-invoices could not be found."
    }
    assert wrong_method.status_code == 405
    assert "Supported methods: POST." in wrong_method.json()["message"]


def test_laravel_validates_the_ids_it_needs_with_a_422(api: Api) -> None:
    cases = {
        "get-ticket": (
            {},
            "ticketid",
            "The ticketid field is required when ticketnum is not present.",
        ),
        "add-ticket-reply": ({"message": "hi"}, "ticketid", "The ticketid field is required."),
        "open-ticket": (
            {"deptid": "uno", "subject": "s", "message": "m"},
            "deptid",
            "The deptid must be an integer.",
        ),
    }
    for action, (form, field, message) in cases.items():
        response = api.raw(action, **form)
        assert response.status_code == 422, action
        assert response.json() == {
            "message": "The given data was invalid.",
            "errors": {field: [message]},
        }


def test_a_browser_with_invalid_data_is_sent_back(api: Api) -> None:
    response = api.http.post(
        "/api/v2/keliweb/get-ticket",
        headers={"Authorization": f"Bearer {api.token}", "Referer": "https://panel.example/t"},
    )
    assert response.status_code == 302
    assert response.headers["location"] == "https://panel.example/t"


def test_form_bodies_as_urlencoded_and_real_multipart(api: Api) -> None:
    ticket = api.all_tickets()[0]
    headers = {"Accept": "application/json", "Authorization": f"Bearer {api.token}"}
    url = "/api/v2/keliweb/get-ticket"
    multipart = api.http.post(url, files={"ticketid": (None, ticket["id"])}, headers=headers)
    urlencoded = api.http.post(url, data={"ticketid": ticket["id"]}, headers=headers)
    assert multipart.json() == urlencoded.json()
    assert multipart.json()["tid"] == ticket["tid"]
