"""Which language the app speaks, and installing Qt's catalogues for it: ours and Qt's own ``qtbase``.

Two languages: English (the source text; its catalogue holds only the plural forms) and Simplified
Chinese. The user chooses in Settings; on *Automatic* the system decides: a first preferred language
written in Simplified Chinese (zh_CN, zh_SG, zh_Hans…) gives Chinese, anything else (zh_TW and zh_HK
included, which are written in Traditional characters) gives English. The window asks Qt for the
system's preference (on Linux the locale variables, on Windows and macOS the system settings); the CLI
follows the terminal's ``LC_ALL``/``LC_MESSAGES``/``LANG`` (and ``LANGUAGE``) as gettext does, on every
platform, and the system's preference only when none is set.

Numbers, money and dates follow the same choice: ``QLocale``'s default becomes the system locale when it
speaks the chosen language (an en_GB user keeps day/month dates), else the language's usual locale
(en_US, zh_CN), so an English window never shows German decimal commas and the C locale never drops
the thousands separators.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from happyhorse_desktop.assets import asset_path

log = logging.getLogger(__name__)

CATALOGUE = "happyhorse"  # resources/i18n/happyhorse_<language>.qm
QT_CATALOGUE = "qtbase"  # Qt's own: standard buttons, file dialogs, message boxes


class Language(StrEnum):
    """A language choice as the settings file stores it; ``AUTO`` follows the system."""

    AUTO = "auto"
    ENGLISH = "en"
    CHINESE = "zh_CN"


# The locale whose formats a language uses when the system's locale speaks another language.
USUAL_LOCALE = {Language.ENGLISH: "en_US", Language.CHINESE: "zh_CN"}


def parse_language(value: object) -> Language:
    """A language choice from the settings file; anything unknown means Automatic."""
    try:
        return Language(str(value))
    except ValueError:
        return Language.AUTO


def language_of(locale_name: str) -> Language:
    """The language the app speaks to someone whose preferred locale is ``locale_name``
    (``zh_CN.UTF-8``, ``zh-Hans-SG``, ``en_GB``, ``C``…)."""
    locale = QLocale(locale_name.replace("-", "_"))
    simplified = locale.script() == QLocale.Script.SimplifiedHanScript
    return (
        Language.CHINESE if locale.language() == QLocale.Language.Chinese and simplified else Language.ENGLISH
    )


def system_language(preferences: Sequence[str] | None = None) -> Language:
    """The language of the user's first preferred UI language (the system's, unless given)."""
    if preferences is None:
        system = QLocale.system()
        preferences = system.uiLanguages() or [system.name()]
    return language_of(preferences[0]) if preferences else Language.ENGLISH


def terminal_language(environ: Mapping[str, str] | None = None) -> Language:
    """The language of a terminal: ``LANGUAGE`` (unless the locale is C), then ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, as gettext reads them; the system's preference when none is set (macOS
    and Windows terminals often set none, and Qt would read the system settings there anyway)."""
    environ = os.environ if environ is None else environ
    locale_name = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if not locale_name:
        return system_language()
    priority = environ.get("LANGUAGE", "").split(":")[0]
    if priority and QLocale(locale_name).language() != QLocale.Language.C:
        return language_of(priority)
    return language_of(locale_name)


def resolve(choice: Language | str) -> Language:
    """The language to speak for a choice: the choice itself, or on Automatic the system's."""
    choice = parse_language(choice)
    return system_language() if choice is Language.AUTO else choice


def formatting_locale(language: Language, system: QLocale | None = None) -> QLocale:
    """The locale numbers, money and dates are written in when the app speaks ``language``."""
    system = system if system is not None else QLocale.system()
    if language is Language.CHINESE:
        speaks = language_of(system.name()) is Language.CHINESE
    else:
        speaks = system.language() == QLocale.Language.English
    return system if speaks else QLocale(USUAL_LOCALE[language])


def load_catalogues(language: Language) -> list[QTranslator]:
    """Our catalogue and Qt's for ``language``, loaded but not installed (those found)."""
    found = []
    ours = asset_path(f"i18n/{CATALOGUE}_{language.value}.qm")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((ours.stem, str(ours.parent)), (f"{QT_CATALOGUE}_{language.value}", qt_folder)):
        translator = QTranslator()
        if translator.load(name, folder):
            translator.setObjectName(name)
            found.append(translator)
        elif language is Language.CHINESE or name.startswith(CATALOGUE):
            log.warning("translation catalogue %s not found in %s", name, folder)
    return found


@dataclass
class _State:
    """What :func:`install` put in place (Qt keeps only pointers: the translators live here)."""

    language: Language | None = None
    translators: list[QTranslator] = field(default_factory=list)


_state = _State()


@dataclass(frozen=True)
class Installed:
    language: Language
    catalogues: tuple[str, ...]  # e.g. ("happyhorse_zh_CN", "qtbase_zh_CN")


def install(choice: Language | str = Language.AUTO) -> Installed:
    """Speak ``choice`` from now on: replace the installed catalogues, set QLocale's default.

    Needs a Q(Core)Application. Widgets built afterwards are in that language; widgets already shown
    keep their text (the settings dialog says a new choice applies at the next start).
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QCoreApplication")
    language = resolve(choice)
    translators = load_catalogues(language)
    _replace(app, translators)
    _state.language = language
    QLocale.setDefault(formatting_locale(language))
    names = tuple(t.objectName() for t in translators)
    log.info("language %s (catalogues: %s)", language.value, ", ".join(names) or "none")
    return Installed(language, names)


def _replace(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for old in _state.translators:
        app.removeTranslator(old)
    for new in translators:
        app.installTranslator(new)
    _state.translators = translators


def installed_language() -> Language:
    """The language the app speaks now (English until :func:`install` ran: the source text)."""
    return _state.language or Language.ENGLISH


@contextmanager
def speaking(choice: Language | str = Language.AUTO) -> Iterator[Installed]:
    """:func:`install` for the duration of a block, then put back what was there before (the CLI's
    ``main()`` may run inside another Qt program, such as the test suite)."""
    app = QCoreApplication.instance()
    before = (_state.language, list(_state.translators), QLocale())
    try:
        yield install(choice)
    finally:
        if app is not None:
            _replace(app, before[1])
        _state.language = before[0]
        QLocale.setDefault(before[2])


def application() -> QCoreApplication:
    """The running Qt application, or a new ``QCoreApplication`` for a process that has none (the CLI:
    installing translators needs one, and it is cheap)."""
    app = QCoreApplication.instance()
    if app is None:
        global _core_app
        _core_app = app = QCoreApplication(["happyhorse-cli"])
    return app


_core_app: QCoreApplication | None = None
_early: dict[Language, list[QTranslator]] = {}


def translate_early(context: str, text: str) -> str:
    """``text`` in the system's language before any Qt application exists (the launcher's own
    messages: its ``--help``, missing display libraries). No plural forms here."""
    language = system_language()
    if language not in _early:
        _early[language] = load_catalogues(language)
    for translator in _early[language]:
        found = translator.translate(context, text)
        if found:
            return found
    return text
