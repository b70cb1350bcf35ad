"""Reading request bodies the way NetServer's JSON binder does.

Property names match case-insensitively and unknown properties are silently ignored
(NOTES section 3a).
"""

from __future__ import annotations

import json
from typing import Any

from tickettui.systems.superoffice.server.errors import bad_request

MISSING: Any = object()


class Body:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = {key.lower(): value for key, value in data.items()}

    @classmethod
    def parse(cls, raw: bytes) -> Body:
        if not raw.strip():
            raise bad_request("Missing request body")
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise bad_request(f"Invalid JSON in request body: {error}") from None
        if not isinstance(data, dict):
            raise bad_request("Request body must be a JSON object")
        return cls(data)

    def has(self, name: str) -> bool:
        return name.lower() in self._data

    def get(self, name: str, default: Any = MISSING) -> Any:
        return self._data.get(name.lower(), default)

    def text(self, name: str) -> str | None:
        """The string value; "" for an explicit null; None when absent."""
        value = self.get(name)
        if value is MISSING:
            return None
        if value is None:
            return ""
        if not isinstance(value, str):
            raise bad_request(f"Property '{name}' must be a string")
        return value

    def integer(self, name: str, default: int = 0) -> int:
        value = self.get(name, default)
        return as_int(value, name, default)

    def ref_id(self, name: str, id_name: str) -> int | None:
        """Id inside a nested object such as ``"Category": {"TicketCategoryId": 3}``.

        None when the object is absent or null; 0 for ``{}`` (the .NET default).
        """
        value = self.get(name, None)
        if value is None or value is MISSING:
            return None
        if not isinstance(value, dict):
            raise bad_request(f"Property '{name}' must be an object")
        return Body(value).integer(id_name)


def as_int(value: Any, name: str, default: int = 0) -> int:
    if value is None:
        return default
    if isinstance(value, bool):
        raise bad_request(f"Property '{name}' must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise bad_request(f"Property '{name}' must be an integer")
