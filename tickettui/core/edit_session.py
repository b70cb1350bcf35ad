"""An edit of a ticket, or a new one, with no UI in it: load, change, diff, validate, save and
merge on conflict.

A screen shows each field in an input and hands back what its inputs hold ("raw": the text
typed, the tags ticked, the choice picked). The session turns that into values, explains what
cannot be saved, says whether anything changed, keeps drafts, and saves, merging with what
another writer saved meanwhile. Nothing typed is ever lost: invalid input is refused field by
field; a failed save leaves the values as they were and keeps them as a draft; a conflict asks
the caller (the merge screen) instead of overwriting either side. What the user did not change
is saved back byte for byte, even text that is shown with stand-ins for its control characters.

How each kind of field goes into an input and comes back out is one entry of
``tickettui.core.field_codecs.CODECS``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tickettui.core import zones
from tickettui.core.backend import Backend, SaveResult
from tickettui.core.domain import EditForm, FieldSpec, FieldValue
from tickettui.core.drafts import Draft, DraftStore, decode_values, encode_values
from tickettui.core.field_codecs import CODECS, FieldCodec, FieldError, Raw, Reading
from tickettui.core.merge import FieldConflict, three_way_merge

__all__ = ["OWNER_KEY", "Collected", "EditSession", "ResolveConflicts", "Saved"]

OWNER_KEY = "owner"  # the field "assign to me" sets


@dataclass(frozen=True, slots=True)
class Collected:
    """Every field's value, or what is wrong with the fields that cannot be saved."""

    values: dict[str, FieldValue]  # the valid fields
    problems: dict[str, str]  # key -> one-line reason, in the form's order

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class Saved:
    """A save that went through."""

    result: SaveResult
    is_new: bool
    number: str  # the number users quote for the ticket (a new ticket's, as the server gave it)
    kept_theirs: list[str] = field(default_factory=list)  # labels of fields kept as they saved


# Shown the conflicting fields, the user picks a value for each (key -> value), or goes back
# to the form (None). The app's merge screen.
ResolveConflicts = Callable[[Sequence[FieldConflict]], Awaitable[dict[str, FieldValue] | None]]


class EditSession:
    """One edit: the form from the backend, what its inputs held when it was loaded or saved,
    and its draft in ``drafts`` (the app's store)."""

    def __init__(
        self,
        form: EditForm,
        drafts: DraftStore,
        *,
        number: str = "",
        now: Callable[[], datetime] = zones.now,
    ) -> None:
        self.form = form
        self.drafts = drafts
        self.number = number  # the number users quote; "" for a new ticket
        self.now = now
        self.restored_draft = False
        self._clean = self.shown_values()

    @classmethod
    async def load(
        cls,
        backend: Backend,
        ticket_id: int | None,
        drafts: DraftStore,
        *,
        number: str = "",
        now: Callable[[], datetime] = zones.now,
    ) -> EditSession:
        """The edit of ticket ``ticket_id`` (None: a new ticket), as the server has it now."""
        form = await backend.edit_form(ticket_id)
        if ticket_id is not None:
            number = form.number or number or str(ticket_id)
        return cls(form, drafts, number=number, now=now)

    @property
    def specs(self) -> Sequence[FieldSpec]:
        return self.form.specs

    @property
    def draft_key(self) -> int:
        return self.form.ticket_id  # 0 (NEW_TICKET) for a new ticket

    # --- fields -------------------------------------------------------------------------------

    @staticmethod
    def codec(spec: FieldSpec) -> FieldCodec:
        return CODECS[spec.kind]

    def shown(self, spec: FieldSpec, value: FieldValue) -> Raw:
        """What the field's input holds when it shows ``value``."""
        return self.codec(spec).show(spec, value)

    def shown_values(self) -> dict[str, Raw]:
        """What every input holds when it shows the form's values."""
        return {spec.key: self.shown(spec, self.form.values.get(spec.key)) for spec in self.specs}

    def value(self, spec: FieldSpec, raw: Raw) -> FieldValue:
        """The field's value for what its input holds, or FieldError with a one-line reason."""
        reading = Reading(spec, self.form.base.get(spec.key), self.form.is_new, self.now())
        return self.codec(spec).read(raw, reading)

    def problem(self, spec: FieldSpec, raw: Raw) -> str | None:
        """Why the field cannot be saved as its input holds it, or None."""
        try:
            self.value(spec, raw)
        except FieldError as error:
            return str(error)
        return None

    def label(self, key: str) -> str:
        """A field's name in a sentence ("kept their changes to: owner")."""
        try:
            return self.form.spec(key).label.lower()
        except KeyError:
            return key

    # --- changes ------------------------------------------------------------------------------

    def has_unsaved_changes(self, raw: Mapping[str, Raw]) -> bool:
        """Whether the inputs hold anything the server does not have (a restored draft does)."""
        return self.restored_draft or {s.key: raw.get(s.key) for s in self.specs} != self._clean

    def collect(self, raw: Mapping[str, Raw]) -> Collected:
        values: dict[str, FieldValue] = {}
        problems: dict[str, str] = {}
        for spec in self.specs:
            try:
                values[spec.key] = self.value(spec, raw.get(spec.key))
            except FieldError as error:
                problems[spec.key] = str(error)
        return Collected(values, problems)

    def typed_values(self, raw: Mapping[str, Raw]) -> dict[str, FieldValue]:
        """What a draft keeps of the inputs: each value, or for an invalid field what was
        typed (text) or its last valid value (a half-typed date)."""
        values = dict(self.form.values)
        for spec in self.specs:
            typed = raw.get(spec.key)
            try:
                values[spec.key] = self.value(spec, typed)
            except FieldError:
                if self.codec(spec).drafted_as_typed:
                    values[spec.key] = typed
        return values

    # --- drafts -------------------------------------------------------------------------------

    def kept_draft(self) -> Draft | None:
        """The draft kept of this edit (typed before, or left by a failed save), if any."""
        return self.drafts.get(self.draft_key)

    def restore(self, draft: Draft) -> None:
        """Go on from ``draft``: its values, against the base they were typed against."""
        self.form.base = decode_values(draft.base, self.specs)
        self.form.values = decode_values(draft.values, self.specs)
        self.restored_draft = True
        self._clean = self.shown_values()

    def discard_draft(self) -> None:
        self.drafts.discard(self.draft_key)

    def keep_typed(self, raw: Mapping[str, Raw]) -> None:
        """Keep what the inputs hold as the draft (as it is typed), if anything changed; a
        crash or a kill then loses at most the last keystrokes."""
        if self.has_unsaved_changes(raw):
            self._put(self.typed_values(raw), self._kept_reason())

    def keep(self, reason: str | None = None) -> None:
        """Keep the form's values as the draft; ``reason`` says why it was not saved (None:
        the reason the draft had)."""
        self._put(self.form.values, self._kept_reason() if reason is None else reason)

    def keep_valid(self, raw: Mapping[str, Raw]) -> None:
        """Take what the inputs hold into the form and keep it as the draft, with the reason
        the draft has; unless a field is invalid (the draft as it was stays)."""
        collected = self.collect(raw)
        if collected.ok:
            self.form.values.update(collected.values)
            self.keep()

    def _kept_reason(self) -> str:
        kept = self.kept_draft()
        return kept.reason if kept is not None else ""

    def _put(self, values: Mapping[str, FieldValue], reason: str) -> None:
        self.drafts.put(
            Draft(
                ticket_id=self.draft_key,
                saved_at=datetime.now(),
                base=encode_values(self.form.base),
                values=encode_values(values),
                reason=reason,
                number=self.number,
            )
        )

    # --- saving -------------------------------------------------------------------------------

    async def save(
        self,
        backend: Backend,
        values: Mapping[str, FieldValue],
        *,
        resolve: ResolveConflicts,
        notify: bool = False,
        merged: Callable[[], object] | None = None,
    ) -> Saved | None:
        """Save ``values`` (from ``collect``); None when the user went back from the conflicts.

        A conflict (both sides changed a field differently) asks ``resolve``; then fields only
        they changed take their value, fields only I changed keep mine, the conflicting ones
        the choice, and the save is tried again against the server's values of now
        (``merged`` is called to show the merged values). A failed save keeps the values as
        they are, keeps them as a draft with the error as its reason and raises the error.
        """
        form = self.form
        form.values.update(values)
        kept_theirs: list[str] = []  # across merge rounds
        while True:
            try:
                result = await backend.save(form, notify=notify)
            except Exception as error:
                self.keep(str(error))
                raise
            if result.saved:
                break
            chosen = await resolve(result.conflicts)
            if chosen is None:
                return None
            keys = [spec.key for spec in form.specs]
            merge = three_way_merge(keys, form.base, form.values, result.current)
            kept_theirs.extend(k for k in merge.theirs_changed if k not in kept_theirs)
            merged_values = dict(merge.values) | chosen
            for key in keys:
                if key not in result.current:  # e.g. a new ticket's first message
                    merged_values[key] = form.values.get(key)
            form.base = dict(result.current)
            form.values = merged_values
            if merged is not None:
                merged()
        self.discard_draft()
        self.restored_draft = False
        self._clean = self.shown_values()
        kept_theirs.extend(k for k in result.kept_theirs if k not in kept_theirs)
        # A new ticket is named by the number the backend gave it (Keliweb's tid), not its id.
        number = result.number or (str(result.ticket_id) if form.is_new else self.number)
        return Saved(result, form.is_new, number, [self.label(k) for k in kept_theirs])
