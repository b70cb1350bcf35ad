"""The Keliweb package is UI-free: importing all of it never imports Textual."""

import subprocess
import sys

MODULES = [
    "tickettui.systems.keliweb.backend",
    "tickettui.systems.keliweb.client",
    "tickettui.systems.keliweb.decoding",
    "tickettui.systems.keliweb.tokens",
]


def test_keliweb_never_imports_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + "print(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
