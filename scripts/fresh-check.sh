#!/usr/bin/env bash
# Prove that a clean checkout sets itself up and passes: clone this repository's committed HEAD
# into a temporary folder and run .ci/run there, as CI does on a fresh machine.
#
# A green run on a developer's machine can hide a missing install step (a package someone once
# installed by hand into the base Python). So first check that the base interpreter, the one
# scripts/setup.sh builds .venv from (${PYTHON:-python3}), holds none of the project's packages.
#   usage: scripts/fresh-check.sh [--keep]      (--keep leaves the clone for a look afterwards)
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python=${PYTHON:-python3}
keep=0
[ "${1:-}" = "--keep" ] && keep=1

found=$(cd / && "$python" - <<'PY'
import importlib.util
names = ["deepslow", "nbformat", "nbclient", "ipywidgets", "ipykernel", "jupyterlab", "notebook", "tqdm"]
print(" ".join(n for n in names if importlib.util.find_spec(n) is not None))
PY
)  # (from /, so that a package in the current folder is not mistaken for an installed one)
if [ -n "$found" ]; then
    echo "fresh-check: the base Python ($(command -v "$python")) already has: $found"
    echo "fresh-check: a run with it could pass only because of them, so it proves nothing. Point PYTHON at a"
    echo "fresh-check: Python without the project's packages (e.g. a new python3 -m venv) and run again."
    exit 2
fi
echo "fresh-check: base Python $("$python" --version 2>&1) holds none of the project's packages"

workdir=$(mktemp -d "${TMPDIR:-/tmp}/deepslow-fresh-check.XXXXXX")
cleanup() { if [ "$keep" = 1 ]; then echo "fresh-check: the clone stays in $workdir"; else rm -rf "$workdir"; fi; }
trap cleanup EXIT
git clone --quiet --no-hardlinks "$repo" "$workdir/deepslow" || exit 1
cd "$workdir/deepslow" || exit 1
echo "fresh-check: running .ci/run in a fresh clone of $(git rev-parse --short HEAD) ($workdir/deepslow)"
env -u PYTHONPATH -u VIRTUAL_ENV PYTHON="$python" bash .ci/run
status=$?
echo "fresh-check: .ci/run exited with $status"
exit "$status"
