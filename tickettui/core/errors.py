"""Errors every backend raises. Each carries a one-line, secret-free message for users."""

from __future__ import annotations

from tickettui.core.safe_text import inert_line


class TicketTuiError(Exception):
    """Base of every error we show to a user: ``str(error)`` is one line, free of secrets, and
    inert: safe to print to a terminal or show in any widget as it is."""

    def __init__(self, message: str) -> None:
        # Collapse whitespace so a server's multi-line message never breaks a status line, and
        # neutralise it here, once: messages quote servers (``ErrorMessage``, Laravel's
        # ``message``, a redirect's target), and an escape in one must not write the clipboard
        # or the window title from a toast, the edit form or the command line.
        super().__init__(inert_line(" ".join(message.split())))

    @property
    def message(self) -> str:
        return str(self.args[0])


class ConfigurationError(TicketTuiError):
    """The user's settings cannot work: a malformed URL, a missing credential, an unknown scheme."""


class TransportError(TicketTuiError):
    """The request never got an HTTP answer."""


class ConnectionFailed(TransportError):
    """Refused connection, unknown host, TLS failure."""


class RequestTimedOut(TransportError):
    """The server did not answer in time."""


class OutcomeUnknown(TransportError):
    """The connection dropped after the request was sent: it may or may not have been applied."""


class AnswerTimedOut(OutcomeUnknown):
    """The request went out and no answer came in time: the server may still be applying it."""


class NotApplied(TransportError):
    """A change the server did not confirm, and a re-read shows it is not there: send it again."""


class AmbiguousNumber(TicketTuiError):
    """A ticket number that names two tickets (one's public number, another's internal id)."""


class ApiError(TicketTuiError):
    """The server answered with an error status or an error body."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_type: str | None = None,
        error_message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.error_message = error_message
        # Seconds the server asked to wait before asking again (Retry-After), if it said.
        self.retry_after = retry_after


class AuthenticationFailed(ApiError):
    """401: wrong or expired credential."""


class PermissionDenied(ApiError):
    """403: the credential is valid but not allowed to do this."""


class NotFound(ApiError):
    """404: the ticket (or message, list...) does not exist."""


class MisdirectedRequest(ApiError):
    """421: an Online tenant answered on the wrong host."""


class Conflict(ApiError):
    """409/412: the entity changed under us."""


class RateLimited(ApiError):
    """429: too many requests; ``retry_after`` seconds if the server said."""


class ServerError(ApiError):
    """5xx: the server failed."""


class ValidationFailed(ApiError):
    """400/422: the server rejected what we sent."""


class UnexpectedResponse(ApiError):
    """A 2xx that is not what the API returns: an HTML login page, truncated JSON, a wrong shape."""
