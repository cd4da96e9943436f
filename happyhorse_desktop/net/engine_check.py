"""The connection check for an engine: its API and files hosts, its key and the newest result link in
its history — the same steps for the Settings dialog's "Check connection" and ``happyhorse-cli check``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from happyhorse_desktop.net.diagnose import ConnectionCheck, Step

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.net.proxy import NetworkSettings

CheckRunner = Callable[["NetworkSettings"], AsyncIterator[Step]]
MARKS = {True: "✓", False: "✗", None: "–"}  # passed, failed here, not checked


def connection_check(engine: Engine) -> CheckRunner:
    """The check for ``engine``'s API and files hosts, its key and the newest result link, through the
    network settings it is given (the form's, in Settings; those in force, in the CLI)."""

    async def run(settings: NetworkSettings) -> AsyncIterator[Step]:
        current = engine.network
        if settings.username and not settings.password and current and current.username == settings.username:
            settings = settings.with_password(current.password)  # the form left the saved one as is
        result_url = next((r.results[0] for r in engine.store.iter_newest(50) if r.results), None)
        check = ConnectionCheck(
            api_base=engine.config.api_base,
            files_base=engine.config.files_base,
            api_key=engine.key_provider(),
            network=settings,
            result_url=result_url,
        )
        async for step in check.run():
            yield step

    return run
