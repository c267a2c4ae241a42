"""The suite runs on what scripts/setup.sh installs and nothing else of the machine's."""

import os
import subprocess
import sys
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

ROOT = Path(__file__).resolve().parents[1]


def test_the_python3_kernel_is_this_environments():
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve())
    assert not Path(os.environ["JUPYTER_DATA_DIR"]).resolve().is_relative_to(Path.home().resolve())


def test_fresh_check_refuses_a_base_python_that_has_the_projects_packages(tmp_path):
    """scripts/fresh-check.sh must say so plainly, and stop, when the base Python would hide a
    missing install step (here: this environment's Python, which has them all)."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "fresh-check.sh")],
        env={**os.environ, "PYTHON": sys.executable, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "already has: deepslow nbformat" in done.stdout and "proves nothing" in done.stdout
    assert list(tmp_path.iterdir()) == []  # nothing was cloned
