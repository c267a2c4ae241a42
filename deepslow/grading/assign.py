"""`deepslow assign SOURCE OUT`: student notebooks from source notebooks, plus a manifest.

Two audiences, said in every student notebook (and on every card check() shows):

* **course** (the default): course material. No solution anywhere; solution() says the
  instructor has not released one.
* **self-study** (`--self-study`, used by `deepslow lessons` and Binder): a learner's own copies,
  next to the source lessons; solution() reads the answer from the source lesson.

Each exercise's instructor cells (reference, named mistakes, hints) are replaced by a locked cell
holding its *feedback data*: what the reference and every named mistake return on the public
cases (deepslow/exercises/feedback.py). assign computes it by running the source notebook's
exercise cells in a child process (deepslow/exercises/notebook.py), and stops, naming the cell,
when the source has a problem: a reference that fails, a mistake check() could not tell apart.

The manifest (exercise ids, points, sha256 of every locked cell as the student sees it) is
written *outside* OUT, since OUT is what students receive. Running assign twice gives the same
bytes, so it is safe to re-run after fixing a typo in a source notebook.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from .. import __version__
from ..exercises.feedback import Feedback
from .format import Assignment, AuthoringError, checksum, read_notebook, student_version
from .gradebook import write_atomic

FEEDBACK_TIMEOUT = 600  # seconds to run one source notebook's exercise cells


def source_notebooks(source):
    """The .ipynb files named by SOURCE (a notebook, or a folder of them, not recursive)."""
    source = Path(source)
    if source.is_dir():
        found = sorted(p for p in source.glob("*.ipynb") if not p.name.startswith("."))
        if not found:
            raise ValueError(f"{source} holds no .ipynb notebooks")
        return found
    if not source.exists():
        raise ValueError(f"{source} does not exist")
    return [source]


def default_manifest(out):
    out = Path(out)
    return out.parent / f"{out.name}.manifest.json"


def feedback_data(path, assignment):
    """{exercise: Feedback} computed from the source notebook at `path` (in a child process)."""
    with tempfile.TemporaryDirectory(prefix="deepslow-assign-") as tmp:
        result_file = Path(tmp) / "feedback.json"
        env = {**os.environ, "MPLBACKEND": "Agg"}
        try:
            done = subprocess.run(
                [sys.executable, "-m", "deepslow.exercises.notebook", str(Path(path).resolve()), str(result_file)],
                cwd=Path(path).resolve().parent,
                env=env,
                capture_output=True,
                text=True,
                timeout=FEEDBACK_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise AuthoringError(path, [f"its exercise cells did not finish within {FEEDBACK_TIMEOUT} s"]) from None
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            tail = " | ".join((done.stderr or "").strip().splitlines()[-3:])
            raise AuthoringError(path, [f"its exercise cells could not be run: {tail}"]) from None
    problems = list(result["problems"])
    feedback = {}
    for exercise in assignment.exercises():
        if exercise in result["feedback"]:
            feedback[exercise] = Feedback.from_plain(result["feedback"][exercise])
        elif not any(exercise in p for p in problems):
            problems.append(f"exercise {exercise}: no feedback data could be computed")
    if problems:
        raise AuthoringError(path, problems)
    return feedback


def assign(source, out, manifest=None, self_study=None):
    """Write the student version of every source notebook into `out`; return the manifest dict.

    `self_study`: None for course material; else the folder the learner's copies will live in
    (it may differ from `out`), so that solution() can find each source lesson from there."""
    notebooks = source_notebooks(source)
    out = Path(out)
    manifest = Path(manifest) if manifest else default_manifest(out)
    resolved_out = out.resolve()
    for path in notebooks:
        if path.resolve().parent == resolved_out:
            raise ValueError(f"refusing to write into {out}: it holds the source notebook {path.name}")
    if resolved_out == manifest.resolve().parent or resolved_out in manifest.resolve().parents:
        raise ValueError(f"the manifest {manifest} must be outside {out}, which students receive")
    parsed = [(path, Assignment(read_notebook(path), path)) for path in notebooks]  # validate all first
    feedback = {path: feedback_data(path, assignment) for path, assignment in parsed}
    mode = "course" if self_study is None else "self-study"
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for path, assignment in parsed:
        solutions = None if self_study is None else os.path.relpath(path.resolve(), Path(self_study).resolve())
        texts = {ex: data.with_mode(mode, solutions).to_text() for ex, data in feedback[path].items()}
        nb, locked = student_version(assignment, texts)
        text = nbformat.writes(nb) + "\n"
        write_atomic(out / path.name, text)
        entries.append(
            {
                "notebook": path.name,
                "mode": mode,
                "source_sha256": checksum(path.read_text(encoding="utf-8")),
                "student_sha256": checksum(text),
                "exercises": [{"id": ex, "points": pts} for ex, pts in assignment.points.items()],
                "total_points": sum(assignment.points.values()),
                "locked_cells": locked,
            }
        )
    data = {"deepslow": __version__, "notebooks": entries}
    write_atomic(manifest, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return data, manifest
