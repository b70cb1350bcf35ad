"""Every reply template the agent can use on a ticket, and filling one in.

The server's templates come first, then the local ones. A server that fails (down, no right,
an answer we cannot read) costs its templates and one line in ``problems``; the local
templates are there all the same, and so is a skipped local file's line.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from tickettui.core.backend import Backend
from tickettui.core.domain import Capabilities
from tickettui.core.errors import ConfigurationError
from tickettui.core.local_templates import LocalTemplates, load_local_templates
from tickettui.core.reply_templates import ReplyTemplate, TemplateSource, server_templates_of
from tickettui.core.safe_text import inert_line
from tickettui.core.template_fill import FilledTemplate, TemplateContext, fill_local

__all__ = ["Catalogue", "fill_template", "load_catalogue", "ticket_context"]


@dataclass(frozen=True, slots=True)
class Catalogue:
    templates: tuple[ReplyTemplate, ...]
    problems: tuple[str, ...] = ()  # one plain line each


async def load_catalogue(
    backend: Backend, capabilities: Capabilities, folder: Path | None
) -> Catalogue:
    """The server's templates (where the system has them) and the local ones in ``folder``
    (None: no local templates)."""
    # The files are read in a thread, while the server answers.
    local_task = asyncio.create_task(
        asyncio.to_thread(load_local_templates, folder) if folder else _no_local()
    )
    templates: list[ReplyTemplate] = []
    problems: list[str] = []
    source = server_templates_of(backend, capabilities)
    if source is not None:
        try:
            offered = await source.reply_templates()
        except Exception as error:  # any failure of the server's part: local ones still work
            problems.append(
                inert_line(f"{capabilities.system_name} templates could not be loaded: {error}")
            )
        else:
            templates.extend(offered.templates)
            if offered.note:
                problems.append(inert_line(offered.note))
    local = await local_task
    templates.extend(local.templates)
    problems.extend(local.problems)
    return Catalogue(tuple(templates), tuple(problems))


async def _no_local() -> LocalTemplates:
    return LocalTemplates(())


async def ticket_context(backend: Backend, ticket_id: int) -> TemplateContext:
    """What ``{number}``, ``{title}``, ``{customer}`` and ``{me}`` are on ``ticket_id``."""
    detail, me = await asyncio.gather(backend.ticket(ticket_id), backend.current_user())
    summary = detail.summary
    return TemplateContext(
        number=summary.number or str(summary.id),
        title=summary.title,
        customer=detail.person or summary.customer,
        me=me,
    )


async def fill_template(
    backend: Backend, capabilities: Capabilities, template: ReplyTemplate, ticket_id: int
) -> FilledTemplate:
    """``template`` filled in for ``ticket_id``: by the system for its own templates, here
    for local ones."""
    if template.source is TemplateSource.SERVER:
        source = server_templates_of(backend, capabilities)
        if source is None:
            raise ConfigurationError(f"{capabilities.system_name} has no reply templates")
        return await source.fill_reply_template(template, ticket_id)
    return fill_local(template.body, await ticket_context(backend, ticket_id))
