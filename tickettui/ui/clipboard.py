"""Copy a ticket's number, its web address or a message to the clipboard, and open its page.

The clipboard is the terminal's, reached with OSC 52 (``App.copy_to_clipboard``): it works over
SSH and inside tmux (with ``set -g set-clipboard on``), where no local clipboard tool could.
What is copied has its control characters removed (``core.ticket_links.clipboard_text``), so a
message cannot carry an escape sequence of its own into the agent's next paste.

The web page opens with the system's browser opener only where there is a desktop to show it:
over SSH a browser would start on the server (or a text one would take the terminal), so the
address is copied instead and the notice says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from tickettui.core.safe_text import inert_line

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp
    from tickettui.ui.commands import PaletteCommand

# Not in the footer (80 columns have no room): `?` and the palette list them.
LINK_BINDINGS = [
    Binding("y", "copy_number", "Copy number", show=False, id="links.copy_number"),
    Binding("Y", "copy_url", "Copy link", show=False, id="links.copy_url"),
    Binding("w", "open_web", "Web page", show=False, id="links.open_web"),
]
COPY_MESSAGE_BINDING = Binding(
    "C", "copy_message", "Copy message", show=False, id="links.copy_message"
)
SHOWN_CHARACTERS = 60  # of the copied text, in the notice
# OSC 52 sends the text base64-encoded through the terminal (over SSH, the link): terminals and
# multiplexers drop or cut long ones without a word (hterm at 100,000 encoded characters, tmux
# by its buffer limits), and a megabyte would hold the screen while it crosses. Above this, the
# copy is refused with one line saying what to use instead.
COPY_LIMIT_BYTES = 75_000


def _shortened(text: str) -> str:
    one_line = inert_line(text).strip()
    if len(one_line) > SHOWN_CHARACTERS:
        return one_line[: SHOWN_CHARACTERS - 1] + "…"
    return one_line


class LinksMixin:
    """Needs ``link_ticket()``: the current ticket's id and the number users quote."""

    app: TicketApp

    def link_ticket(self) -> tuple[int, str] | None:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy_url", "open_web"):
            return bool(self.app.web_url)
        return super().check_action(action, parameters)  # type: ignore[misc, no-any-return]

    def copy_text(self, text: str, what: str) -> None:
        """Copy ``text`` (made inert) and say what was copied, in one line."""
        from tickettui.core.ticket_links import clipboard_text  # on first use: not at start

        copied = clipboard_text(text)
        size = len(copied.encode())
        if size > COPY_LIMIT_BYTES:
            self.app.notify(
                f"Not copied: {what} is {size // 1000:,} KB, more than a terminal's clipboard "
                f"takes ({COPY_LIMIT_BYTES // 1000} KB); `tickettui show` prints the thread",
                severity="warning",
                markup=False,
            )
            return
        self.app.copy_to_clipboard(copied)
        self.app.notify(f"Copied {what}: {_shortened(copied)}", markup=False)

    def ticket_url(self) -> tuple[str, str] | None:
        """The current ticket's web address and number, if there is a ticket and a template."""
        from tickettui.core.ticket_links import web_url

        ticket = self.link_ticket()
        template = self.app.web_url
        if ticket is None or not template:
            return None
        ticket_id, number = ticket
        return web_url(template, ticket_id, number), number

    def link_commands(self) -> list[PaletteCommand]:
        """The palette's entries for these keys (the link ones only with a web page)."""
        from tickettui.ui.commands import PaletteCommand  # the palette's: not at start

        commands = [
            PaletteCommand(
                "Copy the ticket number", "To the clipboard (key y)", self.action_copy_number
            )
        ]
        if self.app.web_url:
            commands += [
                PaletteCommand(
                    "Copy the ticket's link", "Its web address (key Y)", self.action_copy_url
                ),
                PaletteCommand(
                    "Open the ticket's web page",
                    "In the browser; over SSH the link is copied (key w)",
                    self.action_open_web,
                ),
            ]
        return commands

    def action_copy_number(self) -> None:
        ticket = self.link_ticket()
        if ticket is not None:
            self.copy_text(ticket[1], "the ticket number")

    def action_copy_url(self) -> None:
        found = self.ticket_url()
        if found is not None:
            self.copy_text(found[0], f"the link to ticket {found[1]}")

    def action_open_web(self) -> None:
        from tickettui.core.ticket_links import safe_link
        from tickettui.ui.desktop import has_desktop

        found = self.ticket_url()
        if found is None:
            return
        url, number = found
        if not safe_link(url):
            self.app.notify(f"Ticket {number}: the web_url gives no usable link", markup=False)
        elif self.app.is_web:
            # `tickettui web`: the agent's browser opens it (a new tab), not a desktop on the
            # machine that serves the app.
            self.app.open_url(url)
            self.app.notify(f"Opened ticket {number} in a new tab", markup=False)
        elif has_desktop():
            self._open_in_browser(url, number)
        else:
            self.copy_text(url, f"the link to ticket {number} (no desktop here to open it)")

    @work(thread=True, group="open-web", exit_on_error=False)
    def _open_in_browser(self, url: str, number: str) -> None:
        # Not webbrowser.open: it starts the browser with the app's environment, secrets too.
        from tickettui.ui.desktop import open_outside

        try:
            open_outside(url)
            opened = True
        except OSError:
            opened = False
        if opened:
            self.app.call_from_thread(
                self.app.notify, f"Opened ticket {number} in the browser", markup=False
            )
        else:
            self.app.call_from_thread(
                self.copy_text, url, f"the link to ticket {number} (no browser)"
            )
