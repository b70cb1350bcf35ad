"""Benchmark: rendering mail, before and after issue 18, side by side in one run.

Two workloads, each timed the old way and the new way in the same process:

- one 1 MB HTML body (the sample mails over and over: the order table, the Gmail thread, the
  hostile mail; tests/email_corpus.huge_html);
- a 300-message thread of HTML replies, each quoting the one before it (three levels deep,
  as mail clients trim), about 1 MB in all.

"Old" is the stdlib parser and the thread view as they were (bench/html_text_before.py,
bench/thread_before.py: each whole body made inert, its links found, wrapped); "new" is
core.html_text and today's ThreadView (parts from core.quote_folding, quotes folded). Each
figure is the best of RUNS, old and new taking turns (the machine is shared: noise only ever
adds time, and it then falls on both), at 160 columns. Conversion runs where the backends
run it (the mapping); the layout runs on the event loop when the thread is set, so its time
is how long opening the thread holds the keyboard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bench.html_text_before import html_to_text as old_html_to_text
from bench.thread_before import ThreadView as OldThreadView
from tests.email_corpus import email, huge_html
from tickettui.core.domain import Message, MessageKind
from tickettui.core.html_text import html_to_text
from tickettui.ui.widgets.thread import ThreadView

RUNS = 5
WIDTH = 160
MESSAGES = 300
START = datetime(2026, 3, 1, 9, 0)


def _pair(old: Callable[[], Any], new: Callable[[], Any]) -> tuple[float, float]:
    """The fastest of RUNS of each, run in turns."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        for work, kept in ((old, times[0]), (new, times[1])):
            started = time.perf_counter()
            work()
            kept.append(time.perf_counter() - started)
    return min(times[0]), min(times[1])


def thread_html(count: int = MESSAGES) -> list[str]:
    """``count`` HTML replies, each quoting the previous (at most three levels deep)."""
    steps = email("lists_nested.html")
    bodies: list[str] = []
    previous: list[str] = []
    for n in range(count):
        own = (
            f"<div dir='ltr'><p>Reply {n}: we tried again this morning, see below.</p>"
            f"<p>The error still shows on <b>printer {n % 7}</b>; details in "
            f"<a href='https://support.example.com/kb/{n}'>KB {n}</a>.</p>{steps}"
            "<p>Best regards,<br>Marta</p></div>"
        )
        quoted = "".join(
            f"<div class='gmail_quote'>On Mon, {n} Mar 2026, someone wrote:<br>"
            f"<blockquote class='gmail_quote'>{text}</blockquote></div>"
            for text in previous[-1:]
        )
        body = own + quoted
        bodies.append(body)
        previous.append(own + (quoted if quoted.count("<blockquote") < 3 else ""))
    return bodies


def _messages(bodies: list[str], convert: Callable[[str], str]) -> list[Message]:
    kinds = (MessageKind.CUSTOMER, MessageKind.REPLY)
    return [
        Message(n, kinds[n % 2], f"Writer {n}", START + timedelta(hours=n), convert(body))
        for n, body in enumerate(bodies)
    ]


def _layout(view_class: type[OldThreadView] | type[ThreadView], messages: list[Message]) -> int:
    """What opening the thread costs on the event loop: set_messages, then the first layout at
    the screen's width (an unmounted view has no width until then)."""
    view = view_class()
    view.set_messages(messages)
    view._relayout(width=WIDTH, force=True)
    return len(view._rows)


def _old_layout(messages: list[Message]) -> int:
    return _layout(OldThreadView, messages)


def _new_layout(messages: list[Message]) -> int:
    return _layout(ThreadView, messages)


def run() -> dict[str, Any]:
    big = huge_html(1_000_000)
    bodies = thread_html()
    thread_bytes = sum(len(body.encode()) for body in bodies)
    old_big, new_big = old_html_to_text(big), html_to_text(big)
    old_msgs, new_msgs = _messages(bodies, old_html_to_text), _messages(bodies, html_to_text)
    one_old, one_new = (
        [Message(1, MessageKind.CUSTOMER, "Big", START, old_big)],
        [Message(1, MessageKind.CUSTOMER, "Big", START, new_big)],
    )
    result: dict[str, Any] = {"big_bytes": len(big.encode()), "thread_bytes": thread_bytes}
    pairs = {
        "big_convert": (lambda: old_html_to_text(big), lambda: html_to_text(big)),
        "big_layout": (lambda: _old_layout(one_old), lambda: _new_layout(one_new)),
        "thread_convert": (
            lambda: [old_html_to_text(b) for b in bodies],
            lambda: [html_to_text(b) for b in bodies],
        ),
        "thread_layout": (lambda: _old_layout(old_msgs), lambda: _new_layout(new_msgs)),
    }
    for name, (old, new) in pairs.items():
        result[f"{name}_old_s"], result[f"{name}_new_s"] = _pair(old, new)
    result["thread_rows_old"] = _old_layout(old_msgs)
    result["thread_rows_new"] = _new_layout(new_msgs)
    for what in ("big", "thread"):
        for side in ("old", "new"):
            result[f"{what}_total_{side}_s"] = (
                result[f"{what}_convert_{side}_s"] + result[f"{what}_layout_{side}_s"]
            )
    return result


def entries(r: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The run's figures as bench/results.json entries (ratios against the 1.5x target)."""

    def ms(seconds: float) -> float:
        return round(seconds * 1000, 1)

    out: dict[str, dict[str, Any]] = {}
    for what, label in (("big", "1 MB HTML body"), ("thread", f"{MESSAGES}-message thread")):
        old, new = r[f"{what}_total_old_s"], r[f"{what}_total_new_s"]
        out[f"render_{what}_new"] = {
            "value": ms(new),
            "unit": "ms",
            "target": None,
            "note": f"{label}: HTML to text {ms(r[f'{what}_convert_new_s'])} ms + thread "
            f"layout {ms(r[f'{what}_layout_new_s'])} ms (inscriptis, quotes folded)",
        }
        out[f"render_{what}_old"] = {
            "value": ms(old),
            "unit": "ms",
            "target": None,
            "note": f"{label}: HTML to text {ms(r[f'{what}_convert_old_s'])} ms + thread "
            f"layout {ms(r[f'{what}_layout_old_s'])} ms (stdlib parser, nothing folded)",
        }
        out[f"render_{what}_ratio"] = {
            "value": round(new / old, 2),
            "unit": "x",
            "target": 1.5,
            "better": "lower",
        }
    out["render_thread_layout_on_loop"] = {
        "value": ms(r["thread_layout_new_s"]),
        "unit": "ms",
        "target": None,
        "note": f"opening the {MESSAGES}-message thread holds the event loop this long "
        f"({r['thread_rows_new']} rows folded, {r['thread_rows_old']} before; "
        f"{r['thread_bytes'] / 1e6:.2f} MB of HTML)",
    }
    return out


if __name__ == "__main__":
    figures = run()
    for name, entry in entries(figures).items():
        print(f"{name:32} {entry['value']:>10} {entry['unit']:3} {entry.get('note', '')}")
