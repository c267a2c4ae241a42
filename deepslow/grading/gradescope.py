"""`deepslow gradescope`: a source notebook as a Gradescope autograder, and a grader record as
Gradescope's results.json.

Gradescope runs each submission in a fresh container built from the zip we upload
(https://gradescope-autograders.readthedocs.io/en/latest/specs/): `setup.sh` runs once when the
image is built, with the zip's files in /autograder/source; then for every submission
`run_autograder` runs with the student's files in /autograder/submission and must write
/autograder/results/results.json. Ours grades with the same grader as `deepslow grade` (the source
notebook is run first, its hidden tests give the expected answers), so a notebook gets the same
points and the same feedback on Gradescope as on the instructor's machine.

The zip holds the source notebook (solutions, hidden tests): it is for instructors only, and
Gradescope never shows it to students. Students see results.json: one test per exercise with the
grader's own message, which never holds hidden-test code.
"""

import ast
import json
import os
import shlex
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

AUTOGRADER = Path("/autograder")  # where Gradescope puts everything (its specification)
VENV = "deepslow-venv"  # the Python environment setup.sh makes under /autograder
GRADER_REQUIREMENTS = ["nbformat", "nbclient", "ipykernel"]  # what `deepslow grade` itself runs kernels with
VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")  # Gradescope's visibility values

# Import names whose pip name differs, for a lesson run where the instructor's environment does
# not have them installed (importlib.metadata knows the mapping of what is installed).
PIP_NAMES = {
    "IPython": "ipython",
    "PIL": "pillow",
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "cv2": "opencv-python",
    "yaml": "PyYAML",
    "bs4": "beautifulsoup4",
    "dateutil": "python-dateutil",
    "attr": "attrs",
    "google.protobuf": "protobuf",
}

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (the zip's files are
# in /autograder/source). It makes a Python environment of its own for deepslow, installed from the
# wheel in this zip, with what the lesson imports (requirements.txt): the image's system Python is
# left alone (Ubuntu 24.04 refuses pip installs into it).
set -euo pipefail
SOURCE="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
VENV="$(dirname "$SOURCE")/{venv}"
apt_install() {{
    if [ -n "${{DEEPSLOW_SETUP_NO_APT:-}}" ] || ! command -v apt-get >/dev/null; then
        echo "setup.sh: not installing $* with apt-get (DEEPSLOW_SETUP_NO_APT is set, or no apt-get)"
        return 0
    fi
    apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}}
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    apt_install python3 python3-venv
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' || {{
    echo "setup.sh: deepslow needs Python 3.10 or newer; choose an Ubuntu 22.04 (or newer) base image" >&2
    exit 1
}}
# bubblewrap confines each kernel when the container allows namespaces; the grader says so when not.
command -v bwrap >/dev/null || apt_install bubblewrap || echo "setup.sh: no bubblewrap; kernels are less isolated"
python3 -m venv "$VENV" || {{ apt_install python3-venv && rm -rf "$VENV" && python3 -m venv "$VENV"; }}
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "$SOURCE/{wheel}" -r "$SOURCE/requirements.txt"
"$VENV/bin/python" -c 'import deepslow.grading.gradescope, nbclient, ipykernel'
echo "setup.sh: deepslow installed in $VENV"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: grade /autograder/submission/*.ipynb against the
# source notebook with `deepslow grade`'s grader, and write /autograder/results/results.json.
SOURCE="$(cd "$(dirname "$(readlink -f "${{BASH_SOURCE[0]}}")")" && pwd)"
case "$SOURCE" in */source) ;; *) SOURCE=/autograder/source ;; esac  # Gradescope runs a copy in /autograder
ROOT="$(dirname "$SOURCE")"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
"$ROOT/{venv}/bin/python" -m deepslow.grading.gradescope \\
    --source "$SOURCE"/{source} --submission "$ROOT/submission" --results "$RESULTS" --visibility {visibility}
status=$?
if [ ! -s "$RESULTS" ]; then  # Python itself could not start (setup.sh failed?): still give a result
    echo "run_autograder: the grader exited with status $status without writing results.json"
    printf '%s\\n' {fallback} > "$RESULTS"
fi
exit 0
"""


class GradescopeError(Exception):
    """The autograder zip cannot be made (bad source, not a checkout); nothing was written."""


# --- what the lesson imports ----------------------------------------------------------------


def code_imports(source_text):
    """({top-level module}, {optional top-level module}) that Python code imports. An import inside
    `try: ... except ...` is optional: the code has a fallback when it is missing (lesson 6 runs
    without PyTorch). IPython magics and shell lines (%, !) are passed over."""
    lines = [line for line in source_text.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set(), set()
    required, optional = set(), set()

    def visit(node, guarded):
        if isinstance(node, ast.Try):
            for child in node.body:
                visit(child, True)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child, guarded)
            return
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            names = []
        (optional if guarded else required).update(names)
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(tree, False)
    return required, optional - required


def notebook_imports(notebook):
    """code_imports over every code cell of a notebook (hidden tests included: they run too)."""
    required, optional = set(), set()
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            more, maybe = code_imports(text)
            required |= more
            optional |= maybe
    return required, optional - required


def _module_file(names, module):
    """The file of `module` (dotted name) among the wheel's file names, or None."""
    base = module.replace(".", "/")
    for candidate in (f"{base}.py", f"{base}/__init__.py"):
        if candidate in names:
            return candidate
    return None


def _resolve_relative(module_file, node):
    """The absolute module name of a relative `from .x import y` in `module_file` (a wheel path)."""
    package = module_file.rsplit("/", 1)[0].split("/")
    package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def deepslow_imports(wheel, modules):
    """The third-party imports of the deepslow modules a lesson imports, followed through the
    package's own modules (read from the wheel, nothing is imported): ({required}, {optional})."""
    required, optional = set(), set()
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        todo = [m for m in modules if m.split(".")[0] == "deepslow"]
        seen = set()
        while todo:
            module = todo.pop()
            parts = module.split(".")
            for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
                prefix = ".".join(parts[:i])
                path = _module_file(names, prefix)
                if path is None or path in seen:
                    continue
                seen.add(path)
                text = archive.read(path).decode("utf-8")
                tree = ast.parse(text)
                for node in ast.walk(tree):
                    if isinstance(node, ast.ImportFrom) and node.level:
                        base = _resolve_relative(path, node)
                        todo.append(base)
                        todo.extend(f"{base}.{alias.name}" for alias in node.names)  # `from . import x`
                more, maybe = code_imports(text)
                for name in more | maybe:
                    if name.split(".")[0] == "deepslow":
                        todo.append(name)
                required |= {n for n in more if n.split(".")[0] != "deepslow"}
                optional |= {n for n in maybe if n.split(".")[0] != "deepslow"}
    return required, optional - required


def pip_name(module):
    """The pip name of an import name: what is installed here says (importlib.metadata), else the
    known differences (PIP_NAMES), else the import name itself."""
    from importlib.metadata import packages_distributions

    for key in (module, module.split(".")[0]):
        if key in PIP_NAMES:
            return PIP_NAMES[key]
    found = packages_distributions().get(module.split(".")[0])
    return found[0] if found and len(found) == 1 else module.split(".")[0]


def third_party(modules):
    """The top-level names of `modules` that are neither the standard library nor deepslow."""
    tops = {m.split(".")[0] for m in modules}
    return {t for t in tops if t not in sys.stdlib_module_names and t not in ("deepslow", "__future__")}


def _requirement_specs(wheel):
    """{normalized distribution name: requirement string} from the wheel's METADATA (Requires-Dist,
    extras included, markers dropped): the versions deepslow is tested with."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
    specs = {}
    for line in text.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = line.split(":", 1)[1].split(";")[0].strip()
            name = requirement.split("[")[0]
            for sep in "<>=!~ ":
                name = name.split(sep)[0]
            specs.setdefault(_normalize(name), requirement.replace(" ", ""))
    return specs


def _normalize(name):
    return name.lower().replace("_", "-").replace(".", "-")


def lesson_requirements(notebook, wheel):
    """(requirements for requirements.txt, [optional imports left out]) for grading `notebook`.

    Everything the lesson's cells and the deepslow modules they use import, plus the grader's own
    needs. An optional import of the lesson (inside try/except) is installed only when deepslow names
    it among its own requirements (lesson 6's TensorFlow, which the course is tested with); the others
    are left out and the lesson's fallback runs (PyTorch: never installed by deepslow). The optional
    imports inside deepslow's modules (tensorboard for tf.summary) are left out: they have fallbacks."""
    required, optional = notebook_imports(notebook)
    more, _ = deepslow_imports(wheel, required | optional)  # deepslow's own optional imports have fallbacks
    required, optional = third_party(required | more), third_party(optional) - third_party(required | more)
    specs = _requirement_specs(wheel)
    wanted, left_out = set(GRADER_REQUIREMENTS), []
    for module in sorted(required):
        wanted.add(pip_name(module))
    for module in sorted(optional):
        name = pip_name(module)
        if _normalize(name) in specs:
            wanted.add(name)
        else:
            left_out.append(module)
    lines = sorted({specs.get(_normalize(name), name) for name in wanted}, key=str.lower)
    return lines, left_out


# --- the zip ----------------------------------------------------------------------------------


def checkout_root():
    """The checkout deepslow runs from (its pyproject.toml names the project), else GradescopeError:
    the wheel bundled in the zip is built from the project's own files."""
    import deepslow

    root = Path(deepslow.__file__).resolve().parent.parent
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file() or 'name = "deepslow"' not in pyproject.read_text(encoding="utf-8"):
        raise GradescopeError(
            f"deepslow is not installed from a checkout (it runs from {Path(deepslow.__file__).parent}, with no "
            f"deepslow pyproject.toml beside it), so there is no project to build the wheel the autograder "
            f"installs. Run this command from a clone of the repository (pip install -e .)."
        )
    return root


def build_wheel(folder):
    """Build deepslow's wheel from the checkout into `folder`; its path."""
    root = checkout_root()
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(root), "-w", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    wheels = sorted(Path(folder).glob("deepslow-*.whl"))
    if done.returncode != 0 or not wheels:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise GradescopeError(f"could not build deepslow's wheel from {root}: {tail}")
    return wheels[0]


def _read_source(source):
    """The source notebook, validated as `deepslow grade` validates it, with graded exercises."""
    from .grade import GradingError, read_assignment

    source = Path(source)
    if not source.exists():
        raise GradescopeError(f"the source notebook {source} does not exist")
    try:
        return read_assignment(source)
    except GradingError as exc:
        raise GradescopeError(str(exc)) from None


def _add(archive, name, data, executable=False):
    """Add a file; the mode bits (rwxr-xr-x for scripts) travel in the zip's Unix attributes."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    archive.writestr(info, data)


def make_autograder(source, out, visibility="visible"):
    """Write the autograder zip `out` for the source notebook `source`. Returns a dict saying
    what is in it: files, exercises {id: points}, requirements, left_out (optional imports)."""
    out = Path(out)
    if out.suffix != ".zip":
        raise GradescopeError(f"{out}: the autograder must be a .zip file (Gradescope uploads a zip)")
    if visibility not in VISIBILITIES:
        raise GradescopeError(f"visibility {visibility!r} is not one of {', '.join(VISIBILITIES)}")
    assignment = _read_source(source)
    source = Path(source)
    with tempfile.TemporaryDirectory(prefix="deepslow-gradescope-") as tmp:
        wheel = build_wheel(tmp)
        requirements, left_out = lesson_requirements(assignment.notebook, wheel)
        files = {
            "setup.sh": (SETUP_SH.format(venv=VENV, wheel=wheel.name), True),
            "run_autograder": (
                RUN_AUTOGRADER.format(
                    venv=VENV,
                    source=shlex.quote(source.name),
                    visibility=visibility,
                    fallback=shlex.quote(json.dumps(failure_json(PROBLEM_OF_THE_AUTOGRADER, visibility))),
                ),
                True,
            ),
            "requirements.txt": ("".join(f"{line}\n" for line in requirements), False),
            source.name: (source.read_bytes(), False),
            wheel.name: (wheel.read_bytes(), False),
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(f".{out.name}.tmp")
        with zipfile.ZipFile(partial, "w") as archive:
            for name, (data, executable) in files.items():
                _add(archive, name, data, executable)
        os.replace(partial, out)
    return {
        "files": list(files),
        "exercises": dict(assignment.points),
        "requirements": requirements,
        "left_out": left_out,
    }


# --- results.json -----------------------------------------------------------------------------

PROBLEM_OF_THE_AUTOGRADER = (
    "The autograder could not grade this submission; this is a problem of the autograder, not of your "
    "work. Please tell your instructor."
)


def results_json(record, visibility="visible", note=""):
    """Gradescope's results.json for one grader record (the per-student JSON of `deepslow grade`):
    one test per exercise, named by its id, with its points and the grader's message (composed by
    the grader, never hidden-test code), and the total as the top-level score. A submission that
    could not be graded scores 0 and says why at the top."""
    graded = record.get("status") == "graded"
    tests = []
    for exercise, verdict in record.get("exercises", {}).items():
        tests.append(
            {
                "name": exercise,
                "score": _number(verdict.get("points", 0)) if graded else 0,
                "max_score": _number(verdict.get("max_points", 0)),
                "status": "passed" if graded and verdict.get("status") == "passed" else "failed",
                "output": str(verdict.get("message", "")),
                "visibility": visibility,
            }
        )
    if graded:
        output = f"{record.get('message', '')}."
        notes = [str(n) for n in record.get("notes", [])]
        if notes:
            output += "\n\nNotes from the grader:\n" + "\n".join(f"- {n}" for n in notes)
    else:
        output = f"Your notebook could not be graded: {record.get('message', 'no reason given')}"
    return {
        "score": _number(record.get("total", 0)) if graded else 0,
        "output": (note + "\n\n" + output).strip(),
        "visibility": visibility,
        "stdout_visibility": "hidden",  # the autograder's log (sandbox notes, paths) is for instructors
        "tests": tests,
    }


def failure_json(message, visibility="visible"):
    """results.json when there is nothing to grade, or the grader failed: score 0 and why."""
    return {"score": 0, "output": message, "visibility": visibility, "stdout_visibility": "hidden", "tests": []}


def _number(x):
    x = float(x) if type(x) in (int, float) else 0.0
    return int(x) if x.is_integer() else round(x, 2)


def _best(records):
    """The record to report when the submission holds several notebooks: the best graded one."""
    return max(records, key=lambda r: (r.get("status") == "graded", r.get("total", 0), -len(r.get("submission", ""))))


def grade_submission(source, submission, visibility="visible"):
    """results.json (a dict) for the notebooks in the folder `submission`, graded against `source`
    with `deepslow grade`'s grader. Never raises: a failure becomes a result that says so (its
    details go to stdout, the instructors' log)."""
    from .grade import GradingError, grade
    from .submissions import collect

    submission = Path(submission)
    try:
        found = collect([submission]) if submission.is_dir() else {}
    except OSError:
        found = {}
    if not found:
        present = sorted(p.name for p in submission.iterdir())[:10] if submission.is_dir() else []
        return failure_json(
            f"No notebook (.ipynb file) was found in your submission"
            f"{' (it holds: ' + ', '.join(present) + ')' if present else ''}. "
            f"Submit your {Path(source).name}.",
            visibility,
        )
    with tempfile.TemporaryDirectory(prefix="deepslow-grades-") as out:
        try:
            summary = grade(source, [submission], out, jobs=1, progress=False)
        except GradingError as exc:
            print(f"run_autograder: grading could not start: {exc}", flush=True)
            return failure_json(PROBLEM_OF_THE_AUTOGRADER, visibility)
    record = _best(summary.records)
    names = sorted(Path(r["submission"]).name for r in summary.records)
    note = ""
    if len(names) > 1:
        graded = Path(record["submission"]).name
        note = f"Your submission has {len(names)} notebooks ({', '.join(names)}); this result is {graded}'s."
    print(f"run_autograder: {Path(record['submission']).name}: {record.get('status')}, {record.get('message')}")
    return results_json(record, visibility, note)


def write_results(results, path):
    from .gradebook import write_atomic

    write_atomic(path, json.dumps(results, indent=1) + "\n")


def run(source, submission, results_path, visibility="visible"):
    """What run_autograder does: grade, and write results.json whatever happens."""
    started = time.monotonic()
    try:
        results = grade_submission(source, submission, visibility)
    except BaseException as exc:  # noqa: BLE001 - Gradescope must get a results.json in every case
        import traceback

        traceback.print_exc(file=sys.stdout)
        results = failure_json(PROBLEM_OF_THE_AUTOGRADER, visibility)
        if not isinstance(exc, Exception):
            write_results(results, results_path)
            raise
    results["execution_time"] = round(time.monotonic() - started)
    write_results(results, results_path)
    return results


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m deepslow.grading.gradescope", description=run.__doc__)
    parser.add_argument("--source", required=True)
    parser.add_argument("--submission", default=str(AUTOGRADER / "submission"))
    parser.add_argument("--results", default=str(AUTOGRADER / "results" / "results.json"))
    parser.add_argument("--visibility", default="visible", choices=VISIBILITIES)
    args = parser.parse_args(argv)
    results = run(args.source, args.submission, args.results, args.visibility)
    print(f"run_autograder: score {results['score']}; results in {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
