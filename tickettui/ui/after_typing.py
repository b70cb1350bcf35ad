"""Run a priority binding's action only after the keys typed before it have landed.

Textual hands each key to the focused widget's own message queue, but a priority binding
(ctrl+s) runs as soon as the app sees its key. Over SSH, keys often arrive in one burst
("done X" then ctrl+s, or a paste then ctrl+s): without waiting, the last characters are not
in the Input or TextArea yet, and a save or send would go out without them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ScreenStackError

__all__ = ["after_typing"]


def after_typing(app: App[Any], action: Callable[[], object]) -> None:
    """Call ``action`` once the focused widget has handled every key already sent to it."""
    try:
        focused = app.focused
    except ScreenStackError:  # still starting (a hang-up can come that early): nothing typed
        focused = None
    # call_later queues behind those keys; it is refused when the widget is closing.
    if focused is None or not focused.call_later(action):
        action()
