"""Reply templates: what one is, and what a system offers of its own.

Two sources: the server's (SuperOffice's reply templates, filled in by the server for one
ticket in the customer's language; WHMCS's predefined replies, filled in here) and the agent's
local files (``core.local_templates``). A system that has templates of its own says so in
``Capabilities.reply_templates`` and implements ``OffersReplyTemplates`` (checked with
``isinstance``, never by probing). ``core.template_catalogue`` puts both sources together.

Template text from a server is untrusted like any server text: names, folders and bodies reach
a screen only through the inert helpers.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from tickettui.core.domain import Capabilities
from tickettui.core.errors import ConfigurationError
from tickettui.core.safe_text import inert_line
from tickettui.core.template_fill import FilledTemplate

__all__ = [
    "OffersReplyTemplates",
    "ReplyTemplate",
    "ServerTemplates",
    "TemplateSource",
    "find_template",
    "server_templates_of",
]


class TemplateSource(StrEnum):
    SERVER = "server"
    LOCAL = "local"


@dataclass(frozen=True, slots=True)
class ReplyTemplate:
    """One template as the list shows it. ``body`` is the text where it is known before it is
    filled in (local files, WHMCS's replies); SuperOffice's comes from the server, filled."""

    name: str
    source: TemplateSource
    folder: str = ""  # SuperOffice's heading, WHMCS's category, the local subfolder
    ref: str = ""  # the system's handle (a SuperOffice template id) or the local file
    body: str = ""
    description: str = ""  # what the server says it is for (SuperOffice's tooltip)

    @property
    def path(self) -> str:
        """``folder/name``: how the command line tells two of the same name apart."""
        return f"{self.folder}/{self.name}" if self.folder else self.name


@dataclass(frozen=True, slots=True)
class ServerTemplates:
    """What a system offers. ``note`` says, in one line, why there are none where the system
    has no templates to give (Keliweb without the predefined-reply calls)."""

    templates: tuple[ReplyTemplate, ...]
    note: str = ""


@runtime_checkable
class OffersReplyTemplates(Protocol):
    async def reply_templates(self) -> ServerTemplates:
        """The server's templates (not filled in yet)."""
        ...

    async def fill_reply_template(self, template: ReplyTemplate, ticket_id: int) -> FilledTemplate:
        """``template`` filled in for ``ticket_id`` (SuperOffice: by the server, in the
        customer's language), as plain text for the compose window."""
        ...


def server_templates_of(backend: object, capabilities: Capabilities) -> OffersReplyTemplates | None:
    """``backend`` as a source of server templates, or None where the system has none."""
    if capabilities.reply_templates and isinstance(backend, OffersReplyTemplates):
        return backend
    return None


def _listed(templates: Sequence[ReplyTemplate]) -> str:
    return ", ".join(inert_line(f"{t.path} ({t.source})") for t in templates)


def find_template(templates: Sequence[ReplyTemplate], name: str) -> ReplyTemplate:
    """The template the agent means by ``name`` (case does not matter): its name or its
    ``folder/name``, else the one whose name contains it; ``local:`` or ``server:`` in front
    looks at that source's only. None fits, or more than one does:
    a ConfigurationError naming the candidates, on one line."""
    wanted = name.strip().lower()
    source, colon, rest = wanted.partition(":")
    if colon and source in (TemplateSource.LOCAL, TemplateSource.SERVER):
        # "local:Thanks", "server:Billing/Refund": only that source's templates.
        templates = [t for t in templates if t.source == source]
        wanted = rest.strip()
    if not wanted:
        raise ConfigurationError("Give a template name (tickettui templates lists them)")
    for by_path in (True, False):
        exact = [t for t in templates if (t.path if by_path else t.name).lower() == wanted]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise ConfigurationError(
                f"Template {inert_line(name)!r} is ambiguous: {_listed(exact)}; give "
                "folder/name, or local: or server: before it"
            )
    partial = [t for t in templates if wanted in t.path.lower()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise ConfigurationError(
            f"Template {inert_line(name)!r} is ambiguous: {_listed(partial[:8])}"
            + (f" and {len(partial) - 8} more" if len(partial) > 8 else "")
        )
    paths = {t.path.lower(): t for t in templates}
    close = difflib.get_close_matches(wanted, list(paths), n=3, cutoff=0.5)
    hint = f"; did you mean {_listed([paths[c] for c in close])}?" if close else ""
    raise ConfigurationError(
        f"No template {inert_line(name)!r}{hint} (tickettui templates lists them)"
    )
