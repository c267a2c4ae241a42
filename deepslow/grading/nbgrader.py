"""`deepslow assign --format nbgrader`: source notebooks for a course that grades with nbgrader.

What nbgrader needs differs from what `deepslow grade` needs in one way: its autograder gives a
test cell its points when the cell runs without an exception. deepslow's hidden tests only
*record* answers (the batch grader judges them in its own process), so here each one is written
as hidden tests that *assert*:

    ### BEGIN HIDDEN TESTS
    from deepslow.grading.nbgrader import expect, verify
    expect("04-gd-step", \"\"\"<the expected answers on every case, public and hidden>\"\"\")
    <the source's own hidden tests: record(...), record_value(...)>
    verify("04-gd-step")   # AssertionError, with the grader's message, unless every case passes
    ### END HIDDEN TESTS

`expect` makes `record` hand its answers to `verify` instead of the grader; `verify` judges them
exactly as `deepslow grade` does (Feedback.judge through the grader's Composer, which never shows
a hidden case's input or expected value). The expected answers come from running the source
notebook from top to bottom, hidden tests in place, as nbgrader runs them.

The rest of the notebook gets nbgrader's cell metadata (schema version 3): setup, cases and
check cells are locked (nbgrader restores them from its database when autograding), solution
cells are solution cells, each check cell with points is a graded test cell, and each exercise's
instructor cells (reference, named mistakes, hints) become the locked feedback cell the deepslow
student version has, so check() and hint() work in nbgrader's release too.

Trust: nbgrader runs the hidden tests in the student's own kernel, after the student's code, so
a submission could patch what they call. `deepslow grade` does not have that weakness (see
docs/grading.md); nbgrader's own tests have it too.
"""

import copy
import re
from pathlib import Path

from .format import (
    BEGIN_HIDDEN,
    END_HIDDEN,
    INSTRUCTOR_ROLE,
    Assignment,
    AuthoringError,
    feedback_cell_source,
    read_notebook,
)

SCHEMA_VERSION = 3  # nbgrader's cell metadata schema (nbgrader/nbgraderformat/v3.json)
CELL_TIMEOUT = 300  # seconds per cell of the source notebook's reference run
_NOT_IN_GRADE_ID = re.compile(r"[^A-Za-z0-9_-]")  # nbgrader's grade_id pattern: ^[a-zA-Z0-9_\-]*$


def grade_id(*parts):
    """An nbgrader grade_id from parts of a name, e.g. ("04-gd-step", "tests") -> "04-gd-step-tests"."""
    return "-".join(_NOT_IN_GRADE_ID.sub("_", str(p)) for p in parts)


def cell_metadata(gid, *, grade=False, solution=False, locked=False, points=None):
    """The `nbgrader` key of a cell's metadata, as nbgrader's schema version 3 requires it."""
    meta = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": SCHEMA_VERSION, "solution": solution}
    if grade:
        meta["points"] = points
    return meta


# --- the expected answers: a run of the source notebook ------------------------------------------


def reference_answers(path, assignment, timeout=CELL_TIMEOUT):
    """{exercise: Feedback} holding the expected answer of every case, public and hidden: what the
    source notebook's hidden tests record when it runs from the top, hidden tests in place."""
    import json
    import os
    import tempfile

    from jupyter_client import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    from ..exercises.feedback import Feedback
    from ..exercises.inline import ANSWERS_MIME
    from ..exercises.plain import PlainDataError, from_plain

    nb = copy.deepcopy(assignment.notebook)
    folder = str(Path(path).resolve().parent)
    kernel = nb.metadata.get("kernelspec", {}).get("name") or "python3"
    with tempfile.TemporaryDirectory(prefix="deepslow-nbgrader-") as sockets:  # ipc:// sockets, no TCP port
        km = KernelManager(
            kernel_name=kernel,
            transport="ipc",
            ip=os.path.join(sockets, "k"),
            connection_file=os.path.join(sockets, "kernel.json"),
        )
        resources = {"metadata": {"path": folder}}  # the notebook runs in its own folder
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name=kernel, resources=resources)
        try:
            client.execute(env={**os.environ, "MPLBACKEND": "Agg"})
        except (CellExecutionError, CellTimeoutError) as exc:
            last = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
            why = f"running it from the top (for the expected answers) failed: {last[:300]}"
            raise AuthoringError(path, [why]) from None
        finally:
            if km.has_kernel:  # nbclient stops only the kernels of managers it made itself
                km.shutdown_kernel(now=True)
    problems, expected = [], {}
    for exercise in assignment.points:
        payloads = [
            json.loads(json.dumps(output["data"][ANSWERS_MIME]))  # plain dicts, not NotebookNodes
            for sc, cell in zip(assignment.cells, nb.cells, strict=True)
            if sc.role == "check" and sc.exercise == exercise
            for output in cell.get("outputs", [])
            if ANSWERS_MIME in output.get("data", {})
        ]
        recorded, answers = {}, {}  # {case: plain answer}, {case: decoded}
        try:
            for payload in payloads:
                recorded.update(payload["answers"])
            answers = {label: from_plain(value) for label, value in recorded.items()}
        except (PlainDataError, KeyError, TypeError, AttributeError):
            problems.append(f"exercise {exercise}: its hidden tests recorded answers that cannot be read")
            continue
        broken = [label for label, value in answers.items() if value["kind"] == "error"]
        if not answers:
            problems.append(f"exercise {exercise}: its hidden tests recorded nothing (call record(...))")
        elif broken:
            problems.append(f"exercise {exercise}: the solution raised {answers[broken[0]]['type']} on {broken[0]!r}")
        else:
            definition = Feedback.from_reference_run(exercise, answers, payloads).to_plain()  # what record() sent
            # (from_reference_run keeps the answers decoded, beside its data: they go into the data here)
            expected[exercise] = Feedback.from_plain({**definition, "cases": list(recorded), "expected": recorded})
    if problems:
        raise AuthoringError(path, problems)
    return expected


# --- the nbgrader source notebook ----------------------------------------------------------------


def asserting_check(source, exercise, expected_text):
    """A check cell whose hidden tests assert: `expect` after the first BEGIN HIDDEN TESTS line,
    `verify` before the last END HIDDEN TESTS line, the source's hidden tests in between."""
    lines = source.splitlines()
    begins = [i for i, line in enumerate(lines) if line.strip() == BEGIN_HIDDEN]
    ends = [i for i, line in enumerate(lines) if line.strip() == END_HIDDEN]
    if not begins:
        return source
    first, last = begins[0], ends[-1]
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    start = [
        f"{indent}from deepslow.grading.nbgrader import expect, verify",
        "",
        f'{indent}expect("{exercise}", """',
        *expected_text.splitlines(),
        '""")',
    ]
    end = [f'{indent}verify("{exercise}")']
    return "\n".join(lines[: first + 1] + start + lines[first + 1 : last] + end + lines[last:])


def nbgrader_version(assignment, feedback, expected):
    """The nbgrader source notebook of a deepslow source notebook. `feedback`: {exercise: text of its
    public feedback data} (as in the deepslow student version); `expected`: {exercise: text of the
    Feedback with every case's expected answer} for the hidden tests."""
    import nbformat

    nb = nbformat.from_dict(copy.deepcopy(dict(assignment.notebook)))
    nb.nbformat, nb.nbformat_minor = 4, max(nb.nbformat_minor, 5)
    cells, placed, answers = [], set(), {}
    for sc, cell in zip(assignment.cells, nb.cells, strict=True):
        cell["id"] = sc.id
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        ex = sc.exercise
        if sc.role == "setup":
            cell.metadata["nbgrader"] = cell_metadata(grade_id("setup", sc.index), locked=True)
        elif sc.role == "solution":
            answers[ex] = answers.get(ex, 0) + 1
            suffix = ("answer",) if answers[ex] == 1 else ("answer", answers[ex])
            cell.metadata["nbgrader"] = cell_metadata(grade_id(ex, *suffix), solution=True)
        elif sc.role == "cases":
            cell.metadata["nbgrader"] = cell_metadata(grade_id(ex, "cases"), locked=True)
            cell.metadata["jupyter"] = {"source_hidden": True}
        elif sc.role == INSTRUCTOR_ROLE:
            if ex in placed:
                continue  # the first instructor cell of an exercise becomes its feedback cell; the others go
            placed.add(ex)
            cell.source = feedback_cell_source(ex, feedback[ex])
            cell.metadata["deepslow"] = {"exercise": ex, "role": "feedback"}
            cell.metadata["nbgrader"] = cell_metadata(grade_id(ex, "feedback"), locked=True)
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["cellView"] = "form"
        elif sc.role == "check":
            graded = ex in assignment.points
            if graded:
                cell.source = asserting_check(cell.source, ex, expected[ex])
            points = assignment.points.get(ex)
            cell.metadata["nbgrader"] = cell_metadata(grade_id(ex, "tests"), grade=graded, locked=True, points=points)
        cells.append(cell)
    nb.cells = cells
    return nb


def assign_nbgrader(source, out):
    """Write the nbgrader source notebook of every source notebook into `out` (e.g. nbgrader's
    source/<assignment>/). Returns [(notebook path written, {exercise: points})]."""
    import nbformat

    from .assign import feedback_data, source_notebooks
    from .gradebook import write_atomic

    notebooks = source_notebooks(source)
    out = Path(out)
    for path in notebooks:
        if path.resolve().parent == out.resolve():
            raise ValueError(f"refusing to write into {out}: it holds the source notebook {path.name}")
    parsed = [(path, Assignment(read_notebook(path), path)) for path in notebooks]  # validate all first
    written = []
    for path, assignment in parsed:
        public = {ex: data.with_mode("course").to_text() for ex, data in feedback_data(path, assignment).items()}
        expected = {ex: data.with_mode("course").to_text() for ex, data in reference_answers(path, assignment).items()}
        nb = nbgrader_version(assignment, public, expected)
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(out / path.name, nbformat.writes(nb) + "\n")
        written.append((out / path.name, dict(assignment.points)))
    return written


# --- in the kernel: hidden tests that assert ------------------------------------------------------

_PENDING = {}  # exercise id -> (Feedback, the list record() sends its answers to)


def expect(exercise_id, text):
    """Start an exercise's asserting hidden tests: from now on record() and record_value() hand
    their answers to verify(), to be judged against `text` (the expected answers, Feedback data)."""
    from ..exercises import inline
    from ..exercises.feedback import Feedback

    for _, stale in _PENDING.values():  # hidden tests that stopped half way leave theirs behind
        if stale in inline._SINKS:
            inline._SINKS.remove(stale)
    _PENDING.clear()
    sink = []
    _PENDING[exercise_id] = (Feedback.from_text(text), sink)
    inline._SINKS.append(sink)


def verify(exercise_id):
    """Judge what the hidden tests recorded since expect(): AssertionError with the grader's own
    message (the failing case, what is wrong, the likely mistake) unless every case passes."""
    from ..exercises import core, inline
    from ..exercises.plain import from_plain
    from .feedback import Composer

    feedback, sink = _PENDING.pop(exercise_id)
    if sink in inline._SINKS:
        inline._SINKS.remove(sink)
    got = {}
    for payload in sink:
        if payload.get("exercise") == exercise_id:
            got.update({label: from_plain(value) for label, value in payload["answers"].items()})
    exercise = core._EXERCISES.get(exercise_id)
    public = set(exercise.cases) if exercise is not None else set()
    status, message = Composer().verdict(feedback, got, public)
    if status != "passed":
        raise AssertionError(f"{exercise_id} ({status}): {message}")
