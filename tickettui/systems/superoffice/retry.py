"""Read retries live in ``tickettui.core.http.retry`` (shared with Keliweb); named here too.

Only calls marked idempotent are retried (GETs and the read-only Agents calls). Saves never
are: a save whose answer was lost may have landed, and the backend decides that by re-reading.
"""

from tickettui.core.http.retry import NO_RETRIES, RetryPolicy, RetryStats, is_transient

__all__ = ["NO_RETRIES", "RetryPolicy", "RetryStats", "is_transient"]
