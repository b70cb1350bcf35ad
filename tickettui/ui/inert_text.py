"""Server and customer text as widgets show it: never parsed as markup, never an escape.

A ``str`` handed to a Label, Static, Option or toast is parsed as Textual markup, so a status
named ``[@click=app.quit]x[/]`` would become a clickable action and ``[/b]`` would crash the
screen; and Rich's ``Text`` passes ESC and other controls through to the terminal. Everything
that comes from a server (names, numbers, labels, error messages) goes through here or through
``tickettui.core.safe_text`` before it reaches a widget.
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text

from tickettui.core.safe_text import inert, inert_line

__all__ = ["block", "line"]


def line(text: str, style: StyleType = "") -> Text:
    """One line of untrusted text (line breaks and tabs become spaces), as plain Rich text."""
    return Text(inert_line(text), style=style)


def block(text: str, style: StyleType = "") -> Text:
    """Untrusted text that keeps its line breaks, as plain Rich text."""
    return Text(inert(text), style=style)
