"""Injected faults as Keliweb sends them: Laravel's JSON errors, nginx's and Laravel's HTML pages.

Laravel answers an expired token with 401 ``{"message":"Unauthenticated."}``, throttling with
429 ``{"message":"Too Many Attempts."}`` plus ``Retry-After`` and ``X-RateLimit-*``, a crash
with 500 ``{"message":"Server Error"}`` (APP_DEBUG off) and maintenance with 503. The gateway
in front (nginx) sends its own HTML for 502/503; a 500 HTML page is Laravel's. Passport's token
endpoint never answers "Unauthenticated.", so an injected 401 strikes only the API actions.
"""

from __future__ import annotations

from typing import Any

from tickettui.servers.faults import REASONS, FaultStyle, nginx_page
from tickettui.systems.keliweb.server.laravel import error_page

__all__ = ["KELIWEB_STYLE"]

_MESSAGES = {
    401: "Unauthenticated.",
    429: "Too Many Attempts.",
    500: "Server Error",
    503: "Service Unavailable",
}
RATE_LIMIT = 60  # Laravel's default api throttle: 60 a minute


def _json_body(status: int) -> Any:
    return {"message": _MESSAGES.get(status, REASONS[status])}


def _html_page(status: int) -> str:
    if status == 500:
        return bytes(error_page(500, "Server Error").body).decode()
    return nginx_page(status)


def _headers(status: int, retry_after: int) -> dict[str, str]:
    if status != 429:
        return {}
    return {
        "retry-after": str(retry_after),
        "x-ratelimit-limit": str(RATE_LIMIT),
        "x-ratelimit-remaining": "0",
    }


def _allows(kind: str, method: str, path: str) -> bool:
    return kind != "401" or path.startswith("/api/")


KELIWEB_STYLE = FaultStyle(
    json_body=_json_body, html_page=_html_page, headers=_headers, allows=_allows
)
