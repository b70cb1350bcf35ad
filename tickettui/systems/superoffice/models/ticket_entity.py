"""``TicketEntity``: the full, editable ticket (``GET Ticket/{id}``, ``POST Ticket``)."""

from tickettui.systems.superoffice.dates import SoDateTime
from tickettui.systems.superoffice.models import parties
from tickettui.systems.superoffice.models.base import Entity
from tickettui.systems.superoffice.models.lists import (
    TicketCategoryEntity,
    TicketPriorityEntity,
    TicketStatusEntity,
)
from tickettui.systems.superoffice.models.messages import TicketMessageSummary
from tickettui.systems.superoffice.models.ticket import ServiceTimes, StatusHelpers


class TicketEntity(Entity, ServiceTimes, StatusHelpers):
    """Save semantics: ``TicketId`` 0 inserts, any other id updates.

    Edit a copy of what ``GET Ticket/{id}`` returned and save that: everything the server sent,
    modelled or not, goes back unchanged (see :meth:`SoModel.to_wire`).
    """

    TicketId: int | None = None
    Title: str | None = None
    CreatedAt: SoDateTime = None
    LastChanged: SoDateTime = None
    ReadByOwner: SoDateTime = None
    ReadByCustomer: SoDateTime = None
    FirstReadByOwner: SoDateTime = None
    FirstReadByUser: SoDateTime = None
    Activate: SoDateTime = None  # postponed until
    ClosedAt: SoDateTime = None
    RepliedAt: SoDateTime = None
    AlertTimeout: SoDateTime = None
    Deadline: SoDateTime = None
    CreatedBy: parties.Associate | None = None
    Author: str | None = None
    OwnedBy: parties.Associate | None = None
    Category: TicketCategoryEntity | None = None
    Slevel: str | None = None
    Priority: TicketPriorityEntity | None = None
    BaseStatus: str | None = None
    Status: TicketStatusEntity | None = None
    Origin: str | None = None
    Person: parties.Person | None = None
    SecondaryPersons: list[parties.Person] | None = None
    AlertLevel: int | None = None
    ConnectId: int | None = None
    ReadStatus: str | None = None
    TimeSpent: int | None = None  # minutes, summed from messages; read-only
    HasAttachment: bool | None = None
    NumReplies: int | None = None
    NumMessages: int | None = None
    FromAddress: str | None = None
    Messages: list[TicketMessageSummary] | None = None
    Tags: list[parties.Tag] | None = None
    Language: str | None = None
    Sentiment: int | None = None
    SentimentConfidence: int | None = None
    SuggestedCategoryId: int | None = None
    SuggestedCategoryName: str | None = None
    OrigHumanCategoryId: int | None = None
    IconHint: str | None = None
    Sale: parties.Sale | None = None
    Project: parties.Project | None = None
    ActiveStatusMonitorId: int | None = None
