"""A local SuperOffice NetServer Web API (Service tickets) over SQLite.

It follows the project's API notes (shared/api/superoffice/NOTES.md): real wire formats (dates
without fraction or offset, MinValue for empty dates), Slim archive rows, the JSON error body,
and the save/read-status rules, so client bugs show up before a real tenant does.
"""

from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.server.app import create_app
from tickettui.systems.superoffice.server.runner import LocalSuperOffice, serve

__all__ = ["LocalSuperOffice", "accounts", "create_app", "serve", "start"]

start = LocalSuperOffice.start  # what the system's record starts (LocalServers)
