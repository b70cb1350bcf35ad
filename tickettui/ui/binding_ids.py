"""Every binding id the app has, to check a profile's ``keymap`` against.

A keymap entry with a mistyped id ("queue.refesh") is silently ignored by Textual; the agent
would wonder why the key does nothing. The ids are read from the classes themselves, so a new
binding is known without a list to keep up to date.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from textual.binding import Binding
from textual.dom import DOMNode

import tickettui.ui.screens
import tickettui.ui.widgets

__all__ = ["keymap_problems", "known_binding_ids"]


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def known_binding_ids() -> set[str]:
    """The ids of every binding on the app, its screens and its widgets."""
    for package in (tickettui.ui.screens, tickettui.ui.widgets):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    importlib.import_module("tickettui.ui.app")
    ids: set[str] = set()
    for cls in _subclasses(DOMNode):
        if not cls.__module__.startswith("tickettui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """One line per keymap entry that names no binding, with the likely intended id."""
    known = known_binding_ids()
    problems = []
    for binding_id in sorted(set(keymap) - known):
        close = difflib.get_close_matches(binding_id, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else " (`?` in the app lists the ids)"
        problems.append(f"keymap: {binding_id!r} is no binding id{hint}")
    return problems
