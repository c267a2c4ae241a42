#!/usr/bin/env bash
# Set up everything deepslow needs on a fresh Debian/Ubuntu machine, idempotently:
#   system packages (graphviz, bubblewrap; chromium too with --test), a virtualenv in .venv, and the
#   package installed there in editable mode with its extras.
#   usage: scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

# bubblewrap: `deepslow grade` confines each submission's kernel with it (docs/grading.md)
apt_packages=(graphviz bubblewrap)
[ "$with_test" = 1 ] && apt_packages+=(chromium)

missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo_cmd=""
        [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        echo "setup: installing system packages: ${missing[*]}"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "setup: no apt-get; install ${missing[*]} yourself (graph drawing falls back to graphviz-pure)" >&2
    fi
fi

python=${PYTHON:-python3}
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    # Debian's own python3 ships venv/ensurepip separately
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    echo "setup: installing python3-venv"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$python" -m venv .venv
fi
extras="jupyter"
[ "$with_test" = 1 ] && extras="test"
echo "setup: installing deepslow[$extras] into .venv"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[$extras]"
