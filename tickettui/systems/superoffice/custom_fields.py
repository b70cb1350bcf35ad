"""A ticket's own fields: read them off a TicketEntity, offer them in the edit form, write them.

What the API has (NetServer reference, TicketEntity and "Working with custom objects"):

- ``CustomFields``: "udef + extra fields" in one string dictionary, keyed by the extra field's
  database name (``x_contract_level``) or a user-defined field's prog-id (``SuperOffice:3``).
  Beside each value the server may add ``<key>:org`` (the value as loaded),
  ``<key>:DisplayText`` and ``<key>:DisplayTooltip`` (a list item's name): not fields.
- ``ExtraFields`` (deprecated in favour of CustomFields): the extra fields again, plus data
  from plug-ins and foreign keys keyed ``Plugin.Property``; those are shown, never written.
- ``GET Ticket/CustomField``: each published field's label, type, rank, whether it is
  mandatory, read-only or hidden, a list field's choices. Without it (an older server, no
  right to read it) a field is named by its key and typed by its value's prefix.

Only the fields the user changed are written, onto the entity re-read just before saving,
into ``CustomFields`` (and ``ExtraFields`` where the field is mirrored there); every other key,
the ``:org`` ones included, goes back as the server sent it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tickettui.core.domain import Choice, CustomField, FieldKind, FieldSpec, FieldValue
from tickettui.systems.superoffice import field_encoding
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.models.field_info import FieldInfo

__all__ = [
    "CUSTOM",
    "EXTRA",
    "TicketField",
    "apply_field",
    "custom_fields",
    "read_fields",
]

CUSTOM, EXTRA = "CustomFields", "ExtraFields"
_AUX = frozenset({"org", "displaytext", "displaytooltip"})
# CustomFieldType -> how the form edits it. Types not here (list item ids, times, relations,
# attachments, links, blobs) are shown as the server describes them and not edited.
_KINDS = {
    "Integer": FieldKind.NUMBER,
    "Decimal": FieldKind.NUMBER,
    "ShortText": FieldKind.TEXT,
    "LongText": FieldKind.TEXT,
    "ListText": FieldKind.CHOICE,
    "Checkbox": FieldKind.BOOL,
    "Date": FieldKind.DATE,
    "DateTime": FieldKind.DATETIME,
}
# A label in several languages: US:"Contract level";NO:"Kontraktnivå"
_LANGUAGE = r'\s*([A-Za-z]{2}):"((?:[^"]|"")*)"\s*;?'
_MULTI_LANGUAGE = re.compile(f"(?:{_LANGUAGE})+")


def is_aux(key: str) -> bool:
    """``x_foo:org``, ``SuperOffice:1:DisplayText``: what the server adds beside a field."""
    head, sep, tail = key.rpartition(":")
    return bool(sep and head and tail.lower() in _AUX)


def label_text(display_name: str) -> str:
    """A label as shown: a multi-language label gives its first language's text."""
    if _MULTI_LANGUAGE.fullmatch(display_name.strip()):
        first = re.match(_LANGUAGE, display_name)
        if first is not None:
            return first.group(2).replace('""', '"')
    return display_name


@dataclass(frozen=True, slots=True)
class TicketField:
    """One of the ticket's fields: what the detail shows, and what editing it needs."""

    field: CustomField
    whole: bool  # a number that must be whole (Integer, or "[I:...]" where nothing says)
    required: bool = False
    max_length: int | None = None
    decimals: int | None = None
    rank: int = 0

    @property
    def key(self) -> str:
        return self.field.key

    def spec(self) -> FieldSpec:
        f = self.field
        return FieldSpec(
            f.key,
            f.label,
            f.kind,
            f.choices,
            required=self.required,
            max_length=self.max_length,
            decimals=0 if self.whole else self.decimals,
        )


def _display(bucket: Mapping[str, object], key: str, raw: object) -> str:
    shown = bucket.get(f"{key}:DisplayText")
    return str(shown) if shown not in (None, "") else field_encoding.split(raw)[1]


def _field(
    key: str, raw: object, bucket: Mapping[str, object], info: FieldInfo | None
) -> TicketField:
    source = CUSTOM
    type_name = info.type_name if info is not None else ""
    label = label_text(info.DisplayName or info.ShortLabel or "") if info is not None else ""
    label = label.strip() or key
    if info is not None:
        kind = _KINDS.get(type_name)
        editable = kind is not None and not info.IsReadOnly and not info.HideField
        whole = type_name == "Integer"
    else:
        kind = field_encoding.tag_kind(raw)
        editable = True
        whole = field_encoding.split(raw)[0] == "I"
    value: FieldValue = None
    if kind is not None:
        try:
            value = field_encoding.typed(kind, raw, whole=whole)
        except (ValueError, OverflowError):
            kind = None  # not what the field's type says: shown as sent, not edited
    if kind is None:
        kind, editable, value = FieldKind.TEXT, False, _display(bucket, key, raw)
    choices: tuple[Choice, ...] = ()
    if kind is FieldKind.CHOICE and info is not None:
        choices = tuple(Choice(str(c), str(c)) for c in info.Choices or () if c is not None)
    hidden = bool(info and info.HideField)
    custom = CustomField(key, label, kind, value, choices, editable, hidden, source)
    text_length = info.TextLength if info is not None and info.TextLength else None
    return TicketField(
        custom,
        whole=whole,
        required=bool(info and info.IsMandatory),
        max_length=text_length if kind is FieldKind.TEXT else None,
        decimals=info.Precision if info is not None and not whole else None,
        rank=(info.Rank or 0) if info is not None else 0,
    )


def read_fields(entity: TicketEntity, infos: Mapping[str, FieldInfo]) -> list[TicketField]:
    """The ticket's fields: CustomFields' in the tenant's order (its rank, then as sent), then
    what only ExtraFields holds (plug-ins' data: shown, not edited)."""
    custom = entity.CustomFields or {}
    extra = entity.ExtraFields or {}
    ranked: list[tuple[int, int, TicketField]] = []
    for n, (key, raw) in enumerate(custom.items()):
        if not is_aux(key):
            info = infos.get(key)
            field = _field(key, raw, custom, info)
            ranked.append((0 if info is not None else 1, n, field))
    ranked.sort(key=lambda item: (item[0], item[2].rank if item[0] == 0 else 0, item[1]))
    fields = [field for _, _, field in ranked]
    for key, raw in extra.items():
        if key in custom or is_aux(key):
            continue
        kind = field_encoding.tag_kind(raw)
        value = field_encoding.decode(kind, raw)
        if value is None and field_encoding.split(raw)[1]:
            kind, value = FieldKind.TEXT, _display(extra, key, raw)
        fields.append(TicketField(CustomField(key, key, kind, value, source=EXTRA), whole=True))
    return fields


def custom_fields(entity: TicketEntity, infos: Mapping[str, FieldInfo]) -> tuple[CustomField, ...]:
    return tuple(f.field for f in read_fields(entity, infos))


def editable(fields: Sequence[TicketField]) -> list[TicketField]:
    return [f for f in fields if f.field.editable]


def apply_field(entity: TicketEntity, field: TicketField, value: FieldValue) -> None:
    """Write ``value`` into the entity's CustomFields (and ExtraFields where it is there too),
    in the form the server used for the field."""
    custom = dict(entity.CustomFields or {})
    current = custom.get(field.key)
    encoded = field_encoding.encode(field.field.kind, value, whole=field.whole, current=current)
    custom[field.key] = encoded
    entity.CustomFields = custom
    if entity.ExtraFields and field.key in entity.ExtraFields:
        entity.ExtraFields = {**entity.ExtraFields, field.key: encoded}
