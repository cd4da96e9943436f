"""argparse's own words (``usage:``, ``options``, its error messages) through Qt's catalogues.

argparse looks its words up with ``gettext`` through the module-level name ``argparse._`` at the moment
it builds a parser, prints help or reports an error. :func:`argparse_words` points that name at Qt's
translation for the duration of a block, so ``happyhorse-cli --help`` is Chinese all the way through,
and puts it back afterwards (other argparse users in the same process keep theirs). Words argparse does
not ask for through ``_`` (or a future Python rewords) simply stay English.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from happyhorse_desktop.i18n_core import QT_TRANSLATE_NOOP, translate

CONTEXT = "argparse"

# The words argparse shows users (Python 3.11-3.13 spell them so); marked here for lupdate.
WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
)


def _qt_words(message: str) -> str:
    return translate(CONTEXT, message)


@contextmanager
def argparse_words(lookup: Callable[[str, str], str] | None = None) -> Iterator[None]:
    """argparse speaks through ``lookup(context, text)`` (default: the installed catalogues) inside
    the block: build the parser and parse inside it."""
    original = getattr(argparse, "_", None)
    if not callable(original):  # an argparse that no longer looks words up this way
        yield
        return
    argparse._ = _qt_words if lookup is None else (lambda message: lookup(CONTEXT, message))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
