"""The API URL as a user pastes it -> one canonical base; malformed ones fail in one clear line."""

import pytest

from tickettui.core.errors import ConfigurationError
from tickettui.systems.superoffice.urls import api_base_url, display_host, redact_url

ONSITE = "https://host/SuperOffice/api/v1/"
ONLINE = "https://sod2.superoffice.com/Cust12345/api/v1/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://host/SuperOffice/api", ONSITE),
        ("https://host/SuperOffice/api/", ONSITE),
        ("https://host/SuperOffice/api/v1", ONSITE),
        ("https://host/SuperOffice/api/v1/", ONSITE),
        ("  https://host/SuperOffice/api  ", ONSITE),
        ("HTTPS://HOST/SuperOffice/API/V1", "https://host/SuperOffice/API/v1/"),
        ("https://sod2.superoffice.com/Cust12345/api", ONLINE),
        ("https://sod2.superoffice.com/Cust12345/api/v1/", ONLINE),
        ("http://127.0.0.1:8123/SuperOffice/api", "http://127.0.0.1:8123/SuperOffice/api/v1/"),
        ("http://localhost:8123/SuperOffice/api/", "http://localhost:8123/SuperOffice/api/v1/"),
        ("https://host:8443/api", "https://host:8443/api/v1/"),
        ("http://[::1]:8123/SuperOffice/api", "http://[::1]:8123/SuperOffice/api/v1/"),
        ("https://crm_intranet/SuperOffice/api", "https://crm_intranet/SuperOffice/api/v1/"),
    ],
)
def test_normalises(url: str, expected: str) -> None:
    assert api_base_url(url) == expected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("host/SuperOffice/api", "must start with https:// or http://"),
        ("localhost:8080/SuperOffice/api", "must start with https:// or http://"),
        ("ftp://host/SuperOffice/api", "must use https or http, not ftp"),
        ("https:///SuperOffice/api", "no host"),
        ("https://ho st/SuperOffice/api", "contains spaces"),
        ("https://-bad-.com/api", "invalid host"),
        ("https://host:99999/api", "invalid port"),
        ("https://host:port/api", "invalid port"),
        ("https://host/SuperOffice", "must end in /api"),
        ("https://sod2.superoffice.com/Cust12345/default.aspx", "must end in /api"),
        ("https://host/SuperOffice/api?x=1", "query"),
        ("https://host/SuperOffice/api#top", "fragment"),
        ("https://[::1/api", "not a valid URL"),
        ("garbage", "must start with"),
    ],
)
def test_rejects_with_one_line_reason(url: str, reason: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        api_base_url(url)
    message = str(info.value)
    assert reason in message
    assert "\n" not in message


def test_credentials_in_the_url_are_refused_and_never_echoed() -> None:
    with pytest.raises(ConfigurationError) as info:
        api_base_url("https://agent:s3cret-pw@host/SuperOffice/api")
    message = str(info.value)
    assert "s3cret-pw" not in message
    assert "agent" not in message
    assert "user name or password" in message
    assert "https://host/SuperOffice/api" in message


def test_bad_scheme_message_does_not_echo_a_password_either() -> None:
    with pytest.raises(ConfigurationError) as info:
        api_base_url("ftp://agent:s3cret-pw@host/api")
    assert "s3cret-pw" not in str(info.value)


def test_redact_and_display_host() -> None:
    assert redact_url("https://u:p@host/a?b=c") == "https://host/a?b=c"
    assert display_host("https://sod2.superoffice.com/Cust1/api/v1/") == "sod2.superoffice.com"
    assert display_host("http://127.0.0.1:9/SuperOffice/api/v1/") == "127.0.0.1:9"
    assert display_host("http://u:p@h:1/") == "h:1"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://localhost:8080/SuperOffice/api", True),
        ("http://127.0.0.1:8080/SuperOffice/api", True),
        ("http://[::1]:8080/SuperOffice/api", True),
        ("http://[::ffff:127.0.0.1]:8080/SuperOffice/api", True),
        # A name is whatever a resolver makes of it: only the literal localhost is loopback.
        ("http://so.localhost:8080/SuperOffice/api", False),
        ("http://localhost.attacker.example/SuperOffice/api", False),
        ("http://127.0.0.1.nip.io/SuperOffice/api", False),
        ("http://so.example.com/SuperOffice/api", False),
        ("https://so.localhost/SuperOffice/api", True),
    ],
)
def test_plain_http_only_to_this_machine(url: str, allowed: bool) -> None:
    from tickettui.core.errors import ConfigurationError
    from tickettui.systems.superoffice.urls import check_transport

    if allowed:
        check_transport(url, allow_http=False)
    else:
        with pytest.raises(ConfigurationError, match=r"^Refusing plain http:// to "):
            check_transport(url, allow_http=False)
    check_transport(url, allow_http=True)  # the profile's allow_insecure_http lets it through
