"""The engine stays framework-free (brief: "bagalau/methodology (no Django imports)")."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = ["bagalau/methodology", "bagalau/workcalendar"]


def forbidden(module: str) -> bool:
    """Django, DRF, or any Bagalau package outside the pure ones."""
    top = module.split(".")[0]
    if top in ("django", "rest_framework"):
        return True
    return top == "bagalau" and not module.startswith(
        ("bagalau.methodology", "bagalau.workcalendar")
    )


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_no_module_imports_django(package):
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for item in ast.walk(tree):
            names = []
            if isinstance(item, ast.Import):
                names = [alias.name for alias in item.names]
            elif isinstance(item, ast.ImportFrom) and item.module:
                names = [item.module]
            offenders += [f"{path.relative_to(ROOT)}: {name}" for name in names if forbidden(name)]
    assert offenders == []


def test_loading_every_edition_and_running_calc_leaves_django_unimported():
    code = (
        "import sys\n"
        "from bagalau.methodology import all_editions\n"
        "from bagalau.methodology.calc import run\n"
        "all_editions()\n"
        "run('sjc-2023', 'annual', '{\"quarters\": [4]}')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
