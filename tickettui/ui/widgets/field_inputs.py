"""The edit form's inputs: one entry per field kind, in one table.

Each entry builds the widget for a field showing a raw value (what the field's codec in
``tickettui.core.field_codecs`` says the input holds), reads what the widget holds now, and
makes it hold another raw value (after a merge, or "assign to me"). A new field kind is one
entry here and one codec there; the edit screen never asks which kind a field is. ``FieldRows``
lays out a field's row (label, input, the problem under it) and finds its parts by id.

Server text reaches these widgets only as plain text: the codecs make input text inert, and
labels and choices go through ``tickettui.ui.inert_text`` (never markup).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, TextArea
from textual.widgets.select import InvalidSelectValueError
from textual.widgets.selection_list import Selection

from tickettui.core.domain import FieldKind, FieldSpec
from tickettui.core.field_codecs import Raw, multiline
from tickettui.core.field_values import YES_NO
from tickettui.ui.inert_text import line
from tickettui.ui.widgets.check_marks import TagList

__all__ = ["INPUTS", "FieldInput", "FieldRows", "id_part", "input_for", "key_from_id_part"]

DATE_PLACEHOLDER = "empty = none; tomorrow 9:00, +2d, 2026-12-01 14:00"
DAY_PLACEHOLDER = "empty = none; tomorrow, +2d, 2026-12-01"
NUMBER_PLACEHOLDER = "empty = none"
NOT_LISTED = " (not in the list)"


@dataclass(frozen=True, slots=True)
class FieldInput:
    """How one kind of field is edited: ``build(spec, raw, id)``, ``read(widget)`` and
    ``show(widget, spec, raw)``."""

    build: Callable[[FieldSpec, Raw, str], Widget]
    read: Callable[[Widget], Raw]
    show: Callable[[Widget, FieldSpec, Raw], None]


def _text(raw: Raw) -> str:
    return raw if isinstance(raw, str) else ""


# --- text: one line, or several (the message) -------------------------------------------------


def _build_text(spec: FieldSpec, raw: Raw, wid: str) -> Widget:
    if multiline(spec):
        area = TextArea(_text(raw), id=wid, soft_wrap=True, compact=True)
        area.show_line_numbers = False
        return area
    # Editing a title usually means adding to it: don't select it all on focus.
    return Input(_text(raw), id=wid, compact=True, select_on_focus=False)


def _read_text(widget: Widget) -> Raw:
    return widget.text if isinstance(widget, TextArea) else _read_line(widget)


def _show_text(widget: Widget, spec: FieldSpec, raw: Raw) -> None:
    if isinstance(widget, TextArea):
        if widget.text != _text(raw):
            widget.text = _text(raw)
    else:
        _show_line(widget, spec, raw)


# --- a date, typed as agents type them --------------------------------------------------------


def _build_datetime(spec: FieldSpec, raw: Raw, wid: str) -> Widget:
    return Input(
        _text(raw), placeholder=DATE_PLACEHOLDER, id=wid, compact=True, select_on_focus=False
    )


def _read_line(widget: Widget) -> Raw:
    assert isinstance(widget, Input)
    return widget.value


def _show_line(widget: Widget, spec: FieldSpec, raw: Raw) -> None:
    assert isinstance(widget, Input)
    if widget.value != _text(raw):
        widget.value = _text(raw)


# --- tags: a list to tick ("[x] Bug", "[ ] Bug": check_marks) ---------------------------------


def _unlisted_tag(tag: str) -> Selection[str]:
    return Selection(line(tag + NOT_LISTED), tag, True)


def _build_tags(spec: FieldSpec, raw: Raw, wid: str) -> Widget:
    chosen = set(raw) if isinstance(raw, tuple) else set()
    known = {c.value for c in spec.choices}
    selections = [Selection(line(c.label), c.value, c.value in chosen) for c in spec.choices]
    # Tags the list no longer offers stay on the ticket unless unticked.
    selections += [_unlisted_tag(tag) for tag in sorted(chosen - known)]
    return TagList(*selections, id=wid, compact=True)


def _read_tags(widget: Widget) -> Raw:
    assert isinstance(widget, SelectionList)
    return tuple(sorted(str(value) for value in widget.selected))


def _show_tags(widget: Widget, spec: FieldSpec, raw: Raw) -> None:
    assert isinstance(widget, SelectionList)
    listed = {option.value for option in widget.options if isinstance(option, Selection)}
    widget.deselect_all()
    for tag in raw if isinstance(raw, tuple) else ():
        if tag in listed:
            widget.select(tag)
        else:
            widget.add_option(_unlisted_tag(tag))


# --- a choice: a drop-down --------------------------------------------------------------------


def _options(spec: FieldSpec, current: str | None) -> list[tuple[Text, str]]:
    options = [(line(c.label), c.value) for c in spec.choices]
    if current is not None and all(c.value != current for c in spec.choices):
        # e.g. a former colleague still owns it: show it rather than silently change it.
        options.append((line(current + NOT_LISTED), current))
    return options


def _build_choice(spec: FieldSpec, raw: Raw, wid: str) -> Widget:
    current = raw if isinstance(raw, str) else None
    return Select[str](
        _options(spec, current),
        value=current if current is not None else Select.NULL,
        allow_blank=current is None,  # blank only where it was blank
        prompt="(none)",
        id=wid,
        compact=True,
        type_to_search=True,
    )


def _read_choice(widget: Widget) -> Raw:
    assert isinstance(widget, Select)
    picked = widget.selection
    return None if picked is None else str(picked)


def _show_choice(widget: Widget, spec: FieldSpec, raw: Raw) -> None:
    assert isinstance(widget, Select)
    if not isinstance(raw, str):
        with contextlib.suppress(InvalidSelectValueError):  # blank only where it was blank
            widget.clear()
        return
    if all(c.value != raw for c in spec.choices):
        widget.set_options(_options(spec, raw))
    widget.value = raw


# --- a number, a day: typed on one line ------------------------------------------------------


def _line_input(placeholder: str) -> Callable[[FieldSpec, Raw, str], Widget]:
    def build(spec: FieldSpec, raw: Raw, wid: str) -> Widget:
        return Input(
            _text(raw), placeholder=placeholder, id=wid, compact=True, select_on_focus=False
        )

    return build


# --- yes / no: a drop-down of the two (blank only where it was not set) -----------------------


def _yes_no(spec: FieldSpec) -> FieldSpec:
    return replace(spec, choices=YES_NO)


def _build_bool(spec: FieldSpec, raw: Raw, wid: str) -> Widget:
    return _build_choice(_yes_no(spec), raw, wid)


def _show_bool(widget: Widget, spec: FieldSpec, raw: Raw) -> None:
    _show_choice(widget, _yes_no(spec), raw)


INPUTS: Mapping[FieldKind, FieldInput] = {
    FieldKind.TEXT: FieldInput(_build_text, _read_text, _show_text),
    FieldKind.DATETIME: FieldInput(_build_datetime, _read_line, _show_line),
    FieldKind.TAGS: FieldInput(_build_tags, _read_tags, _show_tags),
    FieldKind.CHOICE: FieldInput(_build_choice, _read_choice, _show_choice),
    FieldKind.NUMBER: FieldInput(_line_input(NUMBER_PLACEHOLDER), _read_line, _show_line),
    FieldKind.BOOL: FieldInput(_build_bool, _read_choice, _show_bool),
    FieldKind.DATE: FieldInput(_line_input(DAY_PLACEHOLDER), _read_line, _show_line),
}

# A widget id takes letters, digits, "_" and "-"; a field key may hold more (SuperOffice's
# "SuperOffice:3", a plug-in's "custom.sla"). Any other character (and "-") is written as
# "-<hex>-", so ids stay unique and a key comes back from its id.
_ID_SAFE = re.compile(r"[^A-Za-z0-9_]")
_ID_ESCAPE = re.compile(r"-([0-9a-f]+)-")


def id_part(key: str) -> str:
    """``key`` as it can stand in a widget id (unchanged for a plain key like ``title``)."""
    return _ID_SAFE.sub(lambda m: f"-{ord(m.group()):x}-", key)


def key_from_id_part(part: str) -> str:
    return _ID_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), part)


def input_for(spec: FieldSpec) -> FieldInput:
    return INPUTS[spec.kind]


class FieldRows:
    """The form's rows under ``root`` (the edit screen): ``row-KEY`` holds the label, the input
    ``field-KEY`` and the problem ``error-KEY`` shown under it."""

    PREFIX = "field-"

    def __init__(self, root: DOMNode) -> None:
        self._root = root

    def build(self, spec: FieldSpec, raw: Raw) -> Widget:
        label = spec.label + (" *" if spec.required else "")
        part = id_part(spec.key)
        return Vertical(
            Horizontal(
                Label(line(label), classes="field-label"),
                input_for(spec).build(spec, raw, self.PREFIX + part),
                classes="field-line",
            ),
            Label("", id=f"error-{part}", classes="field-error"),
            id=f"row-{part}",
            classes="field-row",
        )

    @classmethod
    def key_of(cls, widget: Widget | None) -> str | None:
        """The field whose input ``widget`` is, if it is one."""
        wid = widget.id if widget is not None else None
        if not wid or not wid.startswith(cls.PREFIX):
            return None
        return key_from_id_part(wid.removeprefix(cls.PREFIX))

    def input(self, spec: FieldSpec) -> Widget:
        return self._root.query_one(f"#{self.PREFIX}{id_part(spec.key)}")

    def raw(self, spec: FieldSpec) -> Raw:
        return input_for(spec).read(self.input(spec))

    def show(self, spec: FieldSpec, raw: Raw) -> None:
        input_for(spec).show(self.input(spec), spec, raw)

    def explain(self, spec: FieldSpec, problem: str | None) -> None:
        """Show ``problem`` under the field, or nothing."""
        part = id_part(spec.key)
        error = self._root.query_one(f"#error-{part}", Label)
        error.update(line(problem) if problem is not None else "")
        error.set_class(problem is not None, "-shown")
        self._root.query_one(f"#row-{part}").set_class(problem is not None, "-invalid")

    def explained(self, spec: FieldSpec) -> bool:
        """Whether a problem is shown under the field."""
        return self._root.query_one(f"#error-{id_part(spec.key)}", Label).has_class("-shown")
