"""Departments and statuses as the server defines them, fetched once per session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tickettui.systems.keliweb.models import Department, Status


@dataclass(slots=True)
class PickLists:
    departments: Sequence[Department]
    statuses: Sequence[Status]
    # Admin ids seen as flags, with a name where one is known; grows as tickets are read.
    admins: dict[int, str] = field(default_factory=dict)

    def department_name(self, dept_id: int | None, fallback: str = "") -> str:
        dept = next((d for d in self.departments if d.id == dept_id), None)
        return dept.name if dept and dept.name else fallback

    def status_colour(self, title: str) -> str | None:
        wanted = title.strip().casefold()
        status = next((s for s in self.statuses if s.title.strip().casefold() == wanted), None)
        return _hex_colour(status.color) if status else None

    def status_title(self, wanted: str) -> str | None:
        """The server's own spelling of a status title (matched case-insensitively)."""
        key = wanted.strip().casefold()
        return next((s.title for s in self.statuses if s.title.strip().casefold() == key), None)

    def admin_label(self, admin_id: int) -> str:
        return self.admins.get(admin_id) or f"Admin #{admin_id}"

    def saw_flag(self, admin_id: int) -> None:
        if admin_id:
            self.admins.setdefault(admin_id, "")


def _hex_colour(value: str) -> str | None:
    text = value.strip().lower()
    if not text:
        return None
    if not text.startswith("#"):
        text = "#" + text
    if len(text) == 4 and all(c in "0123456789abcdef" for c in text[1:]):
        text = "#" + "".join(c * 2 for c in text[1:])
    if len(text) == 7 and all(c in "0123456789abcdef" for c in text[1:]):
        return text
    return None
