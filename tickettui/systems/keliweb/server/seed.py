"""Deterministic demo data: same (tickets, seed) -> identical rows.

Dates derive from the fixed REFERENCE_DATE (Europe/Rome wall clock), never the real
clock. The reseller's ticket ids are sparse, as on a WHMCS shared by thousands of
Keliweb customers: some gaps hold another customer's tickets (invisible to the demo
reseller), others nothing at all.

Text is stored as WHMCS stores it: escaped by ``htmlspecialchars`` on the way in (``encode``),
whether an admin typed it into WHMCS's forms (admin, department and status names), a customer
into the client area (names, e-mail addresses, subjects, messages) or a client sent it through
the API. The corpus is plain text; everything from it is encoded once, where it is stored.
"""

from __future__ import annotations

import random
import sqlite3
import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tickettui.servers.seeding import bulk_seed, reused_count
from tickettui.systems.keliweb.server import accounts, corpus
from tickettui.systems.keliweb.server.dates import to_wire
from tickettui.systems.keliweb.server.passwords import hash_password, token_hash
from tickettui.systems.keliweb.server.php import encode
from tickettui.systems.keliweb.server.seed_attachments import write_demo_attachments
from tickettui.systems.keliweb.server.store import (
    NOTE_COLUMNS,
    REPLY_COLUMNS,
    TICKET_COLUMNS,
    create_schema,
    insert,
    is_seeded,
)

REFERENCE_DATE = datetime(2026, 11, 20, 9, 0, 0)
HISTORY = timedelta(days=540)
FIRST_TICKET_ID = 40_000
# Positions (in creation order) of the reseller's tickets that carry hostile text; low,
# so that small test seeds contain them all.
HOSTILE_POSITIONS = (3, 8, 12, 20, 33)

_STAFF_LAST_STATUSES = ("Answered", "On Hold", "In Progress", "Waiting on Supplier")
_STAFF_LAST_WEIGHTS = (60, 12, 14, 14)


@dataclass(frozen=True)
class SeedResult:
    tickets: int  # the demo reseller's tickets, merged ones included
    replies: int
    seconds: float
    reused: bool = False


@dataclass(frozen=True)
class _Person:
    contact_id: int  # 0 = the account owner
    name: str
    email: str
    company: str
    domain: str


def ensure_seeded(path: Path, *, tickets: int = 300, seed: int = 7) -> SeedResult:
    """Seed ``path`` unless it already holds a seeded database (then reuse it)."""
    sql = "SELECT COUNT(*) FROM ticket WHERE userid = ?"
    count = reused_count(path, is_seeded, sql, accounts.DEMO_USER_ID)
    if count is not None:
        return SeedResult(tickets=count, replies=0, seconds=0.0, reused=True)
    return seed_database(path, tickets=tickets, seed=seed)


def seed_database(path: Path, *, tickets: int = 300, seed: int = 7) -> SeedResult:
    def write(conn: sqlite3.Connection) -> int:
        generator = _Generator(random.Random(seed))
        generator.write_reference_data(conn)
        written = generator.write_tickets(conn, tickets)
        write_demo_attachments(conn, seed)  # a stream of their own: the rest stays as it was
        return written

    replies, seconds = bulk_seed(
        path, tickets=tickets, seed=seed, create_schema=create_schema, write=write
    )
    return SeedResult(tickets=tickets, replies=replies, seconds=seconds)


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Plain, for signatures in messages (encoded with the message); stored_admins as WHMCS
        # copies an admin's stored (escaped) name into replies, notes and tickets.
        self.admin_names = {a[0]: f"{a[2]} {a[3]}" for a in corpus.ADMINS}
        self.stored_admins = {aid: encode(name) for aid, name in self.admin_names.items()}
        self.admin_emails = {a[0]: f"{a[1]}@keliweb.example" for a in corpus.ADMINS}
        self.people: dict[int, list[_Person]] = {}
        self.used_tids: set[str] = set()
        self.reply_id = 0
        self.note_id = 0

    # -- reference data ---------------------------------------------------------------
    def write_reference_data(self, conn: sqlite3.Connection) -> None:
        rng = self.rng
        insert(
            conn,
            "admin",
            ("id", "username", "firstname", "lastname", "email", "disabled"),
            [
                (aid, user, encode(first), encode(last), self.admin_emails[aid], disabled)
                for aid, user, first, last, disabled in corpus.ADMINS
            ],
        )
        insert(
            conn,
            "department",
            ("id", "name", "email", "sortorder"),
            [(i, encode(name), email, order) for i, name, email, order in corpus.DEPARTMENTS],
        )
        insert(
            conn,
            "ticket_status",
            ("id", "title", "color", "sortorder", "showactive", "showawaiting", "autoclose"),
            [(row[0], encode(row[1]), *row[2:]) for row in corpus.STATUSES],
        )
        owners = (
            (
                accounts.DEMO_USER_ID,
                accounts.DEMO_USER_NAME,
                accounts.DEMO_COMPANY,
                accounts.DEMO_USERNAME,
                accounts.DEMO_PASSWORD,
            ),
            (
                accounts.OTHER_USER_ID,
                "Paolo Santoro",
                "Santoro Informatica",
                accounts.OTHER_USERNAME,
                accounts.OTHER_PASSWORD,
            ),
        )
        clients = []
        for user_id, name, company, email, password in owners:
            first, last = name.split(" ", 1)
            salt = "".join(rng.choices(string.ascii_letters, k=16))
            clients.append(
                (
                    user_id,
                    encode(first),
                    encode(last),
                    encode(company),
                    encode(email),
                    hash_password(password, salt),
                )
            )
            domain = email.split("@", 1)[1]
            self.people[user_id] = [_Person(0, name, email, company, domain)]
        insert(
            conn,
            "client",
            ("id", "firstname", "lastname", "companyname", "email", "password_hash"),
            clients,
        )
        conn.execute(
            "INSERT INTO oauth_client VALUES (?, ?, ?, 1, 0)",
            (
                accounts.DEMO_CLIENT_ID,
                "Keliweb Reseller Password Grant Client",
                token_hash(accounts.DEMO_CLIENT_SECRET),
            ),
        )
        # The reseller's end customers are contacts of its account; the other customer
        # has a few contacts of its own.
        contacts = []
        contact_id = 700
        businesses = list(corpus.BUSINESSES)
        rng.shuffle(businesses)
        for index, (business, slug) in enumerate(businesses):
            user_id = accounts.DEMO_USER_ID if index < 13 else accounts.OTHER_USER_ID
            domain = slug + rng.choice(corpus.TLDS)
            for _ in range(rng.randint(1, 2)):
                contact_id += rng.randint(1, 9)
                first = rng.choice(corpus.FIRST_NAMES)
                last = rng.choice(corpus.LAST_NAMES)
                mailbox = rng.choice(corpus.MAILBOXES)
                email = f"{mailbox}@{domain}"
                contacts.append(
                    (
                        contact_id,
                        user_id,
                        encode(first),
                        encode(last),
                        encode(business),
                        encode(email),
                    )
                )
                self.people[user_id].append(
                    _Person(contact_id, f"{first} {last}", email, business, domain)
                )
        insert(
            conn,
            "contact",
            ("id", "userid", "firstname", "lastname", "companyname", "email"),
            contacts,
        )

    # -- tickets ------------------------------------------------------------------------
    def write_tickets(self, conn: sqlite3.Connection, count: int) -> int:
        rng = self.rng
        start = REFERENCE_DATE - HISTORY
        span = HISTORY.total_seconds()
        offsets = sorted(rng.random() for _ in range(count))
        tickets: list[tuple[object, ...]] = []
        replies: list[tuple[object, ...]] = []
        notes: list[tuple[object, ...]] = []
        reseller_ids: list[int] = []
        ticket_id = FIRST_TICKET_ID
        for position in range(count):
            step = rng.randint(1, 4)
            ticket_id += step
            created = start + timedelta(seconds=int(offsets[position] * span))
            created = created.replace(hour=8 + created.hour % 11)  # mostly office hours
            created = min(created, REFERENCE_DATE - timedelta(minutes=20 + position % 90))
            # A gap in the ids sometimes holds another Keliweb customer's ticket.
            if step > 1 and rng.random() < 0.5:
                self._ticket(
                    ticket_id - 1, accounts.OTHER_USER_ID, created, -1, tickets, replies, notes
                )
            self._ticket(
                ticket_id, accounts.DEMO_USER_ID, created, position, tickets, replies, notes
            )
            reseller_ids.append(ticket_id)
        insert(conn, "ticket", TICKET_COLUMNS, tickets)
        insert(conn, "reply", REPLY_COLUMNS, replies)
        insert(conn, "note", NOTE_COLUMNS, notes)
        self._merge_some(conn, reseller_ids)
        return len(replies)

    def _merge_some(self, conn: sqlite3.Connection, ids: list[int]) -> None:
        # WHMCS keeps a merged ticket as a closed stub pointing at the ticket it went into;
        # get-tickets hides it, get-ticket on its id shows the target.
        rng = self.rng
        for index in range(5, len(ids), 45):
            target = ids[rng.randrange(0, index)]
            merged = ids[index]
            conn.execute(
                "UPDATE ticket SET merged_ticket_id = ?, status = 'Closed' WHERE id = ?",
                (target, merged),
            )
            # Its replies move into the target, whose thread now ends later.
            conn.execute("UPDATE reply SET tid = ? WHERE tid = ?", (target, merged))
            conn.execute(
                "UPDATE ticket SET lastreply = MAX(lastreply,"
                " COALESCE((SELECT MAX(date) FROM reply WHERE tid = ?), '')) WHERE id = ?",
                (target, target),
            )

    def _ticket(
        self,
        ticket_id: int,
        user_id: int,
        created: datetime,
        position: int,
        tickets: list[tuple[object, ...]],
        replies: list[tuple[object, ...]],
        notes: list[tuple[object, ...]],
    ) -> None:
        rng = self.rng
        age = (REFERENCE_DATE - created) / HISTORY
        people = self.people[user_id]
        person = rng.choice(people[1:]) if rng.random() < 0.85 else people[0]
        dept = rng.choices([d[0] for d in corpus.DEPARTMENTS], corpus.DEPARTMENT_WEIGHTS)[0]
        template = rng.choice([t for d, t in corpus.SUBJECTS if d == dept])
        mailbox = rng.choice(corpus.MAILBOXES)
        # The reseller itself writes about one of its customers' domains.
        domain = person.domain if person.contact_id else rng.choice(people[1:]).domain
        subject = template.format(
            d=domain,
            m=mailbox,
            p=rng.choice(corpus.PLANS),
            inv=f"{created.year}/{rng.randint(1000, 99999)}",
            ssl=rng.choice(corpus.SSL_KINDS),
        )
        opener = self._opening(person)
        editor = "markdown" if rng.random() < 0.1 else "plain"
        hostile = position in HOSTILE_POSITIONS
        if hostile:
            which = HOSTILE_POSITIONS.index(position)
            subject = corpus.HOSTILE_SUBJECTS[which]
            opener = corpus.HOSTILE_MESSAGES[which]
        # A few tickets are opened by staff (renewal notices, proactive warnings).
        opened_by_admin = (
            "" if rng.random() < 0.94 else self.stored_admins[rng.choice(corpus.STAFF_ADMIN_IDS)]
        )

        closed = rng.random() < 0.1 + 0.85 * age
        if not closed and rng.random() < 0.18:
            authors: list[str] = []  # a fresh ticket nobody has answered yet
        else:
            length = rng.randint(1, 9)
            authors = [
                "staff" if i % 2 == 0 or rng.random() < 0.2 else "client" for i in range(length)
            ]
        if closed:
            status = "Closed"
        elif not authors:
            status = "Open"
        elif authors[-1] == "client":
            status = "Customer-Reply"
        else:
            status = rng.choices(_STAFF_LAST_STATUSES, _STAFF_LAST_WEIGHTS)[0]

        times = self._thread_times(created, len(authors))
        for author, when in zip(authors, times, strict=True):
            self.reply_id += rng.randint(1, 3)
            if author == "staff":
                admin_id = rng.choice(corpus.STAFF_ADMIN_IDS)
                message, reply_editor = self._staff_message(self.admin_names[admin_id])
                replies.append(
                    (
                        self.reply_id,
                        ticket_id,
                        user_id,
                        0,
                        "",
                        "",
                        to_wire(when),
                        encode(message),
                        self.stored_admins[admin_id],
                        "",
                        rng.choice((0, 0, 0, 4, 5)),
                        reply_editor,
                    )
                )
            else:
                message = rng.choice(corpus.CLIENT_FOLLOWUPS)
                if hostile and rng.random() < 0.5:
                    message = corpus.HOSTILE_MESSAGES[HOSTILE_POSITIONS.index(position)]
                replies.append(
                    (
                        self.reply_id,
                        ticket_id,
                        user_id,
                        person.contact_id,
                        "",
                        "",
                        to_wire(when),
                        encode(message),
                        "",
                        "",
                        0,
                        "plain",
                    )
                )
        lastreply = times[-1] if times else created

        for _ in range(rng.choices((0, 1, 2, 3), (50, 30, 14, 6))[0]):
            self.note_id += 1
            when = (
                created
                + (lastreply - created) * rng.random()
                + timedelta(minutes=rng.randint(1, 90))
            )
            note_editor = "markdown" if rng.random() < 0.2 else "plain"
            text = rng.choice(corpus.NOTES)
            if note_editor == "markdown":
                text = f"**Nota interna**\r\n\r\n- {text}\r\n- verificare di nuovo domani"
            notes.append(
                (
                    self.note_id,
                    ticket_id,
                    self.stored_admins[rng.choice(corpus.STAFF_ADMIN_IDS)],
                    to_wire(min(when, REFERENCE_DATE)),
                    encode(text),
                    "",
                    note_editor,
                )
            )

        flag_roll = rng.random()
        flag = (
            accounts.API_ADMIN_ID
            if flag_roll < 0.04
            else rng.choice(corpus.STAFF_ADMIN_IDS)
            if flag_roll < 0.12
            else 0
        )
        service_roll = rng.random()
        service = (
            f"D{rng.randint(3000, 9999)}"
            if dept == 4 or service_roll < 0.2
            else f"S{rng.randint(10000, 60000)}"
            if service_roll < 0.7
            else ""
        )
        attachment = f"{rng.randint(100000, 999999)}_screenshot.png" if rng.random() < 0.06 else ""
        tickets.append(
            (
                ticket_id,
                self._tid(),
                "".join(rng.choices(string.ascii_letters + string.digits, k=8)),
                dept,
                user_id,
                person.contact_id,
                encode(person.name),
                "",  # WHMCS keeps name/email on the ticket only for guests; see requestor_*
                encode(f"amministrazione@{domain}") if rng.random() < 0.1 else "",
                to_wire(created),
                encode(subject),
                encode(opener),
                status,
                rng.choices(corpus.PRIORITIES, corpus.PRIORITY_WEIGHTS)[0],
                opened_by_admin,
                attachment,
                to_wire(lastreply),
                flag,
                service,
                0,
                editor,
                int(rng.random() < 0.3),
                int(bool(authors) and authors[-1] == "staff" and status != "Closed"),
                "",
            )
        )

    def _thread_times(self, created: datetime, count: int) -> list[datetime]:
        gaps = [self.rng.uniform(600, 2 * 86400) for _ in range(count)]
        # Threads end somewhere before "now", not all in the same last minute.
        room = ((REFERENCE_DATE - created).total_seconds() - 60) * self.rng.uniform(0.4, 1.0)
        scale = min(1.0, room / sum(gaps)) if gaps else 1.0
        times: list[datetime] = []
        elapsed = 0.0
        for gap in gaps:
            elapsed += gap * scale
            times.append(created + timedelta(seconds=int(elapsed)))
        return times

    def _opening(self, person: _Person) -> str:
        rng = self.rng
        template = rng.choice(corpus.OPENINGS)
        return template.format(
            problem=rng.choice(corpus.PROBLEMS),
            problem_en=rng.choice(corpus.PROBLEMS_EN),
            detail=rng.choice(corpus.DETAILS),
            detail_en=rng.choice(corpus.DETAILS_EN),
            business=person.company,
            name=person.name,
        )

    def _staff_message(self, admin: str) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.25:
            return rng.choice(corpus.STAFF_MARKDOWN).format(admin=admin), "markdown"
        text = rng.choice(corpus.STAFF_REPLIES).format(
            admin=admin, fix=rng.choice(corpus.FIXES), fix_en=rng.choice(corpus.FIXES_EN)
        )
        return text, "plain"

    def _tid(self) -> str:
        while True:
            tid = str(self.rng.randint(100000, 999999))
            if tid not in self.used_tids:
                self.used_tids.add(tid)
                return tid
