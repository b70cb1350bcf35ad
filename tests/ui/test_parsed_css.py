"""The stylesheets the app parsed, kept for its next start (``tickettui.ui.parsed_css``): the
second start parses nothing it parsed before and styles the screen the same; a file that is not
exactly this app's, this theme's and this user's own is never used."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from tests.pilot import settle
from tests.ui.queue_helpers import SIZE, queue
from tickettui import start_record
from tickettui.start_record import KEPT_CSS as FILE_NAME
from tickettui.ui.app import TicketApp
from tickettui.ui.parsed_css import ParsedCss
from tickettui.ui.textual_compat import reuse_parsed_css


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every CSS source Textual really parses (the read_from of each), in this test only:
    Stylesheet is put back as it was afterwards (reuse_parsed_css patches it process-wide)."""
    seen: list[Any] = []
    parse = Stylesheet._parse_rules

    def counting(self: Stylesheet, css: str, read_from: Any, *args: Any) -> Any:
        seen.append(read_from)
        return parse(self, css, read_from, *args)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    return seen


def styled(app: TicketApp) -> set[tuple[str, bool, int, tuple[str, ...]]]:
    """Each rule the app's stylesheet holds: its selectors, where it ranks, what it sets (in
    no order: widgets add their CSS as they first mount)."""
    return {
        (
            str(rule.selector_set),
            rule.is_default_rules,
            rule.tie_breaker,
            tuple(sorted(map(str, rule.styles.get_rules().items()))),
        )
        for rule in app.stylesheet.rules
    }


async def start(factory: Callable[[], Any], store: ParsedCss) -> set[Any]:
    """The queue up (and, once it painted, the other screens' stylesheets read), with
    ``store`` in use."""
    reuse_parsed_css(store)
    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue(app).ticket_list.total_count > 0
        rules = styled(app)
    store.save()
    return rules


async def test_the_second_start_parses_nothing_the_first_did_and_styles_alike(
    tmp_path: Path, parses: list[Any], so_backend_factory: Callable[[], Any]
) -> None:
    path = tmp_path / FILE_NAME
    first = await start(so_backend_factory, ParsedCss(path))
    assert any("queue.tcss" in str(where) for where in parses)
    assert any("TicketList.DEFAULT_CSS" in str(where) for where in parses)
    assert any("detail.tcss" in str(where) for where in parses)
    assert path.exists() and path.stat().st_mode & 0o777 == 0o600

    parses.clear()
    second = await start(so_backend_factory, ParsedCss(path))
    assert parses == []
    # Each rule as parsed the first time (the first start also showed a loading indicator,
    # whose CSS the second, painted from the disk cache, never needed).
    assert second <= first and len(second) > 100


async def test_a_file_others_may_write_is_not_read(
    tmp_path: Path, parses: list[Any], so_backend_factory: Callable[[], Any]
) -> None:
    path = tmp_path / FILE_NAME
    await start(so_backend_factory, ParsedCss(path))
    os.chmod(path, 0o666)  # what the test is about
    parses.clear()
    await start(so_backend_factory, ParsedCss(path))
    assert any("queue.tcss" in str(where) for where in parses)


async def test_a_damaged_file_is_parsed_around_and_replaced(
    tmp_path: Path, parses: list[Any], so_backend_factory: Callable[[], Any]
) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"\x80\x05not a pickle at all")
    path.chmod(0o600)
    first = await start(so_backend_factory, ParsedCss(path))
    assert any("queue.tcss" in str(where) for where in parses)
    parses.clear()
    assert await start(so_backend_factory, ParsedCss(path)) <= first
    assert parses == []


def test_rules_kept_for_one_theme_are_not_used_for_another(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    store = ParsedCss(path)
    key = ("Screen { color: $text; }", ("test", ""), False, 0, "")
    store.put({"text": "white"}, key, ["rules for white"])
    store.save()
    again = ParsedCss(path)
    assert again.get({"text": "black"}, key) is None
    assert again.get({"text": "white"}, key) == ["rules for white"]


def test_only_the_tickettui_command_keeps_parsed_css(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(start_record, "command_line", None)  # an app in a test or a program
    assert start_record.kept_css_path(os.environ) is None
    monkeypatch.setattr(start_record, "command_line", [])  # the console script's
    path = start_record.kept_css_path(os.environ)
    assert path == Path(os.environ["TICKETTUI_CACHE_DIR"]) / FILE_NAME  # beside the cache
