"""``happyhorse-cli stitch ID ID... -o FILE.mp4``: join finished takes, in the order given, into one MP4.

Lossless (the samples are copied) when the takes share codec parameters, re-encoded otherwise; a take
that continues the one before it loses its first frame, which repeats the frame it was made from
(``--keep-boundary`` keeps it). The takes are never modified; the result gets its own sidecar. A part
that is missing or not finished exits 2 with the reason. A re-encoded join has no sound: a line on stderr
says so, before joining, when takes with sound are re-encoded.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from happyhorse_desktop import formatting
from happyhorse_desktop.cli.arguments import add_switches
from happyhorse_desktop.cli.exits import EXIT_OK, EXIT_USAGE
from happyhorse_desktop.cli.output import Cli, say
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.media.progress import MediaError, Progress
from happyhorse_desktop.tasks.chains import finished_video, stitch_takes

if TYPE_CHECKING:
    from happyhorse_desktop.engine import Engine
    from happyhorse_desktop.tasks.record import TaskRecord


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    stitch = sub.add_parser("stitch", help=translate("Cli", "join finished takes into one MP4"))
    stitch.add_argument("ids", nargs="+", metavar="ID", help=translate("Cli", "the takes, in order"))
    stitch.add_argument("-o", "--output", required=True, help=translate("Cli", "the MP4 file to write"))
    add_switches(
        stitch,
        {
            "--keep-boundary": translate(
                "Cli", "keep the first frame of a continuation (it repeats the frame before)"
            ),
            "--reencode": translate("Cli", "re-encode even when a copy would do"),
            "--force": translate("Cli", "replace the output file if it exists"),
        },
    )


async def run(engine: Engine, args: argparse.Namespace) -> int:
    if len(args.ids) < 2:
        say(translate("Cli", "error: {problem}").format(problem=translate("Cli", "name at least two takes")))
        return EXIT_USAGE
    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".mp4":
        say(
            translate("Cli", "error: {problem}").format(
                problem=translate("Cli", "the output must be an .mp4 file")
            )
        )
        return EXIT_USAGE
    if output.exists() and not args.force:
        say(translate("Cli", "error: {path} exists (use --force to replace it)").format(path=output))
        return EXIT_USAGE
    records: list[TaskRecord] = []
    try:
        for ref in args.ids:
            record = engine.store.find(ref)
            finished_video(record, ref)
            assert record is not None
            records.append(record)
        await _warn_of_lost_sound(args.ids, records, reencode=args.reencode)
        shown = {"percent": -1}

        def report(fraction: float) -> None:
            percent = int(fraction * 100) // 10 * 10
            if percent != shown["percent"] and sys.stderr.isatty():
                shown["percent"] = percent
                print(f"\r  {percent}%", end="", file=sys.stderr, flush=True)

        result = await stitch_takes(
            records, output, Progress(report), drop_boundary=not args.keep_boundary, reencode=args.reencode
        )
    except MediaError as exc:
        say(translate("Cli", "error: {problem}").format(problem=exc))
        return EXIT_USAGE
    how = translate("Cli", "lossless") if result.lossless else translate("Cli", "re-encoded")
    say(
        Cli.tr("Stitched %n takes into {path} ({how}, {seconds} s).", "", len(records)).format(
            path=output, how=how, seconds=formatting.number(result.seconds, 2)
        )
    )
    return EXIT_OK


async def _warn_of_lost_sound(refs: list[str], records: list[TaskRecord], *, reencode: bool) -> None:
    from happyhorse_desktop.media.stitch import sound_left_out  # Qt's media modules: only when stitching

    paths = [Path(r.video_path or "") for r in records]
    silenced = await asyncio.to_thread(sound_left_out, paths, reencode=reencode)
    if silenced:
        say(
            translate(
                "Cli",
                "note: these takes are re-encoded, and a re-encoded join has no sound: the sound of {ids} "
                "is left out.",
            ).format(ids=", ".join(refs[i] for i in silenced))
        )
