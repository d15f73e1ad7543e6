"""The engine is a library: it never imports Django."""

import ast
import subprocess
import sys
from pathlib import Path

import pmo.engine

ENGINE = Path(pmo.engine.__file__).parent


def test_no_engine_module_imports_django():
    offenders = []
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in {"django", "rest_framework"}
            ]
    assert not offenders


def test_importing_the_engine_loads_no_django():
    code = "import sys, pmo.engine.schedule; print(any(m.startswith('django') for m in sys.modules))"
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )
