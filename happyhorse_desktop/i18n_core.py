"""The names every module uses to mark text for translation (Qt's catalogues, see resources/i18n).

Cheap to import (QtCore only): the engine, the CLI and the launcher's library check use it.

- ``translate("Context", "text")`` is ``QCoreApplication.translate``: ``pyside6-lupdate`` finds these
  calls; without a translator installed it returns the English text.
- ``QT_TRANSLATE_NOOP("Context", "text")`` marks a module-level constant; translate it where it is shown
  with ``translate("Context", constant)``.
- A message with a count uses a :class:`Context` named like its context:
  ``Validation = Context("Validation")`` then ``Validation.tr("%n frames", "", count)``. lupdate's Python
  reader records plural forms only for ``tr`` calls (it takes ``translate``'s fourth argument for an
  encoding), and takes the name before ``.tr`` as the context.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["QT_TRANSLATE_NOOP", "Context", "translate", "without_mnemonic"]

translate = QCoreApplication.translate
# A mnemonic as Chinese (and Japanese…) translations write it, after the words: "生成视频(&G)".
_TRAILING_MNEMONIC = re.compile(r"\s*[(（]&\w[)）]")


def without_mnemonic(text: str) -> str:
    """A menu or button text as a tooltip or a toolbar button shows it: ``&Re-run`` → ``Re-run``,
    ``重新生成(&R)`` → ``重新生成`` (Qt itself only drops the ``&``, leaving ``重新生成(R)``)."""
    return _TRAILING_MNEMONIC.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


class Context:
    """A translation context for code outside widgets; ``tr`` works like a widget's ``self.tr``.

    The variable holding it must be named exactly as the context (``Cli = Context("Cli")``): lupdate
    reads the context from the name written before ``.tr``.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str = "", n: int = -1) -> str:
        """The translation of ``text``; with ``n`` ≥ 0 the plural form for ``n``, ``%n`` replaced by it."""
        return QCoreApplication.translate(self.name, text, disambiguation or None, n)
