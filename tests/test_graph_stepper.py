"""GraphStepper: the state model's sequence of frames, the restyled picture, the widget view."""

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from deepslow.widgets import GraphStepper
from deepslow.widgets.graph_stepper import GraphStepperState, StepperPicture, panel_html

import deepslow as tf
from deepslow import drawing

SVG = {"s": "http://www.w3.org/2000/svg"}


def affine():
    g = tf.Graph()
    with g.as_default():
        A = tf.Variable([[1.0, 0.0], [0.0, -1.0]], name="A")
        b = tf.Variable([[1.0], [1.0]], name="b")
        x = tf.placeholder(tf.float32, shape=(2, 1), name="x")
        y = tf.add(tf.matmul(A, x), b, name="y")
    return g, A, b, x, y, {x: [[1.0], [2.0]]}


def shared():
    """w feeds two ops, so its gradient is the sum of two shares: loss = (3w) * (w + 1)."""
    g = tf.Graph()
    with g.as_default():
        w = tf.Variable(2.0, name="w")
        a = tf.multiply(w, 3.0, name="a")
        b = tf.add(w, 1.0, name="b")
        loss = tf.multiply(a, b, name="loss")
    return g, w, a, b, loss


def names(nodes):
    return [n.name for n in nodes]


def true_gradients(loss, xs, feed):
    g = loss.graph
    with g.as_default(), tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(tf.gradients(loss, xs), feed)


# --- the state model ---------------------------------------------------------------------------


def test_affine_example_forward_frames_compute_one_node_at_a_time():
    g, A, b, x, y, feed = affine()
    state = GraphStepperState(y, feed)
    forward = [f for f in state.frames if f.phase == "forward"]
    assert state.frames[0].phase == "start" and state.frames[0].values == {}
    assert [f.node.name for f in forward] == ["A", "b", "x", "MatMul", "y"]
    for k, frame in enumerate(forward):
        assert names(frame.values) == ["A", "b", "x", "MatMul", "y"][: k + 1]  # each value appears as computed
    np.testing.assert_allclose(forward[-1].values[y], [[2.0], [-1.0]])
    assert forward[3].edges == ((A, y.inputs[0]), (x, y.inputs[0]))
    assert "placeholder" in forward[2].text and "MatMul = MatMul(A, x)" in forward[3].text
    assert [f.index for f in state.frames] == list(range(state.n_steps))


def test_affine_example_backward_frames_follow_reverse_topological_order():
    g, A, b, x, y, feed = affine()
    matmul = y.inputs[0]
    state = GraphStepperState(y, feed)
    backward = [f for f in state.frames if f.phase in ("backward", "done")]
    assert [None if f.node is None else f.node.name for f in backward] == ["y", "y", "MatMul", None]
    seed, add_step, matmul_step, done = backward
    np.testing.assert_array_equal(seed.grads[y], np.ones((2, 1)))  # y is a vector: d sum(y)/dy = ones
    assert "sum of its elements" in seed.text
    assert [(c.input.name, c.count, c.expected) for c in add_step.contributions] == [("MatMul", 1, 1), ("b", 1, 1)]
    np.testing.assert_array_equal(add_step.incoming, np.ones((2, 1)))
    assert add_step.finished == {y, matmul, b}
    assert [c.input.name for c in matmul_step.contributions] == ["A"]  # x is not differentiated (wrt = variables)
    np.testing.assert_allclose(matmul_step.contributions[0].local, [[1.0, 2.0], [1.0, 2.0]])
    assert matmul_step.edges == ((A, matmul),)
    grad_A, grad_b = true_gradients(y, [A, b], feed)
    np.testing.assert_allclose(done.grads[A], grad_A)
    np.testing.assert_allclose(done.grads[b], grad_b)
    assert state.n_steps == 1 + 5 + 4


def test_a_shared_node_shows_its_running_sum():
    g, w, a, b, loss = shared()
    state = GraphStepperState(loss)
    steps = [f for f in state.frames if f.phase == "backward" and f.contributions]
    assert steps[0].node is loss and {steps[1].node, steps[2].node} == {a, b}  # a and b in either order
    first = next(c for c in steps[1].contributions if c.input is w)
    assert (first.count, first.expected) == (1, 2)
    assert w in steps[1].grads and w not in steps[1].finished  # partial: one path of two so far
    np.testing.assert_allclose(first.total, first.local)
    second = next(c for c in steps[2].contributions if c.input is w)
    assert (second.count, second.expected) == (2, 2) and w in steps[2].finished
    np.testing.assert_allclose(second.total, first.local + second.local)
    # d/dw (3w (w+1)) = 6w + 3 = 15 at w=2: the running sum ends at the true gradient
    np.testing.assert_allclose(second.total, 15.0)
    np.testing.assert_allclose(state.frames[-1].grads[w], true_gradients(loss, [w], {})[0])
    assert "running sum (more to come)" in panel_html(steps[1], state)
    assert "running sum (complete)" in panel_html(steps[2], state)


def test_a_node_used_twice_by_one_op_gets_both_shares_in_one_step():
    g = tf.Graph()
    with g.as_default():
        w = tf.Variable(3.0, name="w")
        square = tf.multiply(w, w, name="square")
    state = GraphStepperState(square)
    (step,) = [f for f in state.frames if f.contributions]
    assert [(c.count, c.expected) for c in step.contributions] == [(1, 2), (2, 2)]
    np.testing.assert_allclose(step.contributions[-1].total, 6.0)


def test_step_back_goto_reset():
    state = GraphStepperState(shared()[-1])
    assert state.index == 0 and not state.back()
    assert state.step() and state.index == 1 and state.frame().node.name == "w"
    assert state.back() and state.index == 0
    state.goto(state.n_steps - 1)
    assert state.frame().phase == "done" and not state.step()
    state.reset(seed=123)
    assert state.index == 0
    with pytest.raises(IndexError, match="there are"):
        state.goto(state.n_steps)


def test_forward_values_agree_with_session_run_and_the_graph_is_left_alone():
    g, A, b, x, y, feed = affine()
    before = len(g.nodes)
    state = GraphStepperState(y, feed)
    assert len(g.nodes) == before  # no initializer node was added to the learner's graph
    with g.as_default(), tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for node in g.nodes[:before]:
            np.testing.assert_allclose(state.values[node], sess.run(node, feed))
    assert "initial value" in state.frames[1].text


def test_variables_are_read_from_the_given_or_default_session():
    g, w, a, b, loss = shared()
    with g.as_default():
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        init = tf.global_variables_initializer()
    sess = tf.Session(g)
    sess.run(init)
    sess.run(train)  # w: 2 -> 2 - 0.1 * 15 = 0.5
    assert GraphStepperState(loss, session=sess).values[w] == pytest.approx(0.5)
    assert "read from the session" in GraphStepperState(loss, session=sess).frames[1].text
    with sess.as_default():
        assert GraphStepperState(loss).values[w] == pytest.approx(0.5)  # the default session
    assert GraphStepperState(loss).values[w] == pytest.approx(2.0)  # no session: the initial value


def test_forward_only_and_explicit_wrt():
    g, A, b, x, y, feed = affine()
    assert {f.phase for f in GraphStepperState(y, feed, backward=False).frames} == {"start", "forward"}
    state = GraphStepperState(y, feed, wrt=[x])
    np.testing.assert_allclose(state.grads[x], true_gradients(y, [x], feed)[0])
    assert A not in state.grads


def test_an_op_without_gradient_stops_the_backward_pass_with_a_hint():
    class Cube(tf.Operation):
        def compute(self, x):
            return x**3

    g = tf.Graph()
    with g.as_default():
        w = tf.Variable(2.0, name="w")
        cube = Cube(w, name="cube")
    with pytest.raises(tf.NoGradientError, match=r"(?s)register_gradient\('Cube'\).*backward=False"):
        GraphStepperState(cube)
    assert GraphStepperState(cube, backward=False).frames[-1].values[cube] == 8.0


def test_training_machinery_and_non_nodes_are_refused_with_a_clear_message():
    g, w, a, b, loss = shared()
    with g.as_default():
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with pytest.raises(ValueError, match="Pass the loss node instead"):
        GraphStepperState(train)
    with pytest.raises(TypeError, match="one node"):
        GraphStepperState([loss])


# --- the picture -------------------------------------------------------------------------------


def current_and_classes(svg):
    root = ET.fromstring(svg)
    classes = {}
    for group in root.iterfind(".//s:g", SVG):
        if "node" in group.get("class", "").split():
            classes[group.find("s:title", SVG).text] = group.get("class").split()[-1]
    return classes


def test_the_picture_highlights_the_current_node_and_marks_done_and_partial_ones():
    g, w, a, b, loss = shared()
    state = GraphStepperState(loss)
    picture = StepperPicture(state)
    at_start = current_and_classes(picture.svg(state.frames[0]))
    assert set(at_start.values()) == {"ds-pending"}
    forward_a = next(f for f in state.frames if f.node is a and f.phase == "forward")
    classes = current_and_classes(picture.svg(forward_a))
    assert classes["a"] == "ds-current" and classes["w"] == "ds-done" and classes["loss"] == "ds-pending"
    partial = [f for f in state.frames if f.phase == "backward" and f.node in (a, b)][0]
    classes = current_and_classes(picture.svg(partial))
    assert classes[partial.node.name] == "ds-current"
    assert classes["w"] == "ds-grad-partial" and classes["loss"] == "ds-grad-done"
    assert current_and_classes(picture.svg(state.frames[-1]))["w"] == "ds-grad-done"


def test_stepping_only_restyles_one_fixed_layout(monkeypatch):
    calls = []
    real = drawing.render_svg
    monkeypatch.setattr(drawing, "render_svg", lambda source, **kw: calls.append(1) or real(source, **kw))
    g, A, b, x, y, feed = affine()
    state = GraphStepperState(y, feed)
    picture = StepperPicture(state)
    svgs = [picture.svg(frame) for frame in state.frames]
    assert len(calls) == 1
    positions = {
        re.sub(r"\s+", " ", re.sub(r">[^<]*<", "><", re.sub(r'(fill|stroke[-\w]*|class)="[^"]*"', "", s))) for s in svgs
    }
    assert len(positions) == 1  # every frame has the same geometry: nothing jumps
    assert len(set(svgs)) == len(svgs)  # and every frame looks different


def test_values_appear_in_the_picture_as_they_are_computed():
    g, A, b, x, y, feed = affine()
    state = GraphStepperState(y, feed)
    picture = StepperPicture(state)

    def texts(frame):
        return [
            re.sub(r"<[^>]+>", "", t).replace("&#160;", " ") for t in re.findall(r"<text.*?</text>", picture.svg(frame))
        ]

    assert not any(t.startswith("val") for t in texts(state.frames[0]))
    assert "val  [[ 2]" not in texts(state.frames[4]) and "val  [[ 2]" in texts(state.frames[5])
    assert not any(t.startswith("grad") for t in texts(state.frames[5]))
    assert "grad [[1 2]" in texts(state.frames[-1])


# --- the ipywidgets view -----------------------------------------------------------------------


def test_the_widget_buttons_play_and_slider_drive_the_state_and_redraw():
    g, w, a, b, loss = shared()
    stepper = GraphStepper(loss)
    state = stepper.state
    assert stepper.slider.max == stepper.play.max == state.n_steps - 1
    first_svg = stepper.graph_view.value
    stepper.next_button.click()
    assert state.index == 1 and stepper.slider.value == 1 and stepper.play.value == 1
    assert stepper.graph_view.value != first_svg
    assert "Forward 1/6: w" in stepper.panel.value
    stepper.prev_button.click()
    assert state.index == 0
    stepper.prev_button.click()
    assert state.index == 0  # no step before the first
    stepper.play.value = 5  # what the Play button does in the browser
    assert state.index == 5 and stepper.slider.value == 5
    assert current_and_classes(stepper.graph_view.value)["b"] == "ds-current"
    stepper.slider.value = state.n_steps - 1
    stepper.next_button.click()
    assert state.index == state.n_steps - 1
    stepper.play.playing = True
    stepper.reset_button.click()
    assert state.index == 0 and not stepper.play.playing
    for control in (stepper.reset_button, stepper.prev_button, stepper.next_button):
        assert control.description in ("Reset", "Prev", "Next")


def test_the_picture_fits_the_screen_but_never_shrinks_its_text_below_12_pixels():
    g, A, b, x, y, feed = affine()
    state = GraphStepperState(y, feed)
    picture = StepperPicture(state, max_height="calc(100vh - 330px)")
    natural_width = picture.layout.width_pt * 4 / 3
    assert picture.width == round(natural_width)
    assert picture.legible_width == round(natural_width * drawing.MIN_SCALE)
    svg = picture.svg(state.frames[0])
    assert f"max-height:max({picture.legible_height}px, calc(100vh - 330px))" in svg
    smallest_pt = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
    assert smallest_pt * 4 / 3 * picture.legible_height / (picture.layout.height_pt * 4 / 3) >= 12
    assert "max-height" not in StepperPicture(state, max_height=None).svg(state.frames[0])


def test_the_view_puts_the_explanation_beside_the_picture_or_under_it():
    """Flex items that wrap: side by side when the picture at its legible width and the panel fit,
    else the panel goes under the picture; neither can be squeezed below its minimum."""
    g, A, b, x, y, feed = affine()
    view = GraphStepper(y, feed)
    row = view.children[1]
    assert row.layout.flex_flow == "row wrap" and list(row.children) == [view.graph_view, view.panel]
    assert view.graph_view.layout.min_width == f"{view.picture.legible_width}px"
    assert view.graph_view.layout.max_width == f"{view.picture.width}px"
    assert view.panel.layout.min_width == "260px" and view.panel.layout.flex.endswith("280px")
