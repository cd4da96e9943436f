"""``happyhorse-cli check``: the Settings dialog's "Check connection" in a terminal — name lookup,
connection, proxy, TLS, API key, files host and result downloads, each passed, failed (and how, in plain
words) or not checked. Exit 0 when no step failed, 1 when one did."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from happyhorse_desktop.cli.exits import EXIT_ERROR, EXIT_OK
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.net.engine_check import MARKS, connection_check

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub.add_parser(
        "check",
        help=translate(
            "Cli", "check the connection to EvoLink step by step (proxy, TLS, key, files host, downloads)"
        ),
    )


async def run(engine: Engine) -> int:
    settings = await asyncio.to_thread(engine.network_settings)  # a proxy password may be in the keychain
    failed = False
    async for step in connection_check(engine)(settings):
        failed = failed or step.ok is False
        print(f"{MARKS[step.ok]} {step.title} — {step.detail}", flush=True)
    if failed:
        print(translate("Cli", "The connection fails at the step marked ✗."))
    return EXIT_ERROR if failed else EXIT_OK
