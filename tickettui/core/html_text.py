"""Turn an HTML message body into readable plain text for the terminal, as a mail client shows it.

The layout is inscriptis's (lxml parses, nothing is executed, broken mail HTML is tolerated):
tables in aligned columns, numbered and nested lists, paragraphs. On top of it, what a helpdesk
reader needs:

- links become footnotes: "our help pages [2]" in the text, and "[2] https://..." in a list at
  the end. Only links ``core.ticket_links.safe_link`` accepts (http, https, mailto, no hidden
  user@host) are numbered; a ``javascript:`` or ``data:`` link keeps its words and loses its
  target. A link whose words are its address gets no footnote (the address is already there).
- ``<blockquote>`` lines start with "> " (one per level), as a plain-text reply quotes, so
  ``core.quote_folding`` folds HTML and plain-text history the same way.
- script, style, head, iframe, object, svg, noscript and template content is dropped; an
  image shows its alt text in brackets (a tracking pixel with none shows nothing).

The result is plain text, not yet inert: whoever shows it passes it through ``core.safe_text``
(an ESC written as ``&#27;`` comes out as an ESC here). Why inscriptis: see the commit that
added it (tables, numbered/nested lists and broken HTML compared on tests/fixtures/emails).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_engine import Inscriptis
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_document_state import HtmlDocumentState
from inscriptis.model.html_element import HtmlElement
from inscriptis.model.tag import CustomHtmlTagHandlerMapping
from lxml.etree import ParserError, strip_elements, strip_tags
from lxml.html import HtmlElement as LxmlElement
from lxml.html import HTMLParser, document_fromstring

from tickettui.core.html_flat import flat_text
from tickettui.core.ticket_links import safe_link

__all__ = ["html_to_text", "looks_like_html"]

_DROPPED = ("iframe", "object", "embed", "applet", "svg", "math", "noscript", "template", "canvas")
_CSS = dict(CSS_PROFILES["strict"])
for _tag in _DROPPED:
    _CSS[_tag] = HtmlElement(display=Display.none)
_INLINE = (
    "a",
    "b",
    "i",
    "u",
    "s",
    "em",
    "strong",
    "span",
    "font",
    "small",
    "big",
    "sub",
    "sup",
    "abbr",
    "cite",
    "code",
    "kbd",
    "mark",
    "tt",
    "strike",
    "del",
    "ins",
    "o:p",
    "label",
)
_HIDDEN = ("script", "style", "head", "title", *_DROPPED)
_BLOCKS = frozenset({"div", "p", "table", "ul", "ol", "blockquote", "h1", "h2", "h3", "pre"})
_UNWRAP = "tickettui-unwrap"
_QUOTE = "quote"
_BULLETS = ("• ", "◦ ", "▪ ", "- ")  # by nesting level, as mail clients draw them


def _ul_start(state: HtmlDocumentState, _: dict[str, str]) -> None:
    state.li_counter.append(_BULLETS[len(state.li_counter) % len(_BULLETS)])


def _ol_start(state: HtmlDocumentState, attrs: dict[str, str]) -> None:
    start = attrs.get("start", "").strip()
    state.li_counter.append(int(start) if start.isdigit() and len(start) < 7 else 1)


_CONFIG = ParserConfig(
    css=_CSS,
    annotation_rules={"blockquote": [_QUOTE]},
    custom_html_tag_handler_mapping=CustomHtmlTagHandlerMapping(
        start_tag_mapping={"ul": _ul_start, "ol": _ol_start}, end_tag_mapping={}
    ),
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BLANK_RUNS = re.compile(r"\n(?:\n){2,}")


@dataclass(slots=True)
class _Footnotes:
    urls: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, url: str) -> int:
        if url not in self.numbers:
            self.urls.append(url)
            self.numbers[url] = len(self.urls)
        return self.numbers[url]


def _same_address(label: str, url: str) -> bool:
    """Whether a link's words already show its address ("support@example.com" for its mailto,
    "https://x/y" for itself): a footnote would only repeat it."""
    label = label.strip().rstrip("/")
    bare = url.rstrip("/")
    if bare.lower().startswith("mailto:"):
        bare = bare[len("mailto:") :]
    return label.lower() == bare.lower()


def _append_text(element: LxmlElement, text: str) -> None:
    """Add ``text`` at the end of ``element``'s content (after its last child, if any)."""
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _prepare(tree: LxmlElement, notes: _Footnotes) -> None:
    """Number the safe links and turn images into their alt text, in the tree itself."""
    for element in list(tree.iter("a", "img", "p")):
        if element.tag == "p":
            # Outlook's paragraphs: its own style gives them no margins, so they are lines,
            # not spaced paragraphs; an empty one (a &nbsp;) is how it writes a blank line.
            blank = not element.text_content().strip()
            if not blank and "MsoNormal" in (element.get("class") or ""):
                element.tag = "div"
            continue
        if element.tag == "img":
            alt = " ".join((element.get("alt") or "").split())
            _insert_before(element, f"[{alt}]" if alt else "")
            continue
        href = (element.get("href") or "").strip()
        label = element.text_content()
        if href and safe_link(href) and not _same_address(label, href):
            _append_text(element, f" [{notes.number(href)}]")
    # inscriptis handles each element in Python (~8 us each): what shows nothing goes before
    # it, in lxml's C. Hidden content (whole subtrees), inline markup (its text stays) and
    # plain wrapper divs holding only blocks (Gmail's, Outlook's) render the same without.
    strip_elements(tree, *_HIDDEN, with_tail=False)
    strip_tags(tree, *_INLINE)
    for div in list(tree.iter("div")):
        if _plain_wrapper(div):
            div.tag = _UNWRAP
    strip_tags(tree, _UNWRAP)
    _escape_ampersands(tree)


_CELLS = frozenset({"td", "th"})


def _escape_ampersands(tree: LxmlElement) -> None:
    """inscriptis unescapes entities again in text lxml has already decoded (once per block,
    and once more per table cell the text sits in), so a mail that wrote ``&amp;lt;`` (a
    literal "&lt;") would show "<": each "&" left in the text is escaped once for every pass
    it will go through. Only the elements whose text or tail holds one are visited."""
    done: set[tuple[LxmlElement, bool]] = set()
    for node in tree.xpath("//text()[contains(., '&')]"):
        owner, is_tail = node.getparent(), bool(node.is_tail)
        if (owner, is_tail) in done:  # lxml may keep a text in pieces; it is set whole
            continue
        done.add((owner, is_tail))
        # A tail follows its element: the cells it sits in are the element's ancestors.
        cells = sum(1 for element in owner.iterancestors() if element.tag in _CELLS)
        if not is_tail and owner.tag in _CELLS:
            cells += 1
        text = owner.tail if is_tail else owner.text
        for _ in range(1 + cells):
            text = text.replace("&", "&amp;")
        if is_tail:
            owner.tail = text
        else:
            owner.text = text


def _plain_wrapper(div: LxmlElement) -> bool:
    """A div with no style of its own, no text of its own and only block children."""
    if "style" in div.attrib or "align" in div.attrib or (div.text or "").strip():
        return False
    return len(div) > 0 and all(
        child.tag in _BLOCKS and not (child.tail or "").strip() for child in div
    )


def _insert_before(element: LxmlElement, text: str) -> None:
    """Replace ``element`` by ``text`` (an image by its alt text), keeping what followed it."""
    tail = (element.tail or "") if text == "" else text + (element.tail or "")
    previous = element.getprevious()
    parent = element.getparent()
    if parent is None:
        return
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


class _TooDeep(Exception):
    """lxml stopped at its nesting limit and dropped the rest of the body."""


def _tree(html: str) -> LxmlElement | None:
    parser = HTMLParser()
    try:
        tree = document_fromstring(html, parser=parser)
    except ParserError:  # only comments or whitespace left after parsing
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise _TooDeep
    return tree


def _quote_depths(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """How many blockquotes each line of ``text`` is inside (one sweep over the span edges)."""
    edges = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    depths: list[int] = []
    depth = 0
    next_edge = 0
    at = 0
    for line in text.split("\n"):
        middle = at + len(line) // 2  # a line is inside a quote if its middle is
        while next_edge < len(edges) and edges[next_edge][0] <= middle:
            depth += edges[next_edge][1]
            next_edge += 1
        depths.append(depth)
        at += len(line) + 1
    return depths


def html_to_text(html: str) -> str:
    """``html`` as plain text: laid out, quotes marked "> ", links as footnotes at the end."""
    html = _XML_DECLARATION.sub("", html).strip()
    if not html:
        return ""
    notes = _Footnotes()
    try:
        tree = _tree(html)
    except _TooDeep:
        return _finish(flat_text(html, notes.number).split("\n"), notes)
    if tree is None:
        return ""
    _prepare(tree, notes)
    engine = Inscriptis(tree, _CONFIG)
    text = engine.get_text()
    spans = [(a.start, a.end) for a in engine.get_annotations() if a.metadata == _QUOTE]
    lines = text.split("\n")
    if spans:
        depths = _quote_depths(text, spans)
        lines = [
            ("> " * depth + line).rstrip() if depth else line
            for line, depth in zip(lines, depths, strict=True)
        ]
    return _finish(lines, notes)


def _finish(lines: list[str], notes: _Footnotes) -> str:
    """Lines without trailing blanks, blank runs as one blank line, then the footnotes."""
    body = "\n".join(line.rstrip() for line in lines)
    body = _BLANK_RUNS.sub("\n\n", body).strip("\n")
    if notes.urls:
        listed = "\n".join(f"[{n}] {url}" for n, url in enumerate(notes.urls, 1))
        body = f"{body}\n\n{listed}"
    return body


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|html|body|span|a|table|ul|ol|b|i|strong|em)\b", text, re.I))
