"""Plain text from HTML too deeply nested for the layout engine: every word kept, no layout.

lxml stops building the tree at 256 levels and silently drops everything past that point (the
rest of the message too); inscriptis walks the tree recursively. A body nested that deep is
hostile or broken, so ``core.html_text`` hands it here instead: the stdlib's streaming parser,
which has no depth at all. Blocks become line breaks, script and style are dropped, safe links
become the same footnotes ``html_text`` writes (numbers come from its ``Footnotes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from tickettui.core.ticket_links import safe_link

__all__ = ["flat_text"]

_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "hr",
        "address",
        "dl",
        "dt",
        "dd",
    }
)
_DROP = frozenset(
    {
        "script",
        "style",
        "head",
        "title",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
    }
)
_SPACE = re.compile(r"[ \t\n\r\f]+")


class _Flat(HTMLParser):
    def __init__(self, footnote: Callable[[str], int]) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._footnote = footnote
        self._dropping = 0
        self._hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self._dropping += 1
        elif tag == "br" or tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "a":
            self._hrefs.append((dict(attrs).get("href") or "").strip())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "a" and self._hrefs:
            href = self._hrefs.pop()
            if href and safe_link(href):
                self.parts.append(f" [{self._footnote(href)}]")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(_SPACE.sub(" ", data))


def flat_text(html: str, footnote: Callable[[str], int]) -> str:
    """The words of ``html``, one block a line; ``footnote(url)`` numbers each safe link."""
    parser = _Flat(footnote)
    parser.feed(html)
    parser.close()
    return "\n".join(line.strip() for line in "".join(parser.parts).split("\n"))
