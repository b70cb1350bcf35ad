"""Choose a reply template while composing (ctrl+t): type to narrow the list, enter inserts.

The list is the server's templates (SuperOffice's reply templates, WHMCS's predefined replies)
then the agent's own (``templates/`` beside config.toml), each with where it comes from and its
folder. Everything is loaded and filled in by workers: the window never waits on the network.
A server that fails costs one line; the local templates are offered all the same.

Typing narrows with Textual's fuzzy matcher ("ackrec" finds "Acknowledge receipt"), best
first. Enter fills the highlighted template in for the ticket (SuperOffice: the server does it,
in the customer's language) and dismisses with the text; an error stays here, on one line.

Template names and text are untrusted: shown only through the inert helpers, and the text
handed back has its control characters as visible stand-ins (``␛``), never as themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tickettui.core.reply_templates import ReplyTemplate, TemplateSource
from tickettui.core.safe_text import inert, inert_line
from tickettui.core.template_catalogue import Catalogue, fill_template, load_catalogue
from tickettui.ui.inert_text import block, line

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

__all__ = ["ChosenTemplate", "TemplatePicker", "insert_chosen", "ranked"]

PREVIEW_LINES = 3


@dataclass(frozen=True, slots=True)
class ChosenTemplate:
    """What the picker hands the compose window: the text to insert, and a line about it."""

    name: str
    text: str  # inert: control characters as stand-ins
    warning: str = ""


def _haystack(template: ReplyTemplate) -> str:
    return f"{template.name} {template.folder} {template.source}"


def ranked(templates: tuple[ReplyTemplate, ...], query: str) -> list[ReplyTemplate]:
    """``templates`` that match ``query`` fuzzily, best first (all, in order, for no query)."""
    if not query.strip():
        return list(templates)
    matcher = Matcher(query.strip())
    scored = [(matcher.match(_haystack(t)), i, t) for i, t in enumerate(templates)]
    return [t for score, _, t in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]


def _where(template: ReplyTemplate) -> str:
    return f"{template.source} · {template.folder}" if template.folder else str(template.source)


def _prompt(template: ReplyTemplate) -> Text:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(inert_line(template.name))
    prompt.append("  ")
    prompt.append(inert_line(_where(template)), style="dim")
    return prompt


class TemplatePicker(ModalScreen[ChosenTemplate | None]):
    """The reply templates for one ticket; dismisses with the chosen one filled in, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", priority=True, id="templates.cancel"),
        Binding("down", "move(1)", "Next", show=False, priority=True, id="templates.down"),
        Binding("up", "move(-1)", "Previous", show=False, priority=True, id="templates.up"),
        # A modal screen does not get the app's keys, and `?` is typed into the filter.
        Binding("f1", "app.help", "Keys", id="templates.help"),
    ]
    HINT = "type to filter   ↑↓ choose   enter: insert   esc: cancel   f1: keys"
    # Its own body (not the shared .dialog-body, which the app's stylesheet sizes for short
    # questions): wide enough for a name and its folder, and at 80x24 the filter, ten
    # templates, the preview, the status and the keys all in view.
    DEFAULT_CSS = """
    #templates-body {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #templates-body > Label { width: 100%; }
    #templates-filter { margin: 0 0 1 0; }
    #templates-options { height: auto; max-height: 10; border: none; padding: 0; }
    #templates-preview { height: auto; max-height: 3; color: $text-muted; margin: 1 0 0 0; }
    """

    def __init__(self, ticket_id: int, *, title: str = "Reply templates") -> None:
        super().__init__(classes="dialog")
        self.ticket_id = ticket_id
        self._title = title
        self._catalogue = Catalogue(())
        self._shown: list[ReplyTemplate] = []
        self._loaded = False
        self._filling = False
        self._chosen_early = False  # enter before the list came: choose once it is there

    @property
    def ticket_app(self) -> TicketApp:
        return cast("TicketApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="templates-body"):
            yield Label(Text(self._title, style="bold"), id="templates-title")
            yield Input(placeholder="Type to filter templates", id="templates-filter", compact=True)
            yield OptionList(id="templates-options")
            yield Static("", id="templates-preview")
            yield Label(Text("Loading templates…"), id="templates-status", classes="hint")
            yield Label(Text(self.HINT), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._load()

    # --- loading -----------------------------------------------------------------------------

    @work(exclusive=True, group="templates-load", exit_on_error=False)
    async def _load(self) -> None:
        app = self.ticket_app
        try:
            catalogue = await load_catalogue(app.backend, app.capabilities, app.templates_dir)
        except Exception as error:  # nothing at all could be listed
            self._status(f"Templates could not be loaded: {error}", error=True)
            return
        self._catalogue = catalogue
        self._loaded = True
        self._refresh_list()
        if self._chosen_early:
            self._choose()

    def _summary(self) -> str:
        templates = self._catalogue.templates
        server = sum(1 for t in templates if t.source is TemplateSource.SERVER)
        local = len(templates) - server
        counts = f"{server} from the server, {local} local"
        problems = self._catalogue.problems
        if not problems:
            return counts
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"{counts}. {problems[0]}{more}"

    def _refresh_list(self) -> None:
        query = self.query_one(Input).value
        self._shown = ranked(self._catalogue.templates, query)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(_prompt(t), id=f"t{i}") for i, t in enumerate(self._shown)])
        if self._shown:
            options.highlighted = 0
        problems = bool(self._catalogue.problems)
        if not self._catalogue.templates:
            self._status(self._summary() + ". No templates to choose from.", error=problems)
        elif not self._shown:
            self._status(f"No template matches {inert_line(query)!r}")
        elif query.strip():
            total = len(self._catalogue.templates)
            self._status(f"{len(self._shown)} of {total} match", error=False)
        else:
            self._status(self._summary(), error=problems)
        self._preview()

    # --- the list ----------------------------------------------------------------------------

    @on(Input.Changed, "#templates-filter")
    def _typed(self) -> None:
        if self._loaded:
            self._refresh_list()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._preview()

    def _current(self) -> ReplyTemplate | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index]

    def _preview(self) -> None:
        template = self._current()
        preview = self.query_one("#templates-preview", Static)
        if template is None:
            preview.update("")
        elif template.body:
            lines = [ln for ln in template.body.splitlines() if ln.strip()][:PREVIEW_LINES]
            preview.update(block("\n".join(inert_line(ln) for ln in lines)))
        else:
            about = inert_line(template.description)
            filled = "Filled in by the server for this ticket when chosen."
            preview.update(Text(f"{about}\n{filled}" if about else filled))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self._shown:
            return
        at = options.highlighted if options.highlighted is not None else -step
        options.highlighted = max(0, min(len(self._shown) - 1, at + step))

    @on(Input.Submitted, "#templates-filter")
    def _submitted(self) -> None:
        self._choose()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(OptionList).highlighted = event.option_index
        self._choose()

    def _choose(self) -> None:
        if not self._loaded:
            self._chosen_early = True  # typed ahead: "ack" + enter before the list arrived
            return
        template = self._current()
        if template is None or self._filling:
            return
        self._fill(template)

    # --- filling in --------------------------------------------------------------------------

    @work(exclusive=True, group="templates-fill", exit_on_error=False)
    async def _fill(self, template: ReplyTemplate) -> None:
        self._filling = True
        self._status(f"Filling in {inert_line(template.name)}…")
        app = self.ticket_app
        try:
            filled = await fill_template(app.backend, app.capabilities, template, self.ticket_id)
        except Exception as error:
            self._status(f"{inert_line(template.name)} could not be filled in: {error}", error=True)
            return
        finally:
            self._filling = False
        text = inert(filled.text)  # what is inserted: the text, its controls as stand-ins
        self.dismiss(ChosenTemplate(template.name, text, filled.warning))

    def _status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#templates-status", Label)
        label.update(line(text))
        label.set_class(error, "error")

    def action_cancel(self) -> None:
        self.dismiss(None)


def insert_chosen(area: TextArea, chosen: ChosenTemplate) -> str:
    """Put the template's text in the editor: at the cursor, or in place of a draft that is
    only blank. An edit like typing (undo takes it back, the draft keeps it); the one line
    to show under the editor."""
    if area.text.strip():
        area.insert(chosen.text)
    else:
        area.replace(chosen.text, (0, 0), area.document.end)
    area.focus()
    if chosen.warning:  # the insert itself is in view; what was left needs the agent
        return f"{chosen.warning}: fill it in before sending"
    return f"Template {inert_line(chosen.name)} inserted: edit it as you like."
