"""Laravel's content negotiation for errors: JSON for API callers, redirects for browsers.

``expects_json`` is ``Request::expectsJson()``: an XHR that accepts anything, or a first
acceptable type that is JSON. Everything else gets what a browser would (NOTES §4):
a 302 to /login when unauthenticated, a redirect back on validation errors, HTML pages.
"""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response


def _acceptable(accept: str) -> list[str]:
    # Symfony's AcceptHeader: sorted by quality, stable for equal qualities.
    items: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 1.0
        items.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(items)]


def expects_json(request: Request) -> bool:
    acceptable = _acceptable(request.headers.get("accept", ""))
    wants_json = bool(acceptable) and ("/json" in acceptable[0] or "+json" in acceptable[0])
    ajax = request.headers.get("x-requested-with", "") == "XMLHttpRequest"
    pjax = request.headers.get("x-pjax", "").lower() == "true"
    accepts_any = not acceptable or acceptable[0] in ("*/*", "*")
    return (ajax and not pjax and accepts_any) or wants_json


def redirect(url: str) -> Response:
    """Symfony's RedirectResponse: 302 with its small HTML body."""
    target = html.escape(url)
    body = (
        '<!DOCTYPE html>\n<html>\n    <head>\n        <meta charset="UTF-8" />\n'
        f'        <meta http-equiv="refresh" content="0;url=\'{target}\'" />\n\n'
        f"        <title>Redirecting to {target}</title>\n    </head>\n    <body>\n"
        f'        Redirecting to <a href="{target}">{target}</a>.\n    </body>\n</html>'
    )
    return HTMLResponse(body, status_code=302, headers={"Location": url})


def error_page(status: int, title: str) -> Response:
    body = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f'<title>{title}</title></head>\n<body><div class="code">{status}</div>'
        f'<div class="message">{title}</div></body>\n</html>\n'
    )
    return HTMLResponse(body, status_code=status)


LOGIN_PAGE = """<!DOCTYPE html>
<html lang="it">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Keliweb API - Login</title>
</head>
<body>
    <main>
        <h1>Keliweb API v2</h1>
        <p>Accedi con le credenziali del tuo account Keliweb.</p>
        <form method="POST" action="/login">
            <label for="email">Email</label>
            <input id="email" type="email" name="email" required autofocus>
            <label for="password">Password</label>
            <input id="password" type="password" name="password" required>
            <button type="submit">Login</button>
        </form>
    </main>
</body>
</html>
"""
