"""Parsing of the archive query options: ``$select``, ``$orderBy`` and ``$filter``.

The ``$filter`` grammar is SuperOffice's restriction string (NOTES section 1a):
``and``/``or`` with ``and`` binding tighter, brackets, ``column operator [value]``,
single-quoted strings with backslash escapes, and ``(3,6)`` value lists. This module
only builds the tree; archive.py decides what each column/operator means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tickettui.systems.superoffice.server.errors import bad_request

# Operators that take no value.
UNARY_OPERATORS = frozenset(
    op.lower()
    for op in (
        "currentAssociate",
        "today",
        "beforeToday",
        "afterToday",
        "lastWeek",
        "thisWeek",
        "nextWeek",
        "lastMonth",
        "thisMonth",
        "nextMonth",
        "thisYear",
        "set",
        "notSet",
    )
)

_TOKEN_RE = re.compile(
    r"\s*(?:(?P<string>'(?:\\.|[^'\\])*')|(?P<punct>[(),])|(?P<symbol><=|>=|<>|!=|=|<|>)"
    r"|(?P<word>[^\s(),'=<>!]+))"
)


@dataclass(frozen=True)
class Literal:
    text: str
    quoted: bool


@dataclass(frozen=True)
class Condition:
    column: str
    operator: str  # as written; archive.py normalises case
    values: tuple[Literal, ...]


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    items: tuple[Node, ...]


Node = Condition | BoolOp


@dataclass(frozen=True)
class OrderBy:
    column: str
    descending: bool


def parse_select(text: str | None) -> list[str]:
    if not text:
        return []
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_order_by(text: str | None) -> list[OrderBy]:
    orders: list[OrderBy] = []
    for part in (text or "").split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise bad_request(f"Invalid $orderBy clause: '{part.strip()}'")
        orders.append(OrderBy(words[0], len(words) == 2 and words[1].lower() == "desc"))
    return orders


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None or match.end() == position:
            raise bad_request(f"Invalid $filter near position {position}: '{text[position:]}'")
        position = match.end()
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
    return tokens


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", r"\1", token[1:-1])


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise bad_request(f"Unexpected end of $filter: '{self.text}'")
        self.index += 1
        return token

    def at_keyword(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1].lower() == word

    def parse(self) -> Node:
        node = self.expression()
        if self.peek() is not None:
            raise bad_request(f"Unexpected '{self.peek()[1]}' in $filter: '{self.text}'")  # type: ignore[index]
        return node

    def expression(self) -> Node:
        items = [self.term()]
        while self.at_keyword("or"):
            self.take()
            items.append(self.term())
        return items[0] if len(items) == 1 else BoolOp("or", tuple(items))

    def term(self) -> Node:
        items = [self.factor()]
        while self.at_keyword("and"):
            self.take()
            items.append(self.factor())
        return items[0] if len(items) == 1 else BoolOp("and", tuple(items))

    def factor(self) -> Node:
        kind, value = self.take()
        if kind == "punct" and value == "(":
            node = self.expression()
            self.expect(")")
            return node
        if kind != "word":
            raise bad_request(f"Expected a column name in $filter, got '{value}'")
        following = self.peek()
        if following == ("punct", "(") and value.lower() in (
            "substringof",
            "startswith",
            "endswith",
        ):
            return self.function(value.lower())
        return self.condition(value)

    def expect(self, punct: str) -> None:
        kind, value = self.take()
        if (kind, value) != ("punct", punct):
            raise bad_request(f"Expected '{punct}' in $filter, got '{value}'")

    def function(self, name: str) -> Condition:
        self.expect("(")
        first = self.take()
        self.expect(",")
        second = self.take()
        self.expect(")")
        # substringof('text', column); startswith(column, 'text'); endswith(column, 'text')
        column, literal = (second, first) if name == "substringof" else (first, second)
        if column[0] != "word" or literal[0] != "string":
            raise bad_request(f"Invalid arguments to {name}() in $filter")
        operator = {"substringof": "contains", "startswith": "begins", "endswith": "ends"}[name]
        return Condition(column[1], operator, (Literal(_unquote(literal[1]), True),))

    def condition(self, column: str) -> Condition:
        kind, operator = self.take()
        if kind not in ("word", "symbol"):
            raise bad_request(f"Expected an operator after '{column}' in $filter")
        if operator.lower() in UNARY_OPERATORS:
            return Condition(column, operator, ())
        return Condition(column, operator, tuple(self.values()))

    def values(self) -> list[Literal]:
        if self.peek() == ("punct", "("):
            self.take()
            values = [self.literal()]
            while self.peek() == ("punct", ","):
                self.take()
                values.append(self.literal())
            self.expect(")")
            return values
        values = [self.literal()]
        while self.peek() == ("punct", ","):  # between 'a','b' without brackets
            self.take()
            values.append(self.literal())
        return values

    def literal(self) -> Literal:
        kind, value = self.take()
        if kind == "string":
            return Literal(_unquote(value), True)
        if kind == "word":
            return Literal(value, False)
        raise bad_request(f"Expected a value in $filter, got '{value}'")


def parse_filter(text: str | None) -> Node | None:
    if text is None or not text.strip():
        return None
    return _Parser(text).parse()
