"""What `?` says about each key: a sentence for every binding id, and the group it belongs to.

A binding's ``description`` is the one or two words the footer has room for ("Close"); here each
says what the key does, in the words a new agent would look for. The id (``triage.close``) is
only a hint, for remapping the key in the profile's ``keymap``. tests/ui/test_help_screen.py
checks every binding has its sentence here, so a new key cannot go unexplained.
"""

from __future__ import annotations

__all__ = ["EXPLAINED", "GROUPS", "NAMED_BY_SYSTEM", "group_of"]

# Keys whose footer label the system chooses (Keliweb's "Reply as account"): help shows it too.
NAMED_BY_SYSTEM = frozenset({"detail.reply", "detail.internal_note"})

# Binding id prefix -> the heading it is listed under, in this order.
GROUPS: dict[str, str] = {
    "queue": "The queue",
    "list": "Moving through the list",
    "detail": "The ticket",
    "thread": "Reading the thread",
    "triage": "Change the ticket (under the cursor, or open; in the queue: all marked ones)",
    "links": "Copy and open (the clipboard by OSC 52: over SSH and in tmux too)",
    "export_prompt": "Exporting the section",
    "search_prompt": "Finding tickets on the server",
    "marks": "Marking tickets (then the keys above act on every marked ticket)",
    "bulk": "A change to many tickets",
    "bulk_compose": "Writing one reply or note for many tickets",
    "bulk_summary": "What a change to many tickets did",
    "edit": "The edit form",
    "merge": "Choosing between your change and theirs",
    "compose": "Writing a reply or note",
    "attachments": "A ticket's attachments",
    "attach_prompt": "Attaching a file",
    "templates": "Choosing a reply template",
    "sort": "Sorting",
    "picker": "Choosing",
    "date": "Choosing a date",
    "confirm": "The question",
    "confirm_loss": "The question",
    "draft": "A draft left from before",
    "drafts": "Unsaved drafts",
    "credential": "Signing in again",
    "help": "This help",
    "app": "Everywhere",
}

EXPLAINED: dict[str, str] = {
    "app.help": "List the keys of this screen (this help; f1 where ? is typed into a field)",
    "app.quit": "Quit from any screen; every unsaved edit, reply and note is kept as a draft",
    "queue.filter": (
        "Filter the list as you type: words are looked for in every field (matches are "
        "underlined); status: prio: owner: (owner:me) cust: cat: (or dept:) title: and #123 "
        "or id:123 look in one field"
    ),
    "queue.filter_cancel": "Clear the filter and go back to the list",
    "queue.clear_filter": "Clear the filter",
    "queue.sort": "Choose the column to sort by, and its direction",
    "queue.reverse_sort": "Turn the sort round",
    "queue.refresh": "Load this section again from the server",
    "queue.edit": "Edit the ticket under the cursor",
    "queue.new": "Create a new ticket",
    "queue.next": (
        "Take the next waiting ticket of this section and open it (SuperOffice assigns it to "
        "you; Keliweb cannot assign and opens the one waiting longest)"
    ),
    "queue.drafts": "Review the unsaved drafts (edits, replies, notes)",
    "queue.preview": "Show or hide the preview of the ticket under the cursor",
    "queue.next_section": "Next section",
    "queue.previous_section": "Previous section",
    "queue.quit": "Quit (drafts are kept)",
    "queue.export": (
        "Export the section as shown (after the filter and sort, every row) to a CSV or JSON "
        "file; asks where, and before replacing a file"
    ),
    "queue.find": (
        "Find tickets on the server, beyond the loaded sections: by #number, title:, cust: "
        "(customer), text: (message text, where the system can) or plain words; the results "
        "open in a tab of their own"
    ),
    "queue.close_search": "Close the search results' tab",
    "queue.more_results": "Load the next page of search results (scrolling near the end does too)",
    "queue.stop_search": "Stop the search under way (its request is cancelled)",
    "search_prompt.cancel": "Close the search prompt without searching",
    **{f"queue.section_{n}": f"Show section {n}" for n in range(1, 10)},
    "list.down": "Next ticket",
    "list.up": "Previous ticket",
    "list.page_down": "A page down",
    "list.page_up": "A page up",
    "list.half_down": "Half a page down",
    "list.half_up": "Half a page up",
    "list.first": "First ticket",
    "list.last": "Last ticket",
    "list.select": "Open the ticket under the cursor",
    "detail.back": "Back to the queue",
    "detail.reply": "write a message on the ticket",
    "detail.internal_note": "write a message only agents see",
    "detail.edit": "Edit this ticket's fields",
    "detail.order": "Show the thread newest first, or oldest first",
    "detail.times": (
        "Show or hide the service times: to reply, to close, spent per kind of status; "
        '"business" counts the priority\'s office hours (in hours), "24\u00d77" the clock'
    ),
    "detail.reload": "Load this ticket again from the server",
    "detail.attachments": "List the ticket's attachments, to save one or open it",
    "attachments.save": (
        "Save the file under the cursor in the download folder (asks before replacing a file)"
    ),
    "attachments.open": "Open the file with the desktop's application (not over SSH)",
    "attachments.close": "Close the list (stops a download that is running)",
    "attachments.down": "The next file",
    "attachments.up": "The previous file",
    "thread.down": "Scroll down",
    "thread.up": "Scroll up",
    "thread.page_down": "A page down",
    "thread.page_up": "A page up",
    "thread.top": "The first message",
    "thread.bottom": "The last message",
    "thread.next": "Next message",
    "thread.prev": "Previous message",
    "thread.first_new": "The first message after the last reply: what is new to answer",
    "thread.toggle_quote": (
        "Open the quoted history nearest the top of the screen (… N quoted lines), or fold it "
        "again; a click on the line opens it too"
    ),
    "thread.toggle_all_quotes": "Open every quoted history in the thread, or fold them all",
    "links.copy_number": "Copy the ticket's number to the clipboard",
    "links.copy_url": "Copy the ticket's web address (the profile's web_url) to the clipboard",
    "links.open_web": (
        "Open the ticket's web page in the browser (a new tab in `tickettui web`; over SSH, "
        "with no desktop: copy its address)"
    ),
    "links.copy_message": (
        "Copy the message being read (the latest when the thread fits) to the clipboard"
    ),
    "export_prompt.cancel": "Export nothing",
    "marks.toggle": "Mark or unmark the ticket under the cursor, and move down",
    "marks.range": "Mark every ticket from the last one marked to the cursor",
    "marks.all": "Mark every ticket shown (after a filter: every match)",
    "marks.clear": "Unmark every ticket (with a filter set, esc clears the filter first)",
    "bulk.stop": "Stop: start no more tickets (those under way finish); the rest stay marked",
    "bulk_compose.send": "Go on to the confirm, which says how many tickets get it",
    "bulk_compose.cancel": "Close (asks before throwing text away)",
    "bulk_summary.close": "Close (the tickets not done stay marked, to retry)",
    "triage.assign_to_me": "Make me the owner",
    "triage.close": "Close the ticket (asks first)",
    "triage.postpone": "Postpone the ticket until a date",
    "triage.priority": "Change the priority",
    "triage.status": "Change the status",
    "triage.mark_read": "Mark as read (opening an unread ticket of yours does it too)",
    "triage.mark_unread": "Mark as unread",
    "triage.undo": "Take back the last one-key change (for 30 seconds; never over a newer one)",
    "edit.save": "Save (merged with what others saved meanwhile)",
    "edit.cancel": "Leave the form (asks before throwing changes away)",
    "edit.assign_to_me": "Make me the owner",
    "edit.toggle_notify": "Tell the owner about the change, or not",
    "merge.previous": "Previous field",
    "merge.next": "Next field",
    "merge.mine": "Keep your value for this field",
    "merge.theirs": "Keep their value for this field",
    "merge.all_mine": "Keep your values for every field",
    "merge.all_theirs": "Keep their values for every field",
    "merge.apply": "Save with the values chosen",
    "merge.back": "Back to the form, as you typed it",
    "compose.send": "Send (a lost answer is looked for, never sent twice)",
    "compose.editor": "Write in $EDITOR",
    "compose.templates": (
        "Insert a reply template at the cursor: the server's (filled in for this ticket) and "
        "your own (templates/ beside config.toml); type to filter"
    ),
    "templates.cancel": "Insert nothing and go back to the text",
    "templates.down": "Next template",
    "templates.up": "Previous template",
    "templates.help": "List the keys of this screen (this help)",
    "compose.cancel": "Close (asks before throwing text away)",
    "compose.attach": (
        "Attach a file (a path, completed as you type; the server's size limit is checked "
        "at once), or take one off"
    ),
    "edit.attach_files": "Attach a file to a new ticket's first message (a path prompt)",
    "attach_prompt.close": "Close (the files attached so far stay attached)",
    "attach_prompt.complete": "Take the completion of the path",
    "attach_prompt.files": "Go to the list of attached files",
    "attach_prompt.remove": "Take the selected file off",
    "compose.help": "List the keys of this screen (this help)",
    "compose.up": "Scroll the thread above the editor up",
    "compose.down": "Scroll the thread above the editor down",
    "sort.ascending": "Sort ascending by the highlighted column",
    "sort.descending": "Sort descending by the highlighted column",
    "sort.cancel": "Leave the order as it is",
    "picker.cancel": "Leave it as it is",
    "date.cancel": "Leave it as it is",
    "confirm.yes": "Yes",
    "confirm.no": "No",
    "confirm_loss.yes": "Yes (only y: enter keeps things as they are)",
    "confirm_loss.no": "No",
    "draft.restore": "Restore the draft",
    "draft.discard": "Throw the draft away",
    "draft.later": "Keep the draft for later",
    "drafts.close": "Close the list",
    "credential.cancel": "Give up (the request fails with the server's answer)",
    "help.close": "Close this help",
}


def group_of(binding_id: str) -> str:
    """The heading a binding is listed under."""
    return GROUPS.get(binding_id.split(".", 1)[0], "Other keys")
