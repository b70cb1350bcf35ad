"""The demo tenant's reply templates: folders, names, and their text per language.

Fixed data, not drawn from the seed's random stream: adding templates leaves every seeded
ticket as it was. Variables are written ``{customer.firstname}``-style and filled in by
``GetParsedTemplate`` (reply_templates.py). Two "System template - ..." rows stand for the
ones a tenant has for its own mails, which clients must not offer as replies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENGLISH = 1
NORWEGIAN = 2
LANGUAGES = {ENGLISH: "en", NORWEGIAN: "no"}
# The customer's language: Norwegian for a company in Norway (country 578), else English.
NORWAY = 578


@dataclass(frozen=True)
class TemplateText:
    subject: str
    html: str


@dataclass(frozen=True)
class Template:
    template_id: int
    heading_id: int
    name: str
    description: str
    texts: dict[int, TemplateText] = field(default_factory=dict)  # language id -> text


HEADINGS = {1: "General", 2: "Billing", 3: "Technical"}

_SIGN_EN = "<p>Best regards,<br>{user.fullname}<br>Nordlys Software support</p>"
_SIGN_NO = "<p>Med vennlig hilsen<br>{user.fullname}<br>Nordlys Software kundestøtte</p>"

TEMPLATES: tuple[Template, ...] = (
    Template(
        31,
        1,
        "Acknowledge receipt",
        "We have your request and are looking at it",
        {
            ENGLISH: TemplateText(
                "Your request [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>Thank you for contacting us. We have "
                "received your request <b>{ticket.title}</b> (ticket {ticket.id}) and will get "
                "back to you shortly.</p>" + _SIGN_EN,
            ),
            NORWEGIAN: TemplateText(
                "Din henvendelse [{ticket.id}]",
                "<p>Hei {customer.firstname},</p><p>Takk for at du kontaktet oss. Vi har "
                "mottatt henvendelsen din <b>{ticket.title}</b> (sak {ticket.id}) og kommer "
                "tilbake til deg snart.</p>" + _SIGN_NO,
            ),
        },
    ),
    Template(
        32,
        1,
        "Ask for more information",
        "Ask the customer for the details needed",
        {
            ENGLISH: TemplateText(
                "More information needed [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>To help you with ticket {ticket.id} we need "
                "a little more information:</p><ul><li>the version you are running</li>"
                "<li>the exact error message</li><li>when it started</li></ul>" + _SIGN_EN,
            ),
            NORWEGIAN: TemplateText(
                "Vi trenger mer informasjon [{ticket.id}]",
                "<p>Hei {customer.firstname},</p><p>For å hjelpe deg med sak {ticket.id} "
                "trenger vi litt mer informasjon:</p><ul><li>hvilken versjon du bruker</li>"
                "<li>den nøyaktige feilmeldingen</li><li>når det startet</li></ul>" + _SIGN_NO,
            ),
        },
    ),
    Template(
        33,
        3,
        "Password reset",
        "How to reset a password",
        {
            ENGLISH: TemplateText(
                "Resetting your password [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>You can reset your password from the "
                "login page: choose <i>Forgot password</i> and follow the link we e-mail "
                "you. The link is valid for 24 hours.</p>" + _SIGN_EN,
            ),
            NORWEGIAN: TemplateText(
                "Tilbakestille passordet [{ticket.id}]",
                "<p>Hei {customer.firstname},</p><p>Du kan tilbakestille passordet fra "
                "innloggingssiden: velg <i>Glemt passord</i> og følg lenken vi sender deg på "
                "e-post. Lenken gjelder i 24 timer.</p>" + _SIGN_NO,
            ),
        },
    ),
    Template(
        34,
        2,
        "Invoice copy",
        "A copy of an invoice is on its way",
        {
            ENGLISH: TemplateText(
                "Your invoice [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>A copy of the invoice has been sent to the "
                "invoice address we have on file for {customer.company}.</p>" + _SIGN_EN,
            ),
            NORWEGIAN: TemplateText(
                "Fakturakopi [{ticket.id}]",
                "<p>Hei {customer.firstname},</p><p>En kopi av fakturaen er sendt til "
                "fakturaadressen vi har registrert for {customer.company}.</p>" + _SIGN_NO,
            ),
        },
    ),
    Template(
        35,
        2,
        "Refund approved",
        "English only: a Norwegian customer gets the English text",
        {
            ENGLISH: TemplateText(
                "Refund approved [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>Your refund has been approved and will "
                "reach your account within 5 working days.</p>" + _SIGN_EN,
            ),
        },
    ),
    Template(
        36,
        1,
        "Closing: solved",
        "Close the ticket as solved",
        {
            ENGLISH: TemplateText(
                "Solved: {ticket.title} [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>We consider ticket {ticket.id} solved and "
                "will close it. Just reply to this e-mail if anything is still not "
                "right.</p>" + _SIGN_EN,
            ),
            NORWEGIAN: TemplateText(
                "Løst: {ticket.title} [{ticket.id}]",
                "<p>Hei {customer.firstname},</p><p>Vi anser sak {ticket.id} som løst og "
                "lukker den. Svar på denne e-posten hvis noe fortsatt ikke er i orden.</p>"
                + _SIGN_NO,
            ),
        },
    ),
    Template(
        37,
        3,
        "Known issue: printing",
        "The printing problem after the last update",
        {
            ENGLISH: TemplateText(
                "Printing after the update [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>This is a known issue after the last "
                "update. Until the fix is out, print from the <b>Preview</b> window.</p>"
                + _SIGN_EN,
            ),
            NORWEGIAN: TemplateText(
                "Utskrift etter oppdateringen [{ticket.id}]",
                "<p>Hei {customer.firstname},</p><p>Dette er en kjent feil etter siste "
                "oppdatering. Inntil rettelsen kommer kan du skrive ut fra "
                "<b>Forhåndsvisning</b>.</p>" + _SIGN_NO,
            ),
        },
    ),
    # Hostile on purpose, like the seed's hostile tickets: markup in the name, an escape
    # sequence (a clipboard write and a colour) in the text. Clients must show it inert.
    Template(
        38,
        3,
        "[bold red]Escalation[/] \x1b[31mnotice",
        "Test data: markup and escapes",
        {
            ENGLISH: TemplateText(
                "Escalated [{ticket.id}]",
                "<p>Hi {customer.firstname},</p><p>Ticket {ticket.id} is escalated."
                "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[31m [link=https://evil.example]here[/link]"
                "</p>" + _SIGN_EN,
            ),
        },
    ),
    Template(
        90,
        1,
        "System template - New ticket notification",
        "Sent by the system when a ticket is created",
        {ENGLISH: TemplateText("New ticket {ticket.id}", "<p>A new ticket was created.</p>")},
    ),
    Template(
        91,
        1,
        "System template - Password changed",
        "Sent by the system when a customer changes a password",
        {ENGLISH: TemplateText("Password changed", "<p>Your password was changed.</p>")},
    ),
)
