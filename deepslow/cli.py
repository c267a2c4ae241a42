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


def build_parser():
    parser = argparse.ArgumentParser(prog="deepslow", description="deepslow teaching kit")
    commands = parser.add_subparsers(dest="command", required=True)

    lessons = commands.add_parser("lessons", help="open the lessons in JupyterLab")
    lessons.add_argument("--dir", help="folder to open (default: the repository's lessons/)")
    lessons.add_argument("--no-browser", action="store_true", help="start the server without opening a browser")
    lessons.set_defaults(run=_lessons)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
