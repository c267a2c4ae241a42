"""Read the student notebooks and rebuild, for one exercise, the namespace its solution cell runs in.

The verifier runs the notebook's own code cells up to the exercise, as a learner would, with three
changes: an earlier exercise's solution cell runs our reference answer (references.py) instead of the
stub; check cells are skipped (the blind set never calls check/hint/solution); and cells that only
drive widgets or import TensorFlow/PyTorch are skipped or replaced, because they need a browser or
minutes of start-up and define nothing a solution cell uses.
"""

import contextlib
import io
import json
import os
import re
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")  # the lessons plot; nothing is shown here

NOTEBOOK_DIR = Path(__file__).parent / "student_notebooks"

# Cells containing one of these run a widget (they need a live kernel and a browser): skipped.
WIDGET_MARKERS = ("PerceptronExplorer(", "DescentExplorer(", "GraphStepper(", "TrainingPlayground", "explorer.state")

# Whole lines of setup cells that the blind set must not run, and what runs instead.
LINE_REPLACEMENTS = {
    # check/hint/solution come from deepslow.exercises: the blind set never calls them.
    "from deepslow import check, hint, solution": "",
    # lesson 5 imports a reference hidden layer from deepslow.exercises (the graded solutions).
    "from deepslow.exercises.lesson05 import hidden_layer as reference_hidden_layer": (
        "def reference_hidden_layer(x, W, b):\n"
        "    raise AssertionError('blind verifier: the reference hidden layer must not be needed')"
    ),
}

# Lesson 6 imports TensorFlow and PyTorch if present; every later cell copes with their absence.
FRAMEWORK_IMPORT = re.compile(r"^\s*import (tensorflow|torch)\b", re.MULTILINE)


def notebook_path(exercise_id):
    lesson = exercise_id[:2]
    (path,) = NOTEBOOK_DIR.glob(f"{lesson}-*.ipynb")
    return path


def cells(exercise_id):
    """The code cells of the exercise's notebook: (index, source, deepslow metadata)."""
    notebook = json.loads(notebook_path(exercise_id).read_text())
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            yield index, "".join(cell["source"]), cell.get("metadata", {}).get("deepslow") or {}


def stub(exercise_id):
    """The source of the exercise's solution cell, as the learner receives it."""
    for _, source, meta in cells(exercise_id):
        if meta.get("role") == "solution" and meta.get("exercise") == exercise_id:
            return source
    raise KeyError(f"no solution cell for {exercise_id}")


def exercise_ids():
    ids = []
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            meta = cell.get("metadata", {}).get("deepslow") or {}
            if meta.get("role") == "solution":
                ids.append(meta["exercise"])
    return ids


def fill_stub(stub_source, body):
    """The stub with its `raise NotImplementedError` line replaced by `body`, indented like it."""
    lines = stub_source.splitlines()
    (position,) = [i for i, line in enumerate(lines) if "raise NotImplementedError" in line]
    indent = lines[position][: len(lines[position]) - len(lines[position].lstrip())]
    body_lines = [indent + line if line.strip() else "" for line in body.strip("\n").splitlines()]
    return "\n".join(lines[:position] + body_lines + lines[position + 1 :]) + "\n"


def _prepared(source, role):
    """A non-exercise cell as the verifier runs it, or None to skip it."""
    if role != "setup" and any(marker in source for marker in WIDGET_MARKERS):
        return None
    if FRAMEWORK_IMPORT.search(source):
        return "tf = None\ntorch = None\n"
    for line, replacement in LINE_REPLACEMENTS.items():
        source = source.replace(line, replacement)
    return source


def build_context(exercise_id, references):
    """The namespace the exercise's solution cell runs in, after every earlier cell has run."""
    import matplotlib.pyplot as plt

    namespace = {"__name__": "__main__"}
    for index, source, meta in cells(exercise_id):
        role = meta.get("role")
        if role == "solution" and meta.get("exercise") == exercise_id:
            break
        if role == "check":
            continue
        if role == "solution":
            source = fill_stub(source, references[meta["exercise"]])
        else:
            source = _prepared(source, role)
            if source is None:
                continue
        code = compile(source, f"<{notebook_path(exercise_id).name} cell {index}>", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)  # noqa: S102 - running the notebook's own cells is the point
        plt.close("all")
    return namespace
