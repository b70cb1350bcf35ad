"""The local cache: a section's last list and fetched details, so a cold start paints at once.

UI-free (never imports Textual); ``CachingBackend`` wraps any backend.
"""

from tickettui.cache.backend import CachingBackend, settle_heap, with_cache
from tickettui.cache.store import TicketCache, cache_dir, server_identity

__all__ = [
    "CachingBackend",
    "TicketCache",
    "cache_dir",
    "server_identity",
    "settle_heap",
    "with_cache",
]
