"""Reply templates on the command line: `tickettui templates`, and `reply`/`note --template`.

The same templates as the app's ctrl+t: the server's (SuperOffice's reply templates, WHMCS's
predefined replies where Keliweb offers them) and the agent's own files in ``templates/``
beside config.toml. What could not be listed (a server error, Keliweb not offering them, a
file skipped) is one line each on stderr; the rest is listed all the same.
"""

from __future__ import annotations

from typing import Any

import click

from tickettui.cli_support import friendly_errors
from tickettui.connection import ConnectionFlags
from tickettui.core.backend import Backend
from tickettui.core.errors import ConfigurationError
from tickettui.core.safe_text import inert, inert_line

__all__ = ["TEMPLATE_OPTION", "template_text", "templates_command"]

TEMPLATE_OPTION = click.option(
    "--template",
    "template",
    default=None,
    metavar="NAME",
    help="Send this reply template, filled in for the ticket (its name, folder/name or a part "
    "of it; `tickettui templates` lists them). -m or --file text is added after it.",
)


async def template_text(
    backend: Backend, ticket_id: int, name: str, extra: str, *, warn: bool = True
) -> str:
    """The template called ``name`` filled in for ``ticket_id``, then ``extra`` (after a blank
    line). A template that leaves a variable unknown is refused: the customer would get it as
    written."""
    from tickettui.config.paths import templates_dir
    from tickettui.core.reply_templates import find_template
    from tickettui.core.template_catalogue import fill_template, load_catalogue

    catalogue = await load_catalogue(backend, backend.capabilities, templates_dir())
    if warn:
        for problem in catalogue.problems:
            click.echo(f"tickettui: {problem}", err=True)
    template = find_template(catalogue.templates, name)
    filled = await fill_template(backend, backend.capabilities, template, ticket_id)
    if filled.warning:
        raise ConfigurationError(
            f"Template {inert_line(template.path)!r}: {filled.warning}; nothing sent "
            "(fix the template, or send the text with -m)"
        )
    text = filled.text.strip("\n")
    if not text.strip():
        raise ConfigurationError(f"Template {inert_line(template.path)!r} is empty; nothing sent")
    return f"{text}\n\n{extra}" if extra else text


TEMPLATES_EPILOG = """\b
Examples:
  tickettui templates                       every template: source, folder, name
  tickettui templates --ticket 616611       each filled in for that ticket
  tickettui reply 616611 --template "Password reset"
  tickettui note 7 --template "billing/Refund" -m "Approved by Ann."
  tickettui reply 7 --template "local:Thanks"   only your own (server: only the server's)

\b
Your own templates: one file each (.txt or .md) in templates/ beside config.toml, a subfolder
being the folder; an optional first line "Title: Name". Variables: {number} {title}
{customer} {me}; {{ and }} are braces.
"""


@click.command("templates", epilog=TEMPLATES_EPILOG)
@click.option(
    "--ticket",
    default=None,
    metavar="TICKET",
    help="Fill each template in for this ticket (the number you see, #N or id:N).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array).")
@click.pass_obj
@friendly_errors
def templates_command(flags: ConnectionFlags, ticket: str | None, as_json: bool) -> None:
    """List the reply templates: the server's and your own (templates/ beside config.toml)."""
    from tickettui.cli_output import json_text
    from tickettui.cli_tickets import _with_backend as with_backend
    from tickettui.config.paths import templates_dir
    from tickettui.core.template_catalogue import fill_template, load_catalogue

    async def work(backend: Backend) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
        catalogue = await load_catalogue(backend, backend.capabilities, templates_dir())
        ticket_id = await backend.resolve(ticket) if ticket is not None else None
        rows: list[dict[str, Any]] = []
        for template in catalogue.templates:
            row: dict[str, Any] = {
                "source": str(template.source),
                "folder": template.folder,
                "name": template.name,
            }
            if ticket_id is not None:
                filled = await fill_template(backend, backend.capabilities, template, ticket_id)
                row["text"] = filled.text
                row["warning"] = filled.warning
            rows.append(row)
        return rows, catalogue.problems

    rows, problems = with_backend(flags, work)
    for problem in problems:
        click.echo(f"tickettui: {inert_line(problem)}", err=True)
    if as_json:
        click.echo(json_text(rows))
        return
    if not rows:
        click.echo("No templates (tickettui templates --help says where yours go)")
        return
    width = max(len(inert_line(r["folder"])) for r in rows)
    for row in rows:
        click.echo(
            f"{row['source']:<6}  {inert_line(row['folder']):<{width}}  {inert_line(row['name'])}"
        )
        if "text" in row:
            body = inert(row["text"]).replace("\n", "\n    ")
            click.echo(f"    {body}")
            if row["warning"]:
                click.echo(f"    ({inert_line(row['warning'])})")
            click.echo("")
