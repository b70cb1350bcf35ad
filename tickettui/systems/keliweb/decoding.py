"""JSON -> models, exactly: a model, or a one-line ``TicketTuiError``; never another exception.

WHMCS reports errors in the body (``{"result":"error","message":...}``) with HTTP 200, so every
answer is checked for that before it is validated.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tickettui.core.errors import UnexpectedResponse
from tickettui.systems.keliweb.http_errors import error_for_result
from tickettui.systems.keliweb.models import (
    ActionResult,
    DepartmentsResponse,
    StatusesResponse,
    TicketResponse,
    TicketsResponse,
    TokenResponse,
)

__all__ = [
    "decode",
    "decode_action",
    "decode_departments",
    "decode_statuses",
    "decode_ticket",
    "decode_tickets",
    "decode_token",
    "raise_for_result",
]

M = TypeVar("M", bound=BaseModel)


def _summary(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return "invalid data"
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return " ".join(f"{where}: {first['msg']}{more}".split())[:200]


def raise_for_result(data: Any, *, action: str, status: int = 200) -> None:
    """Raise the typed error when the body says ``result: error`` (GetEmails: ``status``)."""
    if not isinstance(data, dict):
        return
    outcome = data.get("result", data.get("status"))
    if isinstance(outcome, str) and outcome.strip().lower() == "error":
        message = data.get("message")
        text = message if isinstance(message, str) else ""
        raise error_for_result(text, action=action, status=status)


def decode(model: type[M], data: Any, *, action: str) -> M:
    raise_for_result(data, action=action)
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        raise UnexpectedResponse(f"Keliweb: {action} answered {kind} instead of a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise UnexpectedResponse(
            f"Keliweb: unexpected data from {action}: {_summary(exc)}"
        ) from None
    except RecursionError:  # absurdly deep nesting
        raise UnexpectedResponse(f"Keliweb: {action} answered nesting too deep") from None


def decode_ticket(data: Any) -> TicketResponse:
    return decode(TicketResponse, data, action="get-ticket")


def decode_tickets(data: Any) -> TicketsResponse:
    return decode(TicketsResponse, data, action="get-tickets")


def decode_departments(data: Any) -> DepartmentsResponse:
    return decode(DepartmentsResponse, data, action="get-support-departments")


def decode_statuses(data: Any) -> StatusesResponse:
    return decode(StatusesResponse, data, action="get-support-statuses")


def decode_action(data: Any, *, action: str) -> ActionResult:
    return decode(ActionResult, data, action=action)


def decode_token(data: Any) -> TokenResponse:
    return decode(TokenResponse, data, action="login")
