"""Batch-grading speed: 20 copies of lesson 4's source notebook graded with --jobs 2.

One `grade` call on an empty output folder, so the wall clock holds the reference run of the
source notebook once, plus the 20 submissions. Printed: seconds per submission (wall clock / 20),
throughput, and the mean time a submission spends inside its runner. Each submission gets a
fresh kernel in its own sandbox, so the cost is dominated by starting Python + ipykernel +
deepslow and by running the lesson's cells; target: <= 6 s per submission on a 2-core machine.
Run: python bench/bench_grade.py [copies] [jobs] [notebook]
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lessons" / "04-gradient-descent-and-backprop.ipynb"
TARGET_SECONDS = 6.0


def main(copies=20, jobs=2, source=SOURCE):
    from deepslow.grading.grade import grade

    source = Path(source)
    with tempfile.TemporaryDirectory(prefix="deepslow-bench-") as tmp:
        subs, out = Path(tmp) / "subs", Path(tmp) / "out"
        subs.mkdir()
        for i in range(copies):
            (subs / f"student{i:02d}.ipynb").write_bytes(source.read_bytes())
        started = time.perf_counter()
        summary = grade(source, [subs], out, jobs=jobs, progress=False)
        wall = time.perf_counter() - started
    per = wall / copies
    runner = sum(r["seconds"] for r in summary.records) / len(summary.records)
    full = sum(1 for r in summary.records if r["total"] == r["max_total"])
    isolation = summary.records[0].get("sandbox", {})
    print(
        f"grading {copies} copies of {source.name} with --jobs {jobs} ({len(summary.graded)} graded, {full} full marks)"
    )
    print(f"  sandbox:                           {isolation}")
    print(f"  wall clock (source run once + {copies}): {wall:6.2f} s")
    print(f"  seconds per submission:            {per:6.2f} s   (target <= {TARGET_SECONDS} s)")
    print(f"  mean time inside one submission:   {runner:6.2f} s")
    print(f"  throughput:                        {60 / per:6.1f} submissions/minute")
    return 0 if per <= TARGET_SECONDS and full == copies else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(*(int(a) for a in args[:2]), *args[2:3]))
