"""Where the app's Textual CSS is.

The top-level ``styles/`` folder is the one source. A wheel or an sdist carries it inside the
package as ``tickettui/styles`` (setup.py maps it there at build time); an editable install
(``make``) has no such folder in the checkout and reads ``styles/`` beside the package instead.
"""

from __future__ import annotations

from pathlib import Path

NAMES = ("app.tcss", "queue.tcss", "detail.tcss", "edit.tcss")
_PACKAGE = Path(__file__).resolve().parent.parent


def stylesheet_dir() -> Path:
    """The folder holding the stylesheets: the installed package's, else the checkout's."""
    candidates = (_PACKAGE / "styles", _PACKAGE.parent / "styles")
    for folder in candidates:
        if all((folder / name).is_file() for name in NAMES):
            return folder
    looked = ", ".join(str(folder) for folder in candidates)
    raise FileNotFoundError(f"tickettui's stylesheets are missing (looked in {looked})")


def stylesheet_paths() -> list[str]:
    """The stylesheets in the order the app loads them (later ones win)."""
    folder = stylesheet_dir()
    return [str(folder / name) for name in NAMES]
