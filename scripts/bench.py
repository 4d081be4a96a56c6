"""Run every benchmark in scripts/ (``bench_*.py``) in turn and print their figures.

./run bench            # all of them
./run bench notebooks  # only scripts/bench_notebooks.py (any name after bench_)
./run bench scale --scales 10 --keep /tmp/scale  # options after the names go to each script
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Run the selected benchmarks; the exit code is the first non-zero one."""
    first_option = next((i for i, arg in enumerate(argv) if arg.startswith("-")), len(argv))
    names, options = argv[:first_option], argv[first_option:]
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    status = 0
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        code = subprocess.run([sys.executable, str(script), *options], check=False).returncode
        status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
