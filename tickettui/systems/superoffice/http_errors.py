"""HTTP answers and transport failures -> the typed, one-line errors of ``tickettui.core.errors``.

Nothing here ever looks at request headers, so no credential can end up in a message.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from tickettui.core.errors import (
    ApiError,
    AuthenticationFailed,
    Conflict,
    MisdirectedRequest,
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
from tickettui.systems.superoffice.settings import AuthScheme

__all__ = [
    "TruncatedJson",
    "decode_json",
    "error_for_response",
    "error_for_transport",
    "shown_url",
]


_LOGIN_REJECTED = {
    AuthScheme.BASIC: "the server rejected the user name or password",
    AuthScheme.SOTICKET: "the server rejected the SOTicket credential or app token",
    AuthScheme.BEARER: "the server rejected the access token (it may have expired)",
    AuthScheme.XSRF: "the server rejected the XSRF token (log in to the web client again)",
}


def shown_url(url: httpx.URL) -> str:
    """The URL without credentials or query, for messages."""
    return str(url.copy_with(username=None, password=None, query=None, fragment=None))


def _server_error_fields(response: httpx.Response) -> tuple[str | None, str | None]:
    """``ErrorType`` and ``ErrorMessage`` when the body is SuperOffice's JSON error object."""
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None, None
    if not isinstance(body, dict):
        return None, None
    error_type = body.get("ErrorType")
    error_message = body.get("ErrorMessage") or body.get("Message")  # ASP.NET's own shape
    return (
        error_type if isinstance(error_type, str) else None,
        error_message if isinstance(error_message, str) else None,
    )


def error_for_response(
    response: httpx.Response, *, what: str | None = None, auth: AuthScheme = AuthScheme.BASIC
) -> ApiError:
    """The exception for a non-2xx answer. ``what`` names the resource for 404s ("Ticket 7")."""
    status = response.status_code
    error_type, error_message = _server_error_fields(response)
    fields: dict[str, Any] = {
        "status": status,
        "error_type": error_type,
        "error_message": error_message,
    }
    detail = f": {short(error_message)}" if error_message else ""
    request = response.request
    where = f"{request.method} {shown_url(request.url)}"
    if status == 401:
        reason = _LOGIN_REJECTED.get(auth, "the server rejected the credentials")
        return AuthenticationFailed(f"Login failed: {reason} (401)", **fields)
    if status == 403:
        return PermissionDenied(f"Permission denied (403){detail or ': ' + where}", **fields)
    if status == 404:
        if is_html(response):
            return NotFound(f"Not found: {where} (404, an HTML page): check the API URL", **fields)
        if what:
            return NotFound(f"{what} not found", **fields)
        return NotFound(f"Not found: {where} (404){detail}", **fields)
    if status in (409, 412):
        return Conflict(
            f"The data changed on the server in the meantime ({status}){detail}", **fields
        )
    if status == 421:
        return MisdirectedRequest(
            "Wrong host for this tenant (421 Misdirected Request): check the API URL", **fields
        )
    if status == 429:
        retry = retry_after(response)
        when = f": retry in {retry:.0f} s" if retry is not None else ""
        return RateLimited(
            f"The server is limiting requests (429){when}", retry_after=retry, **fields
        )
    if status in (400, 422):
        return ValidationFailed(f"The server rejected the request ({status}){detail}", **fields)
    if status >= 500:
        kind = f"{error_type}: " if error_type else ""
        said = error_message or page_title(response)
        text = f": {kind}{short(said)}" if said else ""
        return ServerError(
            f"The server failed ({status}) on {where}{text}",
            retry_after=retry_after(response),
            **fields,
        )
    if 300 <= status < 400:
        location = response.headers.get("location", "")
        target = f" to {redirect_target(location)}" if location else ""
        return UnexpectedResponse(
            f"The server redirected {where}{target} ({status}): check the API URL "
            "(a login page or proxy?)",
            **fields,
        )
    return ApiError(f"The server answered {status} to {where}{detail}", **fields)


def decode_json(response: httpx.Response) -> Any:
    """The JSON body of a 2xx answer; None for an empty body. Raises UnexpectedResponse."""
    url = shown_url(response.request.url)
    status = response.status_code
    content = response.content
    if not content.strip():
        return None
    if is_html(response):
        raise UnexpectedResponse(
            f"Expected JSON from {url} but got an HTML page (a login page or proxy?)",
            status=status,
        )
    try:
        body = json.loads(content)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut off inside a character
            raise TruncatedJson(f"Truncated JSON from {url}", status=status) from None
        raise UnexpectedResponse(
            f"Expected JSON from {url} but got undecodable bytes", status=status
        ) from None
    except json.JSONDecodeError as exc:
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind and "json" not in kind:
            message = f"Expected JSON from {url} but got {kind}"
        else:
            message = f"Invalid JSON from {url} (truncated or malformed at character {exc.pos})"
            raise TruncatedJson(message, status=status) from None
        raise UnexpectedResponse(message, status=status) from None
    if isinstance(body, dict) and body.get("Error") is True:
        error_type, error_message = _server_error_fields(response)
        raise ApiError(
            f"The server reported an error ({status}): "
            f"{short(error_message or error_type or 'no details')}",
            status=status,
            error_type=error_type,
            error_message=error_message,
        )
    return body
