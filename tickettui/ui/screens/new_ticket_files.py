"""Files on a new ticket's first message: ctrl+f in the new-ticket form (ctrl+o is "assign to
me" there) opens the same path prompt as the compose window (``attach_prompt.py``), the files
are named under the form, and the save creates the ticket with them through
``SendsAttachments.create_with_files`` (SuperOffice: uploads, the ticket, its first message,
the link; Keliweb: open-ticket's ``attachments`` field, read back to name a dropped file).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from textual.app import App

from tickettui.core.attachments import AttachmentList, file_sender
from tickettui.core.domain import FieldValue
from tickettui.core.edit_session import EditSession, Saved
from tickettui.ui.screens.attach_prompt import AttachPrompt, FilesLine, files_for, report_line

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

__all__ = ["NewTicketFiles"]


class NewTicketFiles:
    """Mixed into the edit screen; only a new ticket takes files."""

    app: App[Any]
    ticket_id: int | None
    _new_files: AttachmentList | None = None

    def _files(self) -> AttachmentList:
        if self._new_files is None:
            self._new_files = files_for(cast("TicketApp", self.app).capabilities)
        return self._new_files

    def can_attach_files(self) -> bool:
        return self.ticket_id is None and cast("TicketApp", self.app).capabilities.attachment_upload

    def new_files_line(self) -> FilesLine:
        files = FilesLine("", id="edit-files", classes="hint")
        files.display = False
        return files

    def has_new_files(self) -> bool:
        return self.ticket_id is None and bool(self._new_files and self._new_files.files)

    def action_attach_files(self) -> None:
        if not self.can_attach_files():
            return

        def closed(_: None) -> None:
            self.query_one(FilesLine).show_files(self._files())  # type: ignore[attr-defined]

        prompt = AttachPrompt(self._files(), "Attach files to the new ticket's first message")
        self.app.push_screen(prompt, closed)

    async def save_new_with_files(
        self, session: EditSession, values: Mapping[str, FieldValue], *, notify: bool
    ) -> Saved:
        """Create the ticket with the files (never twice: a lost answer is the backend's to
        report, and the draft is kept as with any failed save)."""
        app = cast("TicketApp", self.app)
        form = session.form
        form.values.update(values)
        try:
            sender = file_sender(app.backend, app.capabilities)
            result, report = await sender.create_with_files(
                form, list(self._files().files), notify=notify
            )
        except Exception as error:
            session.keep(str(error))
            raise
        session.discard_draft()
        missing = report_line(report, "ticket")
        if missing:
            app.notify(missing, severity="warning", timeout=30, markup=False)
        return Saved(result, True, result.number or str(result.ticket_id))
