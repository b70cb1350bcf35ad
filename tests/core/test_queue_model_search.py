"""The queue model's temporary section, where a server search's results go: after the
profile's sections, one at a time, replaced by the next, closed back to the sections, never
loaded in the background for a count."""

from __future__ import annotations

from tickettui.core.domain import Section, TicketSummary
from tickettui.core.queue_model import QueueModel

SECTIONS = [Section("mine", "Mine", "q1"), Section("all", "All", "q2")]


def model() -> QueueModel:
    queue = QueueModel()
    queue.set_sections(SECTIONS)
    return queue


def test_the_results_come_last_and_the_next_search_replaces_them() -> None:
    queue = model()
    first = queue.open_temporary(Section("search:1", "🔍 printer", "printer"))
    assert first == 2 and queue.is_temporary("search:1")
    queue.load_landed("search:1", [TicketSummary(id=7, title="x")], 1.0)
    second = queue.open_temporary(Section("search:2", "🔍 vpn", "vpn"))
    assert second == 2
    assert [s.key for s in queue.sections] == ["mine", "all", "search:2"]
    assert queue.tickets("search:1") is None  # the first one's list went with it
    queue.set_sections(SECTIONS)  # the sections again (a reload): the results stay last
    assert [s.key for s in queue.sections] == ["mine", "all", "search:2"]


def test_closing_the_results_shows_a_section_again() -> None:
    queue = model()
    queue.switch_to(queue.open_temporary(Section("search:1", "🔍 a", "a")))
    assert queue.close_temporary() == 1  # it was on show: a section is shown instead
    assert queue.temporary is None and [s.key for s in queue.sections] == ["mine", "all"]
    queue.open_temporary(Section("search:2", "🔍 b", "b"))
    assert queue.close_temporary() is None  # the agent was on a section: it stays
    assert queue.close_temporary() is None  # nothing open


def test_results_are_never_counted_in_the_background() -> None:
    queue = model()
    queue.open_temporary(Section("search:1", "🔍 a", "a"))
    assert [s.key for s in queue.counts_due(0.0, force=True)] == ["all"]
