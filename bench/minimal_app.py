"""The yardstick for cold start: a minimal Textual app, one Static and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
