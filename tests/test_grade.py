"""`deepslow grade` on real notebooks: full marks, zero, the learner mistakes, gradebook, resume."""

import csv
import json

import nbformat
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
    "04-sigmoid-grad": (
        "def sigmoid_grad(op, grad):\n    (a,) = op.input_values\n    return [grad * op.output_value * (1 - a)]"
    ),
    "04-matmul-grad": "def matmul_grad(op, grad):\n    a, b = op.input_values\n    return [grad @ b, a @ grad]",
    "04-backward-pass": SOLUTIONS["04-backward-pass"].replace("grads[inp] + g if inp in grads else g", "g"),
    "04-gd-step": "def gd_step(w, grad, lr):\n    return w + lr * grad",
}
FAST = ["--jobs", "2", "--cell-timeout", "20", "--timeout", "90", "--quiet", "--uid-base", "65100"]
LESSONS = SOURCE.parents[2] / "lessons"


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
        ("04-sigmoid-grad", "the input a slipped into the derivative where σ(a) belongs"),
        ("04-matmul-grad", "a missing transpose"),
        ("04-backward-pass", "you replaced its gradient (=) instead of adding to it"),
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


def test_student_ids_come_from_folders_of_one_notebook_and_file_names_elsewhere(tmp_path):
    from deepslow.grading.submissions import student_ids

    paths = [tmp_path / "alice" / SOURCE.name, tmp_path / "bob smith" / "mine.ipynb", tmp_path / "carl.ipynb"]
    assert sorted(student_ids({p: tmp_path for p in paths})) == ["alice", "bob_smith", "carl"]
    section = [tmp_path / "section1" / "dana.ipynb", tmp_path / "section1" / "eli.ipynb"]  # several: file names
    assert sorted(student_ids({p: tmp_path for p in section})) == ["dana", "eli"]
    assert list(student_ids({tmp_path / "=cmd|calc.ipynb": tmp_path})) == ["_cmd_calc"]  # no formula in the CSV


def test_helpers_build_a_real_student_notebook(tmp_path):
    nb = student_notebook(tmp_path)
    assert any("NotImplementedError" in c.source for c in nb.cells)


# --- a notebook of another lesson, and an --out folder of another source ----------------------------


def _student_version_of(lesson, tmp_path):
    from deepslow.grading.assign import assign

    assign(LESSONS / lesson, tmp_path / "release", tmp_path / "release.manifest.json")
    return tmp_path / "release" / lesson


def test_a_notebook_of_another_lesson_is_recognised_without_running_it(tmp_path):
    from deepslow.grading.format import Assignment, read_notebook
    from deepslow.grading.runner import identify

    lesson1 = read_notebook(LESSONS / "01-computational-graphs.ipynb")  # defines `affine`, as 02-affine asks
    lesson2 = Assignment(read_notebook(LESSONS / "02-perceptrons.ipynb"), LESSONS / "02-perceptrons.ipynb")
    problem = identify(lesson2, lesson1)
    assert problem.startswith("this looks like lesson 01, not 02:") and "01-affine-graph" in problem
    assert identify(lesson2, read_notebook(_student_version_of("02-perceptrons.ipynb", tmp_path))) is None
    mini = Assignment(read_notebook(SOURCE), SOURCE)
    assert identify(mini, read_notebook(LESSONS / "04-gradient-descent-and-backprop.ipynb")) is None  # a superset
    assert "none of this assignment's exercise cells" in identify(mini, nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("print('my own notebook')")]))  # fmt: skip
    assert "empty" in identify(mini, nbformat.v4.new_notebook())


def test_another_lessons_notebook_is_not_gradable_and_its_row_has_no_points(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "alice.ipynb").write_bytes((LESSONS / "01-computational-graphs.ipynb").read_bytes())
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), subs / "bob.ipynb")
    submission(tmp_path, subs, "carol", SOLUTIONS)
    out = tmp_path / "out"
    code, stdout, _ = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *FAST)
    assert code == 1 and "2 could not be graded (alice, bob)" in stdout
    alice = read_record(out, "alice")
    assert alice["status"] == "not gradable" and alice["total"] == 0
    assert alice["message"].startswith("this looks like lesson 01, not 04")
    assert "none of this assignment's exercise cells" in read_record(out, "bob")["message"]
    table = {row[0]: row[1:] for row in csv.reader((out / "gradebook.csv").open())}
    assert table["alice"] == ["", "", "", "", "", "8", "not gradable"]  # blank, not 0: averages skip it
    assert table["carol"] == ["2", "2", "3", "1", "8", "8", "graded"]


def test_gradebook_leaves_points_blank_unless_graded(tmp_path):
    from deepslow.grading.gradebook import write_gradebook

    records = [
        {"student": "a", "status": "graded", "total": 0, "max_total": 3, "exercises": {"e1": {"points": 0}}},
        {"student": "b", "status": "grader error", "total": 0, "max_total": 3, "exercises": {"e1": {"points": 0}}},
    ]
    write_gradebook(tmp_path, records, ["e1"])
    assert (tmp_path / "gradebook.csv").read_text().splitlines()[1:] == ["a,0,0,3,graded", "b,,,3,grader error"]


def test_an_out_folder_holding_another_assignment_is_refused_and_left_alone(graded):
    root, *_ = graded
    out = root / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    other = LESSONS / "02-perceptrons.ipynb"
    for force in ([], ["--force"]):
        code, _, err = run_cli(
            "grade", "--source", str(other), str(root / "submissions"), "--out", str(out), *force, *FAST
        )
        assert code == 2 and "holds the results of another assignment" in err and "Nothing was changed" in err
        assert "one folder per assignment" in err and "02-perceptrons" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_edited_source_needs_force_and_a_forced_regrade_resumes(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    submission(tmp_path, subs, "alice", SOLUTIONS)
    submission(tmp_path, subs, "bob")
    assert run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *FAST)[0] == 0
    edited = tmp_path / "edited.ipynb"
    nb = nbformat.read(SOURCE, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A typo fixed after the first grading."))
    nbformat.write(nb, edited)
    bob_before = (out / "bob.json").read_bytes()

    code, _, err = run_cli("grade", "--source", str(edited), str(subs), "--out", str(out), *FAST)
    assert code == 2 and "another version of the source" in err and "--force" in err
    assert (out / "bob.json").read_bytes() == bob_before

    code, stdout, _ = run_cli("grade", "--source", str(edited), str(subs / "alice.ipynb"), "--out", str(out),
                              "--force", *FAST)  # fmt: skip
    assert code == 0 and "1 graded" in stdout and "left out of the gradebook (bob)" in stdout
    assert read_record(out, "alice")["source_sha256"] != json.loads(bob_before)["source_sha256"]
    assert [row[0] for row in csv.reader((out / "gradebook.csv").open())] == ["student", "alice"]
    assert (out / "bob.json").read_bytes() == bob_before  # kept, not destroyed

    code, stdout, _ = run_cli("grade", "--source", str(edited), str(subs), "--out", str(out), *FAST)  # resumes
    assert code == 0 and "1 graded, 0 could not be graded, 1 skipped" in stdout
    assert [row[0] for row in csv.reader((out / "gradebook.csv").open())] == ["student", "alice", "bob"]


def test_grading_some_students_again_keeps_the_others_in_the_gradebook(graded):
    root, *_ = graded
    out = root / "out"
    code, _, _ = run_cli(
        "grade", "--source", str(SOURCE), str(root / "submissions" / "full.ipynb"), "--out", str(out), *FAST
    )
    assert code == 0
    assert sorted(row[0] for row in list(csv.reader((out / "gradebook.csv").open()))[1:]) == [
        "full", "half", "mistakes", "stub"]  # fmt: skip


def test_a_notebook_whose_ids_and_metadata_were_lost_is_recognised_by_its_check_calls(tmp_path):
    from deepslow.grading.format import Assignment, read_notebook
    from deepslow.grading.runner import identify

    lesson1 = read_notebook(LESSONS / "01-computational-graphs.ipynb")
    lesson2 = Assignment(read_notebook(LESSONS / "02-perceptrons.ipynb"), "02")
    student = read_notebook(_student_version_of("02-perceptrons.ipynb", tmp_path))
    for i, cell in enumerate(student.cells):  # an editor that drops cell ids and metadata
        cell["id"], cell["metadata"] = f"new-{i}", {}
    pasted = [c for c in lesson1.cells if c.metadata.get("deepslow", {}).get("role") in ("solution", "check")]
    student.cells += pasted[:3]  # and a few of lesson 1's cells pasted in, with their markup
    assert identify(lesson2, student) is None
