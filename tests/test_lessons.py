"""The lessons as learners and instructors meet them.

* every source lesson runs top to bottom, without an error, in under a minute (times printed);
* its student version (from `deepslow assign`) runs too, and every check says "not attempted";
* the grader gives the source version full marks and the student version zero.
nbval runs the source lessons as well (see README's test command); this module adds what nbval
cannot see.
"""

import csv
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
IDS = [p.stem for p in LESSONS]


def execute(path, workdir):
    """Run a notebook in a fresh kernel in `workdir`; return it with its outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


def errors(nb):
    return [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
        for i, cell in enumerate(nb.cells)
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def role(cell):
    return cell.get("metadata", {}).get("deepslow", {}).get("role")


def test_there_are_six_lessons_and_an_index():
    assert [p.name[:2] for p in LESSONS] == ["01", "02", "03", "04", "05", "06"]
    assert (ROOT / "lessons" / "README.md").is_file()


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("assign") / "student"
    subprocess.run([sys.executable, "-m", "deepslow.cli", "assign", str(ROOT / "lessons"), str(out)], check=True)
    return out


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_source_lesson_runs_top_to_bottom_in_under_a_minute(lesson, tmp_path, lesson_times):
    start = time.perf_counter()
    nb = execute(lesson, tmp_path)
    seconds = time.perf_counter() - start
    lesson_times[lesson.name] = seconds
    assert errors(nb) == []
    checks = [cell for cell in nb.cells if role(cell) == "check"]
    assert len({cell.metadata["deepslow"]["exercise"] for cell in checks}) >= 3, "each lesson has 3+ exercises"
    for cell in checks:
        text = "".join(out.get("data", {}).get("text/plain", "") for out in cell.outputs)
        assert ": passed" in text, f"{cell.metadata['deepslow']['exercise']} did not pass with the solution: {text}"
    assert seconds < 60, f"{lesson.name} took {seconds:.0f} s"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_student_version_runs_and_every_check_is_not_attempted(lesson, student_dir, tmp_path):
    student = student_dir / lesson.name
    text = student.read_text()
    assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text
    nb = execute(student, tmp_path)
    assert errors(nb) == []
    checks = [cell for cell in nb.cells if role(cell) == "check"]
    assert checks
    for cell in checks:
        shown = "".join(out.get("data", {}).get("text/plain", "") for out in cell.outputs)
        assert "not attempted" in shown, f"{cell.metadata['deepslow']['exercise']}: {shown!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_grader_gives_source_full_marks_and_student_zero(lesson, student_dir, tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(lesson, submissions / "solution.ipynb")
    shutil.copy(student_dir / lesson.name, submissions / "student.ipynb")
    out = tmp_path / "grades"
    result = subprocess.run(
        [sys.executable, "-m", "deepslow.cli", "grade", "--source", str(lesson), "--out", str(out), "--jobs", "2"]
        + ["--quiet", str(submissions / "solution.ipynb"), str(submissions / "student.ipynb")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {row["student"]: row for row in csv.DictReader((out / "gradebook.csv").open())}
    assert float(rows["solution"]["total"]) == float(rows["solution"]["max"]) > 0
    assert float(rows["student"]["total"]) == 0
    statuses = {ex["status"] for ex in json.loads((out / "student.json").read_text())["exercises"].values()}
    assert statuses == {"not attempted"}
