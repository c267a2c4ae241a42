"""The authoring format of an exercise, and the student version of a source notebook.

A source notebook marks its exercise cells in cell metadata:

    "deepslow": {"exercise": "04-sigmoid-grad", "role": "solution"}
    "deepslow": {"exercise": "04-sigmoid-grad", "role": "cases"}
    "deepslow": {"exercise": "04-sigmoid-grad", "role": "instructor"}
    "deepslow": {"exercise": "04-sigmoid-grad", "role": "check", "points": 3}
    "deepslow": {"role": "setup"}

* `solution` cells hold the answer between `### BEGIN SOLUTION` and `### END SOLUTION`, inside a
  function body; the student version replaces it with a stub raising NotImplementedError.
* the `cases` cell defines the exercise and its public cases (deepslow.exercises' kinds); it is
  locked and kept.
* `instructor` cells (after the solution and cases cells) give the reference, named mistakes and
  hints. The student version has none of them: in place of the first one it holds a locked
  `feedback` cell with the data check() needs (computed by `deepslow assign`, see assign.py).
* `check` cells are locked: they hold the visible `check(...)` call, and the hidden tests between
  `### BEGIN HIDDEN TESTS` and `### END HIDDEN TESTS`, which the student version removes. The
  hidden tests call `record(...)` / `record_value(...)` to send raw answers to the grader.
  `points` is the exercise's weight.
* `setup` cells are locked too (imports, data): the grader restores them from the source.
Other cells are the lesson's own; they run as the student left them.
"""

import hashlib
import re

import nbformat

ROLES = ("setup", "solution", "cases", "instructor", "check")
LOCKED_ROLES = ("setup", "cases", "check")
INSTRUCTOR_ROLE, FEEDBACK_ROLE = "instructor", "feedback"  # removed from / added to the student version
EXERCISE_ROLES = ("solution", "cases", "instructor", "check")
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
HIDDEN_PLACEHOLDER = "# (hidden tests for this exercise run here when your notebook is graded)"
EXERCISE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def mentions(text, exercise):
    """True when `text` holds the exercise id as a whole ("04-gd-step", not "04-gd-step2"): how
    a notebook whose cell ids and metadata were lost is still recognised by its check("...") calls."""
    return re.search(rf"(?<![\w.-]){re.escape(exercise)}(?![\w.-])", text) is not None


class AuthoringError(ValueError):
    """The source notebook does not follow the format; `problems` lists each one by cell."""

    def __init__(self, path, problems):
        self.path, self.problems = path, problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the exercise markup:\n{listing}")


class SourceCell:
    """One cell of a source notebook with its exercise markup read out."""

    def __init__(self, index, cell):
        self.index, self.cell = index, cell
        markup = cell.get("metadata", {}).get("deepslow", {})
        self.markup = markup if isinstance(markup, dict) else {}
        self.role = self.markup.get("role")
        self.exercise = self.markup.get("exercise")
        self.points = self.markup.get("points")
        self.id = cell.get("id") or f"deepslow-cell-{index}"  # nbformat < 4.5 has no cell ids

    @property
    def locked(self):
        return self.cell.cell_type == "code" and self.role in LOCKED_ROLES

    def label(self):
        parts = [p for p in (self.exercise, self.role) if p]
        return f"cell {self.index}" + (f" ({', '.join(parts)})" if parts else "")


class Assignment:
    """A parsed, validated source notebook: its cells and its graded exercises {id: points}."""

    def __init__(self, notebook, path="notebook"):
        self.notebook, self.path = notebook, str(path)
        self.cells = [SourceCell(i, c) for i, c in enumerate(notebook.cells)]
        self.points = {}
        self.titles = {}
        problems = self._validate()
        if problems:
            raise AuthoringError(self.path, problems)

    def _validate(self):
        problems = []
        seen_ids, solutions, checks = set(), set(), set()
        positions = {}  # (exercise, role) -> cell indexes
        for sc in self.cells:
            source = sc.cell.source
            raw = sc.cell.get("metadata", {}).get("deepslow")
            if raw is not None and not isinstance(raw, dict):
                problems.append(f"{sc.label()}: metadata 'deepslow' must be an object like {{'role': 'check'}}")
            if sc.id in seen_ids:
                problems.append(f"{sc.label()}: duplicate cell id {sc.id!r}")
            seen_ids.add(sc.id)
            if sc.role == FEEDBACK_ROLE:
                problems.append(
                    f"{sc.label()}: a feedback cell belongs to a student version made by `deepslow assign`; "
                    f"give assign (and grade) the source notebook"
                )
            elif sc.role is not None and sc.role not in ROLES:
                problems.append(f"{sc.label()}: unknown role {sc.role!r} (use one of {', '.join(ROLES)})")
            if sc.role in EXERCISE_ROLES:
                if not isinstance(sc.exercise, str) or not EXERCISE_ID.match(sc.exercise):
                    problems.append(f"{sc.label()}: a {sc.role} cell needs an exercise id such as '04-sigmoid-grad'")
                    continue
                positions.setdefault((sc.exercise, sc.role), []).append(sc.index)
            if sc.role and sc.cell.cell_type != "code":
                problems.append(f"{sc.label()}: only code cells can have a role")
            problems += _marker_problems(sc, source, BEGIN_SOLUTION, END_SOLUTION, "solution")
            problems += _marker_problems(sc, source, BEGIN_HIDDEN, END_HIDDEN, "check")
            if sc.role == "solution":
                solutions.add(sc.exercise)
                if BEGIN_SOLUTION not in source:
                    problems.append(f"{sc.label()}: no '{BEGIN_SOLUTION}' ... '{END_SOLUTION}' region")
                for line in source.splitlines():
                    if line.strip() == BEGIN_SOLUTION and not line[:1].isspace():
                        problems.append(
                            f"{sc.label()}: the solution region is not inside a function. The student version "
                            f"replaces it with `raise NotImplementedError`, which must only run when the "
                            f"function is called, so indent the region inside a `def`."
                        )
            if sc.role == "check":
                checks.add(sc.exercise)
                if sc.points is not None:
                    if type(sc.points) not in (int, float) or sc.points < 0:
                        problems.append(f"{sc.label()}: points must be a number ≥ 0, got {sc.points!r}")
                    elif sc.exercise in self.points:
                        problems.append(f"{sc.label()}: points for {sc.exercise} are given twice")
                    else:
                        self.points[sc.exercise] = sc.points
                has_hidden = BEGIN_HIDDEN in source
                if sc.points and not has_hidden:
                    problems.append(f"{sc.label()}: has points but no hidden tests, so nothing could be graded")
                if has_hidden and sc.exercise not in self.points:
                    problems.append(f'{sc.label()}: has hidden tests but no points (add "points": N)')
        for exercise in sorted(checks - solutions):
            problems.append(f"exercise {exercise}: has a check cell but no solution cell")
        for exercise in sorted(solutions - checks):
            problems.append(f"exercise {exercise}: has a solution cell but no check cell")
        for exercise in sorted(solutions & checks):
            problems += _order_problems(exercise, positions)
        return problems

    # --- what the grader needs ------------------------------------------------------------------
    def exercises(self):
        """Every exercise id that has instructor cells, in notebook order."""
        return list(dict.fromkeys(sc.exercise for sc in self.cells if sc.role == INSTRUCTOR_ROLE))

    @property
    def locked_cells(self):
        return [sc for sc in self.cells if sc.locked]

    def hidden_tests(self):
        """[(exercise id, hidden test code)] in notebook order."""
        return [
            (sc.exercise, hidden_code(sc.cell.source))
            for sc in self.cells
            if sc.role == "check" and BEGIN_HIDDEN in sc.cell.source
        ]

    def hidden_lines(self):
        """Lines of hidden test code, so feedback can be scrubbed of them."""
        return {line.strip() for _, code in self.hidden_tests() for line in code.splitlines() if len(line.strip()) >= 8}


def _order_problems(exercise, positions):
    """An exercise's cells in the order they must run: its solution and cases cells, then the
    instructor cells (which name the solution's function as the reference), then the check."""
    found = {role: positions.get((exercise, role), []) for role in EXERCISE_ROLES}
    problems = []
    if len(found["cases"]) != 1:
        problems.append(
            f"exercise {exercise}: needs exactly one cases cell (role 'cases', defining the exercise and its public "
            f"cases), found {len(found['cases'])}"
        )
    if not found["instructor"]:
        problems.append(
            f"exercise {exercise}: needs an instructor cell (role 'instructor') giving the reference answer, e.g. "
            f"my_exercise.reference(my_function)"
        )
    if found["instructor"] and max(found["solution"] + found["cases"], default=-1) > min(found["instructor"]):
        problems.append(
            f"exercise {exercise}: its instructor cells must come after its solution and cases cells (cell "
            f"{min(found['instructor'])} comes before cell {max(found['solution'] + found['cases'])})"
        )
    before_check = found["solution"] + found["cases"] + found["instructor"]
    if found["check"] and max(before_check, default=-1) > min(found["check"]):
        problems.append(f"exercise {exercise}: its check cell must come after its other cells")
    return problems


def _marker_problems(sc, source, begin, end, role):
    problems, depth = [], 0
    for line in source.splitlines():
        if line.strip() == begin:
            depth += 1
            if sc.role != role:
                problems.append(f"{sc.label()}: '{begin}' belongs in a cell with role '{role}'")
            if depth > 1:
                problems.append(f"{sc.label()}: '{begin}' inside another '{begin}'")
        elif line.strip() == end:
            depth -= 1
            if depth < 0:
                problems.append(f"{sc.label()}: '{end}' without '{begin}'")
                depth = 0
    if depth:
        problems.append(f"{sc.label()}: '{begin}' is never closed by '{end}'")
    return problems


def stub_solutions(source, exercise):
    """Replace each solution region by a stub at the region's indentation."""
    out, inside = [], False
    for line in source.splitlines():
        if line.strip() == BEGIN_SOLUTION:
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}# YOUR CODE HERE")
            out.append(f'{indent}raise NotImplementedError("{exercise}: replace this line with your answer")')
        elif line.strip() == END_SOLUTION:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def _split_hidden(source):
    """A check cell's lines, split into (visible, hidden) at nbgrader's hidden-test markers."""
    visible, hidden, inside = [], [], False
    for line in source.splitlines():
        if line.strip() == BEGIN_HIDDEN:
            inside = True
        elif line.strip() == END_HIDDEN:
            inside = False
        else:
            (hidden if inside else visible).append(line)
    return visible, hidden


def visible_code(source):
    """A check cell without its hidden tests (what the student sees and what runs in place)."""
    text = "\n".join(_split_hidden(source)[0]).strip("\n")
    return text if text.strip() else HIDDEN_PLACEHOLDER


def hidden_code(source):
    """Only the hidden tests of a check cell, dedented so they run as a cell of their own."""
    import textwrap

    return textwrap.dedent("\n".join(_split_hidden(source)[1]))


def checksum(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def feedback_cell_source(exercise, text):
    """The code of a student notebook's feedback cell: the exercise's feedback data (feedback.py)."""
    return (
        f"#@title Feedback data for {exercise} (written by `deepslow assign`; please do not edit)\n"
        f"from deepslow.exercises import load_feedback\n\n"
        f'load_feedback("{exercise}", """\n{text}\n""")'
    )


def student_version(assignment, feedback):
    """The student notebook: stubs for solutions, no hidden tests, no instructor cells (the first
    one of each exercise becomes its feedback cell, from `feedback` {exercise: text}), no outputs,
    locked cells marked read-only for Jupyter. Returns (notebook, locked cell records for the manifest)."""
    nb = nbformat.from_dict(_plain_copy(assignment.notebook))
    nb.nbformat, nb.nbformat_minor = 4, max(nb.nbformat_minor, 5)
    locked, cells, placed = [], [], set()
    for sc, cell in zip(assignment.cells, nb.cells, strict=True):
        cell["id"] = sc.id
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if sc.role == INSTRUCTOR_ROLE:
                if sc.exercise in placed:
                    continue  # only the first instructor cell of an exercise becomes its feedback cell
                placed.add(sc.exercise)
                cell.source = feedback_cell_source(sc.exercise, feedback[sc.exercise])
                cell.metadata["deepslow"] = {"exercise": sc.exercise, "role": FEEDBACK_ROLE}
                cell.metadata["jupyter"] = {"source_hidden": True}  # JupyterLab, Notebook 7, VS Code: collapsed
                cell.metadata["cellView"] = "form"  # Colab: shows the #@title line only
            elif sc.role == "cases":
                cell.metadata["jupyter"] = {"source_hidden": True}  # the cases are there to read, folded away
            elif sc.role == "solution":
                cell.source = stub_solutions(cell.source, sc.exercise)
            elif sc.role == "check":
                cell.source = visible_code(cell.source)
            if sc.locked or sc.role == INSTRUCTOR_ROLE:
                cell.metadata["editable"], cell.metadata["deletable"] = False, False
            if sc.locked:
                locked.append({"id": sc.id, "role": sc.role, "exercise": sc.exercise, "sha256": checksum(cell.source)})
        cell.metadata.pop("execution", None)
        cells.append(cell)
    nb.cells = cells
    return nb, locked


def _plain_copy(notebook):
    import copy

    return copy.deepcopy(dict(notebook))


def read_notebook(path, max_bytes=50 * 2**20, name=None):
    """Read and validate a notebook file; raises ValueError with an instructor-readable message
    that names the file as `name` (default: its path). Only a regular file is read (never through
    a symlink, a FIFO or a device), and at most `max_bytes` of it."""
    import json
    import os
    import stat

    name = path if name is None else name
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if os.path.islink(path):
            raise ValueError(f"{name} is not gradable: it is a symbolic link, not a file") from None
        raise ValueError(f"{name} cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{name} is not gradable: it is not a regular file")
        if info.st_size > max_bytes:
            raise ValueError(
                f"{name} is not gradable: it is {info.st_size / 2**20:.0f} MB (the limit is {max_bytes // 2**20} MB)"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        raise ValueError(f"{name} cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise ValueError(f"{name} is not gradable: it is larger than {max_bytes // 2**20} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{name} is not a notebook: it is not text (UTF-8)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name} is not a notebook: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of 10,000 digits, or nesting 100,000 deep
        raise ValueError(f"{name} is not a notebook: its JSON cannot be read ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list) or data.get("nbformat") != 4:
        raise ValueError(
            f"{name} is JSON but not a Jupyter notebook in format 4 (no 'cells' list, or another nbformat)"
        )
    try:
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds of validation error
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ValueError(f"{name} is not a valid notebook: {first[:200]}") from None
    return nb
