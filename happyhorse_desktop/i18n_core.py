"""The one name every module uses to mark text for translation (Qt's catalogues, see resources/i18n).

``translate("Context", "text")`` is ``QCoreApplication.translate``: ``pyside6-lupdate`` finds these calls;
without a translator installed it returns the English text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
