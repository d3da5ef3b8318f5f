"""The extraction package stays readable at a glance: no module over 400 lines, no function
over 60 (counted from its `def` line to its last line, docstring and comments included)."""

from __future__ import annotations

import ast
from pathlib import Path

EXTRACTION = Path(__file__).resolve().parent.parent / "pipelines" / "extraction"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def test_no_extraction_module_or_function_is_too_long():
    too_long = []
    for path in sorted(EXTRACTION.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(EXTRACTION)
        if len(source.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    assert not too_long, too_long
