"""Refresh the translation catalogues from the code, and build what the app loads.

    python tools/update_translations.py          # .po from the code (lupdate), then .qm (lrelease)
    python tools/update_translations.py --check  # write nothing; exit 1 and name every entry to fix

The catalogues are gettext ``.po`` files, which Qt's own ``pyside6-lupdate`` and ``pyside6-lrelease``
read and write (a Qt context is the part of ``msgctxt`` before ``|``, a disambiguation the part after),
and which Qt Linguist, Poedit, Weblate or Crowdin open. ``resources/i18n/happyhorse_zh_CN.po`` holds
every marked string of the package with its Chinese translation; ``happyhorse_en.po`` only the messages
with a count (English plural forms: "1 frame", "3 frames"). The simulator (``sandbox/``) plays the
EvoLink server, whose messages stay as the server writes them, so it is not scanned. Obsolete entries
are dropped (git keeps their history); source locations are not recorded, so a catalogue changes only
when its strings do. After a refresh, translate each entry it lists as unfinished (an empty ``msgstr``,
or one flagged ``#, fuzzy``: remove the flag once the translation is right), keeping ``{placeholders}``
and ``%n`` as they are, then run this again to build the ``.qm`` files (it also rewrites the ``.po`` the
way lupdate writes it, whatever editor saved it).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "happyhorse_desktop"
CATALOGUES = ROOT / "resources" / "i18n"
NOT_SCANNED = ("sandbox",)  # the simulator speaks for the server
# language -> extra lupdate options (English keeps only the plural forms of its own source text)
LANGUAGES = {"zh_CN": [], "en": ["-pluralonly"]}


def sources() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if not set(p.relative_to(PACKAGE).parts[:-1]) & set(NOT_SCANNED) and "__pycache__" not in p.parts
    )


def tool(name: str) -> str:
    """A PySide6 tool (``pyside6-lupdate``…) from this Python's environment, else from PATH."""
    here = Path(sys.executable).parent / name
    for candidate in (here, here.with_suffix(".exe")):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment (pip install -e .)")
    return found


def catalogue_path(language: str, folder: Path = CATALOGUES) -> Path:
    return folder / f"happyhorse_{language}.po"


def lupdate(language: str, po: Path, keep_obsolete: bool = False) -> None:
    """Merge the package's marked strings into ``po`` (created if missing), as lupdate does."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as listing:
        listing.write("\n".join(str(p) for p in sources()))
    try:
        command = [
            tool("pyside6-lupdate"),
            *LANGUAGES[language],
            *([] if keep_obsolete else ["-no-obsolete"]),
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            f"@{listing.name}",
            "-ts",
            str(po),
        ]
        subprocess.run(command, check=True, capture_output=True, text=True)
    finally:
        Path(listing.name).unlink()
    drop_locations(po)


def drop_locations(po: Path) -> None:
    """Remove the ``#: file:line`` references lupdate's gettext writer adds to every message (it
    ignores ``-locations none``, which only its TS writer honours): with them the catalogue would name
    the absolute paths of whoever ran the tool, and change whenever a line of code moves."""
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    po.write_text("".join(line for line in lines if not line.startswith("#:")), encoding="utf-8")


def lrelease(po: Path, qm: Path) -> None:
    command = [tool("pyside6-lrelease"), "-nounfinished", "-silent", str(po), "-qm", str(qm)]
    subprocess.run(command, check=True, capture_output=True, text=True)


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    kind: str  # "unfinished" or "obsolete"

    def __str__(self) -> str:
        return f"[{self.kind}] {self.context}: {self.source!r}"


def problems(po: Path) -> Iterator[Entry]:
    """Every entry a translator still has to finish, or that the code no longer uses."""
    try:
        import polib  # a test dependency: only this tool and the tests read the .po files
    except ImportError:
        raise SystemExit("polib not found: pip install -e '.[test]'") from None
    for entry in polib.pofile(str(po)):
        context = (entry.msgctxt or "").partition("|")[0]  # Qt writes "Context|disambiguation"
        if entry.obsolete:
            yield Entry(context, entry.msgid, "obsolete")
        elif not entry.translated():  # empty, one plural form empty, or flagged fuzzy
            yield Entry(context, entry.msgid, "unfinished")


def check() -> list[str]:
    """What is wrong with the catalogues in the repository, without changing them."""
    findings: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            committed = catalogue_path(language)
            if not committed.exists():
                findings.append(f"{committed.name} is missing: run tools/update_translations.py")
                continue
            fresh = catalogue_path(language, Path(scratch))
            shutil.copyfile(committed, fresh)
            lupdate(language, fresh, keep_obsolete=True)  # so that a string the code dropped is named
            findings += [f"{committed.name} {entry}" for entry in problems(fresh)]
            if not filecmp.cmp(committed, fresh, shallow=False):
                findings.append(f"{committed.name} is not what lupdate makes of the code: run the tool")
            qm = Path(scratch) / f"happyhorse_{language}.qm"
            lrelease(committed, qm)
            built = committed.with_suffix(".qm")
            if not built.exists() or not filecmp.cmp(qm, built, shallow=False):
                findings.append(f"{built.name} is not built from {committed.name}: run the tool")
    return findings


def update() -> list[str]:
    CATALOGUES.mkdir(parents=True, exist_ok=True)
    left: list[str] = []
    for language in LANGUAGES:
        po = catalogue_path(language)
        lupdate(language, po)
        lrelease(po, po.with_suffix(".qm"))
        left += [f"{po.name} {entry}" for entry in problems(po)]
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="change nothing; report what needs doing")
    args = parser.parse_args(argv)
    findings = check() if args.check else update()
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} entr{'y' if len(findings) == 1 else 'ies'} to fix", file=sys.stderr)
    return 1 if findings and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
