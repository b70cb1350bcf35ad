"""The SuperOffice REST error body, used for every 4xx/5xx answer."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

JSON_MEDIA_TYPE = "application/json; charset=utf-8"


class ApiError(Exception):
    """Raised anywhere in a handler; app.py turns it into the JSON error body."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def not_found(message: str) -> ApiError:
    return ApiError(404, "SoNotFoundException", message)


def bad_request(message: str) -> ApiError:
    # NetServer surfaces argument validation as .NET ArgumentException.
    return ApiError(400, "ArgumentException", message)


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "SoAuthenticationException", message)


class JsonResponse(Response):
    """JSON with an explicit charset, as NetServer sends it."""

    media_type = JSON_MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        # ensure_ascii=False keeps non-ASCII text as UTF-8; control characters are
        # still escaped (\u001b), exactly what a JSON serializer must do.
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_response(status: int, error_type: str, message: str) -> JsonResponse:
    return JsonResponse(
        {
            "Error": True,
            "ErrorType": error_type,
            "ErrorMessage": message,
            "ErrorSource": "SuperOffice.Services.Implementation",
        },
        status_code=status,
    )
