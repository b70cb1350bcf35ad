"""HTTP answers and transport failures -> the typed, one-line errors of ``tickettui.core.errors``.

Nothing here looks at request headers or bodies, so no token, password or client secret can end
up in a message.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from pydantic import ValidationError

from tickettui.core.errors import (
    ApiError,
    AuthenticationFailed,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServerError,
    UnexpectedResponse,
    ValidationFailed,
)
from tickettui.core.http.errors import (
    TruncatedJson,
    error_for_transport,
    is_html,
    page_title,
    redirect_target,
    retry_after,
    short,
)
from tickettui.systems.keliweb.models import ErrorBody

__all__ = [
    "PROXY_HINT",
    "decode_json",
    "error_body",
    "error_for_response",
    "error_for_result",
    "error_for_token_response",
    "error_for_transport",
    "is_html",
]

PROXY_HINT = "is Accept: application/json being dropped by a proxy?"
LOGIN_REJECTED = "Login failed: Keliweb rejected the user name, password or API key"
CLIENT_REJECTED = "Login failed: Keliweb rejected the API client id or secret"


def error_body(response: httpx.Response) -> ErrorBody | None:
    """The error fields of a JSON body, or None when it is not a JSON object."""
    try:
        data = json.loads(response.content)
        return ErrorBody.model_validate(data) if isinstance(data, dict) else None
    except (ValueError, UnicodeDecodeError, ValidationError):
        return None


def _validation_summary(body: ErrorBody) -> str:
    """Laravel 422: ``message`` plus the first field's first error, on one line."""
    first = ""
    for field, problems in (body.errors or {}).items():
        problem = problems[0] if isinstance(problems, list) and problems else problems
        first = problem if isinstance(problem, str) and problem else f"{field} is invalid"
        break
    message = body.message
    text = f"{message} ({first})" if first and first not in message else message or first
    return short(text) or "invalid data"


def error_for_result(message: str, *, action: str, status: int = 200) -> ApiError:
    """``{"result":"error","message":...}``: WHMCS's error, usually with HTTP 200."""
    text = short(message) if message.strip() else f"{action} failed (no reason given)"
    lowered = text.lower()
    fields: dict[str, Any] = {"status": status, "error_type": "error", "error_message": message}
    if "not found" in lowered:
        return NotFound(f"Keliweb: {text}", **fields)
    if lowered.startswith("invalid") or "required" in lowered or "cannot" in lowered:
        return ValidationFailed(f"Keliweb: {text}", **fields)
    return ApiError(f"Keliweb: {text}", **fields)


def _redirect(response: httpx.Response, status: int) -> UnexpectedResponse:
    location = response.headers.get("location", "")
    if not location or "login" in location.lower():
        where = "a redirect to a login page"
    else:
        where = f"a redirect to {redirect_target(location)}"
    return UnexpectedResponse(
        f"Keliweb: expected JSON but got {where} ({status}) — {PROXY_HINT}", status=status
    )


def error_for_response(response: httpx.Response, *, action: str) -> ApiError:
    """The exception for a non-2xx answer to ``/api/v2/keliweb/<action>``."""
    status = response.status_code
    body = error_body(response)
    message = body.message if body else ""
    fields: dict[str, Any] = {
        "status": status,
        "error_type": (body.error or None) if body else None,
        "error_message": message or None,
    }
    detail = f": {short(message)}" if message else ""
    if 300 <= status < 400:
        return _redirect(response, status)
    if status == 401:
        return AuthenticationFailed(
            f"Keliweb rejected the access token (401{detail or ''}); sign in again", **fields
        )
    if status == 403:
        return PermissionDenied(f"Keliweb: permission denied for {action} (403){detail}", **fields)
    if status == 404:
        if body and body.result.lower() == "error" and message:
            return error_for_result(message, action=action, status=status)
        return NotFound(f"Keliweb has no action {action!r} (404): check the API URL", **fields)
    if status == 429:
        seconds = retry_after(response)
        when = f": retry in {seconds:.0f} s" if seconds is not None else ""
        return RateLimited(
            f"Keliweb is limiting requests (429){when}", retry_after=seconds, **fields
        )
    if status == 422 and body:
        return ValidationFailed(f"Keliweb rejected {action}: {_validation_summary(body)}", **fields)
    if status in (400, 422):
        if body and body.result.lower() == "error" and message:
            return error_for_result(message, action=action, status=status)
        why = detail or (f": {body.error_description or body.error}" if body else "")
        return ValidationFailed(f"Keliweb rejected {action} ({status}){short(why)}", **fields)
    if status >= 500:
        said = detail or (f": {page_title(response)}" if page_title(response) else "")
        return ServerError(
            f"Keliweb failed ({status}) on {action}{said}",
            retry_after=retry_after(response),
            **fields,
        )
    return ApiError(f"Keliweb answered {status} to {action}{detail}", **fields)


def error_for_token_response(response: httpx.Response) -> ApiError:
    """The exception for a failed ``/oauth/token``. Wrong password and an unknown user are both
    400 ``invalid_grant``, so the message stays generic ("login failed").
    """
    status = response.status_code
    body = error_body(response)
    code = body.error if body and body.error else ""
    fields: dict[str, Any] = {
        "status": status,
        "error_type": code or None,
        "error_message": (body.error_description or body.message or None) if body else None,
    }
    if 300 <= status < 400:
        return _redirect(response, status)
    if status >= 500:
        return ServerError(f"Keliweb's login failed on the server side ({status})", **fields)
    if status == 429:
        return RateLimited(
            "Keliweb is limiting login attempts (429)", retry_after=retry_after(response), **fields
        )
    if code == "invalid_client":
        return AuthenticationFailed(f"{CLIENT_REJECTED} (invalid_client)", **fields)
    if code:
        return AuthenticationFailed(f"{LOGIN_REJECTED} ({code})", **fields)
    if is_html(response):
        return UnexpectedResponse(
            f"Keliweb: expected JSON from the login but got an HTML page ({status}) — {PROXY_HINT}",
            **fields,
        )
    if status not in (400, 401):  # no OAuth error: something in between answered
        return ApiError(f"Keliweb's login answered {status}", **fields)
    return AuthenticationFailed(f"{LOGIN_REJECTED} ({status})", **fields)


def decode_json(response: httpx.Response, *, what: str) -> Any:
    """The JSON body of a 2xx answer. HTML, an empty body or broken JSON -> UnexpectedResponse."""
    status = response.status_code
    content = response.content
    if is_html(response):
        raise UnexpectedResponse(
            f"Keliweb: expected JSON from {what} but got an HTML page (a login page?) — "
            f"{PROXY_HINT}",
            status=status,
        )
    if not content.strip():
        raise UnexpectedResponse(f"Keliweb: {what} answered with an empty body", status=status)
    try:
        return json.loads(content)
    except UnicodeDecodeError:
        raise UnexpectedResponse(
            f"Keliweb: {what} answered with undecodable bytes", status=status
        ) from None
    except json.JSONDecodeError as exc:
        # Cut off on the way (a dropped proxy, a lost packet): a read may be tried again.
        raise TruncatedJson(
            f"Keliweb: invalid JSON from {what} (truncated or malformed at character {exc.pos})",
            status=status,
        ) from None
