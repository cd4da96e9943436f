"""Argument helpers the subcommands share."""

from __future__ import annotations

import argparse


def add_switches(parser: argparse.ArgumentParser, switches: dict[str, str]) -> None:
    """An on/off option (``--name``, off unless given) for each entry: option name → its translated help."""
    for name, help_text in switches.items():
        parser.add_argument(name, action="store_true", help=help_text)
