"""Exercises read from a source notebook, outside Jupyter.

`deepslow assign` needs each exercise's feedback data (what the reference and every named mistake
return on the public cases). It gets it by running the notebook's exercise cells, and only those:
the setup cells, then each exercise's solution, cases and instructor cells, in notebook order, in
one fresh namespace. (That is the authoring rule: an exercise's cells use only names from setup
cells and from its own cells, so they also work when the grader restores them on their own.)

    python -m deepslow.exercises.notebook SOURCE.ipynb OUT.json
        writes {"feedback": {id: data}, "problems": [...]} to OUT.json

assign runs that in a child process, so a source notebook's code never runs inside assign itself
and whatever it registers (gradients, exercises) does not stay behind. Tests call `load_exercises`
directly to get the live exercises of a lesson.

Cell metadata and markers are read here from the notebook's JSON (no nbformat), because
`solution()` also uses this module, inside a learner's kernel.
"""

import json
import linecache
import os
import sys

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
RUN_ROLES = ("setup", "solution", "cases", "instructor")


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _markup(cell):
    markup = cell.get("metadata", {}).get("deepslow")
    return markup if isinstance(markup, dict) else {}


def solution_cells(notebook, exercise_id):
    """The code of the exercise's solution cells, marker lines left out ([] if none)."""
    texts = []
    for cell in notebook.get("cells", []):
        markup = _markup(cell)
        if markup.get("role") == "solution" and markup.get("exercise") == exercise_id:
            lines = [line for line in _source(cell).splitlines() if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION)]
            texts.append("\n".join(lines).strip("\n"))
    return texts


def exercise_ids(notebook):
    """The exercise ids of a notebook's cells, in order of first appearance."""
    ids = []
    for cell in notebook.get("cells", []):
        exercise = _markup(cell).get("exercise")
        if isinstance(exercise, str) and exercise not in ids:
            ids.append(exercise)
    return ids


def _python(source):
    """Cell source as plain Python: IPython's own transformer turns magics into calls."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # without IPython, a cell with a magic fails to compile and says so
        return source
    return TransformerManager().transform_cell(source)


def run_exercise_cells(path, namespace=None):
    """Run the setup and exercise cells of the notebook at `path` in `namespace` (a fresh one by
    default). Returns (namespace, problems). A cell that fails is reported with its number and
    role, and the cells after it still run."""
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    problems = []
    name = os.path.basename(str(path))
    for index, cell in enumerate(notebook.get("cells", [])):
        markup = _markup(cell)
        if cell.get("cell_type") != "code" or markup.get("role") not in RUN_ROLES:
            continue
        filename = f"<{name} cell {index}>"
        source = _python(_source(cell))
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)  # for inspect
        try:
            exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - the instructor's own notebook
        except Exception as exc:  # noqa: BLE001 - report every failing cell, by number
            what = f"{markup.get('exercise')}, {markup.get('role')}" if markup.get("exercise") else markup.get("role")
            hint = ""
            if isinstance(exc, NameError):
                hint = (
                    " (an exercise's cells may use only names from setup cells and from the exercise's own cells: "
                    "the grader and `deepslow assign` run them without the rest of the lesson)"
                )
            problems.append(f"cell {index} ({what}) raised {type(exc).__name__}: {exc}{hint}")
    return namespace, problems


def load_exercises(path):
    """{id: Exercise} defined by the notebook's cells (run in this process), and the problems found."""
    from . import core

    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    before = dict(core._EXERCISES)
    _, problems = run_exercise_cells(path)
    exercises = {}
    for exercise_id in exercise_ids(notebook):
        exercise = core._EXERCISES.get(exercise_id)
        if exercise is None or exercise is before.get(exercise_id):
            problems.append(
                f"exercise {exercise_id}: its cases cell did not define it "
                f"(e.g. FunctionExercise({exercise_id!r}, ...))"
            )
            continue
        exercises[exercise_id] = exercise
    return exercises, problems


def feedback_of(path):
    """{"feedback": {id: plain feedback data}, "problems": [...]} for the notebook at `path`."""
    exercises, problems = load_exercises(path)
    feedback = {}
    for exercise_id, exercise in exercises.items():
        try:
            data = exercise.feedback()
        except Exception as exc:  # noqa: BLE001 - e.g. no reference: say which exercise
            problems.append(f"exercise {exercise_id}: {exc}")
            continue
        problems += [f"exercise {exercise_id}: {p}" for p in data.problems()]
        feedback[exercise_id] = data.to_plain()
    return {"feedback": feedback, "problems": problems}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        result = feedback_of(argv[0])
    except Exception as exc:  # noqa: BLE001 - e.g. not a notebook: say so to assign
        result = {"feedback": {}, "problems": [f"{type(exc).__name__}: {exc}"]}
    with open(argv[1], "w", encoding="utf-8") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
