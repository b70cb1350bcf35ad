"""The edit session without any UI: what an input shows, what it reads back as, what is refused,
what is saved, and the merge when someone else saved meanwhile. Against a small in-memory
backend that merges field by field as the real ones do."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pytest

from tickettui.core.backend import SaveResult
from tickettui.core.date_input import HINT
from tickettui.core.domain import Choice, EditForm, FieldKind, FieldSpec, FieldValue
from tickettui.core.drafts import DraftStore
from tickettui.core.edit_session import EditSession, Saved
from tickettui.core.errors import TicketTuiError
from tickettui.core.field_codecs import CODECS, FieldError
from tickettui.core.merge import FieldConflict, three_way_merge

NOW = datetime(2026, 11, 23, 14, 5)
HOSTILE = "Printer \x1b]52;c;cm0gLXJmIH4=\x07on \u202efire\x1b[2J"
SPECS = (
    FieldSpec("title", "Title", FieldKind.TEXT, required=True, max_length=60),
    FieldSpec(
        "priority",
        "Priority",
        FieldKind.CHOICE,
        (Choice("1", "Low"), Choice("2", "High")),
        required=True,
    ),
    FieldSpec("owner", "Owner", FieldKind.CHOICE, (Choice("7", "Me"), Choice("8", "Them"))),
    FieldSpec("deadline", "Deadline", FieldKind.DATETIME),
    FieldSpec("postponed_until", "Postpone until", FieldKind.DATETIME),
    FieldSpec("tags", "Tags", FieldKind.TAGS, (Choice("a", "printer"), Choice("b", "vip"))),
    FieldSpec("message", "Message", FieldKind.TEXT),
)
ON_SERVER: dict[str, FieldValue] = {
    "title": "Printer broken",
    "priority": "1",
    "owner": "7",
    "deadline": datetime(2026, 11, 25, 14, 0, 30),
    "postponed_until": None,
    "tags": ("b", "a"),
    "message": "",
}


class FakeBackend:
    """One ticket in memory; ``save`` merges against what the server has now, like the real
    backends: a field both sides changed differently is a conflict and nothing is saved."""

    def __init__(self, values: dict[str, FieldValue] | None = None) -> None:
        self.server = dict(ON_SERVER if values is None else values)
        self.saved: list[dict[str, FieldValue]] = []  # what each successful save sent
        self.fail: Exception | None = None

    async def edit_form(self, ticket_id: int | None) -> EditForm:
        values = dict(self.server) if ticket_id else {s.key: None for s in SPECS}
        return EditForm(ticket_id or 0, SPECS, dict(values), dict(values), number="")

    async def save(self, form: EditForm, *, notify: bool = False) -> SaveResult:
        if self.fail is not None:
            raise self.fail
        if form.is_new:
            self.saved.append(dict(form.values))
            return SaveResult(99, saved=True)
        keys = [s.key for s in form.specs]
        merge = three_way_merge(keys, form.base, form.values, self.server)
        if merge.conflicts:
            return SaveResult(form.ticket_id, conflicts=merge.conflicts, current=dict(self.server))
        sent = {k: merge.values[k] for k in merge.mine_changed}
        self.saved.append(sent)
        self.server.update(sent)
        return SaveResult(form.ticket_id or 99, saved=True, kept_theirs=merge.theirs_changed)


def spec(key: str) -> FieldSpec:
    return next(s for s in SPECS if s.key == key)


async def session_for(backend: FakeBackend, ticket_id: int | None = 12, **kw: Any) -> EditSession:
    return await EditSession.load(backend, ticket_id, DraftStore(), now=lambda: NOW, **kw)


def inputs(session: EditSession, **typed: Any) -> dict[str, Any]:
    """What the inputs hold after the form loaded, with ``typed`` changed."""
    return session.shown_values() | typed


async def never(conflicts: Sequence[FieldConflict]) -> dict[str, FieldValue] | None:
    raise AssertionError(f"no conflict expected: {conflicts}")


# --- field kinds -------------------------------------------------------------------------------


def test_every_field_kind_has_a_codec() -> None:
    assert set(CODECS) == set(FieldKind)


async def test_what_inputs_show() -> None:
    session = await session_for(FakeBackend())
    assert session.shown_values() == {
        "title": "Printer broken",
        "priority": "1",
        "owner": "7",
        "deadline": "2026-11-25 14:00",
        "postponed_until": "",
        "tags": ("a", "b"),
        "message": "",
    }


async def test_server_text_is_shown_inert_but_saved_back_byte_for_byte() -> None:
    body = "Line one\n" + HOSTILE
    backend = FakeBackend(ON_SERVER | {"title": HOSTILE, "message": body})
    session = await session_for(backend)
    shown = session.shown_values()
    for key in ("title", "message"):
        assert "\x1b" not in str(shown[key]) and "\u202e" not in str(shown[key])
    assert "\n" not in str(shown["title"]) and "\n" in str(shown["message"])  # multi-line
    # Untouched: exactly the server's text, and no change at all.
    assert session.value(spec("title"), shown["title"]) == HOSTILE
    assert session.value(spec("message"), shown["message"]) == body
    assert not session.has_unsaved_changes(shown)
    # Another field changed: the hostile title goes back as the server had it, never its
    # stand-ins (and, as the server has it already, it is not even sent).
    typed = inputs(session, priority="2")
    saved = await session.save(backend, session.collect(typed).values, resolve=never)
    assert saved is not None
    assert backend.saved == [{"priority": "2"}]
    assert backend.server["title"] == HOSTILE and backend.server["message"] == body


async def test_a_title_edited_is_saved_as_typed_and_trimmed() -> None:
    backend = FakeBackend(ON_SERVER | {"title": HOSTILE})
    session = await session_for(backend)
    assert session.value(spec("title"), "  New title ") == "New title"


async def test_an_untouched_date_keeps_its_seconds_and_tags_their_order() -> None:
    session = await session_for(FakeBackend())
    typed = session.shown_values()
    assert session.value(spec("deadline"), typed["deadline"]) == datetime(2026, 11, 25, 14, 0, 30)
    assert session.value(spec("tags"), typed["tags"]) == ("b", "a")
    assert session.value(spec("tags"), ("a",)) == ("a",)


@pytest.mark.parametrize(
    ("key", "typed", "problem"),
    [
        ("title", "   ", "Title is required"),
        ("title", "x" * 61, "Title is too long: 61 characters, at most 60"),
        ("deadline", "next blursday", f"Not a date: {HINT}"),
        (
            "postponed_until",
            "2001-01-01 10:00",
            "Postpone until is in the past: choose a later time",
        ),
        ("priority", None, "Priority is required"),
    ],
)
async def test_what_cannot_be_saved_is_explained(key: str, typed: Any, problem: str) -> None:
    session = await session_for(FakeBackend())
    assert session.problem(spec(key), typed) == problem
    with pytest.raises(FieldError):
        session.value(spec(key), typed)
    collected = session.collect(inputs(session, **{key: typed}))
    assert not collected.ok and collected.problems == {key: problem}


async def test_dates_as_agents_type_them() -> None:
    session = await session_for(FakeBackend())
    assert session.value(spec("deadline"), "+2d") == datetime(2026, 11, 25, 14, 5)
    assert session.value(spec("deadline"), "") is None
    assert session.value(spec("postponed_until"), "tomorrow 9:00") == datetime(2026, 11, 24, 9)


async def test_a_blank_choice_is_fine_where_it_was_blank_but_not_on_a_new_ticket() -> None:
    session = await session_for(FakeBackend(ON_SERVER | {"priority": None}))
    assert session.problem(spec("priority"), None) is None
    new = await session_for(FakeBackend(), None)
    assert new.problem(spec("priority"), None) == "Priority is required"
    assert new.problem(spec("owner"), None) is None  # not required


async def test_changes_are_seen_in_any_field() -> None:
    session = await session_for(FakeBackend())
    assert not session.has_unsaved_changes(session.shown_values())
    for key, typed in (("title", "Other"), ("tags", ("a",)), ("owner", None), ("deadline", "")):
        assert session.has_unsaved_changes(inputs(session, **{key: typed}))


# --- saving and merging ------------------------------------------------------------------------


async def test_a_save_sends_what_changed_and_leaves_nothing_unsaved() -> None:
    backend = FakeBackend()
    session = await session_for(backend)
    typed = inputs(session, title="Scanner jams", deadline="")
    collected = session.collect(typed)
    assert collected.ok
    saved = await session.save(backend, collected.values, resolve=never)
    assert isinstance(saved, Saved) and saved.number == "12" and not saved.is_new
    assert backend.saved == [{"title": "Scanner jams", "deadline": None}]
    assert not session.has_unsaved_changes(typed)


async def test_their_change_elsewhere_is_kept_and_named() -> None:
    backend = FakeBackend()
    session = await session_for(backend)
    backend.server["owner"] = "8"  # a colleague saved meanwhile
    typed = inputs(session, priority="2")
    saved = await session.save(backend, session.collect(typed).values, resolve=never)
    assert saved is not None and saved.kept_theirs == ["owner"]
    assert backend.server["owner"] == "8" and backend.server["priority"] == "2"


@pytest.mark.parametrize("side", ["mine", "theirs"])
async def test_a_conflict_asks_then_saves_the_choice_with_their_other_changes(side: str) -> None:
    backend = FakeBackend()
    session = await session_for(backend)
    backend.server.update(title="Their title", owner="8")
    asked: list[list[FieldConflict]] = []
    merged: list[dict[str, FieldValue]] = []

    async def resolve(conflicts: Sequence[FieldConflict]) -> dict[str, FieldValue]:
        asked.append(list(conflicts))
        return {c.key: c.mine if side == "mine" else c.theirs for c in conflicts}

    typed = inputs(session, title="My title", priority="2")
    saved = await session.save(
        backend,
        session.collect(typed).values,
        resolve=resolve,
        merged=lambda: merged.append(dict(session.form.values)),
    )
    assert [[(c.key, c.base, c.mine, c.theirs) for c in cs] for cs in asked] == [
        [("title", "Printer broken", "My title", "Their title")]
    ]
    assert saved is not None and saved.kept_theirs == ["owner"]
    title = "My title" if side == "mine" else "Their title"
    assert merged == [session.form.values] and merged[0]["title"] == title
    assert (backend.server["title"], backend.server["priority"], backend.server["owner"]) == (
        title,
        "2",
        "8",
    )


async def test_going_back_from_the_conflict_saves_nothing_and_keeps_the_values() -> None:
    backend = FakeBackend()
    session = await session_for(backend)
    backend.server["title"] = "Their title"

    async def back(conflicts: Sequence[FieldConflict]) -> None:
        return None

    typed = inputs(session, title="My title")
    assert await session.save(backend, session.collect(typed).values, resolve=back) is None
    assert backend.saved == [] and backend.server["title"] == "Their title"
    assert session.form.values["title"] == "My title"
    assert session.has_unsaved_changes(typed)


async def test_a_failed_save_keeps_the_values_and_a_draft_then_a_retry_saves() -> None:
    backend = FakeBackend()
    session = await session_for(backend)
    typed = inputs(session, title="Written offline", owner="8")
    backend.fail = TicketTuiError("Connection refused")
    with pytest.raises(TicketTuiError):
        await session.save(backend, session.collect(typed).values, resolve=never)
    assert session.form.values["title"] == "Written offline" and session.form.values["owner"] == "8"
    draft = session.kept_draft()
    assert draft is not None and draft.reason == "Connection refused"
    assert draft.values["title"] == "Written offline" and draft.base["title"] == "Printer broken"
    assert session.has_unsaved_changes(typed)

    backend.fail = None
    saved = await session.save(backend, session.collect(typed).values, resolve=never)
    assert saved is not None and backend.server["title"] == "Written offline"
    assert session.kept_draft() is None


async def test_a_new_ticket_is_named_by_the_number_it_was_given() -> None:
    backend = FakeBackend()
    session = await session_for(backend, None)
    assert session.number == "" and session.form.is_new
    typed = inputs(session, title="Laptop", priority="2", message="Since this morning.\nBlack.")
    saved = await session.save(backend, session.collect(typed).values, resolve=never)
    assert saved is not None and saved.is_new and saved.number == "99"
    assert backend.saved[0]["message"] == "Since this morning.\nBlack."


# --- drafts ------------------------------------------------------------------------------------


async def test_a_draft_keeps_what_is_typed_even_when_it_is_not_valid_yet() -> None:
    session = await session_for(FakeBackend())
    session.keep_typed(session.shown_values())
    assert session.kept_draft() is None  # nothing changed: nothing kept
    typed = inputs(session, title="x" * 70, deadline="next blurs", tags=("a",))
    session.keep_typed(typed)
    draft = session.kept_draft()
    assert draft is not None and draft.reason == ""
    assert draft.values["title"] == "x" * 70  # too long, kept as typed
    assert draft.values["deadline"] == "2026-11-25T14:00:30"  # half typed: the last valid one
    assert draft.values["tags"] == ["a"]


async def test_a_draft_typed_after_a_failed_save_keeps_its_reason() -> None:
    session = await session_for(FakeBackend())
    session.keep("Connection refused")
    session.keep_typed(inputs(session, title="More"))
    draft = session.kept_draft()
    assert draft is not None and draft.reason == "Connection refused"
    assert draft.values["title"] == "More"


async def test_a_restored_draft_is_an_unsaved_change_against_its_own_base() -> None:
    store = DraftStore()
    backend = FakeBackend()
    first = await EditSession.load(backend, 12, store, now=lambda: NOW)
    first.keep_typed(inputs(first, title="Typed before", deadline="+1d"))
    backend.server["title"] = "Their title"  # changed since the draft was typed

    again = await EditSession.load(backend, 12, store, now=lambda: NOW)
    draft = again.kept_draft()
    assert draft is not None
    again.restore(draft)
    assert again.form.values["title"] == "Typed before"
    assert again.form.values["deadline"] == datetime(2026, 11, 24, 14, 5)
    assert again.form.base["title"] == "Printer broken"  # the base it was typed against
    assert again.has_unsaved_changes(again.shown_values())
    again.discard_draft()
    assert again.kept_draft() is None and len(store) == 0


async def test_the_number_comes_from_the_form_then_the_caller_then_the_id() -> None:
    backend = FakeBackend()
    assert (await session_for(backend)).number == "12"
    assert (await session_for(backend, number="616611")).number == "616611"


def test_the_session_runs_without_the_ui_or_any_system() -> None:
    code = (
        "import sys\n"
        "import tickettui.core.edit_session, tickettui.core.drafts\n"
        "bad = ('textual', 'tickettui.ui', 'tickettui.systems', 'tickettui.config',\n"
        "       'tickettui.cache', 'tickettui.credentials')\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in bad or m.startswith(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


async def test_leaving_after_a_failed_save_keeps_what_is_valid_with_the_reason() -> None:
    session = await session_for(FakeBackend())
    session.keep("Connection refused")
    session.keep_valid(inputs(session, title="Changed after"))
    draft = session.kept_draft()
    assert draft is not None and draft.reason == "Connection refused"
    assert draft.values["title"] == "Changed after"
    session.keep_valid(inputs(session, title="", owner="8"))  # invalid: the draft stays as it was
    assert session.kept_draft() is draft
