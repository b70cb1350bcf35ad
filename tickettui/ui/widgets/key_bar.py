"""The footer: the screen's most used keys that fit one line, whole, and always `?`.

Textual's ``Footer`` lays every shown key out and lets the line run off the edge: at 80
columns the queue's stopped at "P▏^p palette", hiding `t`, `n`, `q` and `?` itself. This one
takes the screen's shown bindings in the screen's own order of use (binding ids handed to
it, most used first; the rest after, in binding order), drops the least used key until the
line fits, never cuts a key in half, and keeps `? Keys` at the end: every key dropped is in `?`
and the palette. `^p Palette` comes last, only when there is room for it.

Keys come from the screen's ``active_bindings``, so a profile's keymap and a screen's
``check_action`` (a key the system does not support) show here exactly as in `?`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import ActiveBinding

HELP_ACTIONS = frozenset({"help", "app.help"})  # `?`, and f1 where `?` is typed
GAP = " "


# A NamedTuple, not a dataclass: defined in ~0.1 ms against ~1 ms, before the first frame.
class ShownKey(NamedTuple):
    key: str  # the key to press (simulated on a click)
    display: str  # how it is written ("^s", "⏎", "?")
    description: str
    enabled: bool = True

    @property
    def width(self) -> int:
        return cell_len(f"{self.display} {self.description}")


def fitting(
    keys: Sequence[ShownKey], width: int, *, help_key: ShownKey | None, palette: ShownKey | None
) -> list[ShownKey]:
    """The keys on a line ``width`` cells wide: the first ones of ``keys`` (most used first)
    that fit whole beside `?`; the palette's key last if it still fits."""

    def used(chosen: Sequence[ShownKey]) -> int:
        return sum(k.width for k in chosen) + len(GAP) * max(0, len(chosen) - 1) + 1

    tail = [help_key] if help_key is not None else []
    chosen: list[ShownKey] = []
    for key in keys:
        if used([*chosen, key, *tail]) <= width:
            chosen.append(key)
        else:
            break  # most used first: a later, shorter key does not jump the queue
    line = [*chosen, *tail]
    if palette is not None and used([*line, palette]) <= width:
        line.append(palette)
    return line


def _shown(app: App[object], active: ActiveBinding) -> ShownKey:
    binding = active.binding
    return ShownKey(binding.key, app.get_key_display(binding), binding.description, active.enabled)


class KeyBar(Widget):
    """One line of keys at the bottom of a screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        & > .key-bar--description { color: $footer-description-foreground; }
    }
    """

    def __init__(
        self,
        order: Sequence[str] | Callable[[], Sequence[str]] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``order``: binding ids, the screen's most used first (or what says them now: the
        queue puts the marks' keys first while tickets are marked)."""
        super().__init__(id=id, classes=classes)
        self._order = order
        self._spans: list[tuple[int, int, str]] = []  # (start x, end x, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def shown_keys(self) -> list[ShownKey]:
        """What the line would show at any width, in order (tests read this)."""
        keys, help_key, palette = self._candidates()
        return [*keys, *([help_key] if help_key else []), *([palette] if palette else [])]

    def _candidates(self) -> tuple[list[ShownKey], ShownKey | None, ShownKey | None]:
        screen = self.screen
        app = self.app
        order = self._order() if callable(self._order) else self._order
        rank = {binding_id: n for n, binding_id in enumerate(order)}
        seen_actions: set[str] = set()
        ranked: list[tuple[int, int, ShownKey]] = []
        help_key: ShownKey | None = None
        palette: ShownKey | None = None
        for n, active in enumerate(screen.active_bindings.values()):
            binding: Binding = active.binding
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = ShownKey(binding.key, app.get_key_display(binding), "Palette")
                continue
            if binding.action in HELP_ACTIONS:
                if help_key is None or binding.key == "question_mark":
                    help_key = _shown(app, active)  # `?` where it works, else f1
                continue
            if not binding.show or not active.enabled or binding.action in seen_actions:
                continue  # most of a screen's keys: their display is not worked out
            seen_actions.add(binding.action)
            ranked.append((rank.get(binding.id or "", len(rank)), n, _shown(app, active)))
        keys = [shown for _, _, shown in sorted(ranked, key=lambda item: item[:2])]
        return keys, help_key, palette

    def _parts(self) -> list[tuple[str, str | None]]:
        """The line as (text, component class) parts, the keys fitted to the width; where
        each key is (``_spans``, for clicks) is noted on the way."""
        keys, help_key, palette = self._candidates()
        line = fitting(keys, self.size.width, help_key=help_key, palette=palette)
        parts: list[tuple[str, str | None]] = [(" ", None)]
        x = 1
        self._spans = []
        for n, key in enumerate(line):
            if n:
                parts.append((GAP, None))
                x += len(GAP)
            if key is palette and palette is not None:  # flush right when there is room
                room = max(0, self.size.width - x - key.width - 1)
                parts.append((" " * room, None))
                x += room
            parts.append((key.display, "key-bar--key"))
            parts.append((f" {key.description}", "key-bar--description"))
            self._spans.append((x, x + key.width, key.key))
            x += key.width
        return parts

    def line_text(self) -> str:
        """The line as it reads."""
        return "".join(text for text, _ in self._parts())

    def render_line(self, y: int) -> Strip:
        # Segments straight away: a Rich Text would be converted to Content and laid out
        # again on every paint (a third of the first frame's footer).
        base = self.rich_style
        width = self.size.width
        if y:
            return Strip.blank(width, base)
        styles = {
            name: base + self.get_component_rich_style(name, partial=True)
            for name in ("key-bar--key", "key-bar--description")
        }
        segments = [Segment(text, styles[name] if name else base) for text, name in self._parts()]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
