"""Edit a ticket, or create one: one input per field, inline validation, merge on conflict.

Nothing typed is ever lost: invalid input is explained under its field and the save is refused;
a failed save leaves the form as it is and keeps the edit as a draft; a conflicting change by
someone else opens the merge screen instead of overwriting either side.

A thin screen over ``tickettui.core.edit_session.EditSession``, which holds the logic; the
widget for each kind of field comes from ``tickettui.ui.widgets.field_inputs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from tickettui.core import zones
from tickettui.core.domain import EditForm, FieldSpec, FieldValue, QuickAction
from tickettui.core.edit_session import OWNER_KEY, EditSession, Saved
from tickettui.core.errors import OutcomeUnknown
from tickettui.core.field_codecs import Raw
from tickettui.core.merge import FieldConflict
from tickettui.core.safe_text import inert_line
from tickettui.ui.after_typing import after_typing
from tickettui.ui.draft_timer import DraftTimer
from tickettui.ui.inert_text import line
from tickettui.ui.screens.merge import MergeScreen
from tickettui.ui.screens.new_ticket_files import NewTicketFiles
from tickettui.ui.screens.pickers import Confirm, ConfirmLoss
from tickettui.ui.screens.restore_draft import RestoreDraft
from tickettui.ui.ticket_numbers import known_number, ticket_words
from tickettui.ui.widgets.check_marks import TickBox
from tickettui.ui.widgets.field_inputs import FieldRows
from tickettui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

Changed = Input.Changed | TextArea.Changed | Select.Changed | SelectionList.SelectedChanged[str]

__all__ = ["EditScreen", "RestoreDraft"]


class EditScreen(NewTicketFiles, Screen[None]):
    """``EditScreen(123)`` edits ticket 123; ``EditScreen(None)`` creates a ticket."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="edit.save"),
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+o", "assign_to_me", "Assign to me", id="edit.assign_to_me"),
        Binding("ctrl+t", "toggle_notify", "Notify", show=False, id="edit.toggle_notify"),
        Binding("ctrl+f", "attach_files", "Attach", priority=True, id="edit.attach_files"),
    ]

    def __init__(self, ticket_id: int | None, *, number: str = "") -> None:
        super().__init__()
        self.ticket_id = ticket_id
        # The number users quote (Keliweb's "616611", not its id): given, cached, or the form's.
        self.number = number
        self.session: EditSession | None = None
        self.saving = False
        self.ready = False  # the form is loaded and its inputs are mounted
        self._now = zones.now  # typed times in the display zone; a seam for a fixed "now"
        self._draft_timer = DraftTimer(self, self._write_draft)
        self._rows = FieldRows(self)

    # --- layout ----------------------------------------------------------------------------

    @property
    def ticket_app(self) -> TicketApp:
        return cast("TicketApp", self.app)

    @property
    def form(self) -> EditForm | None:
        return self.session.form if self.session is not None else None

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
        yield self.new_files_line()  # a new ticket's files (ctrl+f, new_ticket_files.py)
        with Horizontal(id="edit-actions"):
            if self.ticket_app.capabilities.notify_toggle:
                yield TickBox("Notify", False, id="edit-notify", compact=True)
            yield Button("Save ^s", id="edit-save-button", variant="primary", compact=True)
            if self._can_assign_to_me():
                yield Button("Assign to me ^o", id="edit-me-button", compact=True)
            yield Button("Cancel esc", id="edit-cancel-button", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.ticket_id is not None and not self.number:
            self.number = known_number(self.app, self.ticket_id)
        self._show_heading()
        self.query_one("#edit-fields").loading = True
        self._load()

    @work(exclusive=True, group="edit-load")
    async def _load(self) -> None:
        fields = self.query_one("#edit-fields", VerticalScroll)
        drafts = self.ticket_app.drafts
        try:
            session = await EditSession.load(
                self.ticket_app.backend,
                self.ticket_id,
                drafts,
                number=self.number,
                now=lambda: self._now(),
            )
            if self.ticket_id is not None:
                self.number = session.number
                self._show_heading()
        except Exception as error:
            fields.loading = False
            self.ticket_app.report_error(error, f"Opening {self.heading.lower()}")
            kept = " Your draft is kept." if self.draft_key in drafts else ""
            await fields.mount(
                Label(
                    line(f"Could not load the ticket: {error}.{kept} Press esc to go back."),
                    classes="error",
                )
            )
            return
        draft = session.kept_draft()
        if draft is not None:
            answer = await self.app.push_screen_wait(RestoreDraft(draft))
            if answer == RestoreDraft.RESTORE:
                session.restore(draft)
            elif answer == RestoreDraft.DISCARD:
                session.discard_draft()
        self.session = session
        shown = session.shown_values()
        await fields.mount_all([self._rows.build(spec, shown[spec.key]) for spec in session.specs])
        fields.loading = False
        if session.specs:
            self._rows.input(session.specs[0]).focus()
        self.ready = True
        if session.restored_draft:
            self.notify("Draft restored: ctrl+s saves it", markup=False)

    # --- reading and checking the inputs ---------------------------------------------------

    def _specs(self) -> Sequence[FieldSpec]:
        return self.session.specs if self.session is not None else ()

    def _raw_state(self) -> dict[str, Raw]:
        return {spec.key: self._rows.raw(spec) for spec in self._specs()}

    def _value(self, spec: FieldSpec) -> FieldValue:
        """The field's value as the form holds it, or FieldError with a one-line reason."""
        assert self.session is not None
        return self.session.value(spec, self._rows.raw(spec))

    def _check(self, spec: FieldSpec) -> bool:
        assert self.session is not None
        problem = self.session.problem(spec, self._rows.raw(spec))
        self._rows.explain(spec, problem)
        return problem is None

    def _spec_of(self, widget: Widget | None) -> FieldSpec | None:
        key = FieldRows.key_of(widget)
        if self.form is None or key is None:
            return None
        try:
            return self.form.spec(key)
        except KeyError:
            return None

    @on(Input.Changed)  # the change messages of every widget field_inputs builds
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event: Changed) -> None:
        spec = self._spec_of(event.control)
        if spec is None or self.session is None:
            return
        # Text and picks are checked as they change; a half-typed date only once it was wrong.
        if self.session.codec(spec).checked_as_typed or self._rows.explained(spec):
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

    # --- the draft on disk, written as the user types ----------------------------------------

    def _schedule_draft(self) -> None:
        if not self.ready or self.session is None or self.saving:
            return
        self._draft_timer.restart()

    def keep_draft_now(self) -> None:
        """Write the draft without waiting for the timer (the app is quitting)."""
        self._draft_timer.now()

    def _write_draft(self) -> None:
        """Keep what is typed so far; a crash or a kill loses at most the last keystrokes."""
        if self.session is None or self.saving or not self.is_mounted:
            return
        self.session.keep_typed(self._raw_state())

    def has_unsaved_changes(self) -> bool:
        return self.session is not None and self.session.has_unsaved_changes(self._raw_state())

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

    def _collect(self, session: EditSession) -> dict[str, FieldValue] | None:
        """Every field's value, or None after marking the invalid ones (nothing is sent)."""
        collected = session.collect(self._raw_state())
        for spec in session.specs:
            self._rows.explain(spec, collected.problems.get(spec.key))
        invalid = [spec for spec in session.specs if spec.key in collected.problems]
        if invalid:
            names = ", ".join(inert_line(spec.label) for spec in invalid)
            self.notify(f"Not saved: check {names}", severity="warning", markup=False)
            self._rows.input(invalid[0]).focus()
            return None
        return collected.values

    def action_save(self) -> None:
        after_typing(self.app, self._save_typed)

    def _save_typed(self) -> None:
        if self.session is None or self.saving or self.app.screen is not self:
            return
        values = self._collect(self.session)
        if values is None:
            return
        self.saving = True  # now, not when the worker starts: a second ctrl+s must not race
        self._draft_timer.stop()
        self._save(self.session, values)

    def _notify_owner(self) -> bool:
        boxes = self.query("#edit-notify").results(Checkbox)
        return any(box.value for box in boxes)

    @work(exclusive=True, group="edit-save")
    async def _save(self, session: EditSession, values: dict[str, FieldValue]) -> None:
        self._set_busy(True)
        saved: Saved | None
        try:
            if self.has_new_files():  # created with its first message's files
                saved = await self.save_new_with_files(session, values, notify=self._notify_owner())
            else:
                saved = await session.save(
                    self.ticket_app.backend,
                    values,
                    resolve=self._resolve,
                    notify=self._notify_owner(),
                    merged=self._show_values,
                )
        except Exception as error:  # the session kept the edit as a draft
            # Unconfirmed is not "not saved": it may still land. Saving again is safe either
            # way (the save re-reads and sends only what still differs).
            state = "Not confirmed" if isinstance(error, OutcomeUnknown) else "Not saved"
            self.ticket_app.report_error(error, f"{state}, kept as a draft ({self._what()})")
            return
        finally:
            self.saving = False
            self._set_busy(False)
        if saved is None:
            self.notify("Not saved: your changes are still here", markup=False)
            return
        self._saved(saved)

    async def _resolve(self, conflicts: Sequence[FieldConflict]) -> dict[str, FieldValue] | None:
        specs = self._specs()
        return await self.app.push_screen_wait(MergeScreen(conflicts, specs, number=self.number))

    def _what(self) -> str:
        return "new ticket" if self.ticket_id is None else ticket_words(self.number)

    def _set_busy(self, busy: bool) -> None:
        # query, not query_one: the screen may be gone already (the app quit mid-save).
        for button in self.query("#edit-save-button").results(Button):
            button.disabled = busy
            button.label = "Saving…" if busy else "Save ^s"

    def _saved(self, saved: Saved) -> None:
        if saved.is_new:
            self.app.pop_screen()
            self.ticket_app.notify(f"Ticket {saved.number} created", markup=False)
            self.ticket_app.open_ticket(saved.result.ticket_id)
            return
        message = f"{ticket_words(saved.number, start=True)} saved"
        if saved.kept_theirs:
            message += f"; kept their changes to: {', '.join(saved.kept_theirs)}"
        if saved.result.note:  # e.g. the answer was lost but a re-read shows the change is there
            message = f"{message}. {saved.result.note}"
        self.ticket_app.notify(message, markup=False)
        self.app.pop_screen()

    def _show_values(self) -> None:
        """Put the form's values back into the inputs (after a merge changed some)."""
        session = self.session
        assert session is not None
        for spec in session.specs:
            self._rows.show(spec, session.shown(spec, session.form.values.get(spec.key)))
            self._check(spec)

    # --- other actions ---------------------------------------------------------------------

    def _can_assign_to_me(self) -> bool:
        # A system without owners (Keliweb) has no "me" to assign: no button, no key.
        return QuickAction.ASSIGN_TO_ME in self.ticket_app.capabilities.quick_actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "assign_to_me":
            return self._can_assign_to_me()
        if action == "attach_files":
            return self.can_attach_files()
        return True

    def action_toggle_notify(self) -> None:
        for box in self.query("#edit-notify").results(Checkbox):
            box.toggle()

    def action_assign_to_me(self) -> None:
        if self.session is None:
            return
        self._assign_to_me(self.session)

    @work(exclusive=True, group="edit-me")
    async def _assign_to_me(self, session: EditSession) -> None:
        try:
            spec = session.form.spec(OWNER_KEY)
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
        self._rows.show(spec, session.shown(spec, me))
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
        session = self.session
        assert session is not None  # it has unsaved changes
        self._draft_timer.stop()
        kept = session.kept_draft()
        # A draft a failed save left (it has a reason) stays; one only typed can be discarded.
        if kept is not None and kept.reason:
            leave = await self.app.push_screen_wait(
                Confirm("Leave? Your edit is kept as a draft for next time.")
            )
            if not leave:
                return
            session.keep_valid(self._raw_state())
            self.app.pop_screen()
            return
        if await self.app.push_screen_wait(ConfirmLoss("Discard your changes?")):
            session.discard_draft()
            self.app.pop_screen()
        else:
            self._schedule_draft()


def _choice_label(spec: FieldSpec, value: str) -> str:
    return next((c.label for c in spec.choices if c.value == value), value)
