"""Batch-grading speed: 20 copies of a lesson-sized notebook graded with --jobs 2.

Prints the time of the reference run (the source notebook, once), seconds per graded submission
(wall clock / 20), and throughput. Each submission gets a fresh kernel in its own sandbox, so
the cost is dominated by starting Python + ipykernel + deepslow; target: <= 6 s per submission
on a 2-core machine.
Run: python bench/bench_grade.py [copies] [jobs]
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "fixtures" / "lesson04_mini.ipynb"
TARGET_SECONDS = 6.0


def main(copies=20, jobs=2):
    from deepslow.grading.grade import grade

    with tempfile.TemporaryDirectory(prefix="deepslow-bench-") as tmp:
        subs, out = Path(tmp) / "subs", Path(tmp) / "out"
        subs.mkdir()
        for i in range(copies):
            (subs / f"student{i:02d}.ipynb").write_bytes(SOURCE.read_bytes())
        started = time.perf_counter()
        grade(SOURCE, [subs / "student00.ipynb"], out, jobs=1, progress=False)  # reference run + one submission
        first = time.perf_counter() - started
        started = time.perf_counter()
        summary = grade(SOURCE, [subs], out, jobs=jobs, force=True, progress=False)
        wall = time.perf_counter() - started
    per = wall / copies
    runner = sum(r["seconds"] for r in summary.records) / len(summary.records)
    print(f"grading {copies} copies of {SOURCE.name} ({len(summary.graded)} graded) with --jobs {jobs}")
    print(f"  reference run + first submission: {first:6.2f} s")
    print(f"  wall clock for {copies}:           {wall:6.2f} s")
    print(f"  seconds per graded submission:    {per:6.2f} s   (target <= {TARGET_SECONDS} s)")
    print(f"  mean time inside one submission:  {runner:6.2f} s")
    print(f"  throughput:                       {60 / per:6.1f} submissions/minute")
    return 0 if per <= TARGET_SECONDS and len(summary.graded) == copies else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:3])))
