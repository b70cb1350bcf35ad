"""The package as a user gets it: an sdist, the wheel built from it, installed into a fresh venv.

The checkout's build inputs are copied aside and built with ``python -m build --no-isolation``
(sdist first, then the wheel from the unpacked sdist, so the sdist must carry everything). The
wheel goes into a new venv with its dependencies from the wheelhouse ``make`` downloads the
lock into (``.venv/wheelhouse``), offline and at the locked versions. The real ``tickettui``
command of that venv then starts in a pseudo-terminal against the local server and shows the
queue: the stylesheets it loads are the ones inside the installed package, since
``tickettui/styles`` is no symlink in the checkout any more but mapped from ``styles/`` at build
time (setup.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.pty_terminal import Terminal, app_env

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(sys.platform == "win32", reason="the app runs in a Unix pty"),
]

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "tickettui", "styles")
STYLESHEETS = ("app.tcss", "queue.tcss", "detail.tcss", "edit.tcss")
# `python -c` hands over to the venv's own console script, in the pty Terminal gives it.
EXEC = "import os, sys; os.execv(sys.argv[1], sys.argv[1:])"


def run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(arg) for arg in args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def offline_pip_env() -> dict[str, str]:
    """pip with no configuration of this machine's (extra indexes, find-links, constraints)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PIP_")}
    return env | {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def wheelhouse() -> Path:
    """Every locked distribution for this platform, as `make` downloads them. A venv made
    before the wheelhouse existed gets it here, once (from pip's cache or the index)."""
    folder = Path(sys.prefix) / "wheelhouse"
    if not folder.is_dir() or not any(folder.glob("*.whl")):
        run(
            sys.executable, "-m", "pip", "download", "--quiet", "--only-binary", ":all:",
            "--dest", folder, "-r", LOCK,
        )  # fmt: skip
    return folder


def constraints_from_lock(path: Path) -> Path:
    """The lock's pins without hashes: the wheelhouse may hold an older version of something
    (make empties it, a hand-made one may not), and pip would take the newest."""
    pins = [
        line.removesuffix("\\").strip()
        for line in LOCK.read_text().splitlines()
        if line[:1].isalnum()
    ]
    path.write_text("\n".join(pins) + "\n")
    return path


def build(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source)
    (sdist,) = dist.glob("tickettui-*.tar.gz")
    (wheel,) = dist.glob("tickettui-*.whl")
    return sdist, wheel


def test_the_wheel_installs_and_the_app_starts_from_it(so_server: Any, tmp_path: Path) -> None:
    started = time.monotonic()
    sdist, wheel = build(tmp_path)
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    for name in STYLESHEETS:
        assert f"styles/{name}" in in_sdist
        assert f"tickettui/styles/{name}" in in_wheel
    assert "tickettui/py.typed" in in_wheel

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-index",
        "--find-links", wheelhouse(), "--constraint", constraints_from_lock(tmp_path / "c.txt"),
        wheel,
        env=offline_pip_env(),
    )  # fmt: skip

    # Outside the checkout, with nothing on PYTHONPATH: the installed package, nothing else.
    clean = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path / "home")}
    show = (
        "import json, tickettui, tickettui.ui.app as app;"
        "print(json.dumps([tickettui.__file__, app.TicketApp.CSS_PATH]))"
    )
    where = json.loads(run(python, "-c", show, env=clean, cwd=tmp_path))
    package = Path(where[0]).parent
    assert package.is_relative_to(venv), package
    assert where[1] == [str(package / "styles" / name) for name in STYLESHEETS]
    assert all(Path(path).is_file() for path in where[1])

    terminal = Terminal(
        app_env(so_server, tmp_path), args=("-c", EXEC, str(venv / "bin" / "tickettui"))
    )
    try:
        terminal.wait_for("My open", seconds=60)
        assert terminal.process.poll() is None  # the queue is up and the app runs on
    finally:
        terminal.kill()
    print(f"built, installed and started in {time.monotonic() - started:.1f} s")
