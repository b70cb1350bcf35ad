"""Who is signed in: ``GET User/currentPrincipal`` (SoPrincipalCarrier)."""

from tickettui.systems.superoffice.models.base import SoModel


class Principal(SoModel):
    """The signed-in user. ``Associate`` is the login name; ``AssociateId`` the associate."""

    UserType: str | None = None
    Associate: str | None = None
    AssociateId: int | None = None
    IsPerson: bool | None = None
    PersonId: int | None = None
    ContactId: int | None = None
    GroupId: int | None = None
    RoleId: int | None = None
    RoleName: str | None = None
    FullName: str | None = None
    EMailAddress: str | None = None
    EjUserId: int | None = None
    EjAccessLevel: int | None = None
    EjUserStatus: str | None = None
    UserName: str | None = None
