"""The flat ``Ticket`` carrier: ``GetTicket``, ``GetTickets``, ``Ticket/{id}/Simple``.

Ids are plain ints here (``Category``, ``Priority``, ``OwnedBy``...), unlike :class:`TicketEntity`.
Under ``$select`` the server nulls every field not selected, so never save a carrier back.
"""

from tickettui.systems.superoffice.dates import SoDateTime
from tickettui.systems.superoffice.models import enums
from tickettui.systems.superoffice.models.base import Carrier, SoModel


class StatusHelpers:
    """Enum views of the enum-like strings, for carriers and entities alike."""

    ReadStatus: str | None
    BaseStatus: str | None
    Slevel: str | None
    Origin: str | None

    @property
    def read_status(self) -> enums.ReadStatus | None:
        return enums.known(enums.ReadStatus, self.ReadStatus)

    @property
    def base_status(self) -> enums.BaseStatus | None:
        return enums.known(enums.BaseStatus, self.BaseStatus)

    @property
    def security_level(self) -> enums.Slevel | None:
        return enums.known(enums.Slevel, self.Slevel)

    @property
    def origin(self) -> enums.Origin | None:
        return enums.known(enums.Origin, self.Origin)


class ServiceTimes(SoModel):
    """The time metrics both ticket shapes carry: minutes for To*, seconds for TimeSpent*."""

    TimeToReply: int | None = None
    RealTimeToReply: int | None = None
    TimeToClose: int | None = None
    RealTimeToClose: int | None = None
    TimeSpentInternally: int | None = None
    TimeSpentExternally: int | None = None
    TimeSpentQueue: int | None = None
    RealTimeSpentInternally: int | None = None
    RealTimeSpentExternally: int | None = None
    RealTimeSpentQueue: int | None = None


class Ticket(Carrier, ServiceTimes, StatusHelpers):
    TicketId: int | None = None
    Title: str | None = None
    CreatedAt: SoDateTime = None
    LastChanged: SoDateTime = None
    ReadByOwner: SoDateTime = None
    ReadByCustomer: SoDateTime = None
    FirstReadByUser: SoDateTime = None
    Activate: SoDateTime = None  # postponed until
    ClosedAt: SoDateTime = None
    RepliedAt: SoDateTime = None
    AlertTimeout: SoDateTime = None
    Deadline: SoDateTime = None
    CreatedBy: int | None = None  # ejuser id; 1 = system (created externally)
    CreatedByName: str | None = None
    Author: str | None = None
    OwnedBy: int | None = None  # ejuser id; 1 = system = unassigned
    OwnedByName: str | None = None
    Category: int | None = None
    CategoryName: str | None = None
    CategoryFullname: str | None = None
    Slevel: str | None = None
    Priority: int | None = None
    PriorityName: str | None = None
    BaseStatus: str | None = None
    TicketStatus: int | None = None
    TicketStatusDisplayValue: str | None = None
    Origin: str | None = None
    CustId: int | None = None  # the person; -1 = none
    PersonFirstname: str | None = None
    PersonMiddleName: str | None = None
    PersonLastname: str | None = None
    PersonFullname: str | None = None
    AlertLevel: int | None = None
    ConnectId: int | None = None
    ReadStatus: str | None = None
    HasAttachment: bool | None = None
    NumReplies: int | None = None
    NumMessages: int | None = None
    FromAddress: str | None = None
    ContactId: int | None = None
    ContactName: str | None = None
    OwnedByAssociateId: int | None = None
    Language: str | None = None
    Sentiment: int | None = None
    SentimentConfidence: int | None = None
    SaleId: int | None = None
    SaleHeading: str | None = None
    ProjectId: int | None = None
    ProjectName: str | None = None
    FormSubmissionId: int | None = None
    TicketTypeId: int | None = None
    TicketTypeName: str | None = None
