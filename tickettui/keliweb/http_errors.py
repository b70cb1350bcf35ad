"""HTTP answers and transport failures -> the typed, one-line errors of ``tickettui.core.errors``.

Nothing here looks at request headers or bodies, so no token, password or client secret can end
up in a message.
"""

from __future__ import annotations

import json
import socket
import ssl
from typing import Any

import httpx
from pydantic import ValidationError

from tickettui.core.errors import (
    ApiError,
    AuthenticationFailed,
    ConnectionFailed,
    NotFound,
    OutcomeUnknown,
    PermissionDenied,
    RateLimited,
    RequestTimedOut,
    ServerError,
    TransportError,
    UnexpectedResponse,
    ValidationFailed,
)
from tickettui.keliweb.models import ErrorBody

__all__ = [
    "PROXY_HINT",
    "decode_json",
    "error_body",
    "error_for_response",
    "error_for_result",
    "error_for_token_response",
    "error_for_transport",
]

PROXY_HINT = "is Accept: application/json being dropped by a proxy?"
LOGIN_REJECTED = "Login failed: Keliweb rejected the user name, password or API key"
CLIENT_REJECTED = "Login failed: Keliweb rejected the API client id or secret"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_body(response: httpx.Response) -> ErrorBody | None:
    """The error fields of a JSON body, or None when it is not a JSON object."""
    try:
        data = json.loads(response.content)
        return ErrorBody.model_validate(data) if isinstance(data, dict) else None
    except (ValueError, UnicodeDecodeError, ValidationError):
        return None


def _is_html(response: httpx.Response) -> bool:
    if "html" in response.headers.get("content-type", "").lower():
        return True
    head = response.content[:200].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _validation_summary(body: ErrorBody) -> str:
    """Laravel 422: ``message`` plus the first field's first error, on one line."""
    first = ""
    for field, problems in (body.errors or {}).items():
        problem = problems[0] if isinstance(problems, list) and problems else problems
        first = problem if isinstance(problem, str) and problem else f"{field} is invalid"
        break
    message = body.message
    text = f"{message} ({first})" if first and first not in message else message or first
    return _short(text) or "invalid data"


def error_for_result(message: str, *, action: str, status: int = 200) -> ApiError:
    """``{"result":"error","message":...}``: WHMCS's error, usually with HTTP 200."""
    text = _short(message) if message.strip() else f"{action} failed (no reason given)"
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
        where = f"a redirect to {_short(str(httpx.URL(location).copy_with(query=None)), 120)}"
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
    detail = f": {_short(message)}" if message else ""
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
        retry = response.headers.get("retry-after", "").strip()
        seconds = float(retry) if retry.isdigit() else None
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
        return ValidationFailed(f"Keliweb rejected {action} ({status}){_short(why)}", **fields)
    if status >= 500:
        return ServerError(f"Keliweb failed ({status}) on {action}{detail}", **fields)
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
        return RateLimited("Keliweb is limiting login attempts (429)", **fields)
    if code == "invalid_client":
        return AuthenticationFailed(f"{CLIENT_REJECTED} (invalid_client)", **fields)
    if code:
        return AuthenticationFailed(f"{LOGIN_REJECTED} ({code})", **fields)
    if _is_html(response):
        return UnexpectedResponse(
            f"Keliweb: expected JSON from the login but got an HTML page ({status}) — {PROXY_HINT}",
            **fields,
        )
    return AuthenticationFailed(f"{LOGIN_REJECTED} ({status})", **fields)


def decode_json(response: httpx.Response, *, what: str) -> Any:
    """The JSON body of a 2xx answer. HTML, an empty body or broken JSON -> UnexpectedResponse."""
    status = response.status_code
    content = response.content
    if _is_html(response):
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
        raise UnexpectedResponse(
            f"Keliweb: invalid JSON from {what} (truncated or malformed at character {exc.pos})",
            status=status,
        ) from None


def _connect_reason(exc: BaseException) -> str:
    """Why a connection failed, from the chained OS error: refused, unknown host, TLS."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        err = stack.pop()
        if err is None or id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, ConnectionRefusedError):
            return "connection refused"
        if isinstance(err, socket.gaierror):
            return "unknown host name"
        if isinstance(err, ssl.SSLCertVerificationError):
            return "its TLS certificate is not trusted (set verify_tls to a CA bundle?)"
        if isinstance(err, ssl.SSLError):
            return "the TLS handshake failed"
        stack.extend([err.__cause__, err.__context__])
    return "connection failed"


def error_for_transport(
    exc: httpx.TransportError, *, host: str, timeout: float, changes_data: bool
) -> TransportError:
    """The exception for a request that got no HTTP answer. For a write that went out before
    the connection dropped or timed out, the server may have applied it: OutcomeUnknown.
    """
    limit = f"{timeout:g} s"
    maybe_saved = "it may or may not have been saved; reload to check"
    if isinstance(exc, httpx.ConnectTimeout):
        return ConnectionFailed(f"Cannot connect to {host}: no answer within {limit}")
    if isinstance(exc, httpx.ConnectError):
        return ConnectionFailed(f"Cannot connect to {host}: {_connect_reason(exc)}")
    if isinstance(exc, httpx.PoolTimeout):
        return RequestTimedOut(f"No free connection to {host} within {limit} (too many requests)")
    if isinstance(exc, httpx.WriteTimeout | httpx.WriteError):
        return ConnectionFailed(f"The connection to {host} failed while sending the request")
    if isinstance(exc, httpx.TimeoutException):
        if changes_data:
            return OutcomeUnknown(f"Keliweb did not answer within {limit}: {maybe_saved}")
        return RequestTimedOut(f"The server at {host} did not answer within {limit}")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        if changes_data:
            return OutcomeUnknown(f"The connection to {host} dropped: {maybe_saved}")
        return ConnectionFailed(f"The server at {host} closed the connection before answering")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return ConnectionFailed(f"Cannot connect to {host}: unsupported URL scheme")
    return ConnectionFailed(f"Cannot talk to {host}: {type(exc).__name__}")
