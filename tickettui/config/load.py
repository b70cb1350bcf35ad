"""Read and validate config.toml; every problem is one line naming the file, line and key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tickettui.config.model import ConfigFile, SectionConfig, known_keys, option_errors
from tickettui.config.toml_lines import line_of
from tickettui.core.errors import ConfigurationError

_FIELD_NAMES: dict[str, list[str]] = {
    "top": list(ConfigFile.model_fields),
    "section": list(SectionConfig.model_fields),
}


def _table_of(loc: tuple[Any, ...]) -> str:
    """Which kind of table an unknown key ``loc`` was written in."""
    if len(loc) == 1:
        return "top"
    if len(loc) == 3 and loc[0] == "profiles":
        return "profile"
    if len(loc) == 5 and loc[2] == "sections":
        return "section"
    return ""


def _known_keys(loc: tuple[Any, ...], config: ConfigFile | None) -> list[str] | None:
    table = _table_of(loc)
    if table == "profile":
        profile = config.profiles.get(str(loc[1])) if config is not None else None
        return known_keys(profile)
    return _FIELD_NAMES.get(table)


def load_config(path: Path) -> ConfigFile | None:
    """The parsed file, or None when there is none yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigurationError(f"Cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigurationError(f"{path}: not UTF-8 text") from None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> ConfigFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 7, column 3)": keep its words, lead with the file.
        raise ConfigurationError(f"{path}: invalid TOML: {error}") from None
    try:
        config = ConfigFile.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False, include_input=False)
        raise ConfigurationError(_describe(errors, text, path, None)) from None
    # Each profile's own keys, checked by its system's record.
    own: list[ErrorDetails] = []
    for name, profile in config.profiles.items():
        for problem in option_errors(profile):
            own.append({**problem, "loc": ("profiles", name, *problem["loc"])})
    if own:
        raise ConfigurationError(_describe(own, text, path, config))
    return config


def _describe(errors: list[ErrorDetails], text: str, path: Path, config: ConfigFile | None) -> str:
    # Report the problem nearest the top of the file: that is where a reader starts.
    located = [(line_of(text, tuple(e["loc"])), e) for e in errors]
    line, first = min(located, key=lambda pair: pair[0] if pair[0] is not None else 1 << 30)
    loc = tuple(first["loc"])
    where = f"{path} line {line}" if line else str(path)
    key = ".".join(str(part) for part in loc) or "(top level)"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    reason = _reason(first, loc, config)
    return f"{where}: {key}: {reason}{more if len(errors) > 1 else ''}"


def _reason(detail: ErrorDetails, loc: tuple[Any, ...], config: ConfigFile | None) -> str:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    if kind == "extra_forbidden":
        known = _known_keys(loc, config)
        hint = f" (known keys: {', '.join(known)})" if known else ""
        return f"unknown key{hint}"
    if kind == "missing":
        return "is required"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    message = detail["msg"]
    return message[:1].lower() + message[1:]
