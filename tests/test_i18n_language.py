"""Which language the app speaks, what installing it changes (and puts back), and how numbers, money,
dates, counts and error messages read in each language. In-process: a language is installed into the
suite's own application for one block (``i18n.speaking``) and removed afterwards."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QComboBox, QLabel

from happyhorse_desktop import formatting, i18n
from happyhorse_desktop.api.errors import ErrorKind, EvoLinkError, describe_task_failure
from happyhorse_desktop.cli.output import columns, pad
from happyhorse_desktop.config import AppSettings, load_config, saved_settings
from happyhorse_desktop.i18n import Language
from happyhorse_desktop.i18n_core import translate
from happyhorse_desktop.validation import check_prompt

ZH, EN = Language.CHINESE, Language.ENGLISH


# case id → locale name
SIMPLIFIED_CHINESE = {
    "zh_CN": "zh_CN.UTF-8",
    "zh_SG": "zh_SG",
    "zh_Hans": "zh_Hans",
    "BCP47 zh-Hans-HK": "zh-Hans-HK",
    "plain zh": "zh",
}
ENGLISH = {
    "zh_TW is Traditional": "zh_TW.UTF-8",
    "zh_HK is Traditional": "zh_HK",
    "zh-Hant": "zh-Hant",
    "en_GB": "en_GB.UTF-8",
    "fr_FR": "fr_FR",
    "C": "C",
    "empty": "",
}


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [
        *(pytest.param(name, ZH, id=case) for case, name in SIMPLIFIED_CHINESE.items()),
        *(pytest.param(name, EN, id=case) for case, name in ENGLISH.items()),
    ],
)
def test_the_language_for_a_locale(locale_name: str, expected: Language) -> None:
    assert i18n.language_of(locale_name) is expected


def test_the_first_preferred_language_decides() -> None:
    assert i18n.system_language(["zh-Hans-CN", "en-US"]) is ZH
    assert i18n.system_language(["en-US", "zh-Hans-CN"]) is EN
    assert i18n.system_language([]) is EN


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({"LANG": "zh_CN.UTF-8"}, ZH, id="LANG"),
        pytest.param({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, EN, id="LC_ALL beats LANG"),
        pytest.param({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_SG.UTF-8"}, ZH, id="LC_MESSAGES beats LANG"),
        pytest.param({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, ZH, id="LANGUAGE first"),
        pytest.param({"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}, EN, id="LANGUAGE ignored under C"),
        pytest.param({}, EN, id="nothing set: the system's (C here)"),
    ],
)
def test_the_terminal_language_reads_the_locale_variables_like_gettext(
    environ: dict[str, str], expected: Language
) -> None:
    assert i18n.terminal_language(environ) is expected


def test_a_choice_in_the_settings_beats_the_system() -> None:
    assert i18n.resolve("zh_CN") is ZH and i18n.resolve("en") is EN
    assert i18n.resolve("auto") is i18n.system_language() is EN  # the suite runs under C.UTF-8
    assert i18n.parse_language("klingon") is Language.AUTO  # a hand-edited settings file


@pytest.mark.parametrize(
    ("language", "system", "expected"),
    [
        pytest.param(EN, "en_GB", "en_GB", id="English on en_GB keeps day/month"),
        pytest.param(EN, "de_DE", "en_US", id="English on a German system"),
        pytest.param(EN, "C", "en_US", id="English on C"),
        pytest.param(ZH, "zh_SG", "zh_SG", id="Chinese on zh_SG"),
        pytest.param(ZH, "en_US", "zh_CN", id="Chinese chosen on an English system"),
    ],
)
def test_formats_follow_the_spoken_language(language: Language, system: str, expected: str) -> None:
    assert i18n.formatting_locale(language, QLocale(system)).name() == expected


def test_installing_chinese_and_putting_english_back() -> None:
    assert translate("Status", "Completed") == "Completed"
    with i18n.speaking(ZH) as installed:
        assert installed.catalogues == ("happyhorse_zh_CN", "qtbase_zh_CN")
        assert i18n.installed_language() is ZH
        assert translate("Status", "Completed") == "已完成"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own catalogue
        assert QLocale().name() == "zh_CN"
    assert translate("Status", "Completed") == "Completed"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert i18n.installed_language() is EN and QLocale().language() == QLocale.Language.C


@pytest.mark.parametrize(
    ("language", "excess", "expected"),
    [
        pytest.param(EN, 1, "The last character would be cut off.", id="en one"),
        pytest.param(EN, 7, "The last 7 characters would be cut off.", id="en many"),
        pytest.param(ZH, 1, "最后 1 个字符会被截掉。", id="zh one"),
        pytest.param(ZH, 7, "最后 7 个字符会被截掉。", id="zh many"),
    ],
)
def test_counts_take_each_language_plural_forms(language: Language, excess: int, expected: str) -> None:
    with i18n.speaking(language):
        message = check_prompt("a" * (5000 + excess)).message
    assert message is not None and message.endswith(expected), message


def test_an_error_says_what_to_do_in_chinese_and_keeps_the_server_words() -> None:
    with i18n.speaking(ZH):
        error = EvoLinkError(ErrorKind.AUTH, "Invalid API key provided.", status=401, code="invalid_api_key")
        failure = describe_task_failure("content_policy_violation", "Face detected.")
        assert error.user_message == (
            "API 密钥被拒绝（HTTP 401, invalid_api_key）：Invalid API key provided。请在设置中检查密钥。"
        )
        assert failure.startswith("被内容政策拒绝")
        assert "服务器返回：Face detected。" in failure and failure.endswith("预扣的积分会退还。")
    english = EvoLinkError(ErrorKind.AUTH, "Invalid API key provided.", status=401, code="invalid_api_key")
    assert english.user_message == (
        "The API key was refused (HTTP 401, invalid_api_key): Invalid API key provided. "
        "Check the key in Settings."
    )


@contextmanager
def default_locale(name: str) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(name))
    try:
        yield
    finally:
        QLocale.setDefault(before)


JAN_5_2024_15_04 = time.mktime((2024, 1, 5, 15, 4, 0, 0, 0, -1))


@pytest.mark.parametrize(
    ("locale_name", "credits", "dollars", "when"),
    [
        pytest.param("en_US", "1,234.50", "$1.79", "1/5/24 3:04\u202fPM", id="en_US"),
        pytest.param("zh_CN", "1,234.50", "$1.79", "2024/1/5 15:04", id="zh_CN"),
        pytest.param("de_DE", "1.234,50", "1,79\xa0$", "05.01.24 15:04", id="de_DE"),
        pytest.param("C", "1,234.50", "$1.79", "1/5/24 3:04\u202fPM", id="C reads as en_US"),
    ],
)
def test_numbers_money_and_dates_follow_the_locale(
    locale_name: str, credits: str, dollars: str, when: str
) -> None:
    with default_locale(locale_name):
        assert formatting.credits(1234.5) == credits
        assert formatting.dollars(1.79) == dollars
        assert formatting.date_time(JAN_5_2024_15_04) == when
        assert formatting.credits(None) == "—"


def test_moments_and_durations_in_english_and_chinese() -> None:
    later_that_day = JAN_5_2024_15_04 + 3600
    next_month = time.mktime((2024, 2, 20, 9, 0, 0, 0, 0, -1))
    next_year = time.mktime((2025, 3, 1, 9, 0, 0, 0, 0, -1))
    with default_locale("en_US"):
        # CLDR puts a narrow no-break space before AM/PM
        assert formatting.moment(JAN_5_2024_15_04, later_that_day) == "3:04\u202fPM"
        assert formatting.moment(JAN_5_2024_15_04, next_month) == "Jan 5 3:04\u202fPM"
        assert formatting.moment(JAN_5_2024_15_04, next_year) == "1/5/24"
        assert [formatting.duration(s) for s in (45, 125, 3845)] == ["45 s", "2 min 5 s", "1 h 4 min"]
    with i18n.speaking(ZH):
        assert formatting.moment(JAN_5_2024_15_04, later_that_day) == "15:04"
        assert formatting.moment(JAN_5_2024_15_04, next_month) == "1月5日 15:04"
        assert formatting.moment(JAN_5_2024_15_04, next_year) == "2024/1/5"
        assert [formatting.duration(s) for s in (45, 125, 3845)] == ["45 秒", "2 分 5 秒", "1 小时 4 分"]
        assert formatting.seconds(5) == "5 秒"
    assert [formatting.clock(s) for s in (245, 3845)] == ["4:05", "1:04:05"]


def test_terminal_columns_count_chinese_characters_twice() -> None:
    assert columns("已完成") == 6 and columns("Completed") == 9
    assert pad("已完成", 8) == "已完成  " and pad("12%", 5, right=True) == "  12%"


def test_the_language_setting_is_saved_and_a_bad_one_reads_as_automatic() -> None:
    config = load_config()
    config.apply(AppSettings(language="zh_CN"))
    assert saved_settings().language == "zh_CN"
    settings = config.qsettings()
    settings.setValue("language", "klingon")
    settings.sync()
    assert saved_settings().language == "auto"


async def _balance(_key: str):  # type: ignore[no-untyped-def]
    raise AssertionError("not asked in this test")


def test_the_settings_dialog_offers_the_language_and_says_it_applies_at_the_next_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    from happyhorse_desktop.ui.dialogs import SettingsDialog

    dialog = SettingsDialog(AppSettings(), True, "", _balance)
    qtbot.addWidget(dialog)
    combo = dialog.findChild(QComboBox, "languageCombo")
    note = dialog.findChild(QLabel, "languageNote")
    assert combo is not None and note is not None
    assert [combo.itemData(i) for i in range(combo.count())] == ["auto", "en", "zh_CN"]
    assert combo.itemText(2) == "简体中文"  # each language named in its own words
    assert combo.currentData() == "auto" and note.isHidden()  # automatic is English here: nothing changes
    combo.setCurrentIndex(combo.findData("zh_CN"))
    assert not note.isHidden() and "next time the app starts" in note.text()
    assert dialog.values().settings.language == "zh_CN"
    combo.setCurrentIndex(combo.findData("en"))
    assert note.isHidden() and dialog.values().settings.language == "en"
