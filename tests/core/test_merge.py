"""An agent's edit meets another writer's save: nothing is lost either way."""

from tickettui.core.merge import three_way_merge

KEYS = ["title", "priority", "owner", "deadline"]
BASE = {"title": "Printer jams", "priority": "2", "owner": "5", "deadline": None}


def test_each_side_keeps_what_only_it_changed() -> None:
    mine = BASE | {"priority": "3"}
    theirs = BASE | {"owner": "9"}
    result = three_way_merge(KEYS, BASE, mine, theirs)
    assert result.clean
    assert result.values == BASE | {"priority": "3", "owner": "9"}
    assert result.mine_changed == ["priority"]
    assert result.theirs_changed == ["owner"]


def test_same_change_on_both_sides_is_not_a_conflict() -> None:
    both = BASE | {"title": "Printer jams on floor 2"}
    result = three_way_merge(KEYS, BASE, both, both)
    assert result.clean
    assert result.values["title"] == "Printer jams on floor 2"


def test_different_changes_to_one_field_are_a_conflict_for_the_user() -> None:
    mine = BASE | {"title": "Mine"}
    theirs = BASE | {"title": "Theirs", "owner": "9"}
    result = three_way_merge(KEYS, BASE, mine, theirs)
    assert not result.clean
    [conflict] = result.conflicts
    assert (conflict.key, conflict.base, conflict.mine, conflict.theirs) == (
        "title",
        "Printer jams",
        "Mine",
        "Theirs",
    )
    assert result.values["owner"] == "9"  # the other writer's clean change still comes along


def test_nothing_changed_anywhere_keeps_the_server_values() -> None:
    result = three_way_merge(KEYS, BASE, dict(BASE), dict(BASE))
    assert result.clean and result.values == BASE
    assert not result.mine_changed and not result.theirs_changed
