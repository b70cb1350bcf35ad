"""What every command shares: errors as one line and an exit status, the keyring and the prompt
as a terminal user gets them, the system names of the registry as a click type."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import click

from tickettui import systems
from tickettui.core.errors import TicketTuiError
from tickettui.core.safe_text import inert_line

P = ParamSpec("P")
T = TypeVar("T")

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


class SystemChoice(click.ParamType[str, object]):
    """A system's name, checked against the registry when the command line is read (the
    systems there are listed in --help and in the error for an unknown one)."""

    name = "system"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "[" + "|".join(systems.names()) + "]"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        name = str(value).strip().lower()
        if name not in systems.names():
            self.fail(f"{value!r} is not one of {', '.join(systems.names())}", param, ctx)
        return name


def fail(message: str) -> None:
    """One line on stderr (inert: a message may quote a server)."""
    click.echo(f"tickettui: {inert_line(message)}", err=True)


def friendly_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Turn every error into one line on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except TicketTuiError as error:
            fail(str(error))
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `tickettui list | head`: the reader left; that is not an error worth a message.
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush
            sys.exit(0)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as error:  # a bug: still one line; --debug logs the traceback
            # Debug level: the traceback goes to the --debug log only, never to the terminal.
            logging.getLogger("tickettui").debug("unexpected error", exc_info=True)
            fail(f"unexpected {type(error).__name__}: {error} (run with --debug for details)")
            sys.exit(EXIT_ERROR)

    return wrapper


def run_async(coro_fn: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(coro_fn())  # type: ignore[arg-type]


def keyring_store() -> Any:
    from tickettui.commands.terminal import say
    from tickettui.credentials.keyring_store import KeyringStore

    return KeyringStore(notice=say)


def prompt() -> Any:
    """Ask for a missing secret when a person is at the terminal; never in a script."""
    from tickettui.commands.terminal import ask_secret, interactive

    return ask_secret if interactive() else None
