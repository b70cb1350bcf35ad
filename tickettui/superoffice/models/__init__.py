"""Pydantic v2 models of SuperOffice's JSON payloads. Field names are the JSON names."""

from tickettui.superoffice.models.archive import ArchivePage, ArchiveRow
from tickettui.superoffice.models.base import Carrier, Entity, FieldProperty, SoModel, TableRight
from tickettui.superoffice.models.enums import (
    Badge,
    BaseStatus,
    MessageCategory,
    MessageType,
    Origin,
    ReadStatus,
    Slevel,
    TimeCounter,
    known,
)
from tickettui.superoffice.models.lists import (
    MDOListItem,
    TicketCategoryEntity,
    TicketPriorityEntity,
    TicketStatusEntity,
)
from tickettui.superoffice.models.messages import (
    AttachmentInfo,
    MessageHeader,
    TicketMessageEntity,
    TicketMessageSummary,
)
from tickettui.superoffice.models.parties import Associate, Person, Project, Sale, Tag
from tickettui.superoffice.models.principal import Principal
from tickettui.superoffice.models.ticket import Ticket
from tickettui.superoffice.models.ticket_entity import TicketEntity

__all__ = [
    "ArchivePage",
    "ArchiveRow",
    "Associate",
    "AttachmentInfo",
    "Badge",
    "BaseStatus",
    "Carrier",
    "Entity",
    "FieldProperty",
    "MDOListItem",
    "MessageCategory",
    "MessageHeader",
    "MessageType",
    "Origin",
    "Person",
    "Principal",
    "Project",
    "ReadStatus",
    "Sale",
    "Slevel",
    "SoModel",
    "TableRight",
    "Tag",
    "Ticket",
    "TicketCategoryEntity",
    "TicketEntity",
    "TicketMessageEntity",
    "TicketMessageSummary",
    "TicketPriorityEntity",
    "TicketStatusEntity",
    "TimeCounter",
    "known",
]
