"""Nothing a student receives contains an answer.

The test builds the wheel (`python -m pip wheel --no-deps`), runs `deepslow assign` on every source
notebook a course hands out (the six lessons and the example of docs/examples/), and searches all of
it for the instructor's secrets:

* every line of every solution region (### BEGIN SOLUTION ... ### END SOLUTION),
* every line of every hidden-test region (hidden cases included),
* every line of the code of every named mistake (the functions of the instructor cells),

in the wheel's files, the student notebooks' cells, and the feedback data embedded in them
(decoded: hints, messages, fingerprints). Mistake code is searched for where it could only have come
from the exercise: the student notebooks, their data, and the exercise machinery of the wheel
(deepslow/exercises/, deepslow/grading/); the library's own ops may well compute, say, x - y.

Not secrets, and so not searched for:
* a line that a lesson shows students anyway (its text and code, the stubs, the public cases, the
  visible check calls), in any of the source notebooks: e.g. lesson 6 prints TensorFlow 1's Adam
  step, whose first lines are those of PyTorch's;
* control flow that carries no answer: a line without an operator, a subscript or a call with
  arguments (`while stack:`, `return grads`, `for inp in node.inputs:`).

The allow-list below is the library code the course re-builds: deepslow itself implements what some
exercises ask learners to write (sigmoid's gradient, the forward and backward passes, a grid of
points), and the wheel must contain it. Each entry names the exercise, the line and the files allowed
to hold it; the test fails if a listed line is no longer found there (a stale entry) as well as on
any other find.
"""

import ast
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from deepslow.exercises.feedback import Feedback
from deepslow.grading.format import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, stub_solutions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")) + [ROOT / "docs" / "examples" / "own-exercise.ipynb"]

ALLOWED = {
    # library code the course re-builds: (exercise, line) -> the files of the wheel that implement it
    ("04-sigmoid-grad", "return [grad * s * (1 - s)]"): {"deepslow/ops.py"},  # sigmoid's own registered gradient
    ("04-backward-pass", "grads[inp] = grads[inp] + g if inp in grads else g"): {
        "deepslow/widgets/graph_stepper.py",  # the GraphStepper steps through a backward pass
    },
    ("01-forward-pass", "if isinstance(node, Placeholder):"): {"deepslow/widgets/graph_stepper.py"},  # and a forward
    ("05-decision-map", "gx, gy = np.meshgrid(xs, ys)"): {"deepslow/widgets/plane.py"},  # the widgets' heatmap grid
    ("05-decision-map", "points = np.column_stack([gx.ravel(), gy.ravel()])"): {"deepslow/widgets/plane.py"},
}
MACHINERY = ("deepslow/exercises/", "deepslow/grading/")


def normal(line):
    """A line without its comment and with its spaces collapsed."""
    code = line.split("  #")[0] if "  #" in line else line
    if code.lstrip().startswith("#"):
        return ""
    return " ".join(code.split())


def carries_an_answer(line):
    """A line with an operator, a subscript or a call with arguments: not bare control flow."""
    return len(line) >= 12 and bool(re.search(r"[-+*/@%]|\w\[[^\]]+\]|\w\([^)]+\)|\{.+\}", line))


def _regions(source, begin, end):
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() == begin:
            inside = True
        elif line.strip() == end:
            inside = False
        elif inside:
            lines.append(line)
    return lines


def _mistake_code(source):
    """The lines of the bodies of the functions (and classes) decorated as named mistakes."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and any(
            isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "mistake" for d in node.decorator_list
        ):
            found += lines[node.body[0].lineno - 1 : node.end_lineno]
    return found


def _public_and_secret(path):
    """(what a lesson shows students, {(exercise, kind, normal line)} only the instructor may see)."""
    nb = nbformat.read(path, as_version=4)
    public, hidden = [], set()
    for cell in nb.cells:
        markup = cell.metadata.get("deepslow", {})
        role, exercise = markup.get("role"), markup.get("exercise")
        if role == "solution":
            hidden |= {
                (exercise, "solution", normal(line)) for line in _regions(cell.source, BEGIN_SOLUTION, END_SOLUTION)
            }
            public.append(stub_solutions(cell.source, exercise))  # what the student's copy shows
        elif role == "check":
            hidden |= {(exercise, "hidden", normal(line)) for line in _regions(cell.source, BEGIN_HIDDEN, END_HIDDEN)}
            public.append(cell.source.split(END_HIDDEN)[-1])
        elif role == "instructor":
            hidden |= {(exercise, "mistake", normal(line)) for line in _mistake_code(cell.source)}
        else:
            public.append(cell.source)
    return " ".join(" ".join(text.split()) for text in public), hidden


def secrets():
    """{(exercise, kind, normal line)}: the lines of all sources that no lesson shows and that carry an answer."""
    shown, hidden = "", set()
    for source in SOURCES:
        public, theirs = _public_and_secret(source)
        shown += " " + public
        hidden |= theirs
    return {(exercise, kind, line) for exercise, kind, line in hidden if carries_an_answer(line) and line not in shown}


@pytest.fixture(scope="module")
def received(tmp_path_factory):
    """{where: text} for everything a student receives: the wheel's files, the student notebooks'
    cells and their decoded feedback data."""
    root = tmp_path_factory.mktemp("received")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(ROOT), "-w", str(root / "wheel")],
        check=True,
        capture_output=True,
    )
    (wheel,) = (root / "wheel").glob("deepslow-*.whl")
    texts = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            try:
                texts[name] = archive.read(name).decode("utf-8")
            except UnicodeDecodeError:
                texts[name] = archive.read(name).decode("latin-1")
    from deepslow.grading.assign import assign

    for i, source in enumerate(SOURCES):
        out = root / f"student-{i}"
        assign(source, out, root / f"manifest-{i}.json")
        nb = nbformat.read(out / source.name, as_version=4)
        for number, cell in enumerate(nb.cells):
            texts[f"{source.name} cell {number}"] = cell.source
            if cell.metadata.get("deepslow", {}).get("role") == "feedback":
                data = Feedback.from_text(cell.source.split('"""')[1]).to_plain()
                texts[f"{source.name} cell {number} (feedback data)"] = json.dumps(data, ensure_ascii=False)
    return {where: " ".join(text.split()) for where, text in texts.items()}


def leaks(received, hidden=None):
    """({(exercise, line): places} found outside the allow-list, [allow-list entries not found])."""
    found = {}
    for exercise, kind, line in secrets() if hidden is None else hidden:
        places = {
            where
            for where, text in received.items()
            if line in text and (kind != "mistake" or not where.startswith("deepslow/") or where.startswith(MACHINERY))
        }
        if places:
            found[(exercise, line)] = found.get((exercise, line), set()) | places
    unexpected = {
        key: places - ALLOWED.get(key, set()) for key, places in found.items() if places - ALLOWED.get(key, set())
    }
    stale = [key for key, files in ALLOWED.items() if not files <= found.get(key, set())]
    return unexpected, stale


def test_nothing_a_student_receives_holds_a_solution_a_hidden_test_or_a_mistake(received):
    unexpected, stale = leaks(received)
    assert not unexpected, unexpected
    assert not stale, f"allow-list entries no longer found where they are listed: {stale}"


def test_the_search_covers_every_exercise_and_would_see_a_leak(received):
    hidden = secrets()
    assert len({exercise for exercise, _, _ in hidden}) == 28  # the lessons' 27 and the example's
    assert {kind for _, kind, _ in hidden} == {"solution", "hidden", "mistake"}
    assert any(where.startswith("deepslow/") for where in received) and any("feedback data" in w for w in received)
    for kind in ("solution", "hidden", "mistake"):
        exercise, _, line = sorted(s for s in hidden if s[1] == kind)[0]
        planted = dict(received, **{"04-x.ipynb cell 3 (feedback data)": f"a hint that gives away {line} ..."})
        assert (exercise, line) in leaks(planted)[0], kind


def test_the_allow_list_holds_library_files_only():
    for files in ALLOWED.values():
        assert all(f.startswith("deepslow/") and not f.startswith(MACHINERY) for f in files)
