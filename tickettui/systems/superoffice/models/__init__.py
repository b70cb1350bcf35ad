"""Pydantic v2 models of SuperOffice's JSON payloads. Field names are the JSON names."""

from tickettui.systems.superoffice.models.archive import ArchivePage, ArchiveRow
from tickettui.systems.superoffice.models.base import (
    Carrier,
    Entity,
    FieldProperty,
    SoModel,
    TableRight,
)
from tickettui.systems.superoffice.models.enums import (
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
from tickettui.systems.superoffice.models.lists import (
    MDOListItem,
    TicketCategoryEntity,
    TicketPriorityEntity,
    TicketStatusEntity,
)
from tickettui.systems.superoffice.models.messages import (
    AttachmentInfo,
    MessageHeader,
    TicketMessageEntity,
    TicketMessageSummary,
)
from tickettui.systems.superoffice.models.parties import Associate, Person, Project, Sale, Tag
from tickettui.systems.superoffice.models.principal import Principal
from tickettui.systems.superoffice.models.ticket import Ticket
from tickettui.systems.superoffice.models.ticket_entity import TicketEntity

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
