"""A local Keliweb reseller API v2 (WHMCS tickets underneath) over SQLite.

It follows /work/shared/api/keliweb/NOTES.md: Laravel Passport tokens that expire and
rotate, Laravel's 401/422/302 answers, WHMCS's ``result: error`` with HTTP 200, and the
payload quirks (string ids, wrapped lists, naive Europe/Rome dates, HTML entities and
CRLF in messages, ``tid`` vs ``ticketnum``), so client bugs show up before Keliweb does.
"""

from tickettui.servers.keliweb import accounts
from tickettui.servers.keliweb.app import create_app
from tickettui.servers.keliweb.runner import LocalKeliweb, serve

__all__ = ["LocalKeliweb", "accounts", "create_app", "serve"]
