"""The sample e-mails of tests/fixtures/emails (written for these tests, shaped like what Outlook,
Gmail, Apple Mail, a shop's notification and plain-text clients send), and a huge hostile one
built on demand. Used by the HTML-to-text, quote-folding and thread tests and by `make bench`."""

from __future__ import annotations

from pathlib import Path

from tickettui.core.html_text import html_to_text

__all__ = ["EMAILS", "HTML_EMAILS", "body", "email", "huge_html"]

EMAILS = Path(__file__).parent / "fixtures" / "emails"
HTML_EMAILS = sorted(path.name for path in EMAILS.glob("*.html"))


def email(name: str) -> str:
    """The sample as it arrives (HTML or plain text)."""
    return (EMAILS / name).read_text(encoding="utf-8")


def body(name: str) -> str:
    """The sample as a Message body holds it: HTML turned into text as the backends do."""
    raw = email(name)
    return html_to_text(raw) if name.endswith(".html") else raw.rstrip("\n")


def huge_html(size: int = 1_000_000) -> str:
    """About ``size`` characters of mail HTML: the order, the Gmail thread and the hostile
    sample over and over inside one body, then a last line to look for ("END OF BODY")."""
    unit = "".join(
        f"<div>{email(name)}</div>"
        for name in ("order_notification.html", "gmail_reply.html", "hostile.html")
    )
    return unit * max(1, size // len(unit)) + "<p>END OF BODY</p>"
