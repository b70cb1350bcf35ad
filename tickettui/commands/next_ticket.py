"""`tickettui next`: take the next ticket waiting for an agent, and print it as `show` does.

Without ``--section`` the system's own queue (SuperOffice: GetNextInQueue; Keliweb: every
ticket awaiting a reply); with it, that section's (see ``core.next_ticket``). An empty queue is
not an error: one line (text) or ``"ticket": null`` (JSON), exit status 0.
"""

from __future__ import annotations

from typing import Any

import click

from tickettui.cli_support import friendly_errors
from tickettui.connection import ConnectionFlags
from tickettui.core.backend import Backend
from tickettui.core.domain import Section
from tickettui.core.errors import TicketTuiError

__all__ = ["next_command"]

NEXT_EPILOG = """\b
Examples:
  tickettui next                       the system's own queue, as its "get next" does
  tickettui next --section unassigned  the oldest ticket of a section nobody owns
  tickettui next --json                the ticket as `show --json` prints it, and what was done

\b
SuperOffice assigns the ticket to you. Keliweb signs in as the customer and cannot assign:
the oldest ticket waiting for an answer is shown, not taken, and the output says so.
"""


def _section(sections: list[Section], name: str) -> Section:
    """A section by key, or by title (any case)."""
    wanted = name.strip().casefold()
    for section in sections:
        if section.key.casefold() == wanted or section.title.casefold() == wanted:
            return section
    known = ", ".join(s.key for s in sections)
    raise TicketTuiError(f"Unknown section {name!r}: choose one of {known}")


@click.command("next", epilog=NEXT_EPILOG)
@click.option("--section", default=None, metavar="NAME", help="A section's key or title.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@friendly_errors
def next_command(flags: ConnectionFlags, section: str | None, as_json: bool) -> None:
    """Take the next waiting ticket for yourself and show it."""
    from tickettui.cli_output import detail_json, json_text, print_detail
    from tickettui.cli_tickets import _with_backend
    from tickettui.core.next_ticket import next_taker, taken_message

    async def work(backend: Backend) -> tuple[Any, ...]:
        chosen = _section(await backend.sections(), section) if section else None
        taken = await next_taker(backend, backend.capabilities).take_next(chosen)
        messages = await backend.messages(taken.detail.summary.id) if taken.detail else []
        return taken, messages, backend.capabilities

    taken, messages, capabilities = _with_backend(flags, work)
    if as_json:
        data: dict[str, Any] = {
            "ticket": None,
            "assigned": taken.assigned,
            "queue": taken.queue,
            "message": taken_message(taken),
        }
        if taken.note:
            data["note"] = taken.note
        if taken.detail is not None:
            data["ticket"] = detail_json(taken.detail, messages, capabilities)
        click.echo(json_text(data))
        return
    click.echo(taken_message(taken))
    if taken.detail is not None:
        click.echo("")
        print_detail(taken.detail, messages, capabilities)
