"""A profile's ``timezone_display``: the zone times are shown in (``tickettui.core.zones``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from tickettui.core.zones import check_zone

__all__ = ["DisplayZone"]

# "local" (the agent's own zone, the default), "UTC" or an IANA name like "Europe/Oslo".
DisplayZone = Annotated[str, AfterValidator(check_zone)]
