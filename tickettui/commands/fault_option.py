"""``--faults RATE[:KINDS]`` for the commands that start a local server (server, demo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from tickettui.servers.fault_kinds import ALL_KINDS, ENV_VAR

if TYPE_CHECKING:
    from tickettui.servers.faults import FaultPlan

F = TypeVar("F", bound=Callable[..., object])

__all__ = ["fault_plan", "faults_option"]


def faults_option(command: F) -> F:
    return click.option(
        "--faults",
        envvar=ENV_VAR,
        default=None,
        metavar="RATE[:KINDS]",
        help=f"Make the local server fail RATE of requests, e.g. 0.2 or 0.2:500,reset,slow. "
        f"Kinds: {', '.join(ALL_KINDS)} (default all; env {ENV_VAR}).",
    )(command)


def fault_plan(spec: str | None, *, seed: int | None = None) -> FaultPlan | None:
    """The plan for ``spec``; a bad one is a one-line usage error naming --faults."""
    if not spec:
        return None
    from tickettui.servers.faults import FaultPlan

    try:
        return FaultPlan.parse(spec, seed=seed)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--faults") from None
