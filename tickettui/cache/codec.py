"""Compact encodings of ticket summaries and details for the on-disk cache.

A section is stored column by column: one list per field, each compressed on its own, with
the few distinct statuses, priorities, owners... kept once in a string table. 100,000
summaries decode one column at a time (turned into what the rows keep before the next) plus
one ``map`` over the columns, with no per-row dict. The lists are written with ``marshal``
(``SECTION_MAGIC`` "TTS3"), read back in about half the time of JSON: a cold start reads its
section before the first frame (5,000 rows: ~6.5 ms against ~10.5 ms in JSON). A section
written by an earlier version, column by column in JSON ("TTS2") or as one JSON document,
still decodes. Anything that does not decode raises ``CacheFormatError``; the caller throws
the entry away.
"""

from __future__ import annotations

import json
import marshal
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import repeat
from typing import TYPE_CHECKING, Any, cast

from tickettui.core.domain import FieldKind, FieldValue, ReadStatus, StatusKind, TicketSummary

if TYPE_CHECKING:  # a detail's types: core.domain_detail loads on first use, after the first frame
    from tickettui.core.domain import CustomField, TicketDetail
from tickettui.core.zones import as_aware

FORMAT = 1  # bump when an encoding changes: older entries are then discarded

_STATUS_KINDS = {kind.value: kind for kind in StatusKind}
_READ_STATUSES = {status.value: status for status in ReadStatus}
_INTERNED = ("status", "status_colour", "priority", "category", "owner")
_DATES = ("created", "last_changed", "deadline")


class CacheFormatError(ValueError):
    """A cache entry written by another version, or damaged."""


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _dates(values: Sequence[str | None]) -> list[datetime | None]:
    parse = datetime.fromisoformat
    first = next((value for value in values if value is not None), None)
    if first is not None and parse(first).tzinfo is None:
        # Written before times were aware: they were local times (one look decides: a column
        # is written by one version).
        return [None if value is None else as_aware(parse(value)) for value in values]
    if None not in values:  # a column of times only: parsed without a test per cell
        return list(map(parse, cast("Sequence[str]", values)))
    return [None if value is None else parse(value) for value in values]


ENCODE_CHUNK = 2048  # rows a column is dumped at a time
ZLIB_LEVEL = 1  # JSON of a section shrinks ~5x even at the fastest level


def encode_summaries(tickets: Sequence[TicketSummary]) -> bytes:
    """``summary_pieces`` joined: one compressed blob."""
    return b"".join(summary_pieces(tickets))


def summary_pieces(tickets: Sequence[TicketSummary]) -> list[bytes]:
    """A section, column by column: ``SECTION_MAGIC``, then parts, each a 4-byte length and
    zlib-compressed data: a JSON header (count, column names, marshal's version), one part per
    column, and the table of the repeated strings the interned columns point into. The
    compressed pieces in order (the store writes them into the blob one by one: no joined copy,
    ~3 MB at 100k).

    A column (and the table) is a run of chunks, each a 4-byte length and the ``marshal`` of a
    list of a few thousand cells (str, int or None): only one chunk's values are alive beside
    the pieces. A column compressed on its own is read back on its own, turned into what the
    rows keep, and let go before the next (``decode_summaries``).
    """
    strings: dict[str, int] = {}

    def intern(values: Iterable[str | None]) -> list[int]:
        # -1 stands for None (status_colour); every other value is an index into the table.
        return [-1 if v is None else strings.setdefault(v, len(strings)) for v in values]

    def getter(name: str) -> Callable[[Sequence[TicketSummary]], list[Any]]:
        if name in _INTERNED:
            return lambda rows: intern(getattr(t, name) for t in rows)
        if name in _DATES:
            return lambda rows: [_iso(getattr(t, name)) for t in rows]
        if name in ("status_kind", "read_status"):
            return lambda rows: [getattr(t, name).value for t in rows]
        return lambda rows: [getattr(t, name) for t in rows]

    def column(name: str) -> Iterator[bytes]:
        values = getter(name)
        for start in range(0, len(tickets), ENCODE_CHUNK):
            yield from _chunk(values(tickets[start : start + ENCODE_CHUNK]))

    pieces = [SECTION_MAGIC]
    header = {"count": len(tickets), "columns": _COLUMNS, "marshal": marshal.version}
    _part(pieces, [_dump(header)])
    for name in _COLUMNS:
        _part(pieces, column(name))
    _part(pieces, _table(list(strings)))
    return pieces


def _table(strings: list[str]) -> Iterator[bytes]:
    for start in range(0, len(strings), ENCODE_CHUNK):
        yield from _chunk(strings[start : start + ENCODE_CHUNK])


def _chunk(values: list[Any]) -> tuple[bytes, bytes]:
    """One chunk of a part: its length, then the ``marshal`` of ``values`` (``_marshalled``)."""
    data = marshal.dumps(values)
    return len(data).to_bytes(4, "big"), data


SECTION_MAGIC = b"TTS3"  # a section stored column by column in marshal
COLUMNS_IN_JSON = b"TTS2"  # ... in JSON, by earlier versions (before them: one JSON document)
_COLUMNS = (
    "id",
    "title",
    "customer",
    "number",
    "status_kind",
    "read_status",
    "priority_rank",
    *_INTERNED,
    *_DATES,
)


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _part(pieces: list[bytes], texts: Iterable[bytes]) -> None:
    """``texts`` compressed as one part of a section blob: its length, then its pieces."""
    packer = zlib.compressobj(ZLIB_LEVEL)
    body = [packed for text in texts if (packed := packer.compress(text))]
    body.append(packer.flush())
    pieces.append(sum(map(len, body)).to_bytes(4, "big"))
    pieces.extend(body)


def _parts(blob: bytes) -> list[memoryview]:
    """The parts of a section blob (either magic), as views (no copies)."""
    view, parts, at = memoryview(blob), [], len(SECTION_MAGIC)
    while at < len(view):
        size = int.from_bytes(view[at : at + 4], "big")
        if size <= 0 or at + 4 + size > len(view):
            raise ValueError("a part runs past the end")
        parts.append(view[at + 4 : at + 4 + size])
        at += 4 + size
    return parts


def _unpacked(blob: bytes) -> bytes:
    """The JSON of an entry written as one document: compressed (a zlib stream starts
    0x78), or plain before that."""
    return zlib.decompress(blob) if blob[:1] == b"x" else blob


def decode_summaries(blob: bytes) -> list[TicketSummary]:
    try:
        magic = blob[: len(SECTION_MAGIC)]
        if magic == SECTION_MAGIC:
            count, c = _read_columns(blob, _marshalled)
        elif magic == COLUMNS_IN_JSON:
            count, c = _read_columns(blob, _in_json)
        else:  # written as one JSON document (before COLUMNS_IN_JSON)
            payload = json.loads(_unpacked(blob))
            if payload.get("format") != FORMAT:
                raise CacheFormatError(f"format {payload.get('format')!r}, expected {FORMAT}")
            count, table, c = int(payload["count"]), payload["strings"], payload["c"]
            del payload
            for name in list(c):
                c[name] = _kept(name, c[name], table)
        tickets = list(
            map(
                TicketSummary,
                _checked(c["id"], _IDS),
                c["title"],
                c["status"],
                map(_STATUS_KINDS.__getitem__, c["status_kind"]),
                c["status_colour"],
                c["priority"],
                c["category"],
                c["owner"],
                c["customer"],
                c["created"],
                c["last_changed"],
                c["deadline"],
                map(_READ_STATUSES.__getitem__, c["read_status"]),
                c["number"],
                # Written before priorities had ranks: none (the fresh list has them).
                _checked(c["priority_rank"], _RANKS) if "priority_rank" in c else repeat(None),
            )
        )
    except CacheFormatError:
        raise
    except (
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        EOFError,
        zlib.error,
    ) as error:
        raise CacheFormatError(f"undecodable section: {type(error).__name__}") from None
    if len(tickets) != count:
        raise CacheFormatError(f"{len(tickets)} rows, expected {count}")
    return tickets


_IDS = frozenset({int})
_RANKS = frozenset({int, type(None)})  # not bool: a rank is a number


def _checked(values: list[Any], kinds: frozenset[type]) -> list[Any]:
    """``values`` if every cell is of one of ``kinds`` (one pass in C, not a call per cell)."""
    if not kinds.issuperset(map(type, values)):
        raise TypeError("a cell of the wrong type")
    return values


def _read_columns(
    blob: bytes, cells: Callable[[memoryview], list[Any]]
) -> tuple[int, dict[str, list[Any]]]:
    """Count and columns of a blob written column by column (``cells``: one part's list), one
    column at a time: at 100k tickets the JSON of them all (18 MB) and all it decodes to (~45
    MB, 300k date strings among it) were alive at once, the peak of a start from the cache."""
    parts = _parts(blob)
    header = json.loads(zlib.decompress(parts[0]))
    if cells is _marshalled and header["marshal"] != marshal.version:
        raise CacheFormatError(f"marshal version {header['marshal']!r}, not {marshal.version}")
    names, table = header["columns"], cells(parts[-1])
    if len(names) != len(parts) - 2:
        raise ValueError("columns and parts differ")
    columns = {
        name: _kept(name, cells(part), table) for name, part in zip(names, parts[1:-1], strict=True)
    }
    return int(header["count"]), columns


def _in_json(part: memoryview) -> list[Any]:
    values = json.loads(zlib.decompress(part))
    if not isinstance(values, list):
        raise TypeError("not a list")
    return values


def _marshalled(part: memoryview) -> list[Any]:
    """A part written as chunks (``summary_pieces``): their lists, as one."""
    data = memoryview(zlib.decompress(part))  # its checksum catches a damaged part first
    values: list[Any] = []
    at = 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        end = at + 4 + size
        if end > len(data):
            raise ValueError("a chunk runs past the end")
        # marshal builds data only (str, int, None, lists here; a code object it could build is
        # never run), from the owner's own 0600 file whose zlib checksum has just been checked.
        chunk = marshal.loads(data[at + 4 : end])  # noqa: S302
        if type(chunk) is not list:
            raise TypeError("not a list")
        values += chunk
        at = end
    return values


def _kept(name: str, values: list[Any], table: Sequence[str]) -> list[Any]:
    """A column as the rows keep it: interned strings from the table, dates parsed, and a
    title or customer that repeats one string (as a list fetched from the server has it)."""
    if name in _INTERNED:
        return [None if i < 0 else table[i] for i in values]
    if name in _DATES:
        return list(_dates(values))
    if name in ("title", "customer"):
        shared: dict[str, str] = {}
        return list(map(shared.setdefault, values, values))
    return values


def _summary_dict(t: TicketSummary) -> dict[str, Any]:
    return {
        "id": t.id,
        "title": t.title,
        "status": t.status,
        "status_kind": t.status_kind.value,
        "status_colour": t.status_colour,
        "priority": t.priority,
        "category": t.category,
        "owner": t.owner,
        "customer": t.customer,
        "created": _iso(t.created),
        "last_changed": _iso(t.last_changed),
        "deadline": _iso(t.deadline),
        "read_status": t.read_status.value,
        "number": t.number,
        "priority_rank": t.priority_rank,
    }


def _summary_from(d: Mapping[str, Any]) -> TicketSummary:
    return TicketSummary(
        id=int(d["id"]),
        title=str(d["title"]),
        status=str(d["status"]),
        status_kind=_STATUS_KINDS[d["status_kind"]],
        status_colour=d["status_colour"],
        priority=str(d["priority"]),
        category=str(d["category"]),
        owner=str(d["owner"]),
        customer=str(d["customer"]),
        created=_date(d["created"]),
        last_changed=_date(d["last_changed"]),
        deadline=_date(d["deadline"]),
        read_status=_READ_STATUSES[d["read_status"]],
        number=str(d["number"]),
        priority_rank=_rank(d.get("priority_rank")),
    )


def _rank(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a rank")
    return value


def _date(value: Any) -> datetime | None:
    """An aware time; one written before times were aware was a local time."""
    return None if value is None else as_aware(datetime.fromisoformat(str(value)))


_METRIC_INTS = (
    "time_to_reply",
    "real_time_to_reply",
    "time_to_close",
    "real_time_to_close",
    "spent_internally",
    "spent_externally",
    "spent_queue",
    "real_spent_internally",
    "real_spent_externally",
    "real_spent_queue",
    "alert_level",
)
_KINDS = {kind.value: kind for kind in FieldKind}


def _custom_dict(c: CustomField) -> dict[str, Any]:
    value = c.value.isoformat() if isinstance(c.value, date) else c.value
    return {
        "key": c.key,
        "label": c.label,
        "kind": c.kind.value,
        "value": list(value) if isinstance(value, tuple) else value,
        "choices": [[choice.value, choice.label] for choice in c.choices],
        "editable": c.editable,
        "hidden": c.hidden,
        "source": c.source,
    }


def _custom_value(kind: FieldKind, raw: Any) -> FieldValue:
    if raw is None:
        return None
    if kind is FieldKind.DATETIME:
        return datetime.fromisoformat(str(raw))
    if kind is FieldKind.DATE:
        return date.fromisoformat(str(raw))
    if kind is FieldKind.BOOL:
        return bool(raw)
    if kind is FieldKind.NUMBER:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise TypeError("not a number")
        return raw
    if isinstance(raw, list):
        return tuple(str(item) for item in raw)
    return str(raw)


def _custom_from(d: Mapping[str, Any]) -> CustomField:
    from tickettui.core.domain import Choice, CustomField

    kind = _KINDS[d["kind"]]
    return CustomField(
        key=str(d["key"]),
        label=str(d["label"]),
        kind=kind,
        value=_custom_value(kind, d["value"]),
        choices=tuple(Choice(str(v), str(label)) for v, label in d["choices"]),
        editable=bool(d["editable"]),
        hidden=bool(d["hidden"]),
        source=str(d["source"]),
    )


_DETAIL_TEXTS = ("person", "contact", "email", "origin", "sale", "project", "security_level")
_DETAIL_DATES = ("closed_at", "postponed_until", "replied_at")


def encode_detail(detail: TicketDetail) -> bytes:
    metrics = detail.metrics
    payload: dict[str, Any] = {
        "format": FORMAT,
        "summary": _summary_dict(detail.summary),
        "tags": list(detail.tags),
        "message_count": detail.message_count,
        "extra": dict(detail.extra),
        "custom_fields": [_custom_dict(c) for c in detail.custom_fields],
        "metrics": None
        if metrics is None
        else {
            **{name: getattr(metrics, name) for name in _METRIC_INTS},
            "alert_timeout": _iso(metrics.alert_timeout),
        },
    }
    for name in _DETAIL_TEXTS:
        payload[name] = getattr(detail, name)
    for name in _DETAIL_DATES:
        payload[name] = _iso(getattr(detail, name))
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def decode_detail(blob: bytes) -> TicketDetail:
    from tickettui.core.domain import TicketDetail, TimeMetrics

    try:
        d = json.loads(blob)
        if d.get("format") != FORMAT:
            raise CacheFormatError(f"format {d.get('format')!r}, expected {FORMAT}")
        m = d["metrics"]
        metrics = (
            None
            if m is None
            else TimeMetrics(
                **{name: None if m[name] is None else int(m[name]) for name in _METRIC_INTS},
                alert_timeout=_date(m["alert_timeout"]),
            )
        )
        return TicketDetail(
            summary=_summary_from(d["summary"]),
            person=str(d["person"]),
            contact=str(d["contact"]),
            email=str(d["email"]),
            origin=str(d["origin"]),
            tags=tuple(str(tag) for tag in d["tags"]),
            sale=str(d["sale"]),
            project=str(d["project"]),
            security_level=str(d["security_level"]),
            closed_at=_date(d["closed_at"]),
            postponed_until=_date(d["postponed_until"]),
            replied_at=_date(d["replied_at"]),
            message_count=int(d["message_count"]),
            metrics=metrics,
            extra={str(k): str(v) for k, v in d["extra"].items()},
            # Written before custom fields were kept: none (the fresh copy has them).
            custom_fields=tuple(_custom_from(c) for c in d.get("custom_fields", ())),
        )
    except CacheFormatError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CacheFormatError(f"undecodable detail: {type(error).__name__}") from None
