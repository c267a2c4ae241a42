"""Course-scale grading: the six lessons for 20 students with --jobs 2 (`deepslow grade --source lessons/`).

submitted/student00/ ... student19/ each hold the six source notebooks (so every notebook scores
full marks: a check that the run graded what it should). One grade_course call on an empty
output folder: the wall clock holds each lesson's reference run once, plus 120 submissions.
Printed: the wall clock, seconds per notebook and per student, throughput, and the mean time a
notebook of each lesson spends inside its runner (lesson 6 imports TensorFlow, the slowest).
Target: <= 6 s per notebook on a 2-core machine, as for one lesson (bench_grade.py).
Run: python bench/bench_course.py [students] [jobs]
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
TARGET_SECONDS = 6.0


def main(students=20, jobs=2):
    from deepslow.grading.course import grade_course

    with tempfile.TemporaryDirectory(prefix="deepslow-bench-") as tmp:
        subs, out = Path(tmp) / "submitted", Path(tmp) / "grades"
        for i in range(students):
            (subs / f"student{i:02d}").mkdir(parents=True)
            for source in LESSONS.glob("*.ipynb"):
                shutil.copy(source, subs / f"student{i:02d}" / source.name)
        started = time.perf_counter()
        summary = grade_course(LESSONS, [subs], out, jobs=jobs, progress=False)
        wall = time.perf_counter() - started
    notebooks = students * len(summary.lessons)
    full = sum(1 for s in summary.summaries.values() for r in s.records if r["total"] == r["max_total"])
    per = wall / notebooks
    print(
        f"grading {len(summary.lessons)} lessons for {students} students with --jobs {jobs} "
        f"({full}/{notebooks} full marks)"
    )
    print(f"  wall clock:                 {wall:7.1f} s")
    print(f"  seconds per notebook:       {per:7.2f} s   (target <= {TARGET_SECONDS} s)")
    print(f"  seconds per student:        {wall / students:7.2f} s")
    print(f"  throughput:                 {60 / per:7.1f} notebooks/minute")
    for lesson, s in summary.summaries.items():
        inside = sum(r["seconds"] for r in s.records) / max(1, len(s.records))
        print(f"  lesson {lesson.label}: mean time inside one notebook {inside:5.2f} s")
    return 0 if per <= TARGET_SECONDS and full == notebooks else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:3])))
