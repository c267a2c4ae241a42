"""Lecture-ready: lesson 4 and every widget in JupyterLab and Notebook 7, on a 1024 x 768 projector
and a 1920 x 1080 screen.

Each front end opens two notebooks once (lesson 4, run top to bottom, and one with the four
widgets) and every check below resizes the window and measures the page as it is drawn:

* no text in a graph drawing, a figure, a widget or a feedback card smaller than 12 px (13 px for
  cards, with no word broken across lines);
* no part of a widget covering another, none cut off, nothing moving while it plays or its text
  changes;
* the GraphStepper's explanation beside or right under its picture, on screen while stepping;
* button labels in plain words, their symbols drawn with the icon font the front end ships.

JupyterLab keeps its file browser open (its default, as a lecturer who just started it sees it):
at 1024 px that leaves a notebook about 600 px wide. Screenshots go to test-artifacts/lecture-*.png.
"""

import re
import time
from pathlib import Path

import nbformat
import pytest
from conftest import Lab
from deepslow.widgets import descent
from page_checks import (
    BROKEN_WORDS,
    BUTTONS,
    IMAGE_SCALE,
    RUN_IN_KERNEL,
    SCROLL_TO_TOP,
    VISIBLE_AREA,
    clipped,
    describe,
    layout_of,
    overlaps,
    smallest_text,
    text_sizes,
)
from test_browser_graph import MLP

LESSON4 = Path(__file__).resolve().parents[2] / "lessons" / "04-gradient-descent-and-backprop.ipynb"
SIZES = {"projector": (1024, 768), "full-hd": (1920, 1080)}
MIN_TEXT_PX = 12  # the floor for anything a lecture shows
MIN_CARD_PX = 13

# The parts of each widget that must not overlap or be cut off: its picture and its controls.
PARTS = {
    "stepper": (".ds-stepper-graph svg", "button", ".widget-play", ".widget-slider", ".ds-stepper-panel"),
    "playground": (
        "img.ds-heatmap",
        ".ds-losses",
        ".ds-epoch",
        ".ds-speed",
        "button",
        ".widget-dropdown",
        ".widget-slider",
        ".widget-text",
        ".widget-checkbox",
        ".widget-html",
    ),
    "descent": ("img.ds-figure", ".ds-verdict", "button", ".widget-dropdown", ".widget-slider"),
    "perceptron": ("img.ds-plane", ".ds-status", "button", ".widget-slider"),
}
IMPORT = "from deepslow.widgets import DescentExplorer, GraphStepper, PerceptronExplorer, TrainingPlayground\n"
WIDGET_CELLS = {
    "stepper": MLP + IMPORT + "stepper = GraphStepper(loss, feed)\nstepper",
    "playground": IMPORT + "pg = TrainingPlayground(dataset='circles', seed=1)\npg",
    "descent": IMPORT + "de = DescentExplorer('valley', learning_rate=0.45)\nde",
    "perceptron": IMPORT + "pe = PerceptronExplorer()\npe",
}
ROOTS = {
    "stepper": ".ds-graph-stepper",
    "playground": ".ds-training-playground",
    "descent": ".ds-descent-explorer",
    "perceptron": ".ds-perceptron-explorer",
}


def lesson4_cells():
    """{cell id: index} and the indices of the exercise check cells, from the lesson file."""
    cells = nbformat.read(LESSON4, 4).cells
    ids = {cell.get("id"): i for i, cell in enumerate(cells)}
    checks = [i for i, cell in enumerate(cells) if cell.metadata.get("deepslow", {}).get("role") == "check"]
    return ids, checks


@pytest.fixture(scope="module", params=["lab", "notebook"])
def front_end(request, browser):
    """A Lab session on the front end's server (started the first time a test needs it)."""
    server = request.getfixturevalue("jupyter_server" if request.param == "lab" else "notebook7_server")
    session = Lab(server, browser, viewport=dict(zip(("width", "height"), SIZES["projector"])), file_browser=True)
    session.name = request.param
    yield session
    session.close()


@pytest.fixture(scope="module")
def lesson4(front_end):
    nb = front_end.open_notebook(LESSON4)
    nb.run_all(timeout=240)
    assert nb.errors() == []
    return nb


@pytest.fixture(scope="module")
def widgets_page(front_end):
    nb = front_end.open_notebook(list(WIDGET_CELLS.values()), name=f"lecture-widgets-{front_end.name}.ipynb")
    nb.run_all(timeout=120)
    assert nb.errors() == []
    for i, name in enumerate(WIDGET_CELLS):
        nb.output(i).locator(ROOTS[name]).wait_for()
    return nb


def resize(nb, size):
    width, height = SIZES[size]
    nb.page.set_viewport_size({"width": width, "height": height})
    nb.page.wait_for_timeout(400)  # JupyterLab lays its panels out again after a resize


def shot(nb, name, locator=None, top=None):
    """Screenshot the window (after scrolling `top` to the top of the notebook), or one element whole."""
    if top is not None:
        top.evaluate(SCROLL_TO_TOP)
        nb.page.wait_for_timeout(200)
    return nb.screenshot(name, locator)


def tag(front_end_name, size):
    """The start of a screenshot's name: lecture-<front end>-<size>."""
    return f"lecture-{front_end_name}-{size}"


# --- lesson 4: drawings, figures, cards, the stepper --------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_lesson4_graph_drawings_are_legible(lesson4, front_end, size):
    resize(lesson4, size)
    ids, _ = lesson4_cells()
    drawings = lesson4.page.locator(".jp-OutputArea-output:has(svg g.node)")
    assert drawings.count() >= 3  # the chain rule graph, the stepper, the values and gradients
    report = []
    for i in range(drawings.count()):
        px, text = smallest_text(drawings.nth(i))
        report.append((round(px, 1), text))
        assert px >= MIN_TEXT_PX, f"drawing {i}: {text!r} is drawn at {px:.1f} px"
    print(f"\n{front_end.name} {size}: smallest text per graph drawing (px): {report}")
    values_and_gradients = lesson4.outputs(ids["l04-042"])
    drawing, output = (
        values_and_gradients.locator("svg:has(g.node)").bounding_box(),
        values_and_gradients.bounding_box(),
    )
    assert drawing["x"] + drawing["width"] <= output["x"] + output["width"] + 0.5  # fits: no sideways scrolling
    shot(lesson4, f"{tag(front_end.name, size)}-lesson4-values-and-gradients", top=values_and_gradients)


@pytest.mark.parametrize("size", SIZES)
def test_lesson4_descent_figures_are_legible(lesson4, front_end, size):
    """The figures are PNGs: their smallest text is SMALLEST_FONT_PT points at the figure's dpi,
    drawn at (width on screen / width in pixels) of its size."""
    resize(lesson4, size)
    ids, _ = lesson4_cells()
    figures = lesson4.outputs(ids["l04-009"]).locator("img")
    explorer = lesson4.output(ids["l04-011"]).locator(".ds-descent-explorer")
    images = [figures.nth(i) for i in range(figures.count())] + [explorer.locator("img.ds-figure")]
    assert len(images) == 4
    dpi = descent.PX_PER_INCH * descent.RENDER_SCALE
    sizes = []
    for image in images:
        scale = image.evaluate(IMAGE_SCALE)
        assert scale["natural"] == descent.FIGURE_WIDTH * descent.RENDER_SCALE  # one of our figures
        px = descent.SMALLEST_FONT_PT / 72 * dpi * scale["shown"] / scale["natural"]
        sizes.append(round(px, 1))
        assert px >= MIN_TEXT_PX, f"figure text drawn at {px:.1f} px ({scale})"
        assert scale["shown"] <= descent.FIGURE_WIDTH + 0.5  # never blown up past its size
    print(f"\n{front_end.name} {size}: smallest figure text (px): {sizes}")
    explanations = lesson4.outputs(ids["l04-009"])
    assert smallest_text(explanations)[0] >= MIN_TEXT_PX and explanations.evaluate(BROKEN_WORDS) == []
    shot(lesson4, f"{tag(front_end.name, size)}-lesson4-descent-figures", top=lesson4.outputs(ids["l04-009"]))
    shot(lesson4, f"{tag(front_end.name, size)}-lesson4-descent-explorer", top=explorer)


def test_lesson4_shows_a_feedback_card_for_each_exercise(lesson4):
    _, checks = lesson4_cells()
    assert len(checks) >= 3
    for i in checks:
        assert re.search(r"passed|not attempted|failed", lesson4.outputs(i).inner_text()), i


@pytest.mark.parametrize("size", SIZES)
def test_lesson4_feedback_cards_are_legible(lesson4, front_end, size):
    """Every card (the lesson's, and one for a wrong answer with long words) at 13 px or more, and
    no word broken across two lines."""
    resize(lesson4, size)
    _, checks = lesson4_cells()
    if not lesson4.page.evaluate("() => window.__dsWrongCard === true"):
        lesson4.page.evaluate(
            ADD_AND_RUN_CELL, 'check("04-sigmoid-grad", lambda op, grad: [grad * op.inputs[0] * op.inputs[0]])'
        )
        lesson4.page.evaluate("() => { window.__dsWrongCard = true; }")
        lesson4.wait_for_kernel_idle()
    wrong = lesson4.page.locator(".jp-Cell").last.locator(".jp-Cell-outputArea")
    wrong.wait_for()
    shot(lesson4, f"{tag(front_end.name, size)}-lesson4-wrong-answer-card", top=wrong)
    assert "failed" in wrong.inner_text()
    for card in [lesson4.outputs(i) for i in checks] + [wrong]:
        sizes = text_sizes(card)
        assert sizes and sizes[0]["px"] >= MIN_CARD_PX, f"card text at {sizes[0]['px']} px: {sizes[0]['text']!r}"
        assert card.evaluate(BROKEN_WORDS) == []


# Append a code cell to the open notebook and run it (the same commands in both front ends).
ADD_AND_RUN_CELL = """async (code) => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const model = notebook.model;
    model.sharedModel.insertCell(model.cells.length, {cell_type: 'code', source: code});
    notebook.activeCellIndex = model.cells.length - 1;
    await window.jupyterapp.commands.execute('notebook:run-cell');
}"""


def panel_placement(stepper):
    """'beside' or 'under' (and the gap), from the boxes of the picture and the explanation."""
    graph = stepper.locator(".ds-stepper-graph svg").bounding_box()
    panel = stepper.locator(".ds-stepper-panel").bounding_box()
    if panel["x"] >= graph["x"] + graph["width"] - 2 and abs(panel["y"] - graph["y"]) < 60:
        return "beside", panel["x"] - graph["x"] - graph["width"]
    if panel["y"] >= graph["y"] + graph["height"] - 2:
        return "under", panel["y"] - graph["y"] - graph["height"]
    return "elsewhere", None


def on_screen(locator):
    """True when the element is wholly inside the notebook's visible area."""
    area = locator.evaluate(VISIBLE_AREA)
    box = locator.bounding_box()
    return box is not None and box["y"] >= area["top"] - 1 and box["y"] + box["height"] <= area["bottom"] + 1


@pytest.mark.parametrize("size", SIZES)
def test_lesson4_stepper_keeps_its_explanation_in_view_while_stepping(lesson4, front_end, size):
    resize(lesson4, size)
    ids, _ = lesson4_cells()
    stepper = lesson4.output(ids["l04-038"]).locator(".ds-graph-stepper")
    stepper.get_by_role("button", name="Reset").click()
    lesson4.page.wait_for_function("el => /step 0 of/.test(el.textContent)", arg=stepper.element_handle())
    stepper.evaluate(SCROLL_TO_TOP)
    lesson4.page.wait_for_timeout(200)
    picture = stepper.locator(".ds-stepper-graph svg")
    heading = stepper.locator(".ds-panel h4")
    placement, gap = panel_placement(stepper)
    assert placement in ("beside", "under") and gap <= 24, (placement, gap)
    first = picture.bounding_box()
    for step in range(1, 10):  # through the forward pass into the backward pass
        stepper.get_by_role("button", name="Next").click()
        lesson4.page.wait_for_function(
            f"el => /step {step} of/.test(el.textContent)", arg=stepper.element_handle(), timeout=10000
        )
        assert picture.bounding_box() == first, f"the picture moved at step {step}"
        assert on_screen(heading), f"step {step}: the explanation's heading is off screen ({placement})"
        assert stepper.locator("svg g.ds-current").count() == 1
    print(f"\n{front_end.name} {size}: the explanation is {placement} the picture ({gap:.0f} px apart)")
    shot(lesson4, f"{tag(front_end.name, size)}-lesson4-stepper")


# --- the four widgets ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_widgets_are_legible_with_nothing_overlapping_or_cut_off(widgets_page, front_end, size):
    resize(widgets_page, size)
    smallest = {}
    for i, name in enumerate(WIDGET_CELLS):
        widget = widgets_page.output(i).locator(ROOTS[name])
        widget.evaluate(SCROLL_TO_TOP)
        px, text = smallest_text(widget)
        smallest[name] = (round(px, 1), text)
        assert px >= MIN_TEXT_PX, f"{name}: {text!r} at {px:.1f} px"
        assert overlaps(widget, PARTS[name]) == [], f"{name}: {describe(overlaps(widget, PARTS[name]))}"
        assert clipped(widget, PARTS[name]) == [], f"{name}: {describe(clipped(widget, PARTS[name]))}"
        for button in widget.evaluate(BUTTONS):
            assert re.fullmatch(r"[A-Za-z0-9 +]*", button["text"]), f"{name}: a label with a symbol: {button}"
            if button["icon"]:  # drawn with the icon font the front end ships, loaded and in use
                assert button["loaded"] and button["glyph"] not in ("none", "normal", '""'), button
                assert button["iconWidth"] > 4, button
        shot(widgets_page, f"{tag(front_end.name, size)}-{name}", top=widget)
    placement, gap = panel_placement(widgets_page.output(0).locator(".ds-graph-stepper"))
    assert placement in ("beside", "under") and gap <= 24, (placement, gap)
    print(f"\n{front_end.name} {size}: smallest text per widget (px): {smallest}; stepper explanation {placement}")


@pytest.mark.parametrize("size", SIZES)
def test_playground_layout_holds_still_while_playing(widgets_page, front_end, size):
    resize(widgets_page, size)
    widget = widgets_page.output(1).locator(ROOTS["playground"])
    widget.evaluate(SCROLL_TO_TOP)
    before = layout_of(widget, PARTS["playground"])
    widget.get_by_role("button", name="Play").click()
    widget.get_by_role("button", name="Pause").wait_for()
    pause_icon = widget.get_by_role("button", name="Pause").locator("i")
    assert "fa-pause" in pause_icon.get_attribute("class") and pause_icon.bounding_box()["width"] > 4
    time.sleep(1.5)  # the epoch count, the losses and the frame rate change meanwhile
    playing = layout_of(widget, PARTS["playground"])
    shot(widgets_page, f"{tag(front_end.name, size)}-playground-playing")
    widget.get_by_role("button", name="Pause").click()
    widget.get_by_role("button", name="Play").wait_for()
    widgets_page.page.wait_for_timeout(300)
    assert playing == before, "the playground's layout moved while playing"
    assert layout_of(widget, PARTS["playground"]) == before, "the playground's layout moved after Pause"
    marker = widgets_page.page.evaluate(RUN_IN_KERNEL, "import os; print(os.environ.get('DEEPSLOW_NODELAY'))")
    assert marker.strip() == "1"  # this server loaded deepslow.nodelay: no advice is ever due
    assert widget.locator(".ds-notice").is_hidden()


@pytest.mark.parametrize("size", SIZES)
def test_perceptron_explorer_holds_still_when_its_text_grows(widgets_page, front_end, size):
    resize(widgets_page, size)
    widget = widgets_page.output(3).locator(ROOTS["perceptron"])
    widget.evaluate(SCROLL_TO_TOP)
    status = widget.locator(".ds-status")
    before = layout_of(widget, PARTS["perceptron"])
    lines = {
        "pe.w1.value, pe.w2.value, pe.b.value = 1.0, 1.0, 0.0": "Every point is on its side",
        "pe.w1.value, pe.w2.value = 0.0, 0.0": "there is no line",
        "pe.reset()": "Red rings",
    }
    for code, expected in lines.items():
        widgets_page.page.evaluate(RUN_IN_KERNEL, code)
        widgets_page.page.wait_for_function(
            "([el, text]) => el.textContent.includes(text)", arg=[status.element_handle(), expected]
        )
        assert layout_of(widget, PARTS["perceptron"]) == before, f"the explorer moved showing {expected!r}"
        assert status.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), f"{expected!r} does not fit its box"
        if expected == "there is no line":
            shot(widgets_page, f"{tag(front_end.name, size)}-perceptron-longest-message", top=widget)


# --- a server without deepslow.nodelay ----------------------------------------------------------


def test_playground_without_the_server_extension_says_once_how_to_enable_it(server_without_nodelay, browser):
    from test_browser_playground import WATCH, rate

    session = Lab(server_without_nodelay, browser, viewport={"width": 1280, "height": 900})
    try:
        nb = session.open_notebook([WIDGET_CELLS["playground"]])
        nb.run_all()
        widget = nb.output(0).locator(ROOTS["playground"])
        widget.wait_for()
        assert nb.page.evaluate(RUN_IN_KERNEL, "import os; print(os.environ.get('DEEPSLOW_NODELAY'))").strip() == "None"
        picture = widget.locator("img.ds-heatmap").bounding_box()
        notice = widget.locator(".ds-notice")
        seen = nb.page.evaluate(WATCH, [widget.element_handle(), "Play", 3000])
        print(
            f"\nwithout deepslow.nodelay: {len(seen['painted'])} frames painted in 3 s "
            f"({rate(seen['painted']):.1f} frames/s; the heatmap changed {rate(seen['changes']):.1f} times/s)"
        )
        notice.wait_for(state="visible", timeout=10000)
        assert "deepslow.nodelay=True" in notice.inner_text()
        box = notice.bounding_box()
        assert box["x"] >= picture["x"] and box["x"] + box["width"] <= picture["x"] + picture["width"] + 0.5
        assert box["y"] >= picture["y"] and box["y"] + box["height"] <= picture["y"] + picture["height"] + 0.5
        assert smallest_text(notice)[0] >= MIN_TEXT_PX
        assert widget.locator("img.ds-heatmap").bounding_box() == picture  # laid over it, moving nothing
        nb.screenshot("lecture-playground-without-nodelay", widget)
        widget.get_by_role("button", name="Pause").click()
        notice.wait_for(state="hidden")
        widget.get_by_role("button", name="Play").click()
        time.sleep(2.5)  # long enough to judge again: it has said it once, so it stays quiet
        assert notice.is_hidden()
        widget.get_by_role("button", name="Pause").click()
    finally:
        session.close()


# --- Notebook 7 is installed everywhere; `deepslow lessons` stays with JupyterLab ----------------

ROOT = Path(__file__).resolve().parents[2]


def test_notebook7_comes_with_the_jupyter_extra_and_with_binder():
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["jupyter"]
    assert any(re.match(r"notebook\s*>=\s*7", requirement) for requirement in extra)
    pins = dict(
        line.split("==") for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines() if "==" in line
    )
    assert int(pins["notebook"].split(".")[0]) >= 7
    names = {re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower() for requirement in extra}
    assert names <= {name.lower() for name in pins}  # Binder pins every package of the extra


def test_deepslow_lessons_still_opens_jupyterlab(tmp_path, monkeypatch):
    from deepslow import cli

    commands = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command: commands.append(command) or 0)
    assert cli.main(["lessons", "--dir", str(tmp_path / "mine"), "--no-browser"]) == 0
    (command,) = commands
    assert command[1:3] == ["-m", "jupyterlab"]
    assert any(part.startswith("--LabApp.default_url=/lab/tree/") for part in command)
