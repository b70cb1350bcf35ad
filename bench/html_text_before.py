"""HTML-to-text as it was before issue 18 (the stdlib parser of core/html_text.py at 3d1d4a2~1),
kept for `make bench` only: bench/message_render.py measures it beside today's in one run.

Block elements become line breaks, list items get bullets, links keep their target
("text <https://...>"), and script/style/head content is dropped. Uses the stdlib parser:
it never executes anything and tolerates the broken HTML that mail clients produce.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {
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
    "hr",
    "address",
    "dl",
    "dt",
    "dd",
}
_DROP = {"script", "style", "head", "title", "template", "noscript", "iframe", "object"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._drop_depth = 0
        self._pre_depth = 0
        self._links: list[tuple[str, int]] = []  # (href, index of first part inside the link)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self._drop_depth += 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in ("td", "th"):
            self.parts.append("  ")
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag in ("p", "blockquote", "table") else "\n")
            if tag == "pre":
                self._pre_depth += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._links.append((href, len(self.parts)))
        elif tag == "img":
            alt = dict(attrs).get("alt") or "image"
            self.parts.append(f"[{alt}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _DROP:
            self._drop_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self._drop_depth = max(0, self._drop_depth - 1)
            return
        if tag == "a" and self._links:
            href, start = self._links.pop()
            label = "".join(self.parts[start:]).strip()
            if href and not href.lower().startswith(("javascript:", "data:")) and href != label:
                self.parts.append(f" <{href}>")
        elif tag in _BLOCK:
            self.parts.append("\n")
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._drop_depth:
            return
        if self._pre_depth:
            self.parts.append(data)
        else:
            # Outside <pre>, HTML collapses whitespace: source line breaks are not line breaks.
            # (ASCII whitespace only: a non-breaking space is content.)
            text = _ASCII_SPACE.sub(" ", data)
            if self._at_line_start():
                text = text.lstrip(" ")
            self.parts.append(text)

    def _at_line_start(self) -> bool:
        for part in reversed(self.parts):
            if part:
                return part.endswith(("\n", "• "))
        return True


_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|html|body|span|a|table|ul|ol|b|i|strong|em)\b", text, re.I))
