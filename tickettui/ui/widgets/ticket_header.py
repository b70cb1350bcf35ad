"""The detail screen's header: title, then the ticket's facts packed into as few lines as fit.

Each fact is a "Label value" chunk that never splits across lines, so at 80 columns the header
stays compact and readable. Facts a system leaves empty are simply not shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tickettui.core.columns import READ_GLYPHS
from tickettui.core.domain import Capabilities, ReadStatus, TicketDetail
from tickettui.core.field_values import value_text
from tickettui.core.safe_text import inert_line
from tickettui.core.zones import zone_label
from tickettui.ui.widgets.line_block import LineBlock
from tickettui.ui.widgets.text_wrap import pack, wrap_line
from tickettui.ui.widgets.thread import when

READ_WORDS = {
    ReadStatus.UNREAD: "Unread",
    ReadStatus.NEW_INFO: "New info",
    ReadStatus.READ: "Read",
}
TITLE_LINES = 3  # a runaway title must not push the thread off an 80x24 screen
SEPARATOR = "  "


@dataclass(slots=True, frozen=True)
class Chunk:
    label: str
    value: str
    role: str = ""  # component class suffix for the value, e.g. "unread"

    @property
    def width(self) -> int:
        return cell_len(self.text)

    @property
    def text(self) -> str:
        return f"{self.label} {self.value}" if self.label else self.value


def header_chunks(detail: TicketDetail, capabilities: Capabilities) -> list[Chunk]:
    """The facts worth showing, in reading order; empty ones are left out."""
    s = detail.summary
    chunks: list[Chunk] = []
    if capabilities.read_status and s.read_status in READ_WORDS:
        glyph = READ_GLYPHS[s.read_status]
        chunks.append(Chunk("", f"{glyph} {READ_WORDS[s.read_status]}", s.read_status.value))

    def add(label: str, value: str, role: str = "") -> None:
        value = inert_line(value).strip()
        if value:
            chunks.append(Chunk(label, value, role))

    add("Status", s.status, "status")
    add("Priority", s.priority)
    titles = capabilities.column_titles  # e.g. Keliweb's "Department" for the category
    add(titles.get("category", "Category"), s.category)
    add(titles.get("owner", "Owner"), s.owner or "(unassigned)")
    customer = detail.person
    if detail.contact:
        customer = f"{customer} ({detail.contact})" if customer else detail.contact
    add("Customer", customer or s.customer)
    if detail.email:
        # A chunk of its own: next to the name when there is room, else on the next line.
        add("" if customer or s.customer else "Customer", f"<{detail.email}>")
    add("Origin", detail.origin)
    add("Tags", ", ".join(detail.tags))
    add("Sale", detail.sale)
    add("Project", detail.project)
    add("Security", detail.security_level)
    for label, value in detail.extra.items():
        add(inert_line(label), value)
    moments = (
        ("Created", s.created),
        ("Changed", s.last_changed),
        ("Closed", detail.closed_at),
        ("Postponed until", detail.postponed_until),
    )
    for label, moment in moments:
        if moment is not None:
            add(label, when(moment))
    # The zone every time on the screen is shown in, named once (daylight saving as of now).
    add("Times in", zone_label())
    # The tenant's own fields (contract level, SLA...), by its labels; empty ones left out.
    for custom in detail.custom_fields:
        if not custom.hidden:
            add(inert_line(custom.label), value_text(custom.kind, custom.value, custom.choices))
    return chunks


class TicketHeader(LineBlock):
    COMPONENT_CLASSES = {
        "ticket-header--title",
        "ticket-header--number",
        "ticket-header--label",
        "ticket-header--unread",
        "ticket-header--new_info",
        "ticket-header--read",
        "ticket-header--status",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._detail: TicketDetail | None = None
        self._capabilities = Capabilities(system_name="")
        self._message = ""

    @property
    def detail(self) -> TicketDetail | None:
        return self._detail

    def show(self, detail: TicketDetail, capabilities: Capabilities) -> None:
        self._detail = detail
        self._capabilities = capabilities
        self._message = ""
        self.refresh(layout=True)

    def show_message(self, text: str) -> None:
        """One line in place of the header, e.g. while loading or after a failure."""
        self._message = text
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        width = max(width, 10)
        if self._detail is None or self._message:
            return [Text(part) for part in wrap_line(inert_line(self._message), width)]
        s = self._detail.summary
        number = f"#{inert_line(s.display_number)} "
        title = inert_line(s.title).strip() or "(no title)"
        wrapped = wrap_line(number + title, width)
        if len(wrapped) > TITLE_LINES:
            wrapped = wrapped[:TITLE_LINES]
            wrapped[-1] = wrapped[-1][: max(width - 1, 1)] + "…"
        title_style = self.get_component_rich_style("ticket-header--title")
        number_style = self.get_component_rich_style("ticket-header--number")
        lines: list[Text] = []
        for i, part in enumerate(wrapped):
            line = Text(part, style=title_style, no_wrap=True, overflow="crop")
            if i == 0:
                line.stylize(number_style, 0, len(number) - 1)
            lines.append(line)
        label_style = self.get_component_rich_style("ticket-header--label")
        chunks = header_chunks(self._detail, self._capabilities)
        for row in pack([chunk.width for chunk in chunks], width, len(SEPARATOR)):
            line = Text(no_wrap=True, overflow="ellipsis")
            for i, chunk in enumerate(chunks[n] for n in row):
                if i:
                    line.append(SEPARATOR)
                if chunk.label:
                    line.append(chunk.label + " ", label_style)
                value_style: Style | str = ""
                if chunk.role:
                    value_style = self.get_component_rich_style(f"ticket-header--{chunk.role}")
                line.append(chunk.value, value_style)
            # Cut here: Textual would otherwise wrap it past the height we measured.
            line.truncate(width, overflow="ellipsis")
            lines.append(line)
        return lines
