#!/usr/bin/env bash
# Run lint and the whole test suite inside .venv (made by scripts/setup.sh --test).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

ruff check . && ruff format --check . || { echo "test: ruff found problems (run: .venv/bin/ruff check --fix . && .venv/bin/ruff format .)"; exit 1; }

if [ "$#" -eq 0 ]; then
    # The whole suite: the tests, and every source lesson run by nbval (only cells marked
    # "# NBVAL_CHECK_OUTPUT" have their text output compared, after sanitizing).
    set -- tests lessons --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
fi
python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
    # pytest's "no tests collected": a suite that runs nothing must not pass as green.
    echo "test: pytest collected no tests; failing on purpose"
    exit 1
fi
exit "$status"
