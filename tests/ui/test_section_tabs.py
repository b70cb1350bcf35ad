"""Which section tabs get their names when not all fit: the ones with a key come first."""

from __future__ import annotations

from rich.cells import cell_len

from tickettui.ui.widgets.section_tabs import more_marker, tab_line

# Keliweb's demo: five statuses and pseudo-statuses, then departments.
TITLES = ["All active", "Open", "Answered", "My flagged", "Customer-Reply", "On Hold"]
TITLES += ["In Progress", "Closed", "Awaiting reply", "Supporto Tecnico", "Amministrazione"]
TITLES += ["Commerciale & Partner", "Domini & DNS", "Hosting"]
COUNTS = [223, 110, 13, 88, 50, 83, 268, 42, 77, 68, 12, 14, 5, 6]


def test_at_160_columns_the_keyed_tabs_get_names_before_more_tabs_past_the_ninth() -> None:
    line = tab_line(TITLES, COUNTS, 0, 160)
    labels = dict(line.labels)
    # Sections 2 to 7 are named (they were "2 (110)  3 (13)" while three unkeyed tabs, which
    # no key reaches, took the room with their long names).
    assert labels[1] == " 2 Open (110) " and labels[6] == " 7 In Progress (268) "
    assert all(index < 9 for index in labels)
    assert line.after == len(TITLES) - 9
    used = sum(map(cell_len, labels.values())) + cell_len(more_marker(line.after, left=False))
    assert used <= 160


def test_a_tab_past_the_ninth_is_shown_with_its_name_when_it_is_the_active_one() -> None:
    line = tab_line(TITLES, COUNTS, 12, 80)
    labels = dict(line.labels)
    assert labels[12] == " Domini & DNS (5) "
    assert line.before > 0
