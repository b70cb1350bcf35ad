"""What an export writes (issue 15, item 5): CSV cells a spreadsheet cannot run and a terminal
cannot obey, whatever a customer typed; the app's file with a BOM, 0600, whole; JSON in
`list --json`'s shape; and one clear line for a path that cannot take it."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest

from tests.hostile_text import HOSTILE, RAW, assert_inert
from tickettui.core.columns import resolve_columns
from tickettui.core.domain import TicketSummary
from tickettui.core.export import (
    ExportError,
    csv_cell,
    csv_text,
    export_text,
    summary_json,
    write_export,
)

FORMULAS = [
    '=HYPERLINK("https://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(formula: str) -> None:
    assert csv_cell(formula).startswith("'")


def test_plain_cells_are_left_as_they_are() -> None:
    assert csv_cell("Printer on fire") == "Printer on fire"
    assert csv_cell("a=b, c+d") == "a=b, c+d"  # only the first character counts
    assert csv_cell("Müller ☕ 注文") == "Müller ☕ 注文"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_reaches_the_csv_inert_and_whole(name: str) -> None:
    text = csv_text(["Title"], [[HOSTILE[name]]])
    assert_inert(text)
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and len(rows[1]) == 1  # quotes and commas cannot add a cell


def test_quotes_commas_and_line_breaks_stay_in_their_cell() -> None:
    text = csv_text(["a", "b"], [['say "hi", then\nleave', "x"]])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ['say "hi", then\nleave', "x"]]
    assert text.endswith("\r\n")


def _tickets() -> list[TicketSummary]:
    return [
        TicketSummary(id=7, title="=cmd|' /C calc'!A0", status="Open", number="616611"),
        TicketSummary(id=8, title="Müller's printer", status="Closed"),
    ]


def test_the_apps_csv_has_a_bom_and_the_columns_given(tmp_path: Path) -> None:
    columns = resolve_columns(("id", "title"))
    path = tmp_path / "queue.csv"
    write_export(path, export_text(path, columns, ["Number", "Title"], _tickets(), None))
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [
        ["Number", "Title"],
        ["616611", "'=cmd|' /C calc'!A0"],
        ["8", "Müller's printer"],
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_json_is_the_shape_of_list_json(tmp_path: Path) -> None:
    path = tmp_path / "queue.JSON"
    write_export(path, export_text(path, [], [], _tickets(), None))
    assert json.loads(path.read_text()) == [summary_json(t) for t in _tickets()]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_file_is_replaced_0600(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text("old")
    path.chmod(0o644)
    write_export(path, "new")
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing/out.csv", "no folder"),
        ("out.xlsx", "must end in .csv or .json"),
        ("folder.csv", "is a folder"),
    ],
)
def test_a_path_that_cannot_take_it_is_one_line(tmp_path: Path, name: str, words: str) -> None:
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(ExportError) as raised:
        write_export(tmp_path / name, "x")
    message = str(raised.value)
    assert words in message and "\n" not in message
    assert not (tmp_path / "missing").exists()  # the folder is not made


def test_nothing_raw_in_the_json_either(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    hostile = [TicketSummary(id=n, title=t) for n, t in enumerate(HOSTILE.values())]
    write_export(path, export_text(path, [], [], hostile, None))
    text = path.read_text()
    for raw in RAW:
        assert raw not in text
