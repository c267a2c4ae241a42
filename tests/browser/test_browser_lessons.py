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
