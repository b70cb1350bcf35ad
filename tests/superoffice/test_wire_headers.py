"""Request headers per auth scheme; missing credentials named, never shown."""

import base64

import pytest
from pydantic import SecretStr

from tickettui.core.errors import ConfigurationError
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.headers import USER_AGENT, build_headers
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

URL = "https://host/SuperOffice/api"
PASSWORD = "pa:ss-wörd-42"
TOKEN = "7T:dGhpcyBpcyBhIHRpY2tldA=="
APP_TOKEN = "app-secret-99"
XSRF = "xsrf-value-77"


def _settings(**values: object) -> SuperOfficeSettings:
    return SuperOfficeSettings.model_validate({"url": URL, **values})


def test_basic() -> None:
    headers = build_headers(_settings(user="agent", password=SecretStr(PASSWORD)))
    expected = base64.b64encode(f"agent:{PASSWORD}".encode()).decode()
    assert headers["Authorization"] == f"Basic {expected}"
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("tickettui/")
    assert "SO-AppToken" not in headers


def test_soticket_is_sent_raw_with_the_app_token() -> None:
    headers = build_headers(
        _settings(auth=AuthScheme.SOTICKET, token=SecretStr(TOKEN), app_token=SecretStr(APP_TOKEN))
    )
    assert headers["Authorization"] == f"SOTicket {TOKEN}"
    assert headers["SO-AppToken"] == APP_TOKEN


def test_bearer() -> None:
    headers = build_headers(_settings(auth=AuthScheme.BEARER, token=SecretStr("8A:Cust1.abc")))
    assert headers["Authorization"] == "Bearer 8A:Cust1.abc"


def test_xsrf_has_no_authorization_header() -> None:
    headers = build_headers(_settings(auth=AuthScheme.XSRF, xsrf_token=SecretStr(XSRF)))
    assert "Authorization" not in headers
    assert headers["X-XSRF-TOKEN"] == XSRF


def test_locale_headers_only_when_set() -> None:
    plain = build_headers(_settings(user="a", password=SecretStr("b")))
    assert not {"Accept-Language", "SO-Language", "SO-Culture"} & set(plain)
    # Dates always come with their offset: UTC unless the profile names a zone.
    assert plain["SO-TimeZone"] == "UTC, includeTZOffset"
    headers = build_headers(
        _settings(
            user="a",
            password=SecretStr("b"),
            accept_language="nb",
            language="en",
            culture="nb",
            timezone="NO",
        )
    )
    assert headers["Accept-Language"] == "nb"
    assert headers["SO-Language"] == "en"
    assert headers["SO-Culture"] == "nb"
    assert headers["SO-TimeZone"] == "NO, includeTZOffset"


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({"password": SecretStr(PASSWORD)}, "user"),
        ({"user": "agent"}, "password"),
        ({"user": "agent", "password": SecretStr("")}, "password"),
        ({}, "user and a password"),
        ({"auth": AuthScheme.SOTICKET}, "token"),
        ({"auth": AuthScheme.BEARER, "app_token": SecretStr(APP_TOKEN)}, "token"),
        ({"auth": AuthScheme.XSRF}, "xsrf_token"),
    ],
)
def test_missing_credential_is_named(values: dict[str, object], missing: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        build_headers(_settings(**values))
    assert missing in str(info.value)
    assert PASSWORD not in str(info.value)
    assert APP_TOKEN not in str(info.value)


def test_line_breaks_in_a_header_value_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="SO-Culture"):
        build_headers(_settings(user="a", password=SecretStr("b"), culture="nb\r\nX-Evil: 1"))


async def test_no_secret_in_any_repr() -> None:
    settings = _settings(
        auth=AuthScheme.SOTICKET,
        user="agent",
        password=SecretStr(PASSWORD),
        token=SecretStr(TOKEN),
        app_token=SecretStr(APP_TOKEN),
        xsrf_token=SecretStr(XSRF),
    )
    async with SuperOfficeClient(settings) as client:
        shown = " ".join([repr(settings), str(settings), repr(client), str(client)])
    for secret in (PASSWORD, TOKEN, APP_TOKEN, XSRF):
        assert secret not in shown
    assert repr(client) == "SuperOfficeClient(host='host')"


def test_missing_ca_bundle_is_a_configuration_error() -> None:
    settings = _settings(user="a", password=SecretStr("b"), verify_tls="/nonexistent/ca.pem")
    with pytest.raises(ConfigurationError, match=r"CA bundle '/nonexistent/ca\.pem'"):
        SuperOfficeClient(settings)
