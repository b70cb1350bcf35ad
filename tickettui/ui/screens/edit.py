"""Edit a ticket, or create one: one input per field, inline validation, merge on conflict.

Nothing typed is ever lost: invalid input is explained under its field and the save is refused;
a failed save leaves the form as it is and keeps the edit as a draft; a conflicting change by
someone else opens the merge screen instead of overwriting either side.
"""

from __future__ import annotations

import importlib.util
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from tickettui.core.backend import SaveResult
from tickettui.core.date_input import HINT, format_user_datetime, parse_user_datetime
from tickettui.core.domain import EditForm, FieldKind, FieldSpec, FieldValue, QuickAction
from tickettui.core.drafts import Draft, decode_values, encode_values
from tickettui.core.errors import OutcomeUnknown
from tickettui.core.merge import three_way_merge
from tickettui.core.safe_text import inert, inert_line
from tickettui.ui.after_typing import after_typing
from tickettui.ui.draft_timer import DraftTimer
from tickettui.ui.inert_text import line
from tickettui.ui.screens.merge import MergeScreen, describe_value
from tickettui.ui.screens.pickers import Confirm
from tickettui.ui.ticket_numbers import known_number, ticket_words

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

MULTILINE_KEYS = frozenset({"message"})  # text fields that take several lines
OWNER_KEY = "owner"
POSTPONE_KEY = "postponed_until"


class FieldError(ValueError):
    """A field's input cannot be saved; the message is shown under the field."""


def _widget_id(key: str) -> str:
    return f"field-{key}"


class EditScreen(Screen[None]):
    """``EditScreen(123)`` edits ticket 123; ``EditScreen(None)`` creates a ticket."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="edit.save"),
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+o", "assign_to_me", "Assign to me", id="edit.assign_to_me"),
        Binding("ctrl+t", "toggle_notify", "Notify", show=False, id="edit.toggle_notify"),
    ]

    def __init__(self, ticket_id: int | None, *, number: str = "") -> None:
        super().__init__()
        self.ticket_id = ticket_id
        # The number users quote (Keliweb's "616611", not its id): given, cached, or the form's.
        self.number = number
        self.form: EditForm | None = None
        self.saving = False
        self._initial_raw: dict[str, Any] = {}
        self._restored_draft = False
        self.ready = False  # the form is loaded and its inputs are mounted
        self._now = datetime.now  # a seam for tests that need a fixed "now"
        self._draft_timer = DraftTimer(self, self._write_draft)

    # --- layout ----------------------------------------------------------------------------

    @property
    def ticket_app(self) -> TicketApp:
        return cast("TicketApp", self.app)

    @property
    def heading(self) -> str:
        if self.ticket_id is None:
            return "New ticket"
        return f"Edit ticket {self.number}" if self.number else "Edit ticket"

    def _show_heading(self) -> None:
        self.title = inert_line(self.heading)
        for title in self.query("#edit-title").results(Static):
            title.update(line(self.heading, "bold"))

    @property
    def draft_key(self) -> int:
        return self.ticket_id or 0

    def compose(self) -> ComposeResult:
        yield Static(line(self.heading, "bold"), id="edit-title")
        yield VerticalScroll(id="edit-fields")
        with Horizontal(id="edit-actions"):
            if self.ticket_app.capabilities.notify_toggle:
                yield Checkbox("Notify", False, id="edit-notify", compact=True)
            yield Button("Save ^s", id="edit-save-button", variant="primary", compact=True)
            if self._can_assign_to_me():
                yield Button("Assign to me ^o", id="edit-me-button", compact=True)
            yield Button("Cancel esc", id="edit-cancel-button", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self.ticket_id is not None and not self.number:
            self.number = known_number(self.app, self.ticket_id)
        self._show_heading()
        self.query_one("#edit-fields").loading = True
        self._load()

    @work(exclusive=True, group="edit-load")
    async def _load(self) -> None:
        fields = self.query_one("#edit-fields", VerticalScroll)
        try:
            form = await self.ticket_app.backend.edit_form(self.ticket_id)
            if self.ticket_id is not None:
                self.number = form.number or self.number or str(self.ticket_id)
                self._show_heading()
        except Exception as error:
            fields.loading = False
            self.ticket_app.report_error(error, f"Opening {self.heading.lower()}")
            kept = " Your draft is kept." if self.draft_key in self.ticket_app.drafts else ""
            await fields.mount(
                Label(
                    line(f"Could not load the ticket: {error}.{kept} Press esc to go back."),
                    classes="error",
                )
            )
            return
        draft = self.ticket_app.drafts.get(self.draft_key)
        if draft is not None:
            answer = await self.app.push_screen_wait(RestoreDraft(draft))
            if answer == RestoreDraft.RESTORE:
                form.base = decode_values(draft.base, form.specs)
                form.values = decode_values(draft.values, form.specs)
                self._restored_draft = True
            elif answer == RestoreDraft.DISCARD:
                self.ticket_app.drafts.discard(self.draft_key)
        self.form = form
        await fields.mount_all([self._field_row(spec, form) for spec in form.specs])
        fields.loading = False
        self._initial_raw = self._raw_of(form.values)
        first = next(iter(self._inputs()), None)
        if first is not None:
            first.focus()
        self.ready = True
        if self._restored_draft:
            self.notify("Draft restored: ctrl+s saves it", markup=False)

    def _field_row(self, spec: FieldSpec, form: EditForm) -> Widget:
        value = form.values.get(spec.key)
        label = spec.label + (" *" if spec.required else "")
        return Vertical(
            Horizontal(
                Label(line(label), classes="field-label"),
                self._input_for(spec, value),
                classes="field-line",
            ),
            Label("", id=f"error-{spec.key}", classes="field-error"),
            id=f"row-{spec.key}",
            classes="field-row",
        )

    def _input_for(self, spec: FieldSpec, value: FieldValue) -> Widget:
        wid = _widget_id(spec.key)
        if spec.kind is FieldKind.TEXT and spec.key in MULTILINE_KEYS:
            area = TextArea(_shown(spec, value), id=wid, soft_wrap=True, compact=True)
            area.show_line_numbers = False
            return area
        if spec.kind is FieldKind.TEXT:
            # Editing a title usually means adding to it: don't select it all on focus.
            return Input(_shown(spec, value), id=wid, compact=True, select_on_focus=False)
        if spec.kind is FieldKind.DATETIME:
            current = value if isinstance(value, datetime) else None
            return Input(
                format_user_datetime(current),
                placeholder="empty = none; tomorrow 9:00, +2d, 2026-12-01 14:00",
                id=wid,
                compact=True,
                select_on_focus=False,
            )
        if spec.kind is FieldKind.TAGS:
            chosen = set(value) if isinstance(value, tuple) else set()
            known = {c.value for c in spec.choices}
            selections = [
                Selection(line(c.label), c.value, c.value in chosen) for c in spec.choices
            ]
            # Tags the list no longer offers stay on the ticket unless unticked.
            selections += [
                Selection(line(f"{v} (not in the list)"), v, True) for v in sorted(chosen - known)
            ]
            return SelectionList[str](*selections, id=wid, compact=True)
        options: list[tuple[Text, str]] = [(line(c.label), c.value) for c in spec.choices]
        current_choice = value if isinstance(value, str) else None
        if current_choice is not None and all(c.value != current_choice for c in spec.choices):
            # e.g. a former colleague still owns it: show it rather than silently change it.
            options.append((line(f"{current_choice} (not in the list)"), current_choice))
        return Select[str](
            options,
            value=current_choice if current_choice is not None else Select.NULL,
            allow_blank=current_choice is None,  # blank only where it was blank
            prompt="(none)",
            id=wid,
            compact=True,
            type_to_search=True,
        )

    # --- reading and checking the inputs ---------------------------------------------------

    def _inputs(self) -> list[Widget]:
        if self.form is None:
            return []
        return [self.query_one(f"#{_widget_id(spec.key)}") for spec in self.form.specs]

    def _raw(self, spec: FieldSpec) -> Any:
        widget = self.query_one(f"#{_widget_id(spec.key)}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, SelectionList):
            return tuple(sorted(str(v) for v in widget.selected))
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        raise TypeError(widget)

    def _raw_of(self, values: dict[str, FieldValue]) -> dict[str, Any]:
        """What ``_raw_state`` reads once the inputs show ``values``."""
        assert self.form is not None
        raw: dict[str, Any] = {}
        for spec in self.form.specs:
            value = values.get(spec.key)
            if spec.kind is FieldKind.DATETIME:
                raw[spec.key] = format_user_datetime(value if isinstance(value, datetime) else None)
            elif spec.kind is FieldKind.TAGS:
                raw[spec.key] = tuple(sorted(value)) if isinstance(value, tuple) else ()
            elif spec.kind is FieldKind.TEXT:
                raw[spec.key] = _shown(spec, value)
            else:
                raw[spec.key] = value
        return raw

    def _raw_state(self) -> dict[str, Any]:
        if self.form is None:
            return {}
        return {spec.key: self._raw(spec) for spec in self.form.specs}

    def _value(self, spec: FieldSpec) -> FieldValue:
        """The field's value as the form holds it, or FieldError with a one-line reason."""
        assert self.form is not None
        raw = self._raw(spec)
        base = self.form.base.get(spec.key)
        name = spec.label
        if spec.kind is FieldKind.TEXT:
            text = str(raw)
            if spec.key not in MULTILINE_KEYS:
                text = text.strip()
                if isinstance(base, str) and _shown(spec, base).strip() == text:
                    text = base  # untouched: keep the server's exact text (even if hostile)
            elif isinstance(base, str) and _shown(spec, base) == text:
                text = base
            if spec.required and not text.strip():
                raise FieldError(f"{name} is required")
            if spec.max_length is not None and len(text) > spec.max_length:
                raise FieldError(
                    f"{name} is too long: {len(text)} characters, at most {spec.max_length}"
                )
            return text
        if spec.kind is FieldKind.DATETIME:
            text = str(raw)
            if isinstance(base, datetime) and text.strip() == format_user_datetime(base):
                return base  # untouched: keep the seconds the display leaves out
            try:
                when = parse_user_datetime(text, self._now())
            except ValueError:
                raise FieldError(f"Not a date: {HINT}") from None
            if spec.key == POSTPONE_KEY and when is not None and when <= self._now():
                raise FieldError(f"{name} is in the past: choose a later time")
            return when
        if spec.kind is FieldKind.TAGS:
            return cast(tuple[str, ...], raw)
        if raw is None and spec.required and (self.form.is_new or base is not None):
            raise FieldError(f"{name} is required")
        return cast(str | None, raw)

    def _check(self, spec: FieldSpec) -> bool:
        error = self.query_one(f"#error-{spec.key}", Label)
        try:
            self._value(spec)
        except FieldError as problem:
            error.update(line(str(problem)))
            error.add_class("-shown")
            self.query_one(f"#row-{spec.key}").add_class("-invalid")
            return False
        error.update("")
        error.remove_class("-shown")
        self.query_one(f"#row-{spec.key}").remove_class("-invalid")
        return True

    def _spec_of(self, widget: Widget | None) -> FieldSpec | None:
        if self.form is None or widget is None or not (widget.id or "").startswith("field-"):
            return None
        try:
            return self.form.spec((widget.id or "").removeprefix("field-"))
        except KeyError:
            return None

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed) -> None:
        spec = self._spec_of(event.control)
        if spec is None:
            return
        shown = self.query_one(f"#error-{spec.key}", Label).has_class("-shown")
        # Text is checked as typed; a half-typed date only once it was wrong before.
        if spec.kind is FieldKind.TEXT or shown:
            self._check(spec)
        self._schedule_draft()

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        spec = self._spec_of(event.control)
        if spec is not None and self.is_mounted:
            self._check(spec)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        spec = self._spec_of(event.control)
        if spec is not None and self._check(spec):
            self.focus_next()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        spec = self._spec_of(event.control)
        if spec is not None:
            self._check(spec)
            self._schedule_draft()

    @on(SelectionList.SelectedChanged)
    def _tags_changed(self) -> None:
        self._schedule_draft()

    # --- the draft on disk, written as the user types ----------------------------------------

    def _schedule_draft(self) -> None:
        if not self.ready or self.form is None or self.saving:
            return
        self._draft_timer.restart()

    def keep_draft_now(self) -> None:
        """Write the draft without waiting for the timer (the app is quitting)."""
        self._draft_timer.now()

    def _write_draft(self) -> None:
        """Keep what is typed so far; a crash or a kill loses at most the last keystrokes."""
        if self.form is None or self.saving or not self.is_mounted:
            return
        if not self.has_unsaved_changes():
            return
        values = dict(self.form.values)
        for spec in self.form.specs:
            try:
                values[spec.key] = self._value(spec)
            except FieldError:
                if spec.kind is FieldKind.TEXT:  # too long or empty: keep the text as typed
                    values[spec.key] = str(self._raw(spec))
                # a half-typed date: its last valid value stands
        store = self.ticket_app.drafts
        previous = store.get(self.draft_key)
        store.put(
            Draft(
                ticket_id=self.draft_key,
                saved_at=datetime.now(),
                base=encode_values(self.form.base),
                values=encode_values(values),
                reason=previous.reason if previous else "",
                number=self.number,
            )
        )

    def has_unsaved_changes(self) -> bool:
        if self.form is None:
            return False
        return self._restored_draft or self._raw_state() != self._initial_raw

    # --- saving ----------------------------------------------------------------------------

    @on(Button.Pressed, "#edit-save-button")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#edit-cancel-button")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#edit-me-button")
    def _me_pressed(self) -> None:
        self.action_assign_to_me()

    def _collect(self) -> dict[str, FieldValue] | None:
        """Every field's value, or None after marking the invalid ones (nothing is sent)."""
        assert self.form is not None
        values: dict[str, FieldValue] = {}
        invalid: list[FieldSpec] = []
        for spec in self.form.specs:
            if not self._check(spec):
                invalid.append(spec)
                continue
            values[spec.key] = self._value(spec)
        if invalid:
            names = ", ".join(inert_line(spec.label) for spec in invalid)
            self.notify(f"Not saved: check {names}", severity="warning", markup=False)
            self.query_one(f"#{_widget_id(invalid[0].key)}").focus()
            return None
        return values

    def action_save(self) -> None:
        after_typing(self.app, self._save_typed)

    def _save_typed(self) -> None:
        if self.form is None or self.saving or self.app.screen is not self:
            return
        values = self._collect()
        if values is None:
            return
        self.form.values.update(values)
        self.saving = True  # now, not when the worker starts: a second ctrl+s must not race
        self._draft_timer.stop()
        self._save()

    def _notify_owner(self) -> bool:
        boxes = self.query("#edit-notify").results(Checkbox)
        return any(box.value for box in boxes)

    @work(exclusive=True, group="edit-save")
    async def _save(self) -> None:
        form = self.form
        assert form is not None
        self._set_busy(True)
        kept_theirs: list[str] = []  # across merge rounds, for the "kept their changes" note
        try:
            while True:
                try:
                    result = await self.ticket_app.backend.save(form, notify=self._notify_owner())
                except Exception as error:
                    self._keep_draft(form, str(error))
                    # Unconfirmed is not "not saved": it may still land. Saving again is safe
                    # either way (the save re-reads and sends only what still differs).
                    unsure = isinstance(error, OutcomeUnknown)
                    state = "Not confirmed" if unsure else "Not saved"
                    self.ticket_app.report_error(
                        error, f"{state}, kept as a draft ({self._what()})"
                    )
                    return
                if result.saved:
                    break
                chosen = await self.app.push_screen_wait(
                    MergeScreen(result.conflicts, form.specs, number=self.number)
                )
                if chosen is None:
                    self.notify("Not saved: your changes are still here", markup=False)
                    return
                # Fields only they changed take their value, fields only I changed keep mine,
                # conflicting ones take the user's choice; then merge against the server's now.
                keys = [spec.key for spec in form.specs]
                merge = three_way_merge(keys, form.base, form.values, result.current)
                kept_theirs.extend(k for k in merge.theirs_changed if k not in kept_theirs)
                merged = dict(merge.values) | chosen
                for key in keys:
                    if key not in result.current:  # e.g. a new ticket's first message
                        merged[key] = form.values.get(key)
                form.base = dict(result.current)
                form.values = merged
                self._show_values(form)
        finally:
            self.saving = False
            self._set_busy(False)
        self.ticket_app.drafts.discard(self.draft_key)
        self._restored_draft = False
        self._initial_raw = self._raw_of(form.values)
        kept_theirs.extend(k for k in result.kept_theirs if k not in kept_theirs)
        self._saved(form, result, kept_theirs)

    def _what(self) -> str:
        return "new ticket" if self.ticket_id is None else ticket_words(self.number)

    def _set_busy(self, busy: bool) -> None:
        # query, not query_one: the screen may be gone already (the app quit mid-save).
        for button in self.query("#edit-save-button").results(Button):
            button.disabled = busy
            button.label = "Saving…" if busy else "Save ^s"

    def _keep_draft(self, form: EditForm, reason: str) -> None:
        self.ticket_app.drafts.put(
            Draft(
                ticket_id=self.draft_key,
                saved_at=datetime.now(),
                base=encode_values(form.base),
                values=encode_values(form.values),
                reason=reason,
                number=self.number,
            )
        )

    def _saved(self, form: EditForm, result: SaveResult, kept_theirs: list[str]) -> None:
        ticket_id, note = result.ticket_id, result.note
        # A new ticket is named by the number the backend gave it (Keliweb's tid), not its id.
        number = result.number or (str(ticket_id) if form.is_new else self.number)
        if form.is_new:
            self.app.pop_screen()
            if importlib.util.find_spec("tickettui.ui.screens.detail") is not None:
                self.ticket_app.notify(f"Ticket {number} created", markup=False)
                self.ticket_app.open_ticket(ticket_id)
            else:
                self.ticket_app.notify(f"Ticket {number} created", markup=False)
            return
        message = f"{ticket_words(number, start=True)} saved"
        if kept_theirs:
            labels = ", ".join(_label(form, key) for key in kept_theirs)
            message += f"; kept their changes to: {labels}"
        if note:  # e.g. the answer was lost but a re-read shows the change is there
            message = f"{message}. {note}"
        self.ticket_app.notify(message, markup=False)
        self.app.pop_screen()

    def _show_values(self, form: EditForm) -> None:
        """Put the form's values back into the inputs (after a merge changed some)."""
        for spec in form.specs:
            self._set_input(spec, form.values.get(spec.key))

    def _set_input(self, spec: FieldSpec, value: FieldValue) -> None:
        widget = self.query_one(f"#{_widget_id(spec.key)}")
        if isinstance(widget, TextArea):
            if widget.text != _shown(spec, value):
                widget.text = _shown(spec, value)
        elif isinstance(widget, Input):
            text = (
                format_user_datetime(value if isinstance(value, datetime) else None)
                if spec.kind is FieldKind.DATETIME
                else _shown(spec, value)
            )
            if widget.value != text:
                widget.value = text
        elif isinstance(widget, SelectionList):
            wanted = set(value) if isinstance(value, tuple) else set()
            widget.deselect_all()
            for tag in wanted:
                try:
                    widget.select(tag)
                except Exception:  # a tag the list does not offer
                    widget.add_option(Selection(line(f"{tag} (not in the list)"), tag, True))
        elif isinstance(widget, Select):
            self._set_select(widget, spec, value if isinstance(value, str) else None)
        self._check(spec)

    def _set_select(self, widget: Select[str], spec: FieldSpec, value: str | None) -> None:
        if value is None:
            if widget._allow_blank:
                widget.clear()
            return
        known = any(c.value == value for c in spec.choices)
        if not known:
            options = [(line(c.label), c.value) for c in spec.choices]
            options.append((line(describe_value(spec, value) + " (not in the list)"), value))
            widget.set_options(options)
        widget.value = value

    # --- other actions ---------------------------------------------------------------------

    def _can_assign_to_me(self) -> bool:
        # A system without owners (Keliweb) has no "me" to assign: no button, no key.
        return QuickAction.ASSIGN_TO_ME in self.ticket_app.capabilities.quick_actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "assign_to_me":
            return self._can_assign_to_me()
        return True

    def action_toggle_notify(self) -> None:
        for box in self.query("#edit-notify").results(Checkbox):
            box.toggle()

    def action_assign_to_me(self) -> None:
        if self.form is None:
            return
        self._assign_to_me()

    @work(exclusive=True, group="edit-me")
    async def _assign_to_me(self) -> None:
        assert self.form is not None
        try:
            spec = self.form.spec(OWNER_KEY)
        except KeyError:
            self.notify("This ticket has no owner field", severity="warning")
            return
        try:
            me = await self.ticket_app.backend.my_owner_value()
        except Exception as error:
            self.ticket_app.report_error(error, "Assign to me")
            return
        if me is None or all(c.value != me for c in spec.choices):
            self.notify("You are not among the owners this ticket can have", severity="warning")
            return
        select = self.query_one(f"#{_widget_id(OWNER_KEY)}", Select)
        select.value = me
        self.notify(f"Owner: {inert_line(_choice_label(spec, me))} (ctrl+s saves)", markup=False)

    def action_cancel(self) -> None:
        if self.saving:
            self.notify("Still saving…", markup=False)
            return
        if not self.has_unsaved_changes():
            self.app.pop_screen()
            return
        self._confirm_leave()

    @work(exclusive=True, group="edit-leave")
    async def _confirm_leave(self) -> None:
        store = self.ticket_app.drafts
        self._draft_timer.stop()
        kept = store.get(self.draft_key)
        # A draft a failed save left (it has a reason) stays; one only typed can be discarded.
        if kept is not None and kept.reason and self.form is not None:
            leave = await self.app.push_screen_wait(
                Confirm("Leave? Your edit is kept as a draft for next time.")
            )
            if not leave:
                return
            values = self._collect_quietly()
            if values is not None:
                self.form.values.update(values)
                previous = store.get(self.draft_key)
                self._keep_draft(self.form, previous.reason if previous else "")
            self.app.pop_screen()
            return
        if await self.app.push_screen_wait(Confirm("Discard your changes?")):
            store.discard(self.draft_key)
            self.app.pop_screen()
        else:
            self._schedule_draft()

    def _collect_quietly(self) -> dict[str, FieldValue] | None:
        assert self.form is not None
        try:
            return {spec.key: self._value(spec) for spec in self.form.specs}
        except FieldError:
            return None


class RestoreDraft(ModalScreen[str]):
    """Offer an unsaved draft: y restores, n discards it, esc decides later (keeps it)."""

    RESTORE, DISCARD, LATER = "restore", "discard", "later"
    BINDINGS = [
        Binding("y,enter", "answer('restore')", "Restore", id="draft.restore"),
        Binding("n", "answer('discard')", "Discard", id="draft.discard"),
        Binding("escape", "answer('later')", "Not now", id="draft.later"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__(classes="dialog")
        self._draft = draft

    def compose(self) -> ComposeResult:
        saved = self._draft.saved_at
        today = saved.date() == datetime.now().date()
        when = saved.strftime("%H:%M" if today else "%Y-%m-%d %H:%M")
        with Vertical(classes="dialog-body"):
            yield Label(Text(f"A draft from {when} exists: restore it? y/n"), id="draft-question")
            if self._draft.reason:
                yield Label(line(f"Not saved then: {self._draft.reason}"), classes="hint")
            yield Label(
                Text("y: restore    n: discard it    esc: keep it for later"),
                classes="hint",
            )

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


def _shown(spec: FieldSpec, value: FieldValue) -> str:
    """Text as an input shows it: escape sequences and BiDi controls as visible stand-ins.

    A ticket's text comes from customers; an input must never hand it to the terminal raw.
    Saving an untouched field keeps the server's exact text (see ``_value``).
    """
    text = str(value or "")
    return inert(text) if spec.key in MULTILINE_KEYS else inert_line(text)


def _label(form: EditForm, key: str) -> str:
    try:
        return form.spec(key).label.lower()
    except KeyError:
        return key


def _choice_label(spec: FieldSpec, value: str) -> str:
    return next((c.label for c in spec.choices if c.value == value), value)
