"""Only what pyproject.toml cannot say: the top-level styles/ folder is the package
``tickettui.styles`` in a wheel (and ships in the sdist), so the Textual CSS has one source
without a symlink inside the package. Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["tickettui*"]), "tickettui.styles"],
    package_dir={"tickettui.styles": "styles"},
)
