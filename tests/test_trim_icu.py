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


KEPT = [  # (item, size)
    ("coll/sv.res", 20_000),  # every language's sort order
    ("coll/ucadata.icu", 570_000),
    ("coll/de_.res", 100),
    ("supplementalData.res", 240_000),  # structural tables
    ("pool.res", 160_000),
    ("res_index.res", 3_000),  # the locale index, though its name looks like a locale's
    ("zone/res_index.res", 2_000),
    ("root.res", 30_000),
    ("en.res", 10_000),
    ("en_GB.res", 5_000),
    ("uprops.icu", 140_000),
    ("nfkc.nrm", 60_000),
    ("ibm-5348_P100-1997.cnv", 2_000),  # windows-1252: single-byte code pages stay
    ("zone/en.res", 60_000),
    ("zone/root.res", 20_000),
    ("curr/pool.res", 187_000),
]
DROPPED = [
    ("de.res", 30_000),  # other languages' locale bundles go
    ("zh_Hant_TW.res", 2_000),
    ("zone/fr.res", 60_000),
    ("lang/de.res", 30_000),
    ("unit/ja.res", 40_000),
    ("brkitr/cjdict.dict", 2_000_000),  # Qt breaks text on its own
    ("brkitr/root.res", 1_000),
    ("translit/root.res", 1_087_000),
    ("ibm-943_P15A-2003.cnv", 150_000),  # large East-Asian code pages
]


@pytest.mark.parametrize(
    ("item", "size", "kept"),
    [*((item, size, True) for item, size in KEPT), *((item, size, False) for item, size in DROPPED)],
)
def test_keeps_what_qt_reads(item: str, size: int, kept: bool) -> None:
    assert trim_icu._keep(item, size) is kept
