"""Numbers, money, dates, times and durations as the reader's language writes them — one place for the
CLI and the window.

Everything goes through ``QLocale()``, whose default :func:`happyhorse_desktop.i18n.install` sets for
the language the app speaks (en_US ``1,234.50`` and ``1/5/24 3:04 PM``; zh_CN ``1,234.50`` and
``2024/1/5 15:04``; an en_GB or de_DE system keeps its own formats when it speaks that language). The C
locale of a bare environment writes numbers without separators, so it is read as en_US here.
Identifiers (seeds, task ids, pixel sizes) are not numbers to read and are written plainly by callers.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime, QLocale

from happyhorse_desktop.i18n_core import translate

NO_VALUE = "—"


def locale() -> QLocale:
    """The locale to write in: QLocale's default, with the C locale read as en_US."""
    current = QLocale()
    return QLocale("en_US") if current.language() == QLocale.Language.C else current


def number(value: float, decimals: int = 0) -> str:
    """``1,234`` / ``1,234.5`` with the locale's separators."""
    if decimals == 0:
        return locale().toString(round(value))
    return locale().toString(float(value), "f", decimals)


def decimal(value: float, decimals: int = 2) -> str:
    """As many decimals as the value needs, at most ``decimals``: ``8``, ``23.98``, ``10.5``."""
    return locale().toString(float(round(value, decimals)), "g", 15)


def credits(value: float | None) -> str:
    """An amount of credits, always with two decimals: ``1,095.40``; a dash when unknown."""
    return NO_VALUE if value is None else number(value, 2)


def dollars(value: float) -> str:
    """US dollars with two decimals in the locale's way: ``$1.79`` (``1,79 $`` in German)."""
    return locale().toCurrencyString(float(value), "$", 2)


def percent(value: int) -> str:
    return f"{number(value)}{locale().percent()}"


def megabytes(size_bytes: int, decimals: int = 1) -> str:
    """A file size in MB (1 MB = 1,048,576 bytes, as the API's limits are stated), number only."""
    return number(size_bytes / 1048576, decimals)


def _moment(timestamp: float) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(round(timestamp * 1000))


def date_time(timestamp: float) -> str:
    """Date and time of day in the locale's short form: ``1/5/24 3:04 PM``, ``2024/1/5 15:04``."""
    return locale().toString(_moment(timestamp), QLocale.FormatType.ShortFormat)


def time_of_day(timestamp: float) -> str:
    return locale().toString(_moment(timestamp).time(), QLocale.FormatType.ShortFormat)


def date(timestamp: float) -> str:
    return locale().toString(_moment(timestamp).date(), QLocale.FormatType.ShortFormat)


def moment(timestamp: float, now: float | None = None) -> str:
    """When something happened, as short as a list needs: the time today (``15:04``), the day and
    time this year (``Jan 5 15:04``, ``1月5日 15:04``), the date before (``1/5/23``)."""
    when = _moment(timestamp)
    today = _moment(time.time() if now is None else now).date()
    if when.date() == today:
        return time_of_day(timestamp)
    if when.date().year() == today.year():
        # A Qt date pattern, translated: each language orders month and day its own way.
        pattern = translate("Formatting", "MMM d")
        return f"{locale().toString(when.date(), pattern)} {time_of_day(timestamp)}"
    return date(timestamp)


def seconds(value: int) -> str:
    """A length of video or a wait: ``5 s``, ``5 秒``."""
    return translate("Formatting", "{seconds} s").format(seconds=number(value))


def duration(total_seconds: float) -> str:
    """How long something took, in words: ``45 s``, ``2 min 5 s``, ``1 h 4 min``."""
    whole = max(0, round(total_seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return translate("Formatting", "{hours} h {minutes} min").format(hours=number(hours), minutes=minutes)
    if minutes and not secs:
        return translate("Formatting", "{minutes} min").format(minutes=minutes)
    if minutes:
        return translate("Formatting", "{minutes} min {seconds} s").format(minutes=minutes, seconds=secs)
    return seconds(secs)


def sentences(*parts: str) -> str:
    """Sentences one after another: a space between them, except after a full-width stop (Chinese
    writes no space after 。！？), so each can be translated whole and still read as one paragraph."""
    text = ""
    for part in (p.strip() for p in parts):
        if part:
            text += ("" if not text or text.endswith(("。", "！", "？", "）")) else " ") + part
    return text


def clock(total_seconds: float) -> str:
    """A running time as a clock shows it: ``4:05``, ``1:04:05`` (the same in every language)."""
    whole = max(0, round(total_seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
