"""Pick-list payloads: categories, priorities, user-defined statuses and MDO list items."""

from collections.abc import Iterator
from urllib.parse import parse_qsl

from tickettui.systems.superoffice.dates import SoDateTime
from tickettui.systems.superoffice.models.base import Carrier, Entity


class TicketStatusEntity(Carrier):
    """A user-defined status (``Status``); ``Status`` here is the base status it maps to."""

    TicketStatusId: int | None = None
    Name: str | None = None
    Status: str | None = None  # BaseStatus value
    TimeCounter: str | None = None
    NoEmailReopen: bool | None = None
    IsDefault: bool | None = None
    UsedInQueue: bool | None = None


class TicketCategoryEntity(Entity):
    TicketCategoryId: int | None = None
    ParentId: int | None = None  # -1 = top level
    Name: str | None = None
    Fullname: str | None = None  # "a/b/c"
    CategoryMaster: int | None = None
    Flags: str | None = None
    DelegateMethod: str | None = None
    ExternalName: str | None = None
    ClosingStatus: str | None = None
    MsgClosingStatus: str | None = None
    AssignmentLag: int | None = None
    ReplyTemplate: int | None = None
    NotificationEmail: str | None = None
    DefaultTicketStatus: TicketStatusEntity | None = None
    DefaultMessageStatus: TicketStatusEntity | None = None
    EffectiveReplyTemplateId: int | None = None


class TicketPriorityEntity(Carrier):
    TicketPriorityId: int | None = None
    Name: str | None = None
    Status: str | None = None  # Normal / Deleted
    Flags: str | None = None
    SortOrder: int | None = None
    # What happens to escalation on each event: None / Stop / Continue / Restart.
    TicketRead: str | None = None
    ChangedOwner: str | None = None
    TicketNewinfo: str | None = None
    TicketClosed: str | None = None
    TicketChangedPriority: str | None = None
    TicketNew: str | None = None
    Deadline: int | None = None
    MonStart: SoDateTime = None
    MonStop: SoDateTime = None
    TueStart: SoDateTime = None
    TueStop: SoDateTime = None
    WedStart: SoDateTime = None
    WedStop: SoDateTime = None
    ThuStart: SoDateTime = None
    ThuStop: SoDateTime = None
    FriStart: SoDateTime = None
    FriStop: SoDateTime = None
    SatStart: SoDateTime = None
    SatStop: SoDateTime = None
    SunStart: SoDateTime = None
    SunStop: SoDateTime = None


class MDOListItem(Carrier):
    """One item of ``GET MDOList/{name}``; hierarchical lists nest in ``ChildItems``."""

    Id: int | None = None
    Name: str | None = None
    ToolTip: str | None = None
    Deleted: bool | None = None
    Rank: int | None = None
    Type: str | None = None
    ChildItems: list["MDOListItem"] | None = None
    IconHint: str | None = None
    ColorBlock: int | None = None
    ExtraInfo: str | None = None
    StyleHint: str | None = None
    FullName: str | None = None

    def walk(self) -> Iterator["MDOListItem"]:
        """This item, then every descendant, depth first."""
        yield self
        for child in self.ChildItems or []:
            yield from child.walk()

    def extra_info(self) -> dict[str, str]:
        """``ExtraInfo`` parsed as ``key=value&...`` (``parentId=3&replyTemplateId=0``)."""
        if not self.ExtraInfo or "=" not in self.ExtraInfo:
            return {}
        return dict(parse_qsl(self.ExtraInfo, keep_blank_values=True))
