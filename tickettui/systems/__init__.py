"""The ticket systems tickettui speaks to, and the one place the rest of the app learns of them.

Each system lives in its own package here (client, wire models, mapping, backend, local server)
and describes itself with one record (``tickettui.systems.record.System``) in its ``system``
module. Outside a system's package nothing imports it: the app, the command line, the config
and the credential chain ask this registry for the record by name. Adding a system is its
package and one line in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from tickettui.core.errors import ConfigurationError

if TYPE_CHECKING:
    from tickettui.systems.record import System

__all__ = ["DEFAULT", "names", "register", "secret_variables", "system", "unregister"]

# name -> the module whose SYSTEM is its record (imported on first use: records are light).
_MODULES: dict[str, str] = {
    "superoffice": "tickettui.systems.superoffice.system",
    "keliweb": "tickettui.systems.keliweb.system",
}
DEFAULT = "superoffice"  # a profile without `system = ...`
_LOADED: dict[str, System] = {}


def names() -> tuple[str, ...]:
    """The systems there are, in the order they were registered."""
    return tuple(_MODULES)


def system(name: str) -> System:
    """The record of system ``name``; a one-line ConfigurationError for one there is not."""
    key = name.strip().lower()
    loaded = _LOADED.get(key)
    if loaded is not None:
        return loaded
    module = _MODULES.get(key)
    if module is None:
        raise ConfigurationError(
            f"system {name!r} is not supported (supported: {', '.join(_MODULES)})"
        )
    record: System = importlib.import_module(module).SYSTEM
    _LOADED[key] = record
    return record


def register(name: str, module: str) -> None:
    """Add system ``name``, whose record is ``SYSTEM`` in ``module`` (tests add one this way)."""
    _MODULES[name] = module
    _LOADED.pop(name, None)


def unregister(name: str) -> None:
    _MODULES.pop(name, None)
    _LOADED.pop(name, None)


def secret_variables() -> frozenset[str]:
    """Every TICKETTUI_* variable any system reads a secret from."""
    return frozenset(variable for name in _MODULES for variable in system(name).secret_variables)
