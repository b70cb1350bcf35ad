"""The local SuperOffice server's attachment routes over raw HTTP (TRIAGE-CALLS §3): a
message's AttachmentEntity list, the ticket's with IsSafeFileExtension, one entity, its bytes
streamed as octet-stream, and the reply-with-file flow (POST Attachment, its Content, the link
to a message) that AttachmentsInfo and NumAttachments then show."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx

from tests.servers.conftest import assert_error
from tickettui.systems.superoffice.server.seed_attachments import (
    BIG_FILE_SIZE,
    BIG_TICKET,
    PICTURES_TICKET,
)

ENTITY_KEYS = {
    "AttachmentId",
    "Name",
    "ContentType",
    "AttSize",
    "InlineImage",
    "ContentId",
    "AuthKey",
}


def first_message(api: httpx.Client, ticket_id: int) -> int:
    messages = api.get(f"/v1/Ticket/{ticket_id}").json()["Messages"]
    return int(messages[0]["TicketMessageId"])


def test_a_messages_attachments_are_attachment_entities(api: httpx.Client) -> None:
    message_id = first_message(api, PICTURES_TICKET)
    items = api.get(f"/v1/TicketMessage/{message_id}/Attachment").json()
    names = [item["Name"] for item in items]
    assert {"login-error.png", "quote-2026-118.pdf", "server.log"} <= set(names)
    assert all(set(item) >= ENTITY_KEYS for item in items)
    entity = api.get(f"/v1/TicketMessage/{message_id}").json()
    assert len(entity["AttachmentsInfo"]) == len(items)
    summary = api.get(f"/v1/Ticket/{PICTURES_TICKET}").json()["Messages"][0]
    assert summary["NumAttachments"] == len(items)
    non_inline = api.get(f"/v1/TicketMessage/{message_id}/Attachment/Noninline").json()
    assert non_inline == [i for i in items if not i["InlineImage"]]


def test_the_tickets_list_says_which_extensions_are_safe(api: httpx.Client) -> None:
    items = api.get(f"/v1/Ticket/{PICTURES_TICKET}/Attachments").json()
    assert all(item["IsSafeFileExtension"] is True for item in items)
    assert_error(api.get("/v1/Ticket/999999/Attachments"), 404, "SoNotFoundException")


def test_content_is_streamed_as_octet_stream_with_its_length(api: httpx.Client) -> None:
    items = api.get(f"/v1/Ticket/{BIG_TICKET}/Attachments").json()
    big = next(i for i in items if i["AttSize"] == BIG_FILE_SIZE)
    one = api.get(f"/v1/Attachment/{big['AttachmentId']}").json()
    assert one["Name"] == big["Name"] and one["_Links"]["Self"].endswith(
        f"/Attachment/{big['AttachmentId']}"
    )
    url = f"/v1/Attachment/{big['AttachmentId']}/Content"
    with api.stream("GET", url, headers={"Accept": "application/octet-stream"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/octet-stream"
        assert response.headers["content-length"] == str(BIG_FILE_SIZE)
        total = sum(len(chunk) for chunk in response.iter_bytes())
    assert total == BIG_FILE_SIZE
    assert_error(api.get("/v1/Attachment/424242/Content"), 404, "SoNotFoundException")


def test_the_reply_with_a_file_flow(writer: httpx.Client) -> None:
    created = writer.post(
        "/v1/Attachment",
        json={"AttachmentId": 0, "Name": "log.txt", "ContentType": "text/plain", "AttSize": 5},
    )
    assert created.status_code == 200, created.text
    attachment_id = created.json()["AttachmentId"]
    assert attachment_id > 0 and "_Links" in created.json()
    uploaded = writer.post(
        f"/v1/Attachment/{attachment_id}/Content",
        content=b"hello",
        headers={"Content-Type": "application/octet-stream"},
    )
    assert uploaded.status_code == 204
    message = writer.post(
        "/v1/TicketMessage",
        params={"notify": "false"},
        json={"Ticket": {"TicketId": 7}, "Body": "See log", "Slevel": "External"},
    ).json()
    linked = writer.post(
        f"/v1/TicketMessage/{message['EjMessageId']}/Attachment",
        content=json.dumps([attachment_id]),
    )
    assert linked.status_code == 204
    info = writer.get(f"/v1/TicketMessage/{message['EjMessageId']}").json()["AttachmentsInfo"]
    assert [(i["AttachmentId"], i["Name"], i["AttSize"]) for i in info] == [
        (attachment_id, "log.txt", 5)
    ]
    assert writer.get(f"/v1/Attachment/{attachment_id}/Content").content == b"hello"


def test_a_body_over_the_request_limit_is_refused(writer: httpx.Client) -> None:
    created = writer.post("/v1/Attachment", json={"AttachmentId": 0, "Name": "big.bin"}).json()

    def over_the_limit() -> Iterator[bytes]:  # chunked: the server counts as it reads
        for _ in range(31):
            yield b"x" * 1_000_000

    response = writer.post(
        f"/v1/Attachment/{created['AttachmentId']}/Content",
        content=over_the_limit(),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert response.status_code == 413


def test_linking_an_unknown_attachment_is_404_and_changes_nothing(writer: httpx.Client) -> None:
    message_id = first_message(writer, PICTURES_TICKET)
    before = writer.get(f"/v1/TicketMessage/{message_id}/Attachment").json()
    response = writer.post(f"/v1/TicketMessage/{message_id}/Attachment", content="[424242]")
    assert_error(response, 404, "SoNotFoundException")
    assert writer.get(f"/v1/TicketMessage/{message_id}/Attachment").json() == before
