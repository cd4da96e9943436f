"""Shrink the ICU data library the Qt wheels ship (libicudata.so.NN, ~31 MB) to what Qt needs (~5 MB).

Qt links ICU for a few jobs only: case mapping (its tables are compiled into libicuuc, not the data),
collation (QCollator), time-zone ids and names (QTimeZone) and legacy text codecs (QStringConverter).
It formats numbers, dates and locale names from its own CLDR tables. So this keeps the data those
jobs read — every language's collation, English and root locale bundles, every structural table, the
single-byte code pages — and drops the other per-language bundles (time-zone names then come in
English), word-break dictionaries and rules, transliteration, unit, currency, language and region
names, and the large East-Asian code pages. A locale whose bundle is gone falls back to root (what ICU
does for any locale it lacks), so nothing fails.

The data is taken out of the library, trimmed with ICU's own ``icupkg``, and linked back into a
library with the same soname and data symbol. Linux only (Windows and macOS Qt use the system's ICU).

    python packaging/linux/trim_icu.py path/to/libicudata.so.73 out/libicudata.so.73
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE_BUNDLE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")  # af, zh_Hant_TW, sr_Latn_BA, de_ …
# Trees Qt never reaches (it breaks text and transliterates on its own): dropped whole.
UNUSED_TREES = {"brkitr", "translit"}
# Display names and spell-out rules: Qt has its own; only English and root stay.
NAME_TREES = {"rbnf", "unit", "curr", "lang", "region"}
# Every tree's string pool, locale index and root fallback ("res_index" would pass for a locale name).
STRUCTURAL = {"pool", "res_index", "root"}
MISSING_DEPENDENCY = re.compile(r"Item (\S+) depends on missing item")
LARGE_CODEPAGE = 64_000  # bytes: the multi-byte East-Asian tables; single-byte ones are ~2-20 kB


class TrimUnavailable(RuntimeError):
    """A build tool is missing; the caller keeps the original library."""


def _tool(name: str) -> str:
    # icupkg installs to /usr/sbin, which a non-login shell's PATH may lack.
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if path is None:
        raise TrimUnavailable(f"{name} not found (install icu-devtools and a C compiler)")
    return path


def _english(stem: str) -> bool:
    return stem == "en" or stem.startswith("en_")


def _keep(item: str, size: int) -> bool:
    tree, _, leaf = item.rpartition("/")
    stem, _, ext = leaf.rpartition(".")
    top = tree.split("/")[0]
    if top in UNUSED_TREES:
        return False
    if ext == "cnv":
        return size < LARGE_CODEPAGE
    if top == "coll" or stem in STRUCTURAL:  # every language's sort order stays: QCollator sorts right
        return True
    if top in NAME_TREES or (ext == "res" and LOCALE_BUNDLE.match(stem)):
        return _english(stem)
    return True


def _symbol(library: Path) -> tuple[str, int]:
    """The data symbol (``icudtNN_dat``) and its size, from the dynamic symbol table."""
    out = subprocess.run(
        [_tool("nm"), "-D", "--defined-only", "-S", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            return parts[3], int(parts[1], 16)
    raise TrimUnavailable(f"no icudtNN_dat symbol in {library}")


def _item_sizes(package: Path) -> dict[str, int]:
    """Item name -> size in bytes, read from the package's table of contents."""
    data = package.read_bytes()
    header = int.from_bytes(data[0:2], "little")
    count = int.from_bytes(data[header : header + 4], "little")
    entries = [
        (
            int.from_bytes(data[header + 4 + 8 * i : header + 8 + 8 * i], "little"),
            int.from_bytes(data[header + 8 + 8 * i : header + 12 + 8 * i], "little"),
        )
        for i in range(count)
    ]
    sizes = {}
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header + name_offset
        name = data[start : data.index(b"\0", start)].decode("ascii").split("/", 1)[1]
        end = entries[i + 1][1] if i + 1 < count else len(data) - header
        sizes[name] = end - data_offset
    return sizes


def trim(source: Path, target: Path) -> tuple[int, int]:
    """Write the trimmed library to ``target``; returns (bytes before, bytes after)."""
    icupkg, cc, objcopy = _tool("icupkg"), _tool("cc"), _tool("objcopy")
    symbol, size = _symbol(source)
    soname = source.name
    with tempfile.TemporaryDirectory(prefix="trim-icu-") as tmp:
        work = Path(tmp)
        package = work / f"{symbol.removesuffix('_dat')}l.dat"
        subprocess.run(
            [objcopy, "-O", "binary", "--only-section=.rodata", str(source), str(package)], check=True
        )
        if package.stat().st_size != size:
            raise TrimUnavailable(f"{soname}: .rodata is not just the ICU data; left as it is")
        drop = {name for name, n in _item_sizes(package).items() if not _keep(name, n)}
        # icupkg names the items after the output file, so it keeps the package's own name.
        trimmed = work / "out" / package.name
        trimmed.parent.mkdir()
        # icupkg refuses to leave an item whose dependency is gone (an alias code page, a tailoring
        # of a dropped collation); drop those too until the package is consistent.
        for _ in range(5):
            (work / "drop.txt").write_text("\n".join(sorted(drop)) + "\n")
            run = subprocess.run(
                [icupkg, "-r", "drop.txt", package.name, str(trimmed)],
                cwd=work,
                capture_output=True,
                text=True,
            )
            if run.returncode == 0:
                break
            orphans = set(MISSING_DEPENDENCY.findall(run.stderr + run.stdout))
            if not orphans - drop:
                raise TrimUnavailable(f"icupkg failed: {(run.stderr or run.stdout)[-500:]}")
            drop |= orphans
        else:
            raise TrimUnavailable("icupkg: dependencies did not settle")
        (work / "data.S").write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{trimmed}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(target), str(work / "data.S")],
            check=True,
        )
    return source.stat().st_size, target.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    before, after = trim(Path(argv[0]), Path(argv[1]))
    print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
