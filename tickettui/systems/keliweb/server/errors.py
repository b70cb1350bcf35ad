"""The error shapes of the two layers (NOTES section 3): Laravel/Passport and WHMCS.

Laravel answers with real HTTP statuses (401, 404, 405, 422) and ``{"message": ...}``;
Passport's OAuth errors are 400/401 with ``error``/``error_description``/``message``;
WHMCS errors are ``{"result": "error", "message": ...}`` with HTTP 200.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response


class JsonResponse(Response):
    """Laravel's JsonResponse: ``application/json``, non-ASCII kept as UTF-8, slashes escaped."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        # PHP's json_encode escapes "/" as "\/" unless told otherwise; clients must not care.
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return text.replace("/", "\\/").encode("utf-8")


class WhmcsError(Exception):
    """A WHMCS API error: HTTP 200 with ``result: error`` (clients must check ``result``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unauthenticated(Exception):
    """Laravel's AuthenticationException: JSON 401 or a redirect to /login (expectsJson)."""


class ValidationFailed(Exception):
    """Laravel's ValidationException: 422 JSON with per-field messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The given data was invalid.")
        self.errors = errors


class OAuthError(Exception):
    """league/oauth2-server's OAuthServerException as Passport renders it."""

    def __init__(self, status: int, error: str, description: str, hint: str = "") -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description
        self.hint = hint

    def response(self) -> JsonResponse:
        body: dict[str, str] = {"error": self.error, "error_description": self.description}
        if self.hint:
            body["hint"] = self.hint
        body["message"] = self.description
        return JsonResponse(body, status_code=self.status)


def invalid_credentials() -> OAuthError:
    return OAuthError(400, "invalid_grant", "The user credentials were incorrect.")


def invalid_refresh_token(hint: str) -> OAuthError:
    return OAuthError(400, "invalid_grant", "The refresh token is invalid.", hint)


def invalid_client() -> OAuthError:
    return OAuthError(401, "invalid_client", "Client authentication failed")


def invalid_request(parameter: str) -> OAuthError:
    return OAuthError(
        400,
        "invalid_request",
        "The request is missing a required parameter, includes an invalid parameter value, "
        "includes a parameter more than once, or is otherwise malformed.",
        f"Check the `{parameter}` parameter",
    )


def unsupported_grant_type() -> OAuthError:
    return OAuthError(
        400,
        "unsupported_grant_type",
        "The authorization grant type is not supported by the authorization server.",
        "Check that all required parameters have been provided",
    )


def whmcs_error(message: str) -> JsonResponse:
    return JsonResponse({"result": "error", "message": message})


def validation_response(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse(
        {"message": "The given data was invalid.", "errors": errors}, status_code=422
    )
