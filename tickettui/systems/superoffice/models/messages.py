"""Ticket messages: the body-less summaries in ``TicketEntity.Messages`` and the full entity."""

from tickettui.systems.superoffice.dates import SoDateTime
from tickettui.systems.superoffice.models import parties, ticket
from tickettui.systems.superoffice.models.base import Carrier, Entity, SoModel


class MessageHeader(SoModel):
    """One of To/Cc/Bcc and similar."""

    Id: int | None = None
    Name: str | None = None
    Value: str | None = None


class AttachmentInfo(SoModel):
    AttachmentId: int | None = None
    Name: str | None = None
    ContentType: str | None = None
    AttSize: int | None = None
    InlineImage: bool | None = None
    ContentId: str | None = None
    AuthKey: str | None = None
    IsSafeFileExtension: bool | None = None


class TicketMessageSummary(Carrier):
    """An item of ``TicketEntity.Messages``: no body. ``CreatedBy`` is an ejuser id (1 = system)."""

    TicketMessageId: int | None = None
    CreatedAt: SoDateTime = None
    Slevel: str | None = None
    Important: bool | None = None
    Author: str | None = None
    PersonId: int | None = None
    PersonFullName: str | None = None
    ContactId: int | None = None
    ContactName: str | None = None
    ContactDepartment: str | None = None
    NumAttachments: int | None = None
    EmailHeader: str | None = None
    MessageHeaders: list[MessageHeader] | None = None
    Language: str | None = None
    Sentiment: int | None = None
    SentimentConfidence: int | None = None
    CreatedBy: int | None = None
    ChangedAt: SoDateTime = None
    Badge: str | None = None


class TicketMessageEntity(Entity):
    """``GET/POST TicketMessage``. The primary key is ``EjMessageId`` (0 creates a new message).

    A reply or internal note: ``Ticket=Ticket(TicketId=n)``, ``Slevel`` External/Internal,
    ``Type`` Plain/Html, ``Body``/``HtmlBody``, ``MessageCategory="Message"``.
    Saving a message does not email anyone.
    """

    EjMessageId: int | None = None
    Ticket: ticket.Ticket | None = None
    CreatedAt: SoDateTime = None
    CreatedBy: parties.Associate | None = None
    Author: str | None = None
    Slevel: str | None = None
    Type: str | None = None
    MessageId: str | None = None  # the e-mail Message-Id
    TimeSpent: int | None = None  # minutes
    Body: str | None = None
    HtmlBody: str | None = None
    EmailHeader: str | None = None
    DebugInfo: str | None = None
    MessageCategory: str | None = None
    Person: parties.Person | None = None
    SearchTitle: str | None = None
    MessageHeaders: list[MessageHeader] | None = None
    Important: bool | None = None
    Language: str | None = None
    Sentiment: int | None = None
    SentimentConfidence: int | None = None
    Badge: str | None = None
    AttachmentsInfo: list[AttachmentInfo] | None = None
