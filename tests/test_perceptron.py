"""PerceptronExplorer: the hand-set linear classifier and its sliders."""

import numpy as np
import pytest
from deepslow.widgets import png
from deepslow.widgets.perceptron import PerceptronExplorer, PerceptronState

import deepslow as ds
from deepslow import datasets


def test_the_data_is_lesson_twos_two_blobs():
    state = PerceptronState()
    X, y = datasets.blobs(n=100, seed=0)
    np.testing.assert_array_equal(state.X, X)
    assert (state.y == 0).sum() == 50 and (state.y == 1).sum() == 50


def test_misclassified_points_are_those_on_the_wrong_side():
    state = PerceptronState(w=(1.0, -0.5), b=1.0)
    score = state.X @ np.array([1.0, -0.5]) + 1.0
    expected = (score > 0) != (state.y == 1)
    np.testing.assert_array_equal(state.misclassified(), expected)
    assert 0 < expected.sum() < 100
    state.set(w1=1.0, w2=1.0, b=0.0)  # the diagonal between the blobs
    assert state.misclassified().sum() <= 2


def test_the_loss_is_deepslows_softmax_cross_entropy_of_logits_0_and_score():
    state = PerceptronState(w=(0.7, -1.2), b=0.4)
    graph = ds.Graph()
    with graph.as_default():
        logits = ds.constant(np.column_stack([np.zeros(100), state.scores()]))
        labels = ds.constant(datasets.one_hot(state.y, 2))
        loss = ds.reduce_mean(ds.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    assert state.loss() == pytest.approx(float(ds.Session(graph).run(loss)), rel=1e-5)


def test_extreme_weights_do_not_overflow_the_loss():
    state = PerceptronState(w=(500.0, 500.0), b=-5000.0)
    assert np.isfinite(state.loss()) and state.loss() > 100


def test_a_gradient_step_lowers_the_loss_and_follows_the_numerical_gradient():
    state = PerceptronState(w=(1.0, -0.5), b=1.0, learning_rate=0.1)
    before, w, b = state.loss(), state.w.copy(), state.b
    eps, numeric = 1e-6, []
    for i in range(3):
        probe = PerceptronState(w=w, b=b)
        params = [*w, b]
        params[i] += eps
        probe.set(*params)
        up = probe.loss()
        params[i] -= 2 * eps
        probe.set(*params)
        numeric.append((up - probe.loss()) / (2 * eps))
    after = state.step()
    assert after < before and state.steps == 1
    np.testing.assert_allclose([*(w - state.w), b - state.b], 0.1 * np.array(numeric), rtol=1e-4, atol=1e-8)


def test_the_picture_puts_class_1_on_the_side_the_weights_point_to():
    state = PerceptronState(w=(1.0, 0.0), b=0.0)
    image, _ = png.decode_png(state.frame())
    heat = image[image < png.SHADES]  # ignore points, axes and the line
    assert heat.size > 0
    row = image[5]  # the top row: no data points up there
    left, right = row[5], row[-5]
    assert left < png.SHADES // 2 < right  # orange shades left of x = 0, blue shades right of it
    state.set(w1=0.0, w2=1.0)
    image, _ = png.decode_png(state.frame())
    assert image[5, 200] > png.SHADES // 2 > image[-5, 200]  # y points up: class 1 at the top


def test_misclassified_points_get_red_rings():
    bad = PerceptronState(w=(1.0, -0.5), b=1.0)
    image, _ = png.decode_png(bad.frame())
    assert (image == png.RED).sum() > 20 * bad.misclassified().sum()
    good = PerceptronState(w=(1.0, 1.0), b=0.0, seed=0)
    good_image, _ = png.decode_png(good.frame())
    assert (good_image == png.RED).sum() < (image == png.RED).sum()


def test_the_points_overlay_rings_exactly_the_misclassified_points_in_red():
    state = PerceptronState(w=(1.0, -0.5), b=1.0)
    svg = state.points_svg()
    red = "#" + "".join(f"{c:02x}" for c in png.PALETTE[png.RED])
    wrong = int(state.misclassified().sum())
    assert wrong > 0 and svg.count(f'fill="{red}"') == wrong
    assert svg.count("<circle") == 2 * len(state.X) + 2 * wrong  # a ring and a fill per point, per layer
    image, _ = png.decode_png(state.frame(points=False))
    assert (image == png.RED).sum() == 0  # without points the PNG is only the half-planes and the line
    state.set(w1=1.0, w2=1.0, b=0.0)
    assert state.points_svg().count(f'fill="{red}"') == int(state.misclassified().sum())


def test_zero_weights_give_a_message_and_still_draw():
    state = PerceptronState(w=(0.0, 0.0), b=0.5)
    assert "no line" in state.message
    assert state.frame().startswith(b"\x89PNG")
    state.set(w1=1.0)
    assert state.message is None


def test_reset_restores_the_weights_and_a_seed_redraws_the_blobs():
    state = PerceptronState(w=(1.0, -0.5), b=1.0)
    first = state.X.copy()
    state.set(w1=3.0, b=-2.0)
    state.step()
    state.reset()
    np.testing.assert_array_equal(state.w, [1.0, -0.5])
    assert state.b == 1.0 and state.steps == 0
    np.testing.assert_array_equal(state.X, first)
    state.reset(seed=4)
    assert not np.array_equal(state.X, first)
    assert state.frame() == PerceptronState(w=(1.0, -0.5), b=1.0, seed=4).frame()


def test_view_sliders_move_the_line_and_update_the_counts():
    view = PerceptronExplorer()
    first_image, first_status = view.image.value, view.status.value
    assert "misclassified: <b>24</b>" in first_status
    view.w2.value = 1.0
    view.b.value = 0.0
    assert view.image.value != first_image
    assert view.points_image.value == view.state.points_svg().encode()  # the rings follow the sliders
    assert list(view.state.w) == [1.0, 1.0] and view.state.b == 0.0
    wrong = int(view.state.misclassified().sum())
    assert f"misclassified: <b>{wrong}</b>" in view.status.value
    view.reset_button.click()
    assert view.w2.value == -0.5 and view.image.value == first_image


def test_view_optional_step_button_moves_the_sliders_downhill():
    view = PerceptronExplorer(show_step=True)
    before = view.state.loss()
    view.step_button.click()
    assert view.state.loss() < before
    assert view.w1.value == pytest.approx(round(view.state.w[0] / 0.05) * 0.05, abs=0.05)


def test_the_explorer_has_fixed_sizes_and_plain_labels():
    """The picture cannot shrink, the controls keep their width, the text has a box with room for
    the longest message: nothing moves while a slider is dragged."""
    view = PerceptronExplorer()
    picture, controls = view.children[0].children
    assert picture.layout.flex == controls.layout.flex == "0 0 auto"
    assert controls.layout.width == "400px" and view.status.layout.height and view.status.layout.overflow == "hidden"
    assert view.children[0].layout.flex_flow == "row wrap"  # below the picture when too narrow, not squeezed
    assert (view.reset_button.description, view.reset_button.icon) == ("Reset", "undo")
