"""The `deepslow` command line (argparse): `deepslow lessons`, and the grading commands.

Each subcommand imports what it needs (JupyterLab, nbformat, nbclient) only when it runs, so
`import deepslow` stays light.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The Jupyter server extension that sends kernel messages without Nagle's delay (deepslow/nodelay.py).
NODELAY_EXTENSION = "deepslow.nodelay"


def prepare_workspace(source, workspace):
    """Write the self-study version of every lesson into `workspace`, never touching a notebook that
    is already there (it may hold a learner's work). Self-study: hint() and solution() work, the
    solutions being read from the source lessons next to the copies. Returns (created, kept) names."""
    import tempfile

    from .grading.assign import assign

    workspace.mkdir(parents=True, exist_ok=True)
    created, kept = [], []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "student"
        assign(source, fresh, Path(tmp) / "manifest.json", self_study=workspace)
        for notebook in sorted(fresh.glob("*.ipynb")):
            target = workspace / notebook.name
            if target.exists():
                kept.append(target.name)
            else:
                target.write_bytes(notebook.read_bytes())
                created.append(target.name)
    return created, kept


def _lessons(args):
    """Open the lessons in JupyterLab: your own copies (student versions) in my-lessons/, with the
    source versions (solutions included) next to them in lessons/."""
    source = REPO_ROOT / "lessons"
    workspace = Path(args.dir).resolve() if args.dir else REPO_ROOT / "my-lessons"
    if not source.is_dir():
        print(f"deepslow lessons: no lessons folder at {source}; run it in a clone of the repo", file=sys.stderr)
        return 2
    created, kept = prepare_workspace(source, workspace)
    print(f"deepslow lessons: {len(created)} new notebook(s) in {workspace}; {len(kept)} kept as you left them")
    if args.prepare_only:
        return 0
    first = sorted(workspace.glob("01-*.ipynb"))
    root = Path(os.path.commonpath([REPO_ROOT, workspace]))
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", "--ServerApp.ip=127.0.0.1"]
    if first:
        command.append(f"--LabApp.default_url=/lab/tree/{first[0].relative_to(root).as_posix()}")
    command.append(f"--ServerApp.jpserver_extensions={NODELAY_EXTENSION}=True")  # smooth widget animation
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and fresh VMs often run as root; JupyterLab refuses otherwise
    return subprocess.call(command)


def _assign(args):
    """Write student notebooks (stubs, no hidden tests, no outputs) and a manifest outside OUT."""
    from .grading.assign import assign
    from .grading.format import AuthoringError

    if args.format == "nbgrader":  # nbgrader source notebooks: nbgrader's metadata, hidden tests that assert
        from .grading.nbgrader import assign_nbgrader

        if args.self_study or args.manifest:
            print("deepslow assign: --self-study and --manifest do not apply to --format nbgrader", file=sys.stderr)
            return 2
        try:
            written = assign_nbgrader(args.source, args.out)
        except ValueError as exc:  # AuthoringError included
            print(f"deepslow assign: {exc}", file=sys.stderr)
            return 2
        for path, points in written:
            print(f"{path}: " + (", ".join(f"{ex} ({pts} pt)" for ex, pts in points.items()) or "no graded exercises"))
        print("next, in the nbgrader course folder: nbgrader generate_assignment ASSIGNMENT, then nbgrader autograde")
        return 0
    try:
        data, manifest = assign(args.source, args.out, args.manifest, self_study=args.out if args.self_study else None)
    except AuthoringError as exc:
        print(f"deepslow assign: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"deepslow assign: {exc}", file=sys.stderr)
        return 2
    for entry in data["notebooks"]:
        exercises = ", ".join(f"{e['id']} ({e['points']} pt)" for e in entry["exercises"]) or "no graded exercises"
        print(f"{Path(args.out) / entry['notebook']}: {exercises}")
    print(f"manifest: {manifest}")
    return 0


def _grade(args):
    """Grade submissions against a source notebook; gradebook.csv and one JSON per student in --out."""
    from .grading.course import grade_course
    from .grading.grade import GradingError, grade

    whole_course = Path(args.source).is_dir()  # a folder of lessons: each submission graded against its own
    try:
        summary = (grade_course if whole_course else grade)(
            args.source,
            args.submissions,
            args.out,
            jobs=args.jobs,
            force=args.force,
            uid_base=args.uid_base,
            same_user=args.same_user,
            progress=not args.quiet,
            cell_timeout=args.cell_timeout,
            notebook_timeout=args.timeout,
            memory_mb=args.memory_mb,
            max_procs=args.max_procs,
            max_output=args.max_output,
        )
    except GradingError as exc:
        print(f"deepslow grade: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("deepslow grade: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    print(summary.line(args.out))
    return summary.exit_code


def _gradescope(args):
    """Write a Gradescope autograder zip for one source notebook (instructors only: it holds the solutions)."""
    from .grading.gradescope import GradescopeError, make_autograder

    try:
        made = make_autograder(args.source, args.out, visibility=args.visibility)
    except GradescopeError as exc:
        print(f"deepslow gradescope: {exc}", file=sys.stderr)
        return 2
    exercises = ", ".join(f"{e} ({p} pt)" for e, p in made["exercises"].items())
    print(f"deepslow gradescope: wrote {args.out} ({', '.join(made['files'])})")
    print(f"  graded exercises: {exercises}")
    print(f"  setup.sh installs: {', '.join(made['requirements'])}")
    if made["left_out"]:
        print(
            f"  not installed (optional imports of the lesson, which runs without them): {', '.join(made['left_out'])}"
        )
    print("  Upload it as the autograder of a Gradescope programming assignment; keep it from students.")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="deepslow", description="deepslow teaching kit")
    commands = parser.add_subparsers(dest="command", required=True)

    lessons = commands.add_parser(
        "lessons",
        help="open the lessons in JupyterLab",
        description="Copy the student version of each lesson into my-lessons/ (never overwriting your work) "
        "and open JupyterLab there, with the source versions (solutions included) next to them in lessons/.",
    )
    lessons.add_argument("--dir", help="folder for your copies of the lessons (default: my-lessons/ in the repository)")
    lessons.add_argument("--no-browser", action="store_true", help="start the server without opening a browser")
    lessons.add_argument("--prepare-only", action="store_true", help="write the copies, do not start JupyterLab")
    lessons.set_defaults(run=_lessons)

    assign = commands.add_parser(
        "assign",
        help="make student notebooks from source notebooks",
        description="Write the student version of SOURCE (a notebook or a folder of them) into OUT: solutions "
        "replaced by stubs, hidden tests and instructor cells removed (each exercise's feedback data, computed "
        "from the source, takes their place), outputs cleared. By default this is course material, with no "
        "solutions anywhere. A manifest (exercise ids, points, sha256 of each locked cell) is written next to OUT, "
        "not inside it.",
    )
    assign.add_argument("source", help="source notebook, or a folder of source notebooks")
    assign.add_argument("out", help="folder for the student notebooks")
    assign.add_argument("--manifest", help="where to write the manifest (default: OUT.manifest.json beside OUT)")
    assign.add_argument(
        "--self-study",
        action="store_true",
        help="write copies for learning on one's own: solution() reads the answers from the source notebooks, "
        "which must stay where they are (the default, course material, has no solutions at all)",
    )
    assign.add_argument(
        "--format",
        choices=("deepslow", "nbgrader"),
        default="deepslow",
        help="deepslow (default): student notebooks for `deepslow grade`. nbgrader: *source* notebooks for a course "
        "on nbgrader (write them into its source/ASSIGNMENT/ folder, then run nbgrader generate_assignment and "
        "autograde): nbgrader cell metadata, and hidden tests that assert",
    )
    assign.set_defaults(run=_assign)

    grade = commands.add_parser(
        "grade",
        help="grade submitted notebooks",
        description="Run every submission in a fresh kernel with the locked cells restored and the hidden tests "
        "appended; write OUT/gradebook.csv and OUT/<student>.json. As root, each kernel runs as its own "
        "unprivileged user without capabilities, in its own namespaces (bubblewrap), with one memory and one "
        "process limit for the whole submission (cgroup); without root, less is isolated and the run says what: "
        "see docs/grading.md, which also has a container recipe. OUT holds one assignment: "
        "results of another are refused (use one folder per lesson). With a folder of lessons as --source, OUT holds "
        "one folder per lesson, gradebook.csv with one row per student for the whole course, and notebooks.csv "
        "saying which lesson each notebook was matched to. Submissions already graded (same file, "
        "same source) are skipped unless --force, which also regrades after the source was edited. Exit code 0 "
        "when every submission was graded, 1 when some could not be, 2 when grading could not start.",
    )
    grade.add_argument(
        "--source",
        required=True,
        help="the source notebook (with solutions and hidden tests), or a folder of them to grade a whole course: "
        "each submission is then graded against the lesson whose exercise ids it holds",
    )
    grade.add_argument(
        "submissions",
        nargs="+",
        help="submitted notebooks, or folders holding them (one subfolder per student, as nbgrader's submitted/)",
    )
    grade.add_argument("--out", required=True, help="folder for gradebook.csv and the per-student JSON files")
    grade.add_argument("--jobs", "-j", type=int, default=1, help="submissions graded in parallel (default 1)")
    grade.add_argument("--force", action="store_true", help="regrade submissions that were already graded")
    grade.add_argument("--cell-timeout", type=float, default=30, help="seconds per cell (default 30)")
    grade.add_argument(
        "--timeout",
        type=float,
        default=300,
        help="seconds the student's cells of one notebook may take in all; the hidden tests then still run, "
        "each within --cell-timeout (default 300)",
    )
    grade.add_argument(
        "--memory-mb", type=int, default=4096, help="memory of a whole submission, and of each process (default 4096)"
    )
    grade.add_argument("--max-procs", type=int, default=64, help="processes+threads a submission may run (default 64)")
    grade.add_argument("--max-output", type=int, default=20000, help="characters of output kept per cell")
    grade.add_argument("--uid-base", type=int, default=61000, help="first uid for sandbox users when run as root")
    grade.add_argument(
        "--same-user",
        action="store_true",
        help="run kernels as the grader's own user even as root, for containers that cannot switch users "
        "(weaker isolation: see docs/grading.md)",
    )
    grade.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    grade.set_defaults(run=_grade)

    gradescope = commands.add_parser(
        "gradescope",
        help="package a source notebook as a Gradescope autograder",
        description="Write OUT (a .zip) to upload as the autograder of a Gradescope programming assignment: "
        "setup.sh (installs deepslow from a wheel built from this checkout, and what the lesson imports), "
        "run_autograder (grades the student's notebook with the grader of `deepslow grade` and writes "
        "results.json: one test per exercise), and SOURCE itself. The zip holds the solutions: Gradescope never "
        "shows it to students, and neither should you. See docs/exercises.md, section Gradescope.",
    )
    gradescope.add_argument("source", help="the source notebook (with solutions and hidden tests)")
    gradescope.add_argument("out", help="the autograder zip to write, e.g. autograder-04.zip")
    gradescope.add_argument(
        "--visibility",
        default="visible",
        choices=["visible", "after_due_date", "after_published", "hidden"],
        help="when students see each exercise's result (Gradescope's visibility; default: visible)",
    )
    gradescope.set_defaults(run=_gradescope)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
