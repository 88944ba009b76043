"""Run every benchmark of bench/ and print its figures (`make bench`). Helpers (`_*.py`) are not
benchmarks; bench/scale.py is run by hand on PostgreSQL (it builds 10,000 servants by default)."""

import runpy
from pathlib import Path

SEPARATE = {"run.py", "scale.py"}

for script in sorted(Path(__file__).parent.glob("*.py")):
    if script.name not in SEPARATE and not script.name.startswith("_"):
        print(f"== {script.name}")
        runpy.run_path(str(script), run_name="__main__")
