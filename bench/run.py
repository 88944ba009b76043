"""Run every benchmark of bench/ and print its figures (`make bench`)."""

import runpy
from pathlib import Path

for script in sorted(Path(__file__).parent.glob("*.py")):
    if script.name != "run.py":
        print(f"== {script.name}")
        runpy.run_path(str(script), run_name="__main__")
