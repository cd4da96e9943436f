"""Print the package version; with ``--tag``, fail unless the release tag names that same version.

    python packaging/release_version.py                 # 0.1.0
    python packaging/release_version.py --tag v0.1.0    # 0.1.0, or exit 1 with the mismatch

The release workflow runs this first, so tag ``v0.2.0`` can never publish installers that say 0.1.0.
Reads ``happyhorse_desktop/__init__.py`` as text: no install needed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.M)


def package_version(root: Path = ROOT) -> str:
    match = VERSION_LINE.search((root / "happyhorse_desktop" / "__init__.py").read_text(encoding="utf-8"))
    if not match:
        raise SystemExit("no __version__ line in happyhorse_desktop/__init__.py")
    return match.group(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", help="the release tag, e.g. v0.1.0 (refs/tags/ is stripped)")
    args = parser.parse_args(argv)
    version = package_version()
    if args.tag is not None:
        tag = args.tag.removeprefix("refs/tags/")
        if tag != f"v{version}":
            print(
                f"tag {tag!r} does not match the package version {version} (expected v{version})",
                file=sys.stderr,
            )
            return 1
    print(version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
