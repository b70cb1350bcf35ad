"""People on the wire: associates (agents, and the system user for "nobody"), persons
(customers) and the signed-in user's principal.
"""

from __future__ import annotations

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.store import Row
from tickettui.systems.superoffice.server.wire_context import Json, WireContext, finish

SYSTEM_EJ_USER_ID = 1  # the flat carrier reports unassigned/external as ejuser 1


def associate(ctx: WireContext, associate_id: int) -> Json:
    row = ctx.lookups.associates.get(associate_id)
    if row is None:
        # Unassigned / system: AssociateId 0 on the entity, ejuser 1 (the system user).
        return finish(
            {
                "AssociateId": 0,
                "Name": "",
                "PersonId": 0,
                "Rank": 0,
                "Tooltip": "",
                "Type": enums.ASSOCIATE_TYPE[5],
                "GroupIdx": 0,
                "FullName": "",
                "FormalName": "",
                "Deleted": False,
                "EjUserId": SYSTEM_EJ_USER_ID,
                "UserName": "",
            }
        )
    return finish(
        {
            "AssociateId": row["associate_id"],
            "Name": row["name"],
            "PersonId": row["person_id"],
            "Rank": row["rank"],
            "Tooltip": row["full_name"],
            "Type": enums.ASSOCIATE_TYPE[row["type"]],
            "GroupIdx": row["group_idx"],
            "FullName": row["full_name"],
            "FormalName": f"{row['lastname']}, {row['firstname']}",
            "Deleted": bool(row["deleted"]),
            "EjUserId": row["ej_user_id"],
            "UserName": row["name"],
        }
    )


def person(ctx: WireContext, person_id: int | None) -> Json | None:
    row = ctx.lookups.persons.get(person_id or 0)
    if row is None:
        return None
    contact = ctx.lookups.contacts.get(row["contact_id"])
    contact_name = contact["name"] if contact else ""
    department = contact["department"] if contact else ""
    support = ctx.lookups.associates.get(row["support_associate_id"])
    return finish(
        {
            "Position": "",
            "PersonId": row["person_id"],
            "Mrmrs": row["mrmrs"],
            "Firstname": row["firstname"],
            "Lastname": row["lastname"],
            "MiddleName": row["middlename"],
            "Title": row["title"],
            "Description": "",
            "Email": row["email"],
            "FullName": _full_name(row),
            "DirectPhone": row["direct_phone"],
            "FormalName": f"{row['lastname']}, {row['firstname']}",
            "CountryId": contact["country_id"] if contact else 0,
            "ContactId": row["contact_id"],
            "ContactName": contact_name,
            "Retired": 0,
            "Rank": 1,
            "ActiveInterests": 0,
            "ContactDepartment": department,
            "ContactCountryId": contact["country_id"] if contact else 0,
            "ContactOrgNr": contact["orgnr"] if contact else "",
            "FaxPhone": "",
            "MobilePhone": row["mobile_phone"],
            "ContactPhone": contact["phone"] if contact else "",
            "AssociateName": support["name"] if support else "",
            "AssociateId": row["support_associate_id"],
            "UsePersonAddress": False,
            "ContactFax": "",
            "Kanafname": "",
            "Kanalname": "",
            "Post1": "",
            "Post2": "",
            "Post3": "",
            "EmailName": row["email"],
            "ContactFullName": f"{contact_name} {department}".strip(),
            "ActiveErpLinks": 0,
            "TicketPriorityId": row["ticket_priority_id"],
            "SupportLanguageId": 0,
            "SupportAssociateId": row["support_associate_id"],
            "CategoryName": "",
            "PersonNumber": row["person_number"],
        }
    )


def person_full_name(ctx: WireContext, person_id: int | None) -> str:
    row = ctx.lookups.persons.get(person_id or 0)
    if row is None:
        return ""
    return _full_name(row)


def ej_user_id(ctx: WireContext, associate_id: int) -> int:
    row = ctx.lookups.associates.get(associate_id)
    return row["ej_user_id"] if row else SYSTEM_EJ_USER_ID


def principal(ctx: WireContext, associate_id: int) -> Json:
    """``GET v1/User/currentPrincipal``: the SoPrincipalCarrier of the caller."""
    row = ctx.lookups.associates[associate_id]
    return {
        "UserType": enums.ASSOCIATE_TYPE[row["type"]],
        "Associate": row["name"],
        "AssociateId": row["associate_id"],
        "IsPerson": True,
        "PersonId": row["person_id"],
        "CountryId": 578,
        "HomeCountryId": 578,
        "ContactId": row["contact_id"],
        "GroupId": row["group_idx"],
        "BusinessId": 0,
        "CategoryId": 0,
        "ContactOwner": 0,
        "RoleId": 1,
        "RoleName": "Service agent",
        "RoleDescription": "Works with requests in Service",
        "RoleType": "Employee",
        "Licenses": [],
        "FullName": row["full_name"],
        "EMailAddress": row["email"],
        "FunctionRights": [],
        "EjUserId": row["ej_user_id"],
        "EjAccessLevel": 1,
        "EjUserStatus": "StatusNormal",
        "ProvidedCredentials": [],
        "SecondaryGroups": [],
        "DatabaseContextIdentifier": "Cust12345",
        "UserName": row["name"],
    }


def _full_name(row: Row) -> str:
    return " ".join(p for p in (row["firstname"], row["middlename"], row["lastname"]) if p)
