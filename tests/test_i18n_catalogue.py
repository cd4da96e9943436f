"""The translation catalogues against the code: complete and current (pyside6-lupdate finds nothing
unfinished or obsolete, and the built .qm files are the .po files compiled, saying what they say), every
marked call written so that lupdate sees it, placeholders kept, and the glossary's words used."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import polib
import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "resources" / "i18n"
PACKAGE = ROOT / "happyhorse_desktop"
# {name}, %n, %(name)s, %s, %r: what the code fills in after translating
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n|%\([a-z_]+\)[sr]|%[sr]")


def qt_context(entry: polib.POEntry) -> tuple[str, str]:
    """(context, disambiguation): Qt writes a message's ``msgctxt`` as ``Context|disambiguation``."""
    context, _, disambiguation = (entry.msgctxt or "").partition("|")
    return context, disambiguation


def forms_of(entry: polib.POEntry) -> list[str]:
    return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)] or [entry.msgstr]


def messages(po: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(context, source, translations) for every message; a plural message has one per form."""
    for entry in polib.pofile(str(po)):
        yield qt_context(entry)[0], entry.msgid, forms_of(entry)


def test_catalogues_are_complete_and_current() -> None:
    """``tools/update_translations.py --check`` runs pyside6-lupdate over the package into a copy of
    each catalogue: a new string (unfinished), a removed one (obsolete) or a stale .qm fails here, with
    the list of entries to fix. The fix: run the tool, translate what it lists, run it again."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("catalogue", ["happyhorse_zh_CN.po", "happyhorse_en.po"])
def test_translations_keep_every_placeholder(catalogue: str) -> None:
    broken = [
        (context, source, form)
        for context, source, forms in messages(CATALOGUES / catalogue)
        for form in forms
        if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source))
        # a singular English form may say "character" instead of "%n characters"
        and not (catalogue == "happyhorse_en.po" and form is forms[0] and "%n" not in form)
    ]
    assert not broken


GLOSSARY = {  # English word -> the Chinese word resources/i18n/README.md fixes for it
    r"\bcredits?\b": "积分",
    r"\bprompts?\b": "提示词",
    r"\bseeds?\b": "种子",
    r"\btasks?\b": "任务",
    r"\bkeychain\b": "钥匙串",
}


def test_the_glossary_words_are_used() -> None:
    strays = [
        (pattern, source, forms[0])
        for context, source, forms in messages(CATALOGUES / "happyhorse_zh_CN.po")
        for pattern, word in GLOSSARY.items()
        if context not in ("argparse", "Launcher")
        and re.search(pattern, source, re.IGNORECASE)
        and word not in forms[0]
        and "{" + "credits}" not in forms[0]  # "{credits} refunded": the number is the credits
    ]
    assert not strays


MARKERS = {"translate", "QT_TRANSLATE_NOOP"}  # QCoreApplication.translate included


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class MarkedCalls(ast.NodeVisitor):
    """Each marking call as lupdate's Python reader sees it: ``translate(…)``/``QT_TRANSLATE_NOOP(…)``
    (context = first argument), ``self.tr(…)`` (context = the innermost class), ``Name.tr(…)`` on a
    translation context (context = the name). ``found``: (line, how, context, text, argument count)."""

    def __init__(self) -> None:
        self.classes: list[str] = []
        self.found: list[tuple[int, str, str | None, str | None, int]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func, args, count = node.func, node.args, len(node.args) + len(node.keywords)
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        text = _literal(args[1]) if len(args) > 1 else None
        if name in MARKERS and args and _literal(args[0]) is not None:
            self.found.append((node.lineno, "translate", _literal(args[0]), text, count))
        elif name == "tr" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and args:
            owner = func.value.id
            context = (self.classes or [None])[-1] if owner == "self" else owner
            self.found.append((node.lineno, f"{owner}.tr", context, _literal(args[0]), count))
        self.generic_visit(node)


def marked_calls(path: Path) -> list[tuple[int, str, str | None, str | None, int]]:
    visitor = MarkedCalls()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.found


def sources(outside_ui: bool = False) -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if "sandbox" not in p.parts and not (outside_ui and "ui" in p.relative_to(PACKAGE).parts)
    ]


def test_every_marked_string_is_in_the_catalogue_as_lupdate_reads_it() -> None:
    """lupdate silently skips a call it cannot read (a keyword argument, a count passed to
    ``translate``, a text that is not a literal): such a string would never be translated."""
    catalogue = {(context, source) for context, source, _ in messages(CATALOGUES / "happyhorse_zh_CN.po")}
    plural = {
        (context, source)
        for context, source, forms in messages(CATALOGUES / "happyhorse_zh_CN.po")
        if "%n" in source
    }
    problems = []
    for path in sources():
        for line, how, context, text, count in marked_calls(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if text is None:
                continue  # translating a constant marked elsewhere with QT_TRANSLATE_NOOP
            if how == "translate" and count > 3:
                problems.append(f"{where}: a count goes through Context.tr (lupdate reads it as an encoding)")
            elif (context, text) not in catalogue:
                problems.append(f"{where}: {how} {context!r} {text!r} is not in the catalogue")
            elif "%n" in text and (context, text) not in plural:
                problems.append(f"{where}: {text!r} has %n but no plural forms")
    assert not problems


def test_no_module_hides_a_marking_call_behind_another_name() -> None:
    """``t = translate`` then ``t("…")``, or a wrapper such as ``def tr(text): return
    translate("MainWindow", text)``: lupdate sees no marking, or files the string under no context
    (the menu bar's strings were lost that way), and the string stays English. Every module, ui/ too."""
    hidden = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sources()
        if path.name != "i18n_core.py"  # where ``translate`` is defined
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Assign) and _names_a_marker(node.value))
        or (isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _forwards_its_text(node))
    ]
    assert not hidden


def _forwards_its_text(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``function`` hands one of its own parameters to a marking call as the text, in a fixed
    context: a wrapper that hides every string its callers pass it from lupdate."""
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
    for call in ast.walk(function):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ("translate", "QT_TRANSLATE_NOOP") and len(call.args) > 1:
            context, text = call.args[0], call.args[1]
            if _literal(context) is not None and isinstance(text, ast.Name) and text.id in parameters:
                return True
        if (
            name == "tr"
            and call.args
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id in parameters
        ):
            return True
    return False


def test_every_catalogue_entry_has_a_context() -> None:
    """A string lupdate files under no context is looked up in none at run time: never translated."""
    nameless = [source for context, source, _ in messages(CATALOGUES / "happyhorse_zh_CN.po") if not context]
    assert not nameless


def _names_a_marker(value: ast.expr) -> bool:
    if isinstance(value, ast.Name):
        return value.id in MARKERS
    return isinstance(value, ast.Attribute) and value.attr in ("tr", "translate")


def test_source_installs_carry_the_built_catalogues() -> None:
    """``pip install .`` ships resources/ as the happyhorse_desktop.resources package: its package data
    must include every .qm file (the frozen bundles glob them in the spec)."""
    import tomllib
    from fnmatch import fnmatch

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = setuptools["package-data"]["happyhorse_desktop.resources"]
    assert setuptools["package-dir"]["happyhorse_desktop.resources"] == "resources"
    built = sorted(CATALOGUES.glob("*.qm"))
    assert [p.name for p in built] == ["happyhorse_en.qm", "happyhorse_zh_CN.qm"]
    for qm in built:
        relative = qm.relative_to(ROOT / "resources").as_posix()
        assert any(fnmatch(relative, pattern) and "/" in pattern for pattern in patterns), relative


# Nouns the app counts: "{count} takes" would read "1 takes" in English.
COUNTED = "takes|videos|tasks|rows|lines|frames|images|pictures|files|bytes|characters|batches|seconds"
# "{placeholder} <noun>" or "{placeholder} <one word> <noun>" ("{count} queued takes")
BARE_COUNT = re.compile(r"\{(\w+)(?::[^}]*)?\}\s+(?:[a-z]+\s+)?(" + COUNTED + r")\b")
HAND_PLURAL = re.compile(r"(\w+)\(s\)")  # "take(s)"; "http(s)" is a scheme, not a plural
NOT_COUNTS = {  # placeholder -> why its noun needs no plural form
    "model": "a model's name: in “{model} takes no pictures”, takes is the verb",
    "route": "a route's name: “{route} takes no video”",
    "format": "a file format: “{format} images are not accepted”",
    "fps": "a rate with decimals: “{fps} frames per second”",
    "limit": "one of the API's limits, never 1: “{length} / {limit} characters”",
    "max": "the longest duration, never 1: “between {min} and {max} seconds”",
    "length": "a length over its limit, never 1: “The callback URL is {length} characters”",
}
NOT_COUNTS_OF = {("total", "bytes"): "a download's announced size, never 1 byte"}


def counts_without_plural_forms(source: str) -> list[str]:
    """What in ``source`` counts without Qt's plural forms: "take(s)", or a ``{placeholder}`` before a
    counted noun ("{count} rows"). Such a count goes through ``%n`` and ``tr(text, "", n)``, so that the
    English catalogue says "1 row" and the Chinese one "1 行"."""
    found = [m.group(0) for m in HAND_PLURAL.finditer(source) if m.group(1).lower() != "http"]
    for match in BARE_COUNT.finditer(source):
        placeholder, noun = match.groups()
        if placeholder not in NOT_COUNTS and (placeholder, noun) not in NOT_COUNTS_OF:
            found.append(match.group(0))
    return found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("Removed {count} queued take(s); nothing was sent.", ["take(s)"]),
        ("Removed {count} queued takes; nothing was sent.", ["{count} queued takes"]),
        ("{count} video(s) added to your history.", ["video(s)"]),
        ("Queued {count} takes (batch {batch}).", ["{count} takes"]),
        ("Nothing was queued: {bad} of {total} rows need fixing.", ["{total} rows"]),
        ("Saved {name} ({frames} frames).", ["{frames} frames"]),
        ("Queued %n takes (batch {batch}).", []),
        ("{model} takes no pictures (IMAGE_OR_URL, --image).", []),
        ("Image {numbers} is not an http(s) URL.", []),
        ("Balance: {credits} credits", []),
        ("{length} / {limit} characters", []),
        ("the download stopped early ({written} of {total} bytes)", []),
    ],
)
def test_the_count_check_tells_a_bare_count_from_a_plural_form(source: str, found: list[str]) -> None:
    assert counts_without_plural_forms(source) == found


def test_every_count_has_plural_forms() -> None:
    """No message writes "take(s)" or "{count} takes" (English "1 takes"): every count is a ``%n``
    with plural forms. Checked on the catalogue, which holds every marked string of the package."""
    bare = {
        (context, source): found
        for context, source, _ in messages(CATALOGUES / "happyhorse_zh_CN.po")
        if (found := counts_without_plural_forms(source))
    }
    assert not bare


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


update_translations = _load_tool()


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        pytest.param("zh_CN", {1: 0, 2: 0, 5: 0, 21: 0}, id="zh_CN-one-form"),
        pytest.param("en", {1: 0, 2: 1, 5: 1, 21: 1}, id="en-singular-and-plural"),
    ],
)
def test_the_built_catalogue_says_what_the_po_file_says(language: str, counts: dict[int, int]) -> None:
    """The .qm the app loads, read back through QTranslator: every message of the .po, under its Qt
    context and disambiguation, gives the .po's text (each count its plural form), so lrelease reads the
    gettext file as intended."""
    po = update_translations.catalogue_path(language)
    translator = QTranslator()
    assert translator.load(str(po.with_suffix(".qm")))
    wrong, looked_up = [], 0
    for entry in polib.pofile(str(po)):
        context, disambiguation = qt_context(entry)
        forms = forms_of(entry)
        expected = {n: forms[form] for n, form in counts.items()} if entry.msgid_plural else {-1: forms[0]}
        for n, text in expected.items():
            looked_up += 1
            if translator.translate(context, entry.msgid, disambiguation or None, n) != text:
                wrong.append((context, entry.msgid, n, text))
    assert looked_up >= (1000 if language == "zh_CN" else 28)
    assert not wrong


def test_the_tool_names_every_unfinished_and_obsolete_entry(tmp_path: Path) -> None:
    """A copy of the Chinese catalogue with one translation flagged fuzzy, one emptied, one plural form
    emptied, and an entry the code never says, merged through lupdate: the tool names exactly those
    four, and the .qm built from it leaves the unfinished ones untranslated."""
    po_path = tmp_path / "happyhorse_zh_CN.po"
    catalogue = polib.pofile(str(update_translations.catalogue_path("zh_CN")))
    singles = [e for e in catalogue if not e.msgid_plural and not qt_context(e)[1]]
    fuzzy, emptied = singles[0], singles[1]
    plural = next(e for e in catalogue if e.msgid_plural)
    fuzzy.flags.append("fuzzy")
    emptied.msgstr = ""
    plural.msgstr_plural = {0: ""}
    catalogue.append(
        polib.POEntry(msgctxt="Gone|", msgid="A sentence no code says.", msgstr="没有代码说这句话。")
    )
    catalogue.save(str(po_path))

    update_translations.lupdate("zh_CN", po_path, keep_obsolete=True)
    named = {(e.kind, e.context, e.source) for e in update_translations.problems(po_path)}
    assert named == {
        ("unfinished", qt_context(fuzzy)[0], fuzzy.msgid),
        ("unfinished", qt_context(emptied)[0], emptied.msgid),
        ("unfinished", qt_context(plural)[0], plural.msgid),
        ("obsolete", "Gone", "A sentence no code says."),
    }
    assert "#:" not in po_path.read_text(encoding="utf-8")  # no file:line of whoever ran the tool

    qm = tmp_path / "happyhorse_zh_CN.qm"
    update_translations.lrelease(po_path, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    for entry in (fuzzy, emptied):
        assert translator.translate(qt_context(entry)[0], entry.msgid, None, -1) == ""
    assert translator.translate(qt_context(plural)[0], plural.msgid, None, 2) == ""
    kept = singles[2]
    assert translator.translate(qt_context(kept)[0], kept.msgid, None, -1) == kept.msgstr != ""
