"""`deepslow assign --format nbgrader`: nbgrader source notebooks made from the lessons, checked
against nbgrader's metadata schema, then released and autograded by nbgrader itself (from PyPI,
in the `test` extra): the source's solutions score full marks, the released stubs zero."""

import csv
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from deepslow.cli import main
from deepslow.exercises import Feedback, FunctionExercise, inline, record
from deepslow.exercises.plain import compare
from deepslow.grading.format import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, Assignment
from deepslow.grading.nbgrader import asserting_check, expect, grade_id, verify

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
ALL_LESSONS = sorted(p.name for p in LESSONS.glob("[0-9][0-9]-*.ipynb"))
QUICK_LESSONS = [name for name in ALL_LESSONS if name[:2] in ("01", "04")]
NBGRADER = Path(sys.executable).parent / "nbgrader"
NBGRADER_TIMEOUT = 900  # seconds for one nbgrader command (lesson 6 imports TensorFlow in each kernel)

needs_nbgrader = pytest.mark.skipif(
    importlib.util.find_spec("nbgrader") is None or not NBGRADER.exists(),
    reason="nbgrader is not installed in this environment (it is in the `test` extra: pip install -e '.[test]')",
)


# --- fast: the pieces ----------------------------------------------------------------------------


def test_grade_ids_follow_nbgraders_pattern():
    assert grade_id("04-gd-step", "tests") == "04-gd-step-tests"
    assert grade_id("ex.huber v2", "answer", 2) == "ex_huber_v2-answer-2"  # nbgrader: ^[a-zA-Z0-9_\-]*$


def test_asserting_check_wraps_the_hidden_tests_and_keeps_the_visible_check():
    source = f'{BEGIN_HIDDEN}\nrecord("ex", f)\n{END_HIDDEN}\ncheck("ex", f)'
    lines = asserting_check(source, "ex", "DATA1\nDATA2").splitlines()
    assert lines[0] == BEGIN_HIDDEN and lines[-2:] == [END_HIDDEN, 'check("ex", f)']
    assert lines[1] == "from deepslow.grading.nbgrader import expect, verify"
    assert lines[3:7] == ['expect("ex", """', "DATA1", "DATA2", '""")']
    assert lines[7:9] == ['record("ex", f)', 'verify("ex")']


@pytest.fixture
def doubling():
    """An exercise with one public case, and the expected answers on it and on one hidden case."""
    exercise = FunctionExercise("nbg-double", "Twice the input", cases={"two numbers": (np.array([1.0, 2.0]),)})
    exercise.reference(lambda x: 2.0 * x)
    hidden = {"three numbers": (np.array([1.0, -2.0, 5.0]),)}
    expected = Feedback.from_exercise(exercise, {**exercise.cases, **hidden}, mode="course").to_text()
    exercise.reference_fn = None  # as in a student's notebook: no reference there
    yield hidden, expected
    assert inline._SINKS == []  # record() sends to the grader again afterwards


def test_verify_passes_a_right_answer(doubling):
    hidden, expected = doubling
    expect("nbg-double", expected)
    record("nbg-double", lambda x: x + x, hidden_cases=hidden)
    verify("nbg-double")  # no AssertionError


def test_verify_asserts_on_a_wrong_hidden_case_without_showing_it(doubling):
    hidden, expected = doubling
    expect("nbg-double", expected)
    record("nbg-double", lambda x: 2.0 * x if len(x) == 2 else x, hidden_cases=hidden)  # right on the public case
    with pytest.raises(AssertionError) as caught:
        verify("nbg-double")
    message = str(caught.value)
    assert message.startswith("nbg-double (failed): a case of the hidden tests")
    assert "three numbers" not in message and "5." not in message  # no label, input or expected value


def test_verify_names_the_public_case_and_the_difference(doubling):
    hidden, expected = doubling
    expect("nbg-double", expected)
    record("nbg-double", lambda x: 3.0 * x, hidden_cases=hidden)
    with pytest.raises(AssertionError, match=r"nbg-double \(failed\): case 'two numbers'"):
        verify("nbg-double")


def test_verify_fails_a_stub_and_a_missing_record(doubling):
    hidden, expected = doubling

    def stub(x):
        raise NotImplementedError

    expect("nbg-double", expected)
    record("nbg-double", stub, hidden_cases=hidden)
    with pytest.raises(AssertionError, match="not attempted"):
        verify("nbg-double")
    expect("nbg-double", expected)
    with pytest.raises(AssertionError, match="no answer was recorded"):
        verify("nbg-double")  # the hidden tests recorded nothing at all


def test_hidden_tests_that_stopped_half_way_leave_no_sink_behind(doubling):
    hidden, expected = doubling
    expect("nbg-double", expected)  # ... and the hidden tests raised before verify()
    expect("nbg-double", expected)
    assert len(inline._SINKS) == 1
    record("nbg-double", lambda x: 2.0 * x, hidden_cases=hidden)
    verify("nbg-double")


# --- the lessons as nbgrader source notebooks ----------------------------------------------------


def nbgrader_source(tmp, lesson):
    """`deepslow assign --format nbgrader` of one lesson into an nbgrader course's source/ folder."""
    out = tmp / "course" / "source" / assignment_name(lesson)
    assert main(["assign", str(LESSONS / lesson), str(out), "--format", "nbgrader"]) == 0
    return out / lesson


def assignment_name(lesson):
    return f"lesson{lesson[:2]}"


def region_lines(source, begin, end):
    """The stripped lines between `begin` and `end` markers."""
    found, inside = [], False
    for line in source.splitlines():
        if line.strip() == begin:
            inside = True
        elif line.strip() == end:
            inside = False
        elif inside and line.strip():
            found.append(line.strip())
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lesson", QUICK_LESSONS)
def test_nbgrader_metadata_of_a_lesson(tmp_path, lesson):
    path = nbgrader_source(tmp_path, lesson)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    deepslow_points = Assignment(nbformat.read(LESSONS / lesson, as_version=4)).points
    meta = [c.metadata.get("nbgrader") for c in nb.cells]
    marked = [m for m in meta if m]
    assert {m["schema_version"] for m in marked} == {3}
    ids = [m["grade_id"] for m in marked if m["grade"] or m["solution"] or m["locked"]]
    assert len(ids) == len(set(ids)), "grade_ids must be unique"
    graded = {m["grade_id"]: m["points"] for m in marked if m["grade"]}
    assert graded == {grade_id(ex, "tests"): pts for ex, pts in deepslow_points.items()}
    roles = [c.metadata.get("deepslow", {}) for c in nb.cells]
    feedback_cells = {r["exercise"]: c for r, c in zip(roles, nb.cells, strict=True) if r.get("role") == "feedback"}
    for cell in nb.cells:
        role, m = cell.metadata.get("deepslow", {}).get("role"), cell.metadata.get("nbgrader")
        assert (m is not None) == (role is not None), cell.source[:80]
        if role in ("setup", "cases", "feedback", "check"):
            assert m["locked"] and not m["solution"]
        if role == "solution":
            assert m["solution"] and not m["locked"] and not m["grade"] and BEGIN_SOLUTION in cell.source
        if role == "check" and m["grade"]:
            assert BEGIN_HIDDEN in cell.source and "expect(" in cell.source and "verify(" in cell.source
            exercise = cell.metadata["deepslow"]["exercise"]
            expected = Feedback.from_text(cell.source.split('"""')[1])  # the expected answers of every case
            public = Feedback.from_text(feedback_cells[exercise].source.split('"""')[1])
            assert expected.exercise == exercise and set(public.labels) < set(expected.labels)  # hidden cases too
            for label in public.labels:  # the same expected answers as check() has, on the public cases
                assert compare(public.expected[label], expected.expected[label], 1e-12, 0.0) is None, label
        if cell.cell_type == "code":
            assert cell.outputs == []
    assert "instructor" not in {c.metadata.get("deepslow", {}).get("role") for c in nb.cells}
    text = path.read_text()
    assert ".reference(" not in text and ".mistake(" not in text and ".hints(" not in text
    if importlib.util.find_spec("nbgrader") is not None:  # nbgrader's own validator, schema v3
        from nbgrader.nbgraderformat import MetadataValidator

        MetadataValidator().validate_nb(nb)


def run_nbgrader(course, *args):
    env = {**os.environ, "PATH": f"{NBGRADER.parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # (it runs alembic)
    done = subprocess.run(
        [str(NBGRADER), *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=NBGRADER_TIMEOUT,
    )
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def wrong_first_answer(source_nb):
    """The source notebook with its first graded exercise answered `return None`; (notebook, exercise)."""
    nb = nbformat.read(source_nb, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            lines, out, inside = cell.source.splitlines(), [], False
            for line in lines:
                if line.strip() == BEGIN_SOLUTION:
                    inside = True
                    out.append(line[: len(line) - len(line.lstrip())] + "return None")
                elif line.strip() == END_SOLUTION:
                    inside = False
                elif not inside:
                    out.append(line)
            cell.source = "\n".join(out)
            return nb, cell.metadata["deepslow"]["exercise"]
    raise AssertionError("no solution cell")


@pytest.mark.slow
@needs_nbgrader
@pytest.mark.parametrize("lesson", ALL_LESSONS)
def test_nbgrader_releases_and_autogrades_a_lesson(tmp_path, lesson):
    source_nb = nbgrader_source(tmp_path, lesson)
    course, assignment = tmp_path / "course", assignment_name(lesson)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        'c.CourseDirectory.course_id = "deepslow"\n'
        f'c.CourseDirectory.db_url = "sqlite:///{tmp_path / "gradebook.db"}"\n'
        "c.Execute.timeout = 300\n"
    )
    run_nbgrader(course, "generate_assignment", assignment, "--force")
    released = course / "release" / assignment / lesson
    release_text = released.read_text()

    # The release holds no solution line and no hidden test (nor the expected answers they carry).
    lesson_source = (LESSONS / lesson).read_text()
    nb_source = nbformat.read(source_nb, as_version=4)
    public = "\n".join(
        "\n".join(
            line
            for line in c.source.splitlines()
            if line.strip()
            not in set(region_lines(c.source, BEGIN_SOLUTION, END_SOLUTION))
            | set(region_lines(c.source, BEGIN_HIDDEN, END_HIDDEN))
        )
        for c in nbformat.read(LESSONS / lesson, as_version=4).cells
    )
    secrets = set()
    for cell in nb_source.cells:
        secrets.update(region_lines(cell.source, BEGIN_SOLUTION, END_SOLUTION))
        secrets.update(region_lines(cell.source, BEGIN_HIDDEN, END_HIDDEN))
    secrets = {s for s in secrets if len(s) >= 12 and s not in public}  # lines the lesson also shows are not secret
    assert secrets and lesson_source
    released_sources = "\n".join(c.source for c in nbformat.read(released, as_version=4).cells)
    leaked = sorted(s for s in secrets if s in released_sources)
    assert not leaked, f"the release shows lines of solutions or hidden tests: {leaked[:5]}"
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "expect(", "verify("):
        assert marker not in release_text

    # Three submissions: the source's solutions, the released stubs, and one wrong answer.
    wrong, wrong_exercise = wrong_first_answer(source_nb)
    for student, write in (
        ("solver", lambda p: p.write_bytes(source_nb.read_bytes())),
        ("stubs", lambda p: p.write_bytes(released.read_bytes())),
        ("wrong", lambda p: nbformat.write(wrong, p)),
    ):
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        write(folder / lesson)
    run_nbgrader(course, "autograde", assignment)
    run_nbgrader(course, "export", "--to", str(tmp_path / "grades.csv"))
    with open(tmp_path / "grades.csv", newline="") as f:
        scores = {row["student_id"]: (float(row["raw_score"]), float(row["max_score"])) for row in csv.DictReader(f)}
    points = Assignment(nbformat.read(LESSONS / lesson, as_version=4)).points
    total = float(sum(points.values()))
    assert scores["solver"] == (total, total), errors_of(course, "solver", assignment, lesson)
    assert scores["stubs"] == (0.0, total)
    assert scores["wrong"] == (total - points[wrong_exercise], total), errors_of(course, "wrong", assignment, lesson)

    # The wrong answer's test cell failed with an AssertionError that says which exercise and why.
    failures = errors_of(course, "wrong", assignment, lesson)
    assert list(failures) == [grade_id(wrong_exercise, "tests")]
    ename, evalue = failures[grade_id(wrong_exercise, "tests")]
    assert ename == "AssertionError" and evalue.startswith(f"{wrong_exercise} (failed): ")


def errors_of(course, student, assignment, lesson):
    """{grade_id: (ename, evalue)} of the graded cells that raised in nbgrader's autograded notebook."""
    nb = json.loads((course / "autograded" / student / assignment / lesson).read_text())
    found = {}
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        for output in cell.get("outputs", []):
            if meta.get("grade") and output["output_type"] == "error":
                found[meta["grade_id"]] = (output["ename"], output["evalue"])
    return found


def test_nbgrader_format_refuses_self_study_and_a_manifest(tmp_path, capsys):
    lesson = str(LESSONS / QUICK_LESSONS[0])
    assert main(["assign", lesson, str(tmp_path / "out"), "--format", "nbgrader", "--self-study"]) == 2
    assert main(["assign", lesson, str(tmp_path / "out"), "--format", "nbgrader", "--manifest", "m.json"]) == 2
    assert "do not apply to --format nbgrader" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_source_that_does_not_run_from_the_top_is_refused(tmp_path, capsys):
    """The expected answers come from running the whole notebook: a lesson cell that fails stops assign."""
    from grading_helpers import SOURCE

    nb = nbformat.read(SOURCE, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell("raise RuntimeError('a lesson cell that fails')"))
    source = tmp_path / "broken.ipynb"
    nbformat.write(nb, source)
    assert main(["assign", str(source), str(tmp_path / "out"), "--format", "nbgrader"]) == 2
    err = capsys.readouterr().err
    assert "running it from the top (for the expected answers) failed" in err and "a lesson cell that fails" in err
    assert not (tmp_path / "out" / "broken.ipynb").exists()
