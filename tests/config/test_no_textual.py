"""Config, credentials and the account commands run without a terminal: no Textual import."""

import subprocess
import sys

MODULES = [
    "tickettui.config",
    "tickettui.config.write",
    "tickettui.credentials",
    "tickettui.connection",
    "tickettui.backends",
    "tickettui.commands.login",
    "tickettui.commands.doctor",
    "tickettui.commands.first_run",
    "tickettui.debug_log",
]


def test_profiles_and_credentials_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + "print(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
