"""An instructor's own exercise (docs/examples/own-exercise.ipynb), written entirely in a notebook:
check() gives learners its cards, `deepslow assign` makes its student version, `deepslow grade`
grades it (the source full marks, the student version zero, a named mistake named)."""

import json
from pathlib import Path

import nbformat
import pytest
from grading_helpers import run_cli
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "own-exercise.ipynb"
WRONG = "def huber(r, delta):\n    return 0.5 * r**2\n"  # quadratic everywhere: a named mistake
ODD = "def huber(r, delta):\n    a = np.abs(r)\n    return np.where(a > delta, delta * a - delta**2 / 2, r * r / 2)\n"


def _run(nb, folder, extra=()):
    nb.cells += [nbformat.v4.new_code_cell(code) for code in extra]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return [
        "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in c.get("outputs", []))
        for c in nb.cells
    ]


def _solution_cell(nb):
    return next(c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "solution")


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    root = tmp_path_factory.mktemp("own")
    code, out, err = run_cli("assign", str(EXAMPLE), str(root / "release"))
    assert code == 0, err
    return root, root / "release" / EXAMPLE.name


def test_the_example_defines_an_exercise_the_lessons_do_not_have():
    lessons = " ".join(p.read_text() for p in (ROOT / "lessons").glob("*.ipynb"))
    package = " ".join(p.read_text() for p in (ROOT / "deepslow").rglob("*.py"))
    assert '"ex-huber"' not in lessons and "ex-huber" not in package and "def huber" not in package


def test_the_source_runs_and_checks_its_own_solution():
    outputs = _run(nbformat.read(EXAMPLE, as_version=4), EXAMPLE.parent)
    assert any("ex-huber — The Huber loss: passed (instructor's source notebook)" in text for text in outputs)


def test_learners_get_cards_in_the_student_version(student):
    root, path = student
    nb = nbformat.read(path, as_version=4)
    assert "np.where(small" not in path.read_text() and "huber_exercise.reference" not in path.read_text()
    outputs = _run(nb, root, ["print(repr(hint('ex-huber')))", "print(repr(solution('ex-huber')))"])
    assert any("ex-huber — The Huber loss: not attempted (course material)" in text for text in outputs)
    assert "decide for each element" in outputs[-2] and "has not released a solution" in outputs[-1]
    nb = nbformat.read(path, as_version=4)
    _solution_cell(nb).source = WRONG
    outputs = _run(nb, root, [f"{ODD}print(repr(check('ex-huber', huber)))"])
    card = next(text for text in outputs if "ex-huber — The Huber loss: failed" in text)
    assert "the loss is quadratic everywhere" in card and "np.where" not in card  # named, with a nudge, no formula
    assert ": passed" in outputs[-1]  # an unusual but right answer passes


def test_deepslow_grade_grades_it(student, tmp_path):
    root, path = student
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "source.ipynb").write_bytes(EXAMPLE.read_bytes())
    (subs / "untouched.ipynb").write_bytes(path.read_bytes())
    nb = nbformat.read(path, as_version=4)
    _solution_cell(nb).source = WRONG
    nbformat.write(nb, subs / "wrong.ipynb")
    code, out, err = run_cli(
        "grade", "--source", str(EXAMPLE), str(subs), "--out", str(tmp_path / "grades"), "--quiet", "--jobs", "2"
    )
    assert code == 0, out + err
    record = {
        name: json.loads((tmp_path / "grades" / f"{name}.json").read_text())
        for name in ("source", "untouched", "wrong")
    }
    assert record["source"]["total"] == record["source"]["max_total"] == 2
    assert (
        record["untouched"]["total"] == 0 and record["untouched"]["exercises"]["ex-huber"]["status"] == "not attempted"
    )
    verdict = record["wrong"]["exercises"]["ex-huber"]
    assert verdict["status"] == "failed" and "the loss is quadratic everywhere" in verdict["message"]
