"""`deepslow grade` on real notebooks: full marks, zero, the learner mistakes, gradebook, resume."""

import csv
import json

import pytest
from grading_helpers import (
    EXERCISES,
    SOLUTIONS,
    SOURCE,
    read_record,
    run_cli,
    statuses,
    student_notebook,
    submission,
)

MISTAKES = {
    "04-sigmoid-grad": "def sigmoid_grad(op, grad):\n    (a,) = op.inputs\n    return [grad * op.output * (1 - a)]",
    "04-matmul-grad": "def matmul_grad(op, grad):\n    a, b = op.inputs\n    return [grad @ b, a @ grad]",
    "04-backward-pass": SOLUTIONS["04-backward-pass"].replace("grads[inp] + g if inp in grads else g", "g"),
    "04-gd-step": "def gd_step(w, grad, lr):\n    return w + lr * grad",
}
FAST = ["--jobs", "2", "--cell-timeout", "20", "--timeout", "90", "--quiet"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grade")
    subs = root / "submissions"
    subs.mkdir()
    (subs / "full.ipynb").write_bytes(SOURCE.read_bytes())
    submission(root, subs, "stub")
    submission(root, subs, "mistakes", MISTAKES)
    submission(root, subs, "half", {ex: SOLUTIONS[ex] for ex in EXERCISES[:2]})
    code, out, err = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(root / "out"), *FAST)
    return root, code, out, err


def test_the_source_notebook_scores_full_marks(graded):
    root, *_ = graded
    record = read_record(root / "out", "full")
    assert record["status"] == "graded" and record["total"] == record["max_total"] == 8
    assert set(statuses(record).values()) == {"passed"}


def test_the_student_version_scores_zero_not_attempted(graded):
    root, *_ = graded
    record = read_record(root / "out", "stub")
    assert record["total"] == 0
    assert set(statuses(record).values()) == {"not attempted"}
    assert all("not attempted" in v["message"] for v in record["exercises"].values())


def test_partial_work_gets_partial_points(graded):
    root, *_ = graded
    record = read_record(root / "out", "half")
    assert record["total"] == 4
    assert statuses(record) == {
        "04-sigmoid-grad": "passed",
        "04-matmul-grad": "passed",
        "04-backward-pass": "not attempted",
        "04-gd-step": "not attempted",
    }


@pytest.mark.parametrize(
    "exercise, words",
    [
        ("04-sigmoid-grad", "σ(1 − a) instead of σ(1 − σ)"),
        ("04-matmul-grad", "a missing transpose"),
        ("04-backward-pass", "instead of adding to it (+=)"),
        ("04-gd-step", "wrong sign"),
    ],
)
def test_each_learner_mistake_gets_its_message_in_the_feedback(graded, exercise, words):
    root, *_ = graded
    verdict = read_record(root / "out", "mistakes")["exercises"][exercise]
    assert verdict["status"] == "failed" and verdict["points"] == 0
    assert words in verdict["message"]
    assert "record(" not in verdict["message"]


def test_gradebook_has_a_row_per_student_and_a_column_per_exercise(graded):
    root, *_ = graded
    rows = list(csv.reader((root / "out" / "gradebook.csv").open()))
    assert rows[0] == ["student", *EXERCISES, "total", "max", "status"]
    table = {row[0]: row[1:] for row in rows[1:]}
    assert table["full"] == ["2", "2", "3", "1", "8", "8", "graded"]
    assert table["stub"] == ["0", "0", "0", "0", "0", "8", "graded"]
    assert sorted(table) == ["full", "half", "mistakes", "stub"]
    assert not [p for p in (root / "out").iterdir() if p.name.endswith(".tmp")]


def test_student_json_has_status_points_message_and_time(graded):
    root, *_ = graded
    record = json.loads((root / "out" / "mistakes.json").read_text())
    for verdict in record["exercises"].values():
        assert set(verdict) == {"status", "points", "max_points", "message", "seconds"}
        assert verdict["seconds"] >= 0
    assert record["submission_sha256"] and record["source_sha256"]


def test_exit_code_and_summary_line(graded):
    _, code, out, _ = graded
    assert code == 0
    assert "4 submission(s): 4 graded, 0 could not be graded, 0 skipped" in out


def test_rerun_skips_graded_submissions_and_regrades_changed_ones(graded):
    root, *_ = graded
    out_dir, subs = root / "out", root / "submissions"
    before = (out_dir / "full.json").read_text()
    submission(root, subs, "half", {ex: SOLUTIONS[ex] for ex in EXERCISES[:3]})  # the student resubmits
    code, out, _ = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out_dir), *FAST)
    assert code == 0 and "1 graded, 0 could not be graded, 3 skipped" in out
    assert (out_dir / "full.json").read_text() == before
    assert read_record(out_dir, "half")["total"] == 7
    code, out, _ = run_cli(
        "grade", "--source", str(SOURCE), str(subs / "stub.ipynb"), "--out", str(out_dir), "--force", *FAST
    )
    assert "1 graded, 0 could not be graded, 0 skipped" in out


def test_grade_cli_reports_bad_arguments_clearly(tmp_path):
    code, _, err = run_cli(
        "grade", "--source", str(tmp_path / "nope.ipynb"), str(tmp_path), "--out", str(tmp_path / "o")
    )
    assert code == 2 and "nope.ipynb cannot be read" in err
    code, _, err = run_cli("grade", "--source", str(SOURCE), str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert code == 2 and "does not exist" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli("grade", "--source", str(SOURCE), str(empty), "--out", str(tmp_path / "o"))
    assert code == 2 and "no submissions" in err


def test_a_source_whose_solution_fails_its_own_hidden_tests_stops_grading(tmp_path):
    import nbformat

    nb = nbformat.read(SOURCE, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("deepslow", {}) == {"exercise": "04-gd-step", "role": "solution"}:
            cell.source = cell.source.replace("return w - lr * grad", "return 1 / 0")
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    sub = submission(tmp_path, tmp_path / "subs", "alice")
    code, _, err = run_cli("grade", "--source", str(broken), str(sub), "--out", str(tmp_path / "out"), *FAST)
    assert code == 2 and "does not pass its own hidden tests" in err and "ZeroDivisionError" in err
    assert not (tmp_path / "out" / "alice.json").exists()


def test_student_ids_come_from_folders_when_every_file_has_the_lesson_name(tmp_path):
    from deepslow.grading.grade import student_ids

    paths = [tmp_path / "alice" / SOURCE.name, tmp_path / "bob smith" / SOURCE.name]
    assert sorted(student_ids(paths, SOURCE)) == ["alice", "bob_smith"]
    assert list(student_ids([tmp_path / "=cmd|calc.ipynb"], SOURCE)) == ["_cmd_calc"]  # no formula in the CSV


def test_helpers_build_a_real_student_notebook(tmp_path):
    nb = student_notebook(tmp_path)
    assert any("NotImplementedError" in c.source for c in nb.cells)
