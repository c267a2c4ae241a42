"""In a real JupyterLab: graphs draw themselves as SVG, and the GraphStepper steps when clicked."""

import os
import sys

MLP = """
import numpy as np
import deepslow as tf

X = tf.placeholder(tf.float32, shape=(None, 2), name="X")
labels = tf.placeholder(tf.float32, shape=(None, 2), name="labels")
W1 = tf.Variable([[1.0, -1.0], [0.5, 2.0]], name="W1")
b1 = tf.Variable([0.0, 0.0], name="b1")
hidden = tf.sigmoid(tf.matmul(X, W1) + b1, name="hidden")
W2 = tf.Variable([[2.0, -2.0], [-1.0, 1.0]], name="W2")
b2 = tf.Variable([0.0, 0.0], name="b2")
logits = tf.add(tf.matmul(hidden, W2), b2, name="logits")
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits), name="loss")
feed = {X: [[1.0, 0.0]], labels: [[0.0, 1.0]]}
"""


def svg_texts(locator):
    return locator.locator("svg text").all_text_contents()


def test_a_graph_and_a_node_show_their_svg_in_the_cell_output(lab):
    nb = lab.open_notebook(
        [
            "import sys; print(sys.executable)",
            MLP,
            "tf.get_default_graph()",
            "hidden",
            "sess = tf.Session(); sess.run(tf.global_variables_initializer())\n"
            "nodes = [X, W1, hidden, logits, loss]\n"
            "tf.draw(loss, values=dict(zip(nodes, sess.run(nodes, feed))))",
        ]
    )
    nb.run_all()
    assert nb.errors() == []
    kernel_python = nb.output(0).inner_text().strip()
    assert os.path.realpath(kernel_python) == os.path.realpath(sys.executable)  # the kernel is our Python

    graph_svg = nb.output(2).locator("svg")
    assert graph_svg.count() == 1
    names = svg_texts(nb.output(2))
    for name in ("X", "W1", "b1", "hidden", "W2", "logits", "loss"):
        assert name in names
    assert graph_svg.bounding_box()["width"] > 200  # drawn at a readable size, not a thumbnail

    node_names = svg_texts(nb.output(3))
    assert "hidden" in node_names and "loss" not in node_names  # a node shows itself and its inputs only
    assert any(text.startswith("val") for text in svg_texts(nb.output(4)))  # values previewed in the boxes

    nb.screenshot("browser-graph-page")
    nb.screenshot("browser-graph-svg", nb.output(2))
    nb.screenshot("browser-graph-values", nb.output(4))


def current_node(stepper):
    """The name of the highlighted node in the stepper's SVG, or None."""
    current = stepper.locator("svg g.ds-current title")
    return current.inner_text() if current.count() else None


def test_graph_stepper_controls_step_the_highlight(lab):
    nb = lab.open_notebook(
        [
            MLP,
            "from deepslow.widgets import GraphStepper\nstepper = GraphStepper(loss, feed, interval=250)\nstepper",
            "late = GraphStepper(loss, feed)\nlate.slider.value = 18  # in the backward pass\nlate",
        ]
    )
    nb.run_all()
    assert nb.errors() == []
    stepper = nb.output(1).locator(".ds-graph-stepper")
    stepper.wait_for()
    for label in ("Reset", "Prev", "Next"):
        assert stepper.get_by_role("button", name=label).is_visible()
    assert stepper.locator(".widget-slider").count() == 1 and stepper.locator(".widget-play").count() == 1
    assert stepper.locator("svg").count() == 1 and current_node(stepper) is None

    next_button = stepper.get_by_role("button", name="Next")
    next_button.click()
    nb.page.wait_for_function(
        "el => el.querySelector('svg g.ds-current title')?.textContent === 'X'", arg=stepper.element_handle()
    )
    next_button.click()
    nb.page.wait_for_function(
        "el => el.querySelector('svg g.ds-current title')?.textContent === 'labels'", arg=stepper.element_handle()
    )
    assert "Forward 2/13: labels" in stepper.locator(".ds-panel").inner_text()
    nb.screenshot("browser-stepper-forward", nb.output(1))

    stepper.locator(".widget-play button").first.click()  # Play: the Play widget moves the slider
    nb.page.wait_for_function(
        "el => /Forward (5|6|7|8|9|10)\\/13/.test(el.querySelector('.ds-panel').textContent)",
        arg=stepper.element_handle(),
        timeout=15000,
    )
    stepper.get_by_role("button", name="Reset").click()
    nb.page.wait_for_function(
        "el => !el.querySelector('svg g.ds-current') && /step 0 of/.test(el.querySelector('.ds-panel').textContent)",
        arg=stepper.element_handle(),
    )

    late = nb.output(2).locator(".ds-graph-stepper")
    late.wait_for()
    assert "backward pass" in late.locator(".ds-panel").inner_text()
    assert late.locator("svg g.ds-current").count() == 1
    nb.screenshot("browser-stepper-backward", nb.output(2))
    nb.screenshot("browser-stepper-page")
