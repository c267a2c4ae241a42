"""DescentExplorer: gradient descent paths, the three regimes, and the controls."""

import base64
import io

import numpy as np
import pytest
from deepslow.widgets import descent
from deepslow.widgets.descent import SURFACES, DescentExplorer, DescentState, SurfaceGraph


def test_deepslow_gradients_match_the_formulas():
    valley = SurfaceGraph(SURFACES["valley"])  # 0.1 x² + 2 y²
    f, g = valley(np.array([[1.0, 1.0], [-2.0, 0.5]]))
    np.testing.assert_allclose(f, [2.1, 0.9])
    np.testing.assert_allclose(g, [[0.2, 4.0], [-0.4, 2.0]])
    wells = SurfaceGraph(SURFACES["1-D two minima"])  # x⁴ − 2x² + 0.3x
    f, g = wells(np.array([[1.5]]))
    np.testing.assert_allclose(f, [1.5**4 - 2 * 1.5**2 + 0.45])
    np.testing.assert_allclose(g, [[4 * 1.5**3 - 4 * 1.5 + 0.3]])


def test_each_step_is_w_minus_rate_times_gradient():
    state = DescentState("valley", start=(2.0, 1.0), learning_rate=0.1, steps=1)
    np.testing.assert_allclose(state.path[1], [2.0 - 0.1 * 0.4, 1.0 - 0.1 * 4.0])
    before = state.losses[-1]
    assert state.step() < before and state.steps == 2 and len(state.path) == 3


def test_same_settings_give_the_same_path_and_picture():
    a, b = DescentState("two minima", learning_rate=0.05), DescentState("two minima", learning_rate=0.05)
    np.testing.assert_array_equal(np.array(a.path), np.array(b.path))
    assert a.frame() == b.frame()


@pytest.mark.parametrize(
    "surface, rate, kind",
    [
        ("valley", 0.01, "slow"),
        ("valley", 0.45, "oscillating"),
        ("valley", 0.6, "diverged"),
        ("bowl", 0.1, "converged"),
        ("bowl", 1.2, "diverged"),
        ("1-D bowl", 0.3, "converged"),
        ("1-D bowl", 1.1, "diverged"),
        ("1-D two minima", 0.001, "slow"),
    ],
)
def test_the_three_regimes_are_recognised(surface, rate, kind):
    state = DescentState(surface, learning_rate=rate, steps=50)
    assert state.verdict()[0] == kind


def test_the_divergence_limit_is_explained_for_quadratic_surfaces():
    kind, text = DescentState("valley", learning_rate=0.6).verdict()
    assert kind == "diverged" and "2/λ = 0.5" in text and "Lower the learning rate" in text


def test_divergence_stops_before_overflow_and_still_draws():
    state = DescentState("bowl", learning_rate=3.0, steps=100)
    assert state.diverged and len(state.path) < 101
    assert np.all(np.isfinite(state.losses))
    assert state.frame().startswith(b"\x89PNG")
    assert state.step() is None


def test_a_local_minimum_is_pointed_out():
    kind, text = DescentState("two minima", learning_rate=0.1, steps=60).verdict()  # starts right of the hump
    assert kind == "converged" and "local minimum" in text
    kind, text = DescentState("two minima", start=(-1.5, 1.0), learning_rate=0.1, steps=60).verdict()
    assert kind == "converged" and "local minimum" not in text


@pytest.mark.parametrize("rate", [0, -0.1, float("nan")])
def test_a_rate_that_is_not_positive_gives_a_message(rate):
    state = DescentState("bowl", learning_rate=rate)
    kind, text = state.verdict()
    assert kind == "invalid" and "greater than 0" in text
    assert len(state.path) == 1 and state.step() is None
    assert state.frame().startswith(b"\x89PNG")
    state.configure(learning_rate=0.3)
    assert state.verdict()[0] == "converged"


def test_reset_with_a_seed_draws_a_start_in_view_and_without_returns_to_the_default():
    state = DescentState("bowl")
    state.reset(seed=7)
    low, high = SURFACES["bowl"].extent
    start = state.path[0].copy()
    assert np.all((start > low) & (start < high)) and not np.allclose(start, SURFACES["bowl"].start)
    state.reset(seed=7)
    np.testing.assert_array_equal(state.path[0], start)
    state.configure(start=None)
    np.testing.assert_array_equal(state.path[0], SURFACES["bowl"].start)


def test_unknown_surfaces_and_settings_are_errors():
    with pytest.raises(ValueError, match="unknown surface"):
        DescentState("saddle")
    with pytest.raises(TypeError, match="unknown descent setting"):
        DescentState().configure(momentum=0.9)


def test_the_figure_is_a_png_at_twice_the_pixels_it_is_shown_with():
    Image = pytest.importorskip("PIL.Image")
    image = Image.open(io.BytesIO(DescentState("1-D two minima").frame()))
    assert image.size == (descent.FIGURE_WIDTH * descent.RENDER_SCALE, round(3.6 * 80 * descent.RENDER_SCALE))
    bundle, metadata = DescentState("valley")._repr_mimebundle_()
    assert metadata == {"image/png": {"width": descent.FIGURE_WIDTH}}  # a notebook shows it at that width
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "surface, rate", [("valley", 0.45), ("valley", 0.52), ("1-D two minima", 0.05), ("bowl", 3.0), ("bowl", 0)]
)
def test_no_text_in_the_figure_is_smaller_than_the_projector_minimum(surface, rate):
    """Every piece of text drawn (ticks, labels, titles, notes) is at least SMALLEST_FONT_PT, and
    no tick label is typeset with a smaller exponent (a log axis would write 10⁻², not 0.01)."""
    from matplotlib.text import Text

    figure = DescentState(surface, learning_rate=rate).figure()
    figure.canvas.draw()  # ticks and their labels exist once drawn
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert len(texts) > 10  # ticks, labels and titles were found
    assert min(t.get_fontsize() for t in texts) >= descent.SMALLEST_FONT_PT
    assert not any("^" in t.get_text() for t in texts), [t.get_text() for t in texts if "^" in t.get_text()]


def test_view_controls_drive_the_path():
    view = DescentExplorer("valley", learning_rate=0.1)
    assert "Slow" in view.verdict.value
    first = view.image.value
    view.learning_rate.value = 0.6
    assert "Diverging" in view.verdict.value and view.image.value != first
    view.surface.value = "1-D bowl"
    assert view.y0.disabled and view.x0.value == pytest.approx(2.5)
    view.learning_rate.value = 0.3
    assert "Converged" in view.verdict.value
    steps = view.state.steps
    view.step_button.click()
    assert view.state.steps == steps + 1 and view.steps.value == steps + 1
    view.x0.value = -1.0
    assert view.state.path[0][0] == -1.0
    view.reset_button.click()
    assert view.x0.value == pytest.approx(2.5)


@pytest.mark.parametrize("rate", [0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.6, 1.0, 1.5, 2.0])
def test_the_rate_slider_reads_the_rate_the_title_shows(rate):
    view = DescentExplorer("valley", learning_rate=rate)
    slider = view.learning_rate
    exponent = slider.min + round((np.log10(rate) - slider.min) / slider.step) * slider.step  # the browser snaps
    shown = format(slider.base**exponent, slider.readout_format)
    assert view.state.title.endswith(f"η = {shown}")


def test_view_shows_a_bad_rate_from_code_as_a_message():
    view = DescentExplorer("bowl", learning_rate=0)
    assert "greater than 0" in view.verdict.value and view.state.verdict()[0] == "invalid"


def test_reset_restores_the_rate_the_steps_and_the_start_point_it_opened_with():
    view = DescentExplorer("valley", start=(-2.0, 1.0), learning_rate=0.1, steps=20)
    first_path = np.array(view.state.path)
    view.learning_rate.value = 0.45
    view.steps.value = 40
    view.x0.value, view.y0.value = 1.0, -2.0
    view.step_button.click()
    assert view.state.steps == 41 and view.state.learning_rate == pytest.approx(0.45)
    view.reset_button.click()
    assert view.state.learning_rate == 0.1 and view.learning_rate.value == pytest.approx(0.1)
    assert view.state.steps == 20 and view.steps.value == 20
    assert (view.x0.value, view.y0.value) == (-2.0, 1.0)
    np.testing.assert_array_equal(np.array(view.state.path), first_path)  # the same path again
    assert "η = 0.1" in view.state.title


def test_reset_on_another_surface_keeps_the_surface_and_uses_its_start():
    view = DescentExplorer("valley", start=(-2.0, 1.0), learning_rate=0.1)
    view.surface.value = "two minima"
    view.learning_rate.value = 0.02
    view.x0.value = 1.5
    view.reset_button.click()
    assert view.state.surface_name == "two minima" and view.state.learning_rate == 0.1
    np.testing.assert_array_equal(view.state.path[0], SURFACES["two minima"].start)
