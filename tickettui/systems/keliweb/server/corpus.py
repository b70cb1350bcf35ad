"""Word pools and message templates of an Italian hosting provider's helpdesk.

Texts are plain (unencoded) with ``\\r\\n`` line breaks; the seeder HTML-encodes every one of
them (names, departments, statuses, subjects, messages) the way WHMCS stores input, so Italian
apostrophes become ``&#039;`` on the wire. Some names, departments and subjects carry ``'``,
``&``, ``<`` and ``"`` on purpose, so the escaping shows wherever a client forgets to decode.
Change strings freely, but keep each pool's length: the seed's random choices depend on it.
"""

from __future__ import annotations

# (id, username, first name, last name, disabled)
ADMINS: tuple[tuple[int, str, str, str, int], ...] = (
    (1, "gferri", "Giulia", "Ferri", 0),
    (2, "mesposito", "Marco", "Esposito", 0),
    (3, "cromano", "Chiara", "Romano", 0),
    (4, "lbianchi", "Luca", "Bianchi", 0),
    (5, "fgallo", "Francesca", "Gallo", 0),
    (6, "api", "Keliweb", "API", 0),
    (7, "dcosta", "Davide", "Costa", 1),  # left the company: cannot be flagged any more
)
STAFF_ADMIN_IDS = (1, 2, 3, 4, 5)

# (id, name, e-mail, sort order); ids deliberately not in name order.
DEPARTMENTS: tuple[tuple[int, str, str, int], ...] = (
    (1, "Supporto Tecnico", "supporto@keliweb.example", 1),
    (2, "Amministrazione", "amministrazione@keliweb.example", 2),
    (3, "Commerciale & Partner", "commerciale@keliweb.example", 3),
    (4, "Domini & DNS", "domini@keliweb.example", 4),
)
DEPARTMENT_WEIGHTS = (55, 18, 10, 17)

# (id, title, colour, sort order, show active, show awaiting, auto close): WHMCS defaults
# plus one custom status an admin added.
STATUSES: tuple[tuple[int, str, str, int, int, int, int], ...] = (
    (1, "Open", "#779500", 1, 1, 1, 0),
    (2, "Answered", "#000000", 2, 1, 0, 1),
    (3, "Customer-Reply", "#ff6600", 3, 1, 1, 1),
    (4, "Closed", "#888888", 10, 0, 0, 0),
    (5, "On Hold", "#224488", 5, 1, 0, 0),
    (6, "In Progress", "#cc0000", 6, 1, 0, 0),
    (7, "Waiting on Supplier", "#9b59b6", 7, 1, 0, 0),
)
PRIORITIES = ("Low", "Medium", "High")
PRIORITY_WEIGHTS = (30, 50, 20)

FIRST_NAMES = (
    "Alessandro",
    "Giulia",
    "Matteo",
    "Sofia",
    "Lorenzo",
    "Aurora",
    "Francesco",
    "Martina",
    "Andrea",
    "Chiara",
    "Davide",
    "Elena",
    "Simone",
    "Sara",
    "Gabriele",
    "Valentina",
    "Riccardo",
    "Alice",
    "Seán",
    "Beatrice",
    "Nicola",
    "Ilaria",
    "Stefano",
    "Paola",
    "Emanuele",
    "Federica",
    "Roberto",
    "Anna",
    "Michele",
    "Laura",
)
LAST_NAMES = (
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "D'Angelo",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "O'Brien",
)
BUSINESSES = (
    ("Pizzeria Da Mario", "pizzeriadamario"),
    ("Studio Legale Ricci", "studiolegalericci"),
    ("Hotel Belvedere", "hotelbelvedere"),
    ("Ferramenta Conti", "ferramentaconti"),
    ("Agriturismo Il Poggio", "ilpoggio"),
    ("Ottica Moretti", "otticamoretti"),
    ("Studio Dentistico Greco", "dentistagreco"),
    ("Cantina Colli Euganei", "cantinacolli"),
    ("B&B La Corte", "bblacorte"),
    ("Palestra FitLab", "fitlab"),
    ("Libreria Il Segnalibro", "ilsegnalibro"),
    ("Officina Meccanica Bruno", "officinabruno"),
    ("Caseificio Val d'Aosta", "caseificiovda"),
    ('Associazione Sportiva "Aurora"', "asdaurora"),
    ("Commercialista Dott. Rinaldi", "studiorinaldi"),
    ("Gelateria Fior di Latte", "fiordilatte"),
)
TLDS = (".it", ".it", ".it", ".com", ".eu", ".net", ".shop")
MAILBOXES = ("info", "amministrazione", "ordini", "segreteria", "prenotazioni", "marco", "giulia")
PLANS = (
    "Hosting Linux Starter",
    "Hosting WordPress Pro",
    "Hosting WooCommerce",
    "VPS Cloud S",
    "VPS Cloud M",
    "Email Pro 10GB",
    "PEC Standard",
    "Reseller Gold",
)
SSL_KINDS = ("Let's Encrypt", "Sectigo PositiveSSL", "Sectigo Wildcard", "GeoTrust QuickSSL")

# Subject templates: {d} domain, {m} mailbox, {p} plan, {inv} invoice, {ssl} certificate.
SUBJECTS: tuple[tuple[int, str], ...] = (  # (department id, template)
    (1, "Certificato SSL scaduto su {d}"),
    (1, "Casella {m}@{d} piena, non riceve più email"),
    (1, "Errore 500 dopo l'aggiornamento di WordPress su {d}"),
    (1, "Sito {d} molto lento da ieri"),
    (1, "Can't connect via FTP to {d}"),
    (1, "Restore backup of {d} from last week"),
    (1, "Email inviate da {m}@{d} finiscono in spam"),
    (1, "Record SPF e DKIM per {d}"),
    (1, "PEC {m}@pec.{d} non riceve messaggi"),
    (1, 'Database MySQL di {d}: "Too many connections"'),
    (1, "Installazione certificato {ssl} su {d}"),
    (1, 'PHP 8.3 on {p}: "<?php" shown instead of the page'),
    (2, "Fattura n. {inv} non ricevuta"),
    (2, "Richiesta nota di credito per fattura {inv}"),
    (2, "Cambio intestazione fatture & dati fiscali"),
    (2, "Pagamento doppio su fattura {inv}"),
    (2, "Codice SDI per la fatturazione elettronica"),
    (3, "Upgrade da {p} a un piano superiore per {d}"),
    (3, 'Preventivo "Email Pro" & PEC per 20 caselle (< 500 €)'),
    (3, "Informazioni sul piano {p}"),
    (3, "Sconto rivenditore su rinnovi multipli"),
    (4, "Trasferimento dominio {d}: codice AuthInfo"),
    (4, "Rinnovo dominio {d} in scadenza"),
    (4, "Record MX e A per {d}"),
    (4, "Cambio DNS di {d} verso Cloudflare"),
    (4, 'Domain {d} shows "pending delete"'),
)

OPENINGS = (
    "Buongiorno,\r\n\r\nda questa mattina {problem}.\r\n\r\n{detail}\r\n\r\nGrazie,\r\n{name}",
    (
        "Salve,\r\n\r\nvi scrivo per conto del mio cliente {business}: {problem}.\r\n"
        "{detail}\r\n\r\nCordiali saluti\r\n{name}"
    ),
    (
        "Hello,\r\n\r\nour customer {business} reports that {problem_en}.\r\n{detail_en}\r\n"
        "\r\nThanks,\r\n{name}"
    ),
    "Ciao,\r\n\r\n{problem}. Potete verificare con urgenza? Il cliente è nervoso.\r\n\r\n{name}",
)
PROBLEMS = (
    'il sito mostra l\'errore "<b>Fatal error</b>: Allowed memory size exhausted"',
    "le email non vengono più consegnate",
    'il browser segnala "La connessione non è privata"',
    "il pannello non accetta la password",
    "il dominio non risolve più",
    "la fattura riporta un importo sbagliato",
    "il backup notturno non è stato eseguito",
    "la casella PEC dice che lo spazio è esaurito",
)
PROBLEMS_EN = (
    'the site shows "Error establishing a database connection"',
    "outgoing mail is rejected with 550 5.7.1",
    "the SSL certificate expired yesterday",
    "the <head> tag of their homepage was changed without their consent",
    'FTP logins fail with "530 Login incorrect"',
    "the invoice amount does not match the order",
)
DETAILS = (
    "Abbiamo già svuotato la cache e riavviato il router.",
    "Il problema si presenta sia da Chrome che da Firefox.",
    "Allego lo screenshot dell'errore.",
    "È urgente: il cliente ha una promozione in corso & non può perdere ordini.",
    "Il dominio è registrato con voi da più di 5 anni.",
    "Le credenziali sono quelle dell'ultima email che ci avete inviato.",
)
DETAILS_EN = (
    "We already cleared the cache and checked the DNS.",
    "It happens on every page, not just the checkout.",
    'The customer\'s web agency says "nothing changed on our side".',
    "They have a launch on Friday, so it's urgent.",
)
STAFF_REPLIES = (
    (
        "Gentile Cliente,\r\n\r\nabbiamo verificato la configurazione: {fix}.\r\n\r\n"
        "Restiamo a disposizione per ogni chiarimento.\r\n\r\nCordiali saluti,\r\n{admin}\r\n"
        "Supporto Keliweb"
    ),
    (
        "Gentile Cliente,\r\n\r\n"
        "grazie per la segnalazione. Il problema è stato inoltrato al reparto sistemistico, "
        "vi aggiorneremo appena possibile.\r\n"
        "\r\n{admin}"
    ),
    (
        "Hello,\r\n\r\nwe've checked the account: {fix_en}.\r\n\r\nKind regards,\r\n"
        "{admin}\r\nKeliweb Support"
    ),
    (
        "Buongiorno,\r\n\r\n"
        "per procedere ci servirebbe il codice AuthInfo o l'autorizzazione del titolare "
        "del dominio.\r\n"
        "\r\n{admin}"
    ),
)
STAFF_MARKDOWN = (
    (
        "Gentile Cliente,\r\n\r\n**Attenzione**: per risolvere procedete così:\r\n\r\n"
        "1. accedete al pannello\r\n2. aprite *Gestione DNS*\r\n"
        "3. impostate il record `MX` su `mx.keliweb.example`\r\n\r\n"
        "Maggiori dettagli nella [guida](https://guide.keliweb.example/dns).\r\n\r\n{admin}"
    ),
    (
        "Hello,\r\n\r\nHere's what we changed:\r\n\r\n- raised `memory_limit` to **256M**\r\n"
        "- enabled *OPcache*\r\n- cleared the `wp-content/cache` folder\r\n\r\n"
        "> Please test again and let us know.\r\n\r\n{admin}"
    ),
)
FIXES = (
    "il certificato è stato rinnovato e installato correttamente",
    "la quota della casella è stata aumentata a 5 GB",
    "abbiamo ripristinato il backup di ieri notte",
    "i record DNS sono stati corretti, la propagazione richiede fino a 24 ore",
    "la nota di credito è stata emessa e la troverete nell'area clienti",
    "il limite di memoria PHP è stato portato a 256M",
)
FIXES_EN = (
    "the certificate has been reissued and installed",
    "the mailbox quota was raised to 5 GB",
    "we restored last night's backup",
    "the DNS zone was fixed; propagation can take up to 24 hours",
)
CLIENT_FOLLOWUPS = (
    "Grazie, ora funziona!",
    "Purtroppo il problema persiste, potete ricontrollare?",
    "Ci sono aggiornamenti? Il cliente continua a sollecitare.",
    "Ecco il codice AuthInfo richiesto: Xk9#p2&Lq",
    "Thanks, confirmed working on our side.",
    'Still broken, now we also see "403 Forbidden" on /wp-admin.',
    "Potete chiudere il ticket, abbiamo risolto.",
)
NOTES = (
    "Cliente rivenditore storico, priorità alta.",
    "Verificato sul server web03: quota disco al 98%.",
    "In attesa di risposta dal registro .it (NIC).",
    "Aperto ticket al fornitore del certificato, rif. SEC-44821.",
    "Rimborso approvato da amministrazione, emettere nota di credito.",
    "Don't reset the password again, customer asked to be called first.",
    "Problema noto su cluster mail02 dopo la manutenzione delle 03:00.",
)

# Hostile text the UI must show inert: Rich markup, ANSI CSI, OSC 52 clipboard write,
# BiDi override, NUL and other C0 controls.
HOSTILE_SUBJECTS = (
    "[bold red]URGENTE[/] sito giù [link=https://evil.example]clicca[/link]",
    "\x1b[31mAllarme rosso\x1b[0m dal monitoraggio \x1b[2J",
    "Test appunti \x1b]52;c;cm0gLXJmIH4v\x07 ignorare",
    "Fattura \u202efdp.exe allegata",
    "NUL\x00 nel titolo e campanello\x07",
)
HOSTILE_MESSAGES = (
    "Markup: [bold red]non grassetto[/] [link=https://evil.example]x[/link] $(rm -rf ~)",
    "ANSI: \x1b[31mrosso\x1b[0m \x1b[2J\x1b[H, OSC 52: \x1b]52;c;aGVsbG8=\x07 fine",
    "BiDi: il file si chiama \u202efdp.exe e \u2066isolato\u2069",
    "Caratteri di controllo: NUL\x00 bell\x07 backspace\x08 escape\x1b fine",
    "<script>alert('xss')</script><img src=x onerror=alert(1)> [/]",
)
