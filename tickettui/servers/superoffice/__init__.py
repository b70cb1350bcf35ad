"""A local SuperOffice NetServer Web API (Service tickets) over SQLite.

It follows /work/shared/api/superoffice/NOTES.md: real wire formats (dates without
fraction or offset, MinValue for empty dates), Slim archive rows, the JSON error body,
and the save/read-status rules, so client bugs show up before a real tenant does.
"""

from tickettui.servers.superoffice import accounts
from tickettui.servers.superoffice.app import create_app
from tickettui.servers.superoffice.runner import LocalSuperOffice, serve

__all__ = ["LocalSuperOffice", "accounts", "create_app", "serve"]
