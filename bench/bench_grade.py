"""Batch-grading speed: 20 copies of lesson 4's source notebook graded with --jobs 2, unconfined and confined.

Each run is one `grade` call on an empty output folder, so the wall clock holds the reference run
of the source notebook once, plus the 20 submissions. First the floor: kernels started as the
grader's own user with no confinement at all (no bubblewrap, no Landlock, no uid of their own:
what the grader did before isolation); then the real grader, confined as it is on this machine.
Each is run twice, in the order floor, confined, confined, floor, and its best run counts.
Printed for each run: seconds per submission (wall clock / 20), throughput, and the mean time a
submission spends inside its runner; then the ratio of the best runs. Each submission gets a
fresh kernel, so the cost is dominated by starting Python + ipykernel + deepslow and by running
the lesson's cells.
Targets: <= 6 s per submission on a 2-core machine; isolation at most 1.5x the floor.
Run: python bench/bench_grade.py [copies] [jobs] [notebook]
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lessons" / "04-gradient-descent-and-backprop.ipynb"
TARGET_SECONDS, TARGET_RATIO = 6.0, 1.5


def unconfined(make_plan):
    """sandbox.make_plan with the confinement taken out (no bubblewrap, no uid of its own, no
    setpriv): the floor to measure isolation against. The rlimits and the small Landlock launcher
    stay (without Landlock in the kernel, it only starts Python)."""

    def plan(uid, secrets=()):
        return {**make_plan(None, secrets), "bwrap": None, "root": False, "landlock": None}

    return plan


def run(source, copies, jobs, confined):
    from deepslow.grading import grade as grading
    from deepslow.grading import sandbox

    make_plan = sandbox.make_plan
    if not confined:
        sandbox.make_plan = unconfined(make_plan)
    try:
        with tempfile.TemporaryDirectory(prefix="deepslow-bench-") as tmp:
            subs, out = Path(tmp) / "subs", Path(tmp) / "out"
            subs.mkdir()
            for i in range(copies):
                (subs / f"student{i:02d}.ipynb").write_bytes(source.read_bytes())
            started = time.perf_counter()
            summary = grading.grade(source, [subs], out, jobs=jobs, progress=False, same_user=not confined)
            wall = time.perf_counter() - started
    finally:
        sandbox.make_plan = make_plan
    per = wall / copies
    runner = sum(r["seconds"] for r in summary.records) / len(summary.records)
    full = sum(1 for r in summary.records if r["total"] == r["max_total"])
    print(f"{'confined' if confined else 'floor (no confinement)'}: {len(summary.graded)} graded, {full} full marks")
    print(f"  sandbox:                           {summary.records[0].get('sandbox', {})}")
    print(f"  wall clock (source run once + {copies}): {wall:6.2f} s")
    print(f"  seconds per submission:            {per:6.2f} s")
    print(f"  mean time inside one submission:   {runner:6.2f} s")
    print(f"  throughput:                        {60 / per:6.1f} submissions/minute")
    return per, full == copies


def main(copies=20, jobs=2, source=SOURCE):
    source = Path(source)
    print(f"grading {copies} copies of {source.name} with --jobs {jobs}")
    # A busy machine slows whichever run it meets: run floor, confined, confined, floor, and keep
    # each one's best, so that both met the same conditions.
    results = {False: [], True: []}
    for confined in (False, True, True, False):
        results[confined].append(run(source, copies, jobs, confined=confined))
    floor, floor_ok = min(r[0] for r in results[False]), all(r[1] for r in results[False])
    per, ok = min(r[0] for r in results[True]), all(r[1] for r in results[True])
    print(f"isolation costs {per / floor:.2f}x the floor (target <= {TARGET_RATIO})")
    print(f"{per:.2f} s per submission (target <= {TARGET_SECONDS} s)")
    return 0 if per <= TARGET_SECONDS and per / floor <= TARGET_RATIO and ok and floor_ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(*(int(a) for a in args[:2]), *args[2:3]))
