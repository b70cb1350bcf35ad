"""The fault kinds and their environment variable, apart from the machinery: the CLI names them
in ``--help`` on every start without loading the fault injection itself."""

from __future__ import annotations

__all__ = ["ALL_KINDS", "ENV_VAR"]

ENV_VAR = "TICKETTUI_FAULTS"

# Every kind the plan knows. "latency" delays an otherwise normal answer; "timeout" holds the
# answer past the client's timeout and drops it; "slow" is a server still working when the
# client gives up: it applies the request late (the write a client must not send twice).
ALL_KINDS = (
    "latency",
    "500",
    "502",
    "503",
    "500html",
    "502html",
    "503html",
    "429",
    "reset",
    "timeout",
    "slow",
    "truncated",
    "401",
    "421",
)
