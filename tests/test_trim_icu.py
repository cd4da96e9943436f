"""Which ICU data items the Linux bundle keeps (packaging/linux/trim_icu.py); test_packaging trims."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location(
    "trim_icu", Path(__file__).resolve().parent.parent / "packaging" / "linux" / "trim_icu.py"
)
assert SPEC and SPEC.loader
trim_icu = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(trim_icu)


@pytest.mark.parametrize(
    ("item", "size", "kept"),
    [
        ("coll/sv.res", 20_000, True),  # every language's sort order
        ("coll/ucadata.icu", 570_000, True),
        ("coll/de_.res", 100, True),
        ("supplementalData.res", 240_000, True),  # structural tables
        ("pool.res", 160_000, True),
        ("res_index.res", 3_000, True),  # the locale index, though its name looks like a locale's
        ("zone/res_index.res", 2_000, True),
        ("root.res", 30_000, True),
        ("en.res", 10_000, True),
        ("en_GB.res", 5_000, True),
        ("uprops.icu", 140_000, True),
        ("nfkc.nrm", 60_000, True),
        ("ibm-5348_P100-1997.cnv", 2_000, True),  # windows-1252: single-byte code pages stay
        ("de.res", 30_000, False),  # other languages' locale bundles go
        ("zh_Hant_TW.res", 2_000, False),
        ("zone/fr.res", 60_000, False),
        ("zone/en.res", 60_000, True),
        ("zone/root.res", 20_000, True),
        ("lang/de.res", 30_000, False),
        ("curr/pool.res", 187_000, True),
        ("unit/ja.res", 40_000, False),
        ("brkitr/cjdict.dict", 2_000_000, False),  # Qt breaks text on its own
        ("brkitr/root.res", 1_000, False),
        ("translit/root.res", 1_087_000, False),
        ("ibm-943_P15A-2003.cnv", 150_000, False),  # large East-Asian code pages
    ],
)
def test_keeps_what_qt_reads(item: str, size: int, kept: bool) -> None:
    assert trim_icu._keep(item, size) is kept
