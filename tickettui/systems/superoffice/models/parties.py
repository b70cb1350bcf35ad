"""People and things a ticket links to: Associate, Person, Sale, Project, Tag."""

from tickettui.systems.superoffice.dates import SoDateTime
from tickettui.systems.superoffice.models.base import Carrier, Entity


class Associate(Carrier):
    """A user (``OwnedBy``, ``CreatedBy``). ``AssociateId`` 0 = unassigned, MaxInt = auto-assign."""

    AssociateId: int | None = None
    Name: str | None = None  # initials / login name
    PersonId: int | None = None
    Rank: int | None = None
    Tooltip: str | None = None
    Type: str | int | None = None  # docs show a name ("AnonymousAssociate"), the enum is 1..5
    GroupIdx: int | None = None
    FullName: str | None = None
    FormalName: str | None = None
    Deleted: bool | None = None
    EjUserId: int | None = None
    UserName: str | None = None


class Person(Carrier):
    """The customer (``Person``, ``SecondaryPersons[]``). Other properties ride along as extras."""

    PersonId: int | None = None
    Firstname: str | None = None
    MiddleName: str | None = None
    Lastname: str | None = None
    FullName: str | None = None
    Title: str | None = None
    Email: str | None = None
    EmailName: str | None = None
    DirectPhone: str | None = None
    MobilePhone: str | None = None
    ContactId: int | None = None
    ContactName: str | None = None
    ContactDepartment: str | None = None
    AssociateId: int | None = None
    TicketPriorityId: int | None = None
    SupportLanguageId: int | None = None
    SupportAssociateId: int | None = None
    CategoryName: str | None = None


class Sale(Entity):
    SaleId: int | None = None
    Title: str | None = None  # the Sale carrier's name for it
    Heading: str | None = None  # SaleEntity's name for it; either may arrive
    SaleDate: SoDateTime = None
    Amount: float | None = None
    Currency: str | None = None
    Status: str | None = None
    ContactId: int | None = None
    ContactName: str | None = None
    PersonId: int | None = None
    PersonFullName: str | None = None
    AssociateId: int | None = None
    AssociateFullName: str | None = None
    ProjectId: int | None = None
    ProjectName: str | None = None
    SaleTypeId: int | None = None
    SaleTypeName: str | None = None
    Number: str | None = None
    NextDueDate: SoDateTime = None
    Probability: int | None = None
    Earning: float | None = None


class Project(Entity):
    ProjectId: int | None = None
    Name: str | None = None
    Description: str | None = None
    Type: str | None = None
    TypeId: int | None = None
    Status: str | None = None
    StatusId: int | None = None
    AssociateId: int | None = None
    AssociateFullName: str | None = None
    Updated: SoDateTime = None
    ProjectNumber: str | None = None
    URL: str | None = None
    URLName: str | None = None
    IsPublished: bool | None = None
    PublishFrom: SoDateTime = None
    PublishTo: SoDateTime = None
    TextId: int | None = None
    ActiveErpLinks: int | None = None


class Tag(Carrier):
    Id: int | None = None
    Name: str | None = None
    ToolTip: str | None = None
