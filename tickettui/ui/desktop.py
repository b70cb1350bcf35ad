"""The desktop around the terminal: whether there is one, and opening a link or a file with its
own program (the browser for ``w``, the viewer for an attachment's ``o``).

The program is started by us, not through ``webbrowser``, so that it gets the environment
``$EDITOR`` gets: none of tickettui's variables, some of which are secrets. A browser or viewer
that a customer's page or file drives, or an extension in it, could pass them on; ``webbrowser``
takes no environment and hands on the app's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

__all__ = ["has_desktop", "open_outside", "system_opener"]


def has_desktop(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a window opened here would show on the agent's screen (not over SSH)."""
    env = os.environ if environ is None else environ
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        return False
    if (platform or sys.platform) in ("darwin", "win32"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def system_opener(target: str) -> list[str] | None:
    """The command that opens ``target`` (a path or a URL) with the desktop's default program;
    None on Windows, where ``os.startfile`` does it."""
    if sys.platform == "darwin":
        return ["open", target]
    if sys.platform == "win32":
        return None
    return ["xdg-open", target]


def open_outside(target: str) -> None:
    """Open ``target`` with the desktop's program, detached, without tickettui's variables.

    Raises OSError when there is no such program (no xdg-open, say).
    """
    # The UI may not import the credential layer: compose's rule for $EDITOR is the same one.
    from tickettui.ui.screens.compose import editor_environment

    command = system_opener(target)
    if command is None:
        os.startfile(target)  # type: ignore[attr-defined]  # noqa: S606 - Windows only
        return
    subprocess.Popen(  # noqa: S603 - a fixed opener; the target is a URL or a path we wrote
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=editor_environment(),
    )
