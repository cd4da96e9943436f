"""The Windows version resource of ``happyhorse.exe``, generated from the package version.

The spec writes this text to a file and hands it to PyInstaller's ``EXE(version=...)``, so Explorer's
Properties ▸ Details, the uninstaller list and SmartScreen show the product, publisher and version
instead of nothing. The syntax is PyInstaller's (``pyi-grab_version`` prints the same shape).
"""

from __future__ import annotations

import re

COMPANY = "HappyHorse Desktop contributors"
PRODUCT = "HappyHorse Desktop"
DESCRIPTION = "HappyHorse Desktop: image-to-video with EvoLink's HappyHorse model"
EXECUTABLE = "happyhorse.exe"


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Windows wants four 16-bit numbers: "0.1.0" -> (0, 1, 0, 0); "1.2.0rc1" -> (1, 2, 0, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    if not numbers or any(n > 0xFFFF for n in numbers):
        raise ValueError(f"cannot express version {version!r} as Windows version numbers")
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def version_file_text(version: str) -> str:
    numbers = numeric_version(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": "happyhorse",
        "LegalCopyright": f"© {COMPANY}",
        "OriginalFilename": EXECUTABLE,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '040904B0',
          [
{table},
          ],
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""
