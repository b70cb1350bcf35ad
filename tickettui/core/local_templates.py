"""The agent's own reply templates: one file each in ``templates/`` beside config.toml.

The format (README "Reply templates")::

    Title: Password reset          <- optional; without it the file's name is the title
                                   <- one blank line after the title line is skipped
    Hello {customer},

    ...
    {me}

Files ending ``.txt`` or ``.md`` count; a subfolder (one level) is the template's folder
(``templates/billing/refund.txt``: folder "billing"). Hidden files, other suffixes and deeper
folders are ignored. A file that cannot be a template (not UTF-8, empty, too big, unreadable)
is skipped with one line in ``LocalTemplates.problems``; it never stops the others loading.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tickettui.core.reply_templates import ReplyTemplate, TemplateSource
from tickettui.core.safe_text import inert_line

__all__ = ["MAX_TEMPLATE_BYTES", "SUFFIXES", "LocalTemplates", "load_local_templates"]

SUFFIXES = (".txt", ".md")
MAX_TEMPLATE_BYTES = 64 * 1024  # a reply template, not a file to send
TITLE_PREFIX = "title:"


@dataclass(frozen=True, slots=True)
class LocalTemplates:
    templates: tuple[ReplyTemplate, ...]
    problems: tuple[str, ...] = ()  # one line per file skipped


def _is_template_file(path: Path) -> bool:
    return (
        not path.name.startswith(".")
        and path.suffix.lower() in SUFFIXES
        and path.is_file()  # follows a symlink the agent made; a folder or a device is not one
    )


def _parse(text: str, default_name: str) -> tuple[str, str]:
    """(title, body) of a template file's text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith(TITLE_PREFIX):
        title = first.strip()[len(TITLE_PREFIX) :].strip() or default_name
        body = rest[1:] if rest.startswith("\n") else rest
    else:
        title, body = default_name, text
    return title, body.rstrip("\n")


def _load(path: Path, folder: str, shown: str) -> ReplyTemplate | str:
    """The template in ``path``, or the one line saying why it is skipped."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            return f"{shown}: skipped, larger than {MAX_TEMPLATE_BYTES // 1024} KB"
        raw = path.read_bytes()
    except OSError as error:
        return f"{shown}: skipped, cannot be read ({error.strerror or type(error).__name__})"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"{shown}: skipped, not UTF-8 text"
    title, body = _parse(text, path.stem)
    if not body.strip():
        return f"{shown}: skipped, no text after the title"
    return ReplyTemplate(
        name=title, source=TemplateSource.LOCAL, folder=folder, body=body, ref=shown
    )


def load_local_templates(folder: Path) -> LocalTemplates:
    """Every template in ``folder`` (sorted by folder, then title); a missing folder is none."""
    if not folder.is_dir():
        return LocalTemplates(())
    templates: list[ReplyTemplate] = []
    problems: list[str] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        return LocalTemplates((), (f"templates folder cannot be read: {error.strerror}",))
    candidates: list[tuple[Path, str]] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            try:
                candidates.extend((inner, entry.name) for inner in sorted(entry.iterdir()))
            except OSError as error:
                problems.append(inert_line(f"{entry.name}/: cannot be read ({error.strerror})"))
        else:
            candidates.append((entry, ""))
    for path, sub in candidates:
        if not _is_template_file(path):
            continue
        shown = f"{sub}{os.sep}{path.name}" if sub else path.name
        loaded = _load(path, sub, shown)
        if isinstance(loaded, str):
            problems.append(inert_line(loaded))
        else:
            templates.append(loaded)
    templates.sort(key=lambda t: (t.folder.lower(), t.name.lower()))
    return LocalTemplates(tuple(templates), tuple(problems))
