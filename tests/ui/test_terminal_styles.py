"""What the app writes to the terminal is rewritten to fewer bytes (issue 16, item 2: over SSH
every byte crosses the link), and the terminal shows exactly the same: every cell the same
character in the same style, the style left the same after each write. Checked on a model
terminal with what Textual writes (Rich's styles, cursor moves, a newline after each line,
erasing, modes, saved cursors, codes not known, writes cut in the middle of a sequence)."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tickettui.ui.terminal_styles import StyleChanges

WIDTH, HEIGHT = 30, 8
_SEQUENCE = re.compile(r"\x1b\[([0-9;:?$]*)([ -/]*)([@-~])|\x1b([0-~])|([^\x1b])")
_ON = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53"}
_OFF = {
    "22": ("1", "2"),
    "23": ("3",),
    "24": ("4", "21"),
    "25": ("5", "6"),
    "27": ("7",),
    "28": ("8",),
    "29": ("9",),
    "54": ("51", "52"),
    "55": ("53",),
}


class ModelTerminal:
    """Cells, a cursor and a style, as an xterm keeps them, for what this test writes."""

    def __init__(self) -> None:
        self.cells = [[(" ", frozenset())] * WIDTH for _ in range(HEIGHT)]
        self.x = self.y = 0
        self.style: dict[str, str] = {}
        self.saved: tuple[int, int, dict[str, str]] = (0, 0, {})

    def feed(self, text: str) -> None:
        for params, _, final, esc, char in _SEQUENCE.findall(text):
            if char:
                self._char(char)
            elif esc == "7":
                self.saved = (self.x, self.y, dict(self.style))
            elif esc == "8":
                self.x, self.y, saved = self.saved
                self.style = dict(saved)
            elif final == "m":
                self._sgr(params)
            elif final == "H":
                row, _, column = params.partition(";")
                self.y = min(HEIGHT - 1, int(row or 1) - 1)
                self.x = min(WIDTH - 1, int(column or 1) - 1)
            elif final == "K":  # erase to the end of the line, in the style's background
                blank = (" ", frozenset(self.style.items()))
                self.cells[self.y][self.x :] = [blank] * (WIDTH - self.x)

    def _char(self, char: str) -> None:
        if char == "\n":
            self.y = min(HEIGHT - 1, self.y + 1)
        elif char == "\r":
            self.x = 0
        elif self.x < WIDTH:
            self.cells[self.y][self.x] = (char, frozenset(self.style.items()))
            self.x += 1

    def _sgr(self, params: str) -> None:
        codes = params.split(";") if params else ["0"]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code in ("", "0"):
                self.style.clear()
            elif code in _ON:
                self.style[code] = "on"
            elif code in _OFF:
                for flag in _OFF[code]:
                    self.style.pop(flag, None)
            elif code in ("38", "48", "58"):
                width = 1 if codes[index + 1] == "5" else 3
                self.style[code] = ";".join(codes[index + 1 : index + 2 + width])
                index += 1 + width
            elif code in ("39", "49", "59"):
                self.style.pop(str(int(code) - 1), None)
            elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
                self.style["38"] = code
            elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
                self.style["48"] = code
            else:
                self.style["other " + code] = "on"
            index += 1

    def screen(self) -> tuple[object, ...]:
        return (tuple(map(tuple, self.cells)), self.x, self.y, frozenset(self.style.items()))


COLOURS = st.sampled_from(
    [None, "red", "bright_blue", "color(253)", "color(234)", "#1e1e1e", "#e0e0e0", "grey50"]
)
STYLES = st.builds(
    Style,
    color=COLOURS,
    bgcolor=COLOURS,
    bold=st.sampled_from([None, True, False]),
    dim=st.sampled_from([None, True]),
    italic=st.sampled_from([None, True]),
    underline=st.sampled_from([None, True]),
    reverse=st.sampled_from([None, True, False]),
    strike=st.sampled_from([None, True]),
    underline2=st.sampled_from([None, True]),
    overline=st.sampled_from([None, True]),
)
TEXT = st.text(alphabet="ab ·│é", min_size=1, max_size=6)
SYSTEMS = st.sampled_from([ColorSystem.STANDARD, ColorSystem.EIGHT_BIT, ColorSystem.TRUECOLOR])


@st.composite
def frames(draw: st.DrawFn) -> str:
    """What Textual writes: lines of styled runs at cursor moves, a newline after each line,
    and now and then something else a terminal application writes."""
    system = draw(SYSTEMS)
    parts = ["\x1b[?2026h"]
    for _ in range(draw(st.integers(1, 6))):
        row, column = draw(st.integers(1, HEIGHT)), draw(st.integers(1, WIDTH))
        parts.append(f"\x1b[{row};{column}H")
        runs = draw(st.lists(st.tuples(TEXT, STYLES), min_size=1, max_size=5))
        strip = Strip([Segment(text, style) for text, style in runs])
        parts.append("".join(style.render(text, color_system=system) for text, style, _ in strip))
        parts.append(
            draw(
                st.sampled_from(
                    [
                        "\n",
                        "\n",
                        "",
                        "\x1b[K",
                        "\x1b[31mx\x1b[K",
                        "\x1b[1mb\n",
                        "\x1b7\x1b[1;1H\x1b[0;7mz\x1b8y",
                        "\x1b[4:3mq",
                        "\x1b[1;31m\r\nw",
                        "\x1b[?25l",
                        "\x1b]8;;https://example.com\x1b\\l\x1b]8;;\x1b\\",
                    ]
                )
            )
        )
    parts.append("\x1b[?2026l")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.lists(frames(), min_size=1, max_size=4), st.lists(st.integers(0, 400), max_size=4))
def test_the_terminal_shows_the_same_cells_in_the_same_style(
    writes: list[str], cuts: list[int]
) -> None:
    # Writes cut anywhere, even inside an escape sequence.
    text = "".join(writes)
    points = sorted({0, len(text), *(min(cut, len(text)) for cut in cuts)})
    chunks = [text[a:b] for a, b in itertools.pairwise(points)]
    asked, shown = ModelTerminal(), ModelTerminal()
    changes = StyleChanges()
    for chunk in chunks:
        asked.feed(chunk)
        shown.feed(changes.rewrite(chunk))
        assert shown.screen() == asked.screen()


def test_a_label_and_its_value_cost_one_colour_change_not_two_whole_styles() -> None:
    label = Style(color="color(231)", bgcolor="color(234)")
    value = Style(color="color(253)", bgcolor="color(234)")
    lines = []
    for row, (name, text) in enumerate([("Status   ", "Open"), ("Priority ", "High")], start=4):
        lines.append(
            f"\x1b[{row};111H"
            + label.render(name, color_system=ColorSystem.EIGHT_BIT)
            + value.render(text, color_system=ColorSystem.EIGHT_BIT)
        )
    written = "\x1b[?2026h" + "\n".join(lines) + "\x1b[?2026l"  # as Textual writes a frame
    changes = StyleChanges()
    changes.rewrite("\x1b[0m")  # the terminal's style is known
    assert changes.rewrite(written) == (
        "\x1b[?2026h"
        "\x1b[38;5;231;48;5;234m\x1b[4;111HStatus   \x1b[38;5;253mOpen"
        "\x1b[38;5;231m\x1b[5;111HPriority \x1b[38;5;253mHigh"
        "\x1b[0m\x1b[?2026l"
    )
    assert len(changes.rewrite(written)) < len(written) * 0.75


def test_until_the_style_is_known_everything_goes_through_as_written() -> None:
    changes = StyleChanges()
    first = "\x1b[1mbold\x1b[22m"
    assert changes.rewrite(first) == first  # what the terminal had before is not known
    known = "\x1b[0mx\x1b[1my\x1b[0m"
    assert changes.rewrite(known) == known  # from the reset on, it is known
    assert changes.rewrite("\x1b[1ma\x1b[0m\x1b[1mb\x1b[0m") == "\x1b[1mab\x1b[0m"
    cut = "\x1b[0m\x1b[38;5;"
    assert changes.rewrite(cut).endswith("\x1b[38;5;")
    assert changes.rewrite("1mred\x1b[0m") == "1mred\x1b[0m"  # the rest of that sequence
