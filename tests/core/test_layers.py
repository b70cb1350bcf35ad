"""The core (models, backends, config...) never imports Textual: it runs without a terminal."""

import subprocess
import sys

CORE_MODULES = [
    "tickettui.core.domain",
    "tickettui.core.backend",
    "tickettui.core.merge",
    "tickettui.core.columns",
    "tickettui.cache",
    "tickettui.systems.superoffice.client",
    "tickettui.systems.superoffice.backend",
    "tickettui.cli",
]


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
