"""The page a browser gets: textual-serve's xterm.js front end, without anything from outside.

textual-serve's own page loads its font from a public font service and builds absolute URLs
from the host it was started with. This one serves the font it ships from here, builds the
websocket address from the page's own location (so a TLS proxy in front gives wss://), and
runs only scripts the Content-Security-Policy names (textual.js and one inline script with
this answer's nonce). Nothing in it comes from the app or its secrets: the token in the paths
is the only thing that changes. When an app fails, the page says why in its closed dialog (the
one line the server sends before it closes the tab, ``sessions.ENDED``), as text.
"""

from __future__ import annotations

import jinja2

from tickettui.web.sessions import ENDED

__all__ = ["render_page"]

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="referrer" content="no-referrer" />
    <title>{{ title }}</title>
    <link rel="stylesheet" href="{{ static }}css/xterm.css" />
    <script src="{{ static }}js/textual.js"></script>
    <style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ static }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-style: normal;
      }
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ static }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
        font-style: italic;
      }
      body { background: #0c181f; margin: 0; }
      .dialog-container {
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }
      .intro {
        min-width: 320px; padding: 32px; font-size: 16px; z-index: 20;
        font-family: "Roboto Mono", menlo, monospace; text-align: center;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d;
      }
      body.-first-byte .intro-dialog { display: none; }
      body .textual-terminal { opacity: 0; transition: opacity 0.3s ease-out; }
      body.-first-byte .textual-terminal { opacity: 1; }
      .closed-dialog { display: none; }
      body.-closed .closed-dialog { display: flex; }
      body.-closed .intro-dialog { display: none; }
      .message { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 80vw; }
      button {
        padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
        border: none; font-family: "Roboto Mono", menlo, monospace; margin: 16px auto 0;
        display: block; cursor: pointer;
      }
      #start { display: none; }
      #start.-delay { display: block; }
    </style>
  </head>
  <body>
    <div class="dialog-container intro-dialog">
      <div class="intro">
        <div>{{ title }}: starting...</div>
        <button type="button" id="start" data-restart>Start</button>
      </div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="intro">
        <div class="message">Session ended.</div>
        <button type="button" data-restart>Start again</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal" data-font-size="{{ font_size }}"></div>
    <script nonce="{{ nonce }}">
      (function () {
        var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
        document.getElementById("terminal").dataset.sessionWebsocketUrl =
          scheme + window.location.host + {{ websocket_path|tojson }};
        // Why the app ended, when it failed (the server's last message before it closes the
        // tab): textual.js opens the one websocket on load, after this script, and ignores
        // messages it does not know. Shown as text, never as HTML.
        var NativeWebSocket = window.WebSocket;
        function WebSocketSayingWhy(url, protocols) {
          var socket = new NativeWebSocket(url, protocols);
          socket.addEventListener("message", function (event) {
            if (typeof event.data !== "string") return;
            var message;
            try { message = JSON.parse(event.data); } catch (error) { return; }
            if (Array.isArray(message) && message[0] === {{ ended|tojson }}) {
              document.querySelector(".closed-dialog .message").textContent = String(message[1]);
            }
          });
          return socket;
        }
        WebSocketSayingWhy.prototype = NativeWebSocket.prototype;
        ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
          WebSocketSayingWhy[name] = NativeWebSocket[name];
        });
        window.WebSocket = WebSocketSayingWhy;
        document.querySelectorAll("[data-restart]").forEach(function (button) {
          button.addEventListener("click", function () {
            window.location.href = window.location.pathname;
          });
        });
      })();
    </script>
  </body>
</html>
"""

_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_PAGE = _ENVIRONMENT.from_string(_TEMPLATE)


def render_page(*, title: str, static: str, websocket_path: str, font_size: int, nonce: str) -> str:
    return _PAGE.render(
        title=title,
        static=static,
        websocket_path=websocket_path,
        font_size=font_size,
        nonce=nonce,
        ended=ENDED,
    )
