"""What get-ticket says about files becomes the thread's attachments, whichever shape a
Keliweb/WHMCS version sends: the 8.x ``attachments`` list, only the legacy ``attachment``
string (``<6 random chars>_<name>`` joined by ``|``), a wrapped list, junk, or files an admin
removed (``attachments_removed``)."""

from __future__ import annotations

from typing import Any

from tickettui.systems.keliweb.mapping import messages_from_ticket
from tickettui.systems.keliweb.models import TicketResponse


def ticket(**opening: Any) -> TicketResponse:
    return TicketResponse.model_validate(
        {
            "result": "success",
            "ticketid": "42",
            "tid": "616611",
            "replies": {
                "reply": [
                    {"replyid": "0", "message": "Opening", **opening},
                    {
                        "replyid": "88",
                        "message": "Reply",
                        "admin": "Staff",
                        "attachment": "aB3dE9_log.txt",
                    },
                ]
            },
            "notes": {"note": [{"noteid": "5", "message": "n", "attachment": "Zz9Yy8_a.pdf"}]},
        }
    )


def refs(t: TicketResponse) -> list[tuple[str, int, str]]:
    return [(a.ref, a.message_id, a.name) for m in messages_from_ticket(t) for a in m.attachments]


def test_the_legacy_string_alone_names_the_files_without_their_prefix() -> None:
    found = refs(ticket(attachment="k2LmN0_shot.png|9xYzQw_my_file.pdf"))
    assert found == [
        ("ticket:42:0", 0, "shot.png"),
        ("ticket:42:1", 0, "my_file.pdf"),
        ("reply:88:0", 88, "log.txt"),
        ("note:5:0", -5, "a.pdf"),
    ]


def test_the_8x_list_wins_and_keeps_its_indexes() -> None:
    found = refs(
        ticket(
            attachment="k2LmN0_shot.png",
            attachments=[{"filename": "shot.png", "index": 0}, {"filename": "b.txt", "index": 1}],
        )
    )
    assert found[:2] == [("ticket:42:0", 0, "shot.png"), ("ticket:42:1", 0, "b.txt")]


def test_wrapped_junk_and_removed_files() -> None:
    wrapped = refs(ticket(attachments={"attachment": [{"filename": "w.txt", "index": "0"}]}))
    assert wrapped[0] == ("ticket:42:0", 0, "w.txt")
    junk = refs(ticket(attachments="not a list", attachment="Ab12Cd_x.txt"))
    assert junk[0] == ("ticket:42:0", 0, "x.txt")
    removed = refs(ticket(attachment="Ab12Cd_x.txt", attachments_removed=True))
    assert [r for r in removed if r[1] == 0] == []
