"""The yardstick for bytes per keystroke: a Textual DataTable of ticket titles, full screen.

``datatable_app.py ROWS_FILE``: one row per line of ROWS_FILE (number and title).
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class Table(App[None]):
    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Title")
        table.add_rows((str(n), title) for n, title in enumerate(self.titles, 1))
        table.focus()


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as rows:
        Table(rows.read().splitlines()).run()
