"""Lessons 1 and 5 in a real JupyterLab: Run All, no error, graph SVGs and widgets on screen.
(Lesson 4 runs in JupyterLab and Notebook 7 in test_browser_lecture.py.)"""

from pathlib import Path

import pytest

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


def lesson(prefix):
    (path,) = LESSONS.glob(f"{prefix}-*.ipynb")
    return path


@pytest.mark.parametrize(
    "prefix, widgets",
    [
        ("01", []),
        ("05", [".widget-image", ".widget-button"]),  # TrainingPlayground's heatmap and Play/Step/Reset
    ],
)
def test_lesson_runs_in_jupyterlab_and_shows_graphs_and_widgets(lab, prefix, widgets):
    nb = lab.open_notebook(lesson(prefix))
    nb.run_all(timeout=180)
    assert nb.errors() == []
    outputs = nb.page.locator(".jp-NotebookPanel .jp-OutputArea-output")
    graph_svgs = outputs.locator("svg g.node")  # graphviz drawings, not matplotlib's svg icons
    assert graph_svgs.count() > 0, "no graph drawing rendered"
    for selector in widgets:
        found = outputs.locator(selector)
        assert found.count() > 0, f"no {selector} rendered"
        found.first.scroll_into_view_if_needed()
        assert found.first.is_visible()
    nb.screenshot(f"browser-lesson-{prefix}")


def test_lesson6_starts_without_stderr_noise(lab):
    """TensorFlow's start-up messages come from its C++ core on stderr, which Jupyter shows in pink;
    the lesson's first cell turns them off before the import (and the rest adds none)."""
    nb = lab.open_notebook(lesson("06"))
    nb.run_all(timeout=240)
    assert nb.errors() == []
    stderr = nb.page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert stderr.count() == 0, stderr.all_inner_texts()
    assert "TensorFlow:" in nb.page.locator(".jp-OutputArea-output").all_inner_texts()[0]
