"""The `deepslow` command line (argparse): `deepslow lessons`, and the grading commands.

Each subcommand imports what it needs (JupyterLab, nbformat, nbclient) only when it runs, so
`import deepslow` stays light.
"""

import argparse
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _lessons(args):
    """Open the lessons in JupyterLab (student versions first, source versions next to them)."""
    root = Path(args.dir or REPO_ROOT / "lessons").resolve()
    if not root.is_dir():
        print(f"deepslow lessons: no lessons folder at {root}", file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}"]
    if args.no_browser:
        command.append("--no-browser")
    return subprocess.call(command)


def _assign(args):
    """Write student notebooks (stubs, no hidden tests, no outputs) and a manifest outside OUT."""
    from .grading.assign import assign
    from .grading.format import AuthoringError

    try:
        data, manifest = assign(args.source, args.out, args.manifest)
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
    from .grading.grade import GradingError, grade

    try:
        summary = grade(
            args.source,
            args.submissions,
            args.out,
            jobs=args.jobs,
            force=args.force,
            uid_base=args.uid_base,
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


def build_parser():
    parser = argparse.ArgumentParser(prog="deepslow", description="deepslow teaching kit")
    commands = parser.add_subparsers(dest="command", required=True)

    lessons = commands.add_parser("lessons", help="open the lessons in JupyterLab")
    lessons.add_argument("--dir", help="folder to open (default: the repository's lessons/)")
    lessons.add_argument("--no-browser", action="store_true", help="start the server without opening a browser")
    lessons.set_defaults(run=_lessons)

    assign = commands.add_parser(
        "assign",
        help="make student notebooks from source notebooks",
        description="Write the student version of SOURCE (a notebook or a folder of them) into OUT: solutions "
        "replaced by stubs, hidden tests removed, outputs cleared. A manifest (exercise ids, points, sha256 of "
        "each locked cell) is written next to OUT, not inside it.",
    )
    assign.add_argument("source", help="source notebook, or a folder of source notebooks")
    assign.add_argument("out", help="folder for the student notebooks")
    assign.add_argument("--manifest", help="where to write the manifest (default: OUT.manifest.json beside OUT)")
    assign.set_defaults(run=_assign)

    grade = commands.add_parser(
        "grade",
        help="grade submitted notebooks",
        description="Run every submission in a fresh, limited kernel with the locked cells restored and the "
        "hidden tests appended; write OUT/gradebook.csv and OUT/<student>.json. Submissions already graded "
        "(same file, same source) are skipped unless --force. Exit code 0 when every submission was graded, "
        "1 when some could not be, 2 when grading could not start.",
    )
    grade.add_argument("--source", required=True, help="the source notebook (with solutions and hidden tests)")
    grade.add_argument("submissions", nargs="+", help="submitted notebooks, or folders holding them")
    grade.add_argument("--out", required=True, help="folder for gradebook.csv and the per-student JSON files")
    grade.add_argument("--jobs", "-j", type=int, default=1, help="submissions graded in parallel (default 1)")
    grade.add_argument("--force", action="store_true", help="regrade submissions that were already graded")
    grade.add_argument("--cell-timeout", type=float, default=30, help="seconds per cell (default 30)")
    grade.add_argument("--timeout", type=float, default=300, help="seconds per notebook, a hard cap (default 300)")
    grade.add_argument("--memory-mb", type=int, default=2048, help="address-space limit of a kernel (default 2048)")
    grade.add_argument("--max-procs", type=int, default=64, help="processes+threads a submission may run (default 64)")
    grade.add_argument("--max-output", type=int, default=20000, help="characters of output kept per cell")
    grade.add_argument("--uid-base", type=int, default=61000, help="first uid for sandbox users when run as root")
    grade.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    grade.set_defaults(run=_grade)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
