"""A local Keliweb reseller API v2 (WHMCS tickets underneath) over SQLite.

It follows the project's API notes (shared/api/keliweb/NOTES.md): Laravel Passport tokens that
expire and rotate, Laravel's 401/422/302 answers, WHMCS's ``result: error`` with HTTP 200, and
the payload quirks (string ids, wrapped lists, naive Europe/Rome dates, CRLF in messages,
``tid`` vs ``ticketnum``, and text HTML-escaped as WHMCS stores it: messages, subjects, names,
departments and statuses), so client bugs show up before Keliweb does.
"""

from tickettui.systems.keliweb.server import accounts
from tickettui.systems.keliweb.server.app import create_app
from tickettui.systems.keliweb.server.runner import LocalKeliweb, serve

__all__ = ["LocalKeliweb", "accounts", "create_app", "serve", "start"]

start = LocalKeliweb.start  # what the system's record starts (LocalServers)
