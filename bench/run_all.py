"""Run every benchmark in bench/ (each prints its own ratios) and report which missed a target."""

import subprocess
import sys
from pathlib import Path


def main():
    here = Path(__file__).parent
    missed = []
    for script in sorted(here.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        if subprocess.call([sys.executable, str(script)]) != 0:
            missed.append(script.name)
    if missed:
        print(f"targets missed in: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
