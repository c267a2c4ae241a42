"""`deepslow assign`: student notebooks and the manifest; the authoring format's validation."""

import hashlib
import json

import nbformat
import pytest
from grading_helpers import EXERCISES, SOURCE

from deepslow.cli import main
from deepslow.grading.assign import assign
from deepslow.grading.format import Assignment, AuthoringError


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    root = tmp_path_factory.mktemp("assign")
    data, manifest = assign(SOURCE, root / "student")
    return root, nbformat.read(root / "student" / SOURCE.name, as_version=4), data, manifest


def test_student_version_has_no_solutions_no_hidden_tests_and_no_instructor_cells(assigned):
    root, nb, _, _ = assigned
    text = (root / "student" / SOURCE.name).read_text()
    for secret in ["grad * s * (1 - s)", "grad @ B.T", "w - lr * grad", "BEGIN SOLUTION", "HIDDEN TESTS", "record("]:
        assert secret not in text
    roles = [c.metadata.get("deepslow", {}).get("role") for c in nb.cells]
    assert "instructor" not in roles and roles.count("feedback") == 4 and roles.count("cases") == 4
    assert ".reference(" not in text and ".mistake(" not in text and ".hints(" not in text
    stubs = [c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "solution"]
    assert len(stubs) == 4
    for cell in stubs:
        exercise = cell.metadata["deepslow"]["exercise"]
        assert f'raise NotImplementedError("{exercise}: replace this line with your answer")' in cell.source
        assert cell.source.startswith("def ")  # the signature and docstring stay


def test_student_version_keeps_checks_locks_them_and_clears_outputs(assigned):
    _, nb, _, _ = assigned
    checks = [c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "check"]
    assert [c.source for c in checks] == [f'check("{ex}", {ex[3:].replace("-", "_")})' for ex in EXERCISES]
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            if cell.metadata.get("deepslow", {}).get("role") in ("check", "setup"):
                assert cell.metadata["editable"] is False and cell.metadata["deletable"] is False


def test_manifest_is_outside_out_with_points_and_checksums(assigned):
    root, nb, data, manifest = assigned
    assert manifest == root / "student.manifest.json" and not (root / "student" / manifest.name).exists()
    entry = json.loads(manifest.read_text())["notebooks"][0]
    assert [(e["id"], e["points"]) for e in entry["exercises"]] == list(zip(EXERCISES, [2, 2, 3, 1], strict=True))
    assert entry["total_points"] == 8 and entry["mode"] == "course"
    cells = {c.id: c for c in nb.cells}
    assert len(entry["locked_cells"]) == 9  # the setup cell, four cases cells and four check cells
    for locked in entry["locked_cells"]:
        assert locked["sha256"] == hashlib.sha256(cells[locked["id"]].source.encode()).hexdigest()
    assert entry["source_sha256"] == hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def test_feedback_cells_hold_the_exercises_data_locked_and_folded_away(assigned):
    from deepslow.exercises.feedback import Feedback

    _, nb, _, _ = assigned
    feedback = [c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "feedback"]
    for cell in feedback:
        exercise = cell.metadata["deepslow"]["exercise"]
        assert cell.metadata["editable"] is False and cell.metadata["deletable"] is False
        assert cell.metadata["jupyter"]["source_hidden"] is True and cell.metadata["cellView"] == "form"
        assert cell.source.startswith(f"#@title Feedback data for {exercise}")
        text = cell.source.split('"""')[1]
        data = Feedback.from_text(text)
        assert data.exercise == exercise and data.mode == "course" and data.solutions is None
        assert data.mistakes and data.hints and data.labels
    cases = [c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "cases"]
    assert all(c.metadata["jupyter"]["source_hidden"] and c.metadata["editable"] is False for c in cases)


def test_self_study_copies_know_where_their_source_is(tmp_path):
    from deepslow.exercises.feedback import Feedback

    data, _ = assign(SOURCE, tmp_path / "tmp-out", tmp_path / "m.json", self_study=tmp_path / "my-lessons")
    nb = nbformat.read(tmp_path / "tmp-out" / SOURCE.name, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "feedback")
    feedback = Feedback.from_text(cell.source.split('"""')[1])
    assert feedback.mode == "self-study" and data["notebooks"][0]["mode"] == "self-study"
    assert (tmp_path / "my-lessons" / feedback.solutions).resolve() == SOURCE.resolve()


def test_assign_is_idempotent(assigned, tmp_path):
    root, _, _, _ = assigned
    assign(SOURCE, tmp_path / "again")
    assert (tmp_path / "again" / SOURCE.name).read_bytes() == (root / "student" / SOURCE.name).read_bytes()
    assign(SOURCE, tmp_path / "again")
    assert (tmp_path / "again" / SOURCE.name).read_bytes() == (root / "student" / SOURCE.name).read_bytes()


def test_assign_refuses_to_overwrite_the_source(tmp_path, capsys):
    source = tmp_path / SOURCE.name
    source.write_bytes(SOURCE.read_bytes())
    assert main(["assign", str(source), str(tmp_path)]) == 2
    assert "refusing to write" in capsys.readouterr().err
    assert source.read_bytes() == SOURCE.read_bytes()
    assert main(["assign", str(source), str(tmp_path / "out"), "--manifest", str(tmp_path / "out" / "m.json")]) == 2
    assert "must be outside" in capsys.readouterr().err


def test_assign_cli_reports_bad_inputs(tmp_path, capsys):
    assert main(["assign", str(tmp_path / "missing.ipynb"), str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.ipynb"
    bad.write_text("this is not json")
    assert main(["assign", str(bad), str(tmp_path / "out")]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["assign", str(SOURCE), str(tmp_path / "ok")]) == 0
    assert "04-sigmoid-grad (2 pt)" in capsys.readouterr().out


def _source_with(edit):
    nb = nbformat.read(SOURCE, as_version=4)
    edit(nb)
    return nb


def _cell(nb, exercise, role):
    return next(
        c
        for c in nb.cells
        if c.metadata.get("deepslow", {}).get("exercise") == exercise and c.metadata["deepslow"]["role"] == role
    )


@pytest.mark.parametrize(
    "edit, words",
    [
        (
            lambda nb: setattr(
                _cell(nb, "04-gd-step", "solution"), "source", "### BEGIN SOLUTION\nlr = 0.1\n### END SOLUTION"
            ),
            "not inside a function",
        ),
        (
            lambda nb: setattr(
                _cell(nb, "04-gd-step", "solution"), "source", "def f():\n    ### BEGIN SOLUTION\n    pass"
            ),
            "never closed",
        ),
        (
            lambda nb: _cell(nb, "04-gd-step", "check").metadata["deepslow"].update(points="three"),
            "points must be a number",
        ),
        (
            lambda nb: setattr(_cell(nb, "04-gd-step", "check"), "source", 'check("04-gd-step", gd_step)'),
            "no hidden tests",
        ),
        (lambda nb: nb.cells.remove(_cell(nb, "04-gd-step", "solution")), "has a check cell but no solution cell"),
        (
            lambda nb: _cell(nb, "04-gd-step", "check").metadata["deepslow"].update(role="checks"),
            "unknown role 'checks'",
        ),
        (lambda nb: _cell(nb, "04-gd-step", "check").metadata["deepslow"].pop("exercise"), "needs an exercise id"),
    ],
)
def test_authoring_mistakes_are_reported_by_cell(edit, words):
    with pytest.raises(AuthoringError) as info:
        Assignment(_source_with(edit), "lesson.ipynb")
    assert words in str(info.value) and "cell " in str(info.value)


def _move_before_solution(nb):
    instructor = _cell(nb, "04-gd-step", "instructor")
    nb.cells.remove(instructor)
    nb.cells.insert(nb.cells.index(_cell(nb, "04-gd-step", "solution")), instructor)


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda nb: nb.cells.remove(_cell(nb, "04-gd-step", "instructor")), "needs an instructor cell"),
        (lambda nb: nb.cells.remove(_cell(nb, "04-gd-step", "cases")), "needs exactly one cases cell"),
        (_move_before_solution, "must come after its solution and cases cells"),
        (
            lambda nb: _cell(nb, "04-gd-step", "instructor").metadata["deepslow"].update(role="feedback"),
            "belongs to a student version",
        ),
    ],
)
def test_the_exercise_cells_must_all_be_there_in_order(edit, words):
    with pytest.raises(AuthoringError) as info:
        Assignment(_source_with(edit), "lesson.ipynb")
    assert words in str(info.value)


@pytest.mark.parametrize(
    "code, words",
    [
        (
            "\n@gd_step_exercise.mistake('the same')\ndef same(w, grad, lr):\n    return w - grad * lr\n",
            "check() would pass it",
        ),
        ("\ngd_step_exercise.reference(lambda w, grad, lr: 1 / 0)\n", "the reference raised on case"),
        ("\nundefined_name\n", "NameError"),
    ],
)
def test_assign_refuses_a_source_whose_exercise_cells_have_a_problem(tmp_path, code, words, capsys):
    nb = nbformat.read(SOURCE, as_version=4)
    _cell(nb, "04-gd-step", "instructor").source += code
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    assert main(["assign", str(broken), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert words in err and "04-gd-step" in err and not (tmp_path / "out" / "broken.ipynb").exists()


def test_the_student_version_runs_without_error_and_every_check_says_not_attempted(assigned):
    from nbclient import NotebookClient

    root, nb, _, _ = assigned
    NotebookClient(nb, timeout=60, resources={"metadata": {"path": str(root)}}).execute()  # raises on any error
    cards = [o["data"]["text/plain"] for c in nb.cells for o in c.get("outputs", []) if "data" in o]
    assert len([c for c in cards if "not attempted (course material)" in c]) == 4


def test_the_source_notebook_runs_and_every_check_passes():
    from nbclient import NotebookClient

    nb = nbformat.read(SOURCE, as_version=4)
    NotebookClient(nb, timeout=60, resources={"metadata": {"path": str(SOURCE.parent)}}).execute()
    cards = [o["data"]["text/plain"] for c in nb.cells for o in c.get("outputs", []) if "data" in o]
    assert len([c for c in cards if c.startswith("✓") and ": passed" in c]) == 4


def test_assign_takes_a_folder_of_source_notebooks(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for name in ("a.ipynb", "b.ipynb"):
        (lessons / name).write_bytes(SOURCE.read_bytes())
    data, manifest = assign(lessons, tmp_path / "release")
    assert sorted(p.name for p in (tmp_path / "release").iterdir()) == ["a.ipynb", "b.ipynb"]
    assert [e["notebook"] for e in data["notebooks"]] == ["a.ipynb", "b.ipynb"]
    assert json.loads(manifest.read_text()) == data
