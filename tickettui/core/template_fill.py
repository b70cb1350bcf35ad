"""Filling in a reply template's variables: ours in local templates, WHMCS's in its replies.

Local templates (the files in the config folder's ``templates/``) use ``{number}``,
``{title}``, ``{customer}`` and ``{me}``; ``{{`` and ``}}`` are a literal brace. WHMCS's
predefined replies come back from the server with its merge fields unreplaced (``[NAME]``,
``[FIRSTNAME]``, ``[EMAIL]``), to be filled in here.

A variable nobody knows is never an error: it stays in the text as it was, for the agent to
see and fix, and ``FilledTemplate.warning`` names it in one line. Nothing here evaluates
anything: a variable is a name looked up in a mapping, no format spec, no attribute access.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from tickettui.core.safe_text import inert_line

__all__ = [
    "LOCAL_VARIABLES",
    "FilledTemplate",
    "TemplateContext",
    "fill_bracketed",
    "fill_local",
]

# What a local template may use, in the order help and the warning list them.
LOCAL_VARIABLES = ("number", "title", "customer", "me")

# {{ or }} (a literal brace), or {name}. A name is letters, digits and underscores; anything
# else between braces ("{ not a variable }", JSON) is left alone without a warning.
_LOCAL = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
# WHMCS merge fields: [NAME], [FIRSTNAME], [EMAIL]; only upper-case words, so "[1]" or
# "[see below]" in a reply is text, not a variable.
_BRACKETED = re.compile(r"\[([A-Z][A-Z0-9_]*)\]")


@dataclass(frozen=True, slots=True)
class FilledTemplate:
    """A template's text ready for the compose window, and one line about what was left."""

    text: str
    warning: str = ""  # "" when every variable was known


@dataclass(frozen=True, slots=True)
class TemplateContext:
    """What the variables stand for on one ticket."""

    number: str  # the number users quote
    title: str
    customer: str  # the customer's name ("" where the ticket has none)
    me: str  # the signed-in agent's name

    def values(self) -> dict[str, str]:
        return {
            "number": self.number,
            "title": self.title,
            "customer": self.customer,
            "me": self.me,
        }


def _warning(unknown: list[str]) -> str:
    """One short line (it has to fit under the editor at 80 columns): which were left."""
    if not unknown:
        return ""
    names = ", ".join(dict.fromkeys(unknown))
    noun = "variable" if len(set(unknown)) == 1 else "variables"
    return inert_line(f"Unknown {noun} {names} left as written")


def fill_local(text: str, context: TemplateContext | Mapping[str, str]) -> FilledTemplate:
    """``{number}`` and friends replaced; ``{{``/``}}`` made single braces; an unknown
    ``{name}`` kept as it is and named in the warning."""
    values = context.values() if isinstance(context, TemplateContext) else dict(context)
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        whole = match.group(0)
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        name = match.group(1)
        value = values.get(name.lower())
        if value is None:
            unknown.append(whole)
            return whole
        return value

    return FilledTemplate(_LOCAL.sub(replace, text), _warning(unknown))


def fill_bracketed(text: str, values: Mapping[str, str]) -> FilledTemplate:
    """WHMCS's ``[NAME]``-style merge fields replaced from ``values`` (keys upper case); an
    unknown one kept and named in the warning."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            unknown.append(match.group(0))
            return match.group(0)
        return value

    return FilledTemplate(_BRACKETED.sub(replace, text), _warning(unknown))
