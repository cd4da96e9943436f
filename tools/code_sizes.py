"""Where the package outgrows its size rules: modules over ~400 lines, functions over 60 lines.

    python tools/code_sizes.py        # list both; a long function is "commented" when a comment
                                      # right after its signature (and docstring) says why it stays long

Reads the source with :mod:`ast`; writes nothing and always exits 0 (a row is a place to look).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "happyhorse_desktop"
MODULE_LINES = 400
FUNCTION_LINES = 60


def long_functions(path: Path) -> Iterator[tuple[int, int, str, bool]]:
    """(first line, length, name, has a reason comment) for each function longer than the limit."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length <= FUNCTION_LINES:
            continue
        first = node.body[0]
        is_docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        # the comment sits after the docstring, or else after the signature (which may span lines)
        start = (first.end_lineno or first.lineno) if is_docstring else _signature_end(lines, node.lineno)
        comment = lines[start].strip().startswith("#") if start < len(lines) else False
        yield node.lineno, length, node.name, comment


def _signature_end(lines: list[str], def_line: int) -> int:
    """The index (0-based) of the line after the one that ends the ``def`` signature."""
    index = def_line - 1
    while not lines[index].rstrip().endswith(":"):
        index += 1
    return index + 1


def main() -> int:
    sources = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    print(f"modules over {MODULE_LINES} lines:")
    for path in sources:
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MODULE_LINES:
            print(f"  {count:5d}  {path.relative_to(ROOT)}")
    print(f"functions over {FUNCTION_LINES} lines:")
    for path in sources:
        for line, length, name, commented in long_functions(path):
            reason = "commented" if commented else "no reason given"
            print(f"  {length:5d}  {path.relative_to(ROOT)}:{line} {name} ({reason})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
