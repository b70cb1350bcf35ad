"""The tickettui Textual application: owns the backend and moves between screens."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tickettui.core import zones
from tickettui.core.backend import Backend, StartsLate
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import Capabilities
from tickettui.core.errors import TicketTuiError
from tickettui.core.live_policy import LivePolicy
from tickettui.core.safe_text import inert, inert_line
from tickettui.ui import hangup
from tickettui.ui.after_typing import after_typing
from tickettui.ui.textual_compat import CrashHook

if TYPE_CHECKING:  # pydantic and the credential chain (keyring) stay off the start path
    from pydantic import SecretStr
    from rich.console import RenderableType
    from textual.driver import Driver

    from tickettui.core.credential_provider import RenewableCredential, SecretQuestion
    from tickettui.core.drafts import DraftStore
    from tickettui.core.undo import LastChange
    from tickettui.ui.parsed_css import ParsedCss

BackendFactory = Callable[[], Backend]
# A deferred backend (httpx, wire models, the pool) is built once the queue has painted, or
# after this many seconds if it never does (no sections, a failing start).
BUILD_AFTER_PAINT_TIMEOUT = 1.0
# The first frame needs app.tcss and queue.tcss only; the other screens' stylesheets (detail,
# compose, edit, merge) are read once it is out, or before any other screen opens. Textual
# parses every stylesheet twice on the way to the first frame (a parse, then the theme's).
FIRST_FRAME_STYLESHEETS = 2


def _stylesheets() -> list[str]:
    from tickettui.ui.stylesheets import stylesheet_paths  # the package's, or the checkout's

    return stylesheet_paths()


@runtime_checkable
class KeepsDraft(Protocol):
    """A screen with a form whose draft it can write at once (the app is quitting)."""

    def keep_draft_now(self) -> None: ...


class TicketApp(CrashHook):
    """Keyboard-first triage of a ticket queue."""

    TITLE = "tickettui"
    CSS_PATH = _stylesheets()  # type: ignore[assignment]
    BINDINGS = [
        # f1 too: where `?` is typed into a field (the reply editor, the edit form).
        Binding("question_mark,f1", "help", "Keys", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        backend_factory: BackendFactory,
        *,
        columns: Sequence[str] = DEFAULT_COLUMNS,
        keymap: Mapping[str, str] | None = None,
        theme: str | None = None,
        credentials: RenewableCredential | None = None,
        drafts: DraftStore | None = None,
        confirm_close: bool = True,
        mark_read_on_open: bool = False,
        timezone_display: str = zones.LOCAL,
        live: LivePolicy | None = None,
        web_url: str = "",
        templates_dir: Path | None = None,
        download_folder: str = "",
    ) -> None:
        super().__init__()
        self.ending = False  # exit() was called: the app is on its way out
        self._later_css = self.css_path[FIRST_FRAME_STYLESHEETS:]
        self.css_path = self.css_path[:FIRST_FRAME_STYLESHEETS]
        zones.set_display_zone(timezone_display)  # times on screen: the profile's zone
        if credentials is not None:
            # A 401 mid-session asks again over the current screen, then the call is retried.
            credentials.ask = self.ask_credential
        self._backend_factory = backend_factory
        self._queue_painted = asyncio.Event()
        self._after_paint: list[Callable[[], object]] = []  # after_queue_painted's callbacks
        self.backend: Backend = backend_factory()
        if isinstance(self.backend, StartsLate):
            self.backend.defer_until(self._after_first_paint)
        self._drafts = drafts  # made on first use (``drafts``): not before the first frame
        self.drafts_announced = False  # the start-up notice about drafts left behind, once
        self.live_policy = live or LivePolicy()  # live sections: the profile's refresh/notify
        # The ticket's web page, {id} and {number} filled in (core.ticket_links); "" for none.
        self.web_url = web_url
        # Where `A` on a ticket saves attachments; "": the platform's downloads folder.
        self.download_folder = download_folder
        # The agent's own reply templates (ctrl+t when composing); None: the server's only.
        self.templates_dir = templates_dir
        self.confirm_close = confirm_close  # `c` asks "Close ticket N?" first (the profile's)
        # Opening an unread ticket marks it read (the profile's; off unless asked for, so an
        # app built without a profile, a test's, never writes by reading).
        self.mark_read_on_open = mark_read_on_open
        self.last_change: LastChange | None = None  # what `u` takes back, for UNDO_SECONDS
        self.columns = list(columns)
        self._keymap = dict(keymap or {})
        if self._keymap:
            self.set_keymap(self._keymap)
        if theme:
            self.theme = theme

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self.ending = True  # whoever asked: ctrl+q, a hang-up, a crash, the quick start
        super().exit(result, return_code, message)

    async def action_quit(self) -> None:
        # Behind the keys typed before ctrl+q, and with every open form's draft written now
        # rather than when its timer fires: the next start offers them back.
        after_typing(self, self._quit_keeping_drafts)

    def get_driver_class(self) -> type[Driver]:
        from tickettui.ui.textual_compat import surviving_hangups

        return surviving_hangups(super().get_driver_class())

    def _hung_up(self) -> None:
        """A dropped SSH session (SIGHUP) or a polite kill (SIGTERM) quits as ctrl+q does,
        keeping every open form's draft, instead of dying between two draft timers."""
        after_typing(self, self._quit_keeping_drafts)

    def _quit_keeping_drafts(self) -> None:
        self._keep_drafts()
        self.exit()

    def _keep_drafts(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, KeepsDraft):
                with contextlib.suppress(Exception):  # one broken screen must not cost the rest
                    screen.keep_draft_now()

    def on_crash(self) -> None:
        """A bug: keep every draft, then show the traceback WITHOUT local variables (Textual
        shows them, and a frame's locals can hold a password, a token or an Authorization
        header). The --debug log gets the same traceback."""
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        logging.getLogger("tickettui").debug("the app stopped on a bug", exc_info=True)
        self._keep_drafts()
        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self.show_on_exit(Segments(self.console.render(traceback, self.console.options)))
        self.close_now()

    @property
    def capabilities(self) -> Capabilities:
        return self.backend.capabilities

    async def _after_first_paint(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue_painted.wait(), BUILD_AFTER_PAINT_TIMEOUT)

    @property
    def drafts(self) -> DraftStore:
        """Unsaved edits, replies and notes of this account, handed to the screens that keep
        them. Made when first asked for (a form opens, drafts are announced after the first
        frame, a hang-up keeps them): core.drafts is not imported before the first frame."""
        if self._drafts is None:
            from tickettui.core.drafts import DraftStore, account_key, drafts_path

            self._drafts = DraftStore(drafts_path(), account_key(*self.backend.account))
        return self._drafts

    @property
    def queue_painted(self) -> bool:
        """Whether the queue's first rows (or its knowing it has none) are on the screen."""
        return self._queue_painted.is_set()

    def after_queue_painted(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the queue's first frame is out (at once if it is)."""
        if self._queue_painted.is_set():
            self.call_later(callback)
        else:
            self._after_paint.append(callback)

    def queue_shown(self) -> None:
        """The queue holds its first rows (or knows it has none): once painted, build away."""
        if not self._queue_painted.is_set():
            self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if not self._queue_painted.is_set():
            self._queue_painted.set()
            gc.enable()
            self._read_later_css()
            waiting, self._after_paint = self._after_paint, []
            for callback in waiting:
                self.call_later(callback)
            if self._keymap:
                self.call_later(self._check_keymap)

    def _read_later_css(self) -> None:
        """The stylesheets the first frame did without, in their order after the others (the
        cascade is the same as with all of them read at once)."""
        if self._later_css:
            later, self._later_css = self._later_css, []
            self.css_path = [*self.css_path, *later]
            for path in later:
                self.stylesheet.read(path)
            self.refresh_css(animate=False)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Every screen but the queue may need the stylesheets the first frame did without."""
        self._read_later_css()
        return super().push_screen(*args, **kwargs)

    def _check_keymap(self) -> None:
        """Say which keymap entries name no binding (Textual ignores them without a word).
        After the first paint: it imports every screen to learn their binding ids."""
        from tickettui.ui.binding_ids import keymap_problems

        for problem in keymap_problems(self._keymap):
            self.notify(f"{problem} — ignored", severity="warning", timeout=10, markup=False)

    def on_load(self) -> None:
        # No collections on the way to the first paint: the start allocates a lot and frees
        # little, and gen-2 passes over Textual's and our import-time objects cost 50-100 ms.
        # The CLI turns it off before importing Textual; collections resume once painted.
        gc.disable()
        # Before the driver takes the terminal: from here a hang-up lets the forms keep drafts.
        running = hangup.RunningApp(asyncio.get_running_loop(), self._hung_up, self._keep_drafts)
        hangup.attach(running)

    def on_mount(self) -> None:
        self.set_timer(BUILD_AFTER_PAINT_TIMEOUT, self._painted)  # a start that never paints
        from tickettui.ui.screens.queue import QueueScreen

        super().push_screen(QueueScreen())  # with app.tcss and queue.tcss only, until painted

    async def on_unmount(self) -> None:
        self._painted()
        await self.backend.aclose()

    # --- navigation used by every screen -------------------------------------------------

    def open_ticket(self, ticket_id: int) -> None:
        from tickettui.ui.screens.detail import DetailScreen

        self.push_screen(DetailScreen(ticket_id))

    def edit_ticket(self, ticket_id: int | None) -> None:
        from tickettui.ui.screens.edit import EditScreen

        self.push_screen(EditScreen(ticket_id))

    async def ask_credential(self, request: SecretQuestion, reason: str) -> SecretStr | None:
        """Ask for ``request`` in a modal over the current screen; None when cancelled.

        Works from any task (a worker, the client's renewal task): it waits on a future the
        modal's callback resolves, not on the message loop.
        """
        from tickettui.ui.screens.credential_prompt import CredentialPrompt

        answer: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()

        def done(value: str | None) -> None:
            if not answer.done():
                answer.set_result(value)

        self.push_screen(CredentialPrompt(request.question, reason), callback=done)
        value = await answer
        from pydantic import SecretStr

        return SecretStr(value) if value else None

    def remember_change(self, last: LastChange) -> None:
        """The one-key change `u` takes back; the footer shows `u` for as long as it can."""
        self.last_change = last
        self.refresh_bindings()
        from tickettui.core.undo import UNDO_SECONDS

        self.set_timer(UNDO_SECONDS + 0.1, self.refresh_bindings)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast, from any screen: plain text, never markup, never a raw escape.

        Toasts name tickets, owners, sections and quote servers' errors; one place makes all
        of that inert rather than each caller remembering to (``markup`` is ignored)."""
        super().notify(
            inert(message),
            title=inert_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def report_error(self, error: BaseException, doing: str = "") -> None:
        """A failed backend call becomes a one-line notification; the app keeps running."""
        if isinstance(error, TicketTuiError):
            text = str(error)
        else:
            self.log.error(repr(error))
            text = f"Unexpected {type(error).__name__}: {error}"
        prefix = f"{doing}: " if doing else ""
        self.notify(prefix + text, severity="error", timeout=8, markup=False)

    # --- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        from tickettui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Keys", "Show the keys of this screen", self.action_help)
        yield SystemCommand("New ticket", "Create a ticket", lambda: self.edit_ticket(None))


def run_app(
    backend_factory: BackendFactory,
    *,
    started: Callable[[TicketApp], None] | None = None,
    kept_css: Path | None = None,
    **options: Any,
) -> None:
    """Run the app in this terminal. It ends the process's work: a bug (status 1) or a hang-up
    or SIGTERM (128 + its number) raises SystemExit, so the CLI and the demo exit with it.

    ``started`` is given the app before it runs (the quick start: to end it from its thread
    when the full start disagrees with the start record). ``kept_css``: where the ``tickettui``
    command keeps Textual's parsed stylesheets between its runs (``parsed_css``), or None."""
    hangup.install()
    parsed_css = _reused_parsed_css(kept_css) if kept_css is not None else None
    app = TicketApp(backend_factory, **options)
    if started is not None:
        started(app)
    app.run()
    if parsed_css is not None:
        parsed_css.save()
    status = hangup.exit_status(app.return_code or 0)
    if status:
        hangup.silence_a_dead_terminal()
        raise SystemExit(status)


def _reused_parsed_css(path: Path) -> ParsedCss:
    """The stylesheets parsed by the command's last run, reused by this one (``parsed_css``)."""
    from tickettui.ui.parsed_css import ParsedCss
    from tickettui.ui.textual_compat import reuse_parsed_css

    store = ParsedCss(path)
    reuse_parsed_css(store)
    return store
