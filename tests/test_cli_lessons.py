"""`deepslow lessons`: the learner's copies are written once and never overwritten."""

import subprocess
import sys
from pathlib import Path

import nbformat

from deepslow.cli import prepare_workspace

ROOT = Path(__file__).resolve().parents[1]


def test_prepare_workspace_writes_student_versions_and_keeps_learner_work(tmp_path):
    created, kept = prepare_workspace(ROOT / "lessons", tmp_path)
    sources = sorted(p.name for p in (ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
    assert created == sources and kept == []
    first = tmp_path / sources[0]
    assert "### BEGIN SOLUTION" not in first.read_text()
    nb = nbformat.read(first, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("my_answer = 42  # the learner's work"))
    nbformat.write(nb, first)
    created, kept = prepare_workspace(ROOT / "lessons", tmp_path)
    assert created == [] and kept == sources
    assert "my_answer = 42" in first.read_text()
    first.unlink()  # a deleted notebook comes back fresh
    created, _ = prepare_workspace(ROOT / "lessons", tmp_path)
    assert created == [sources[0]]


def test_lessons_command_prepare_only(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "deepslow.cli", "lessons", "--prepare-only", "--dir", str(tmp_path / "mine")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "new notebook(s)" in result.stdout
    assert sorted(p.name[:2] for p in (tmp_path / "mine").glob("*.ipynb"))[:1] == ["01"]
