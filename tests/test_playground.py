"""TrainingPlayground: the state model (no browser), its view's controls, and the PNG helpers."""

import asyncio
import base64
import concurrent.futures
import io
import math
import re
import time

import numpy as np
import pytest
from deepslow.widgets import png, threads
from deepslow.widgets.plane import Plane
from deepslow.widgets.playground import PlaygroundState, class1_probability, loss_curve_svg, parse_hidden
from deepslow.widgets.playground_view import TrainingPlayground

import deepslow as ds
from deepslow import datasets


def in_fresh_thread(fn, *args):
    """Run fn(*args) in a new thread. The browser tests' Playwright keeps an event loop running in
    the main thread for the whole session, and asyncio.run() refuses to start inside one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def pixels(frame):
    """The palette indices of a frame, as an (h, w) array."""
    indices, _ = png.decode_png(frame)
    return indices


# --- determinism and learning ----------------------------------------------------------------


def test_same_seed_gives_same_losses_and_frames():
    a, b = PlaygroundState(dataset="moons", seed=3), PlaygroundState(dataset="moons", seed=3)
    for state in (a, b):
        state.step(5)
    assert a.train_losses == b.train_losses and a.test_losses == b.test_losses
    assert a.frame() == b.frame()


def test_a_different_seed_gives_a_different_run():
    a, b = PlaygroundState(seed=1), PlaygroundState(seed=2)
    a.step(3)
    b.step(3)
    assert a.train_losses != b.train_losses
    assert a.frame() != b.frame()


def test_reset_replays_the_run_exactly():
    state = PlaygroundState(dataset="circles", optimizer="adam", learning_rate=0.01)
    state.step(4)
    first_losses, first_frame = list(state.train_losses), state.frame()
    state.reset()
    assert state.epoch == 0 and state.train_losses == first_losses[:1]
    state.step(4)
    assert state.train_losses == first_losses and state.frame() == first_frame


def test_reset_with_a_new_seed_changes_the_data():
    state = PlaygroundState(seed=0)
    before = state.X_train.copy()
    state.reset(seed=5)
    assert state.seed == 5 and not np.array_equal(before, state.X_train)


def test_training_lowers_the_loss_on_an_easy_set():
    state = PlaygroundState(dataset="blobs", learning_rate=0.1)
    start = state.train_losses[0]
    state.step(20)
    assert state.epoch == 20 and len(state.train_losses) == 21
    assert state.train_losses[-1] < start / 3
    assert state.accuracy("test") > 0.9


@pytest.mark.parametrize("optimizer", ["gradient descent", "momentum", "adam"])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_every_optimizer_and_activation_trains(optimizer, activation):
    state = PlaygroundState(dataset="blobs", optimizer=optimizer, activation=activation, learning_rate=0.05)
    state.step(15)
    assert state.train_losses[-1] < state.train_losses[0]


def test_one_epoch_is_every_training_point_once_in_batches():
    state = PlaygroundState(n_points=200, test_fraction=0.3, batch_size=10)
    assert len(state.X_train) == 140 and len(state.X_test) == 60
    state.step()
    assert state.updates == 14 and state.epoch == 1


def test_cheap_epochs_are_trained_several_per_frame():
    assert PlaygroundState(batch_size=10).epochs_per_frame() == 1
    full_batch = PlaygroundState(batch_size=140)
    assert full_batch.batches_per_epoch() == 1 and full_batch.epochs_per_frame() > 1


def test_no_hidden_layer_is_a_linear_classifier_that_still_trains():
    state = PlaygroundState(dataset="blobs", hidden="")
    assert state.hidden == () and state.message is None and state.describe_network() == "2 → 2, tanh"
    state.step(5)
    assert state.train_losses[-1] < state.train_losses[0]


# --- the picture -----------------------------------------------------------------------------


def test_heatmap_matches_the_models_predictions_at_sampled_grid_points():
    state = PlaygroundState(dataset="xor", learning_rate=0.3)
    state.step(30)
    field = state.probabilities()
    assert field.shape == (state.grid, state.grid)
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, state.grid, 40), rng.integers(0, state.grid, 40)
    points = state.plane.grid_points.reshape(state.grid, state.grid, 2)[rows, cols]
    direct = state.model.session.run(state.model.prediction, {state.model.inputs: points})[:, 1]
    np.testing.assert_allclose(field[rows, cols], direct, rtol=1e-6, atol=1e-7)

    # In the PNG, the pixel at each grid point has the shade of the model's prediction there
    # (within one shade: the image is bilinearly interpolated between grid points).
    image = pixels(state.frame())
    px = np.floor(state.plane.to_pixels(points)).astype(int)
    shown = image[px[:, 1], px[:, 0]].astype(int)
    is_shade = shown < png.SHADES  # skip pixels covered by a data point or the boundary line
    assert is_shade.sum() > 20
    expected = png.shade_indices(direct).astype(int)
    assert np.all(np.abs(shown[is_shade] - expected[is_shade]) <= 1)


def test_the_picture_has_y_up_and_x_to_the_right():
    plane = Plane(np.array([[0.0, 0.0], [1.0, 1.0]]), size=100, grid=10)
    (left_bottom, right_top) = plane.to_pixels(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert left_bottom[0] < right_top[0]  # larger x: further right
    assert left_bottom[1] > right_top[1]  # larger y: higher up, i.e. a smaller row
    assert plane.grid_points[0, 1] > plane.grid_points[-1, 1]  # grid row 0 is the top


def circles(svg):
    """(cx, cy, r, fill) of each <circle> in an SVG, in drawing order."""
    found = re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)" fill="(#[0-9a-f]{6})"/>', svg)
    return [(float(x), float(y), float(r), fill) for x, y, r, fill in found]


def hex_colour(index):
    return "#{:02x}{:02x}{:02x}".format(*png.PALETTE[index])


def test_points_are_drawn_in_their_class_colours_with_rings_under_them():
    state = PlaygroundState(dataset="blobs")
    drawn = circles(state.points_svg())
    n = len(state.X_train)
    rings, fills = drawn[:n], drawn[n:]  # every ring first, then every fill
    assert len(fills) == n
    centres = state.plane.to_pixels(state.X_train)
    np.testing.assert_allclose([(x, y) for x, y, _, _ in fills], centres, atol=0.05)
    np.testing.assert_allclose([(x, y) for x, y, _, _ in rings], centres, atol=0.05)
    classes = [hex_colour(png.POINT1 if label == 1 else png.POINT0) for label in state.y_train]
    assert [fill for *_, fill in fills] == classes
    assert {fill for *_, fill in rings} == {hex_colour(png.WHITE)} and rings[0][2] > fills[0][2]
    image = pixels(state.frame())  # the heatmap itself has no points: only shades and the boundary
    assert not np.isin(image, [png.POINT0, png.POINT1, png.WHITE]).any() and (image == png.DARK).any()


def test_test_points_are_shown_only_when_asked():
    state = PlaygroundState(dataset="blobs")
    hidden = circles(state.points_svg())
    state.configure(show_test=True)
    shown = circles(state.points_svg())
    assert state.epoch == 0  # a display setting does not reset
    assert len(shown) == len(hidden) + 2 * len(state.X_test)
    dark_rings = [c for c in shown if c[3] == hex_colour(png.DARK)]
    assert len(dark_rings) == len(state.X_test)  # test points wear dark rings


# --- bad settings and divergence ------------------------------------------------------------


@pytest.mark.parametrize(
    "settings, words",
    [
        ({"learning_rate": 0}, "greater than 0"),
        ({"learning_rate": -0.1}, "uphill"),
        ({"learning_rate": math.nan}, "greater than 0"),
        ({"hidden": (4, 0)}, "Hidden layer 2 has 0 units"),
        ({"hidden": "four"}, "separated by commas"),
        ({"batch_size": 0}, "at least 1"),
        ({"noise": -1.0}, "noise"),
        ({"test_fraction": 1.5}, "test fraction"),
    ],
)
def test_bad_settings_give_a_message_not_an_exception(settings, words):
    state = PlaygroundState(**settings)
    assert state.message and words in state.message
    assert not state.can_train
    assert state.step() is None and state.epoch == 0
    assert state.frame().startswith(b"\x89PNG")  # the data is still drawn


def test_fixing_a_live_setting_clears_the_message_without_a_reset():
    state = PlaygroundState(learning_rate=0)
    state.configure(learning_rate=0.05)
    assert state.message is None and state.model.train_op.optimizer.learning_rate == 0.05
    assert state.step() is not None


def test_fixing_the_network_rebuilds_it():
    state = PlaygroundState(hidden=(4, 0))
    assert state.model is None
    state.configure(hidden="3")
    assert state.message is None and state.hidden == (3,) and state.step() is not None


def test_the_learning_rate_changes_live_and_structure_changes_reset():
    state = PlaygroundState()
    state.step(2)
    state.configure(learning_rate=0.5, batch_size=20)
    assert state.epoch == 2 and state.model.train_op.optimizer.learning_rate == 0.5
    state.configure(dataset="moons")
    assert state.epoch == 0 and state.dataset == "moons"
    with pytest.raises(TypeError, match="unknown playground setting"):
        state.configure(colour="red")


def test_divergence_is_reported_and_reset_recovers():
    state = PlaygroundState(dataset="spirals", activation="relu", learning_rate=1e20)
    for _ in range(20):
        if state.step() is None:
            break
    assert state.diverged and "diverged" in state.message and "Lower the learning rate" in state.message
    assert not math.isfinite(state.train_losses[-1])
    epoch = state.epoch
    assert state.step() is None and state.epoch == epoch  # stays stopped
    assert pixels(state.frame()).shape == (state.size, state.size)  # NaN predictions still draw
    state.configure(learning_rate=0.03)
    state.reset()
    assert not state.diverged and state.message is None and state.epoch == 0
    assert math.isfinite(state.step())


def test_unknown_names_are_programming_errors():
    with pytest.raises(ValueError, match="unknown dataset"):
        PlaygroundState(dataset="mnist")
    with pytest.raises(ValueError, match="unknown activation"):
        PlaygroundState(activation="swish")
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'; choose one of gradient descent, momentum"):
        PlaygroundState().configure(optimizer="rmsprop")
    assert parse_hidden("8, 8 4") == (8, 8, 4) and parse_hidden([2]) == (2,)


# --- the learner's own graph (lesson 5) -------------------------------------------------------


def lesson5_network(output="softmax"):
    """A 2-2-2 network like lesson 5's, built by hand in its own graph."""
    rng = np.random.default_rng(1)
    graph = ds.Graph()
    with graph.as_default():
        x = ds.placeholder(ds.float32, shape=(None, 2), name="x")
        width = 2 if output == "softmax" else 1
        c = ds.placeholder(ds.float32, shape=(None, width), name="c")
        W1 = ds.Variable(rng.normal(size=(2, 2)).astype(np.float32), name="W1")
        b1 = ds.Variable(np.zeros(2, np.float32), name="b1")
        h = ds.sigmoid(ds.matmul(x, W1) + b1)
        W2 = ds.Variable(rng.normal(size=(2, width)).astype(np.float32), name="W2")
        b2 = ds.Variable(np.zeros(width, np.float32), name="b2")
        z = ds.matmul(h, W2) + b2
        if output == "softmax":
            p = ds.nn.softmax(z)
            loss = ds.reduce_mean(ds.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=z))
        else:
            p = ds.sigmoid(z)
            loss = -ds.reduce_mean(c * ds.log(p + 1e-7) + (1 - c) * ds.log(1 - p + 1e-7))
        train_op = ds.train.AdamOptimizer(0.05).minimize(loss)
    return x, c, p, loss, train_op


@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
def test_a_learners_graph_trains_and_resets_to_its_initial_values(output):
    x, c, p, loss, train_op = lesson5_network(output)
    data = datasets.xor(n=100, seed=0)
    state = PlaygroundState.from_graph(x, p, loss, train_op, data=data)
    assert state.model.labels is c  # found as the loss's other placeholder
    assert state.describe_network() == "your graph"
    first = state.train_losses[0]
    state.step(40)
    assert state.train_losses[-1] < first
    state.reset()
    assert state.train_losses == [first]  # the same initial values again
    assert len(state.X_train) + len(state.X_test) == 100


def test_a_learners_graph_trains_in_the_learners_session():
    x, c, p, loss, train_op = lesson5_network()
    sess = ds.Session(loss.graph)
    state = PlaygroundState.from_graph(x, p, loss, train_op, labels=c, session=sess, dataset="xor")
    state.step(3)
    W1 = next(n for n in loss.graph.nodes if n.name == "W1")
    assert not np.allclose(sess.run(W1), W1.initial_value)  # the learner can inspect the trained weights


def test_the_learning_rate_control_drives_the_learners_optimizer():
    x, c, p, loss, train_op = lesson5_network()
    state = PlaygroundState.from_graph(x, p, loss, train_op)
    state.configure(learning_rate=0.2)
    assert train_op.optimizer.learning_rate == 0.2


def test_an_ambiguous_graph_asks_for_the_labels():
    graph = ds.Graph()
    with graph.as_default():
        x = ds.placeholder(ds.float32, (None, 2))
        a, b = ds.placeholder(ds.float32, (None, 2)), ds.placeholder(ds.float32, (None, 2))
        w = ds.Variable(np.ones((2, 2), np.float32))
        loss = ds.reduce_mean(ds.matmul(x, w) * a * b)
        train_op = ds.train.GradientDescentOptimizer(0.1).minimize(loss)
    with pytest.raises(ValueError, match="pass labels="):
        PlaygroundState.from_graph(x, loss, loss, train_op)


def test_class1_probability_reads_any_output_format():
    rows = np.array([[0.9, 0.1], [0.2, 0.8]])
    np.testing.assert_allclose(class1_probability(rows), [0.1, 0.8])
    np.testing.assert_allclose(class1_probability(np.array([[0.3], [0.7]])), [0.3, 0.7])
    np.testing.assert_allclose(class1_probability(np.array([[0.0], [2.0]])), [0.5, 1 / (1 + math.exp(-2))])
    logits = np.array([[1.0, 3.0]])
    np.testing.assert_allclose(class1_probability(logits), [1 / (1 + math.exp(-2))])


def test_loss_curves_skip_nan_and_draw_both_splits():
    svg = loss_curve_svg([0.7, 0.5, math.nan], [0.8, 0.6, 0.55], width=200, height=50)
    assert svg.count("<polyline") == 2 and "nan" not in svg
    assert 'width="200"' in svg


# --- the view (ipywidgets without a browser) --------------------------------------------------


def epoch_text(view):
    return view.epoch_html.value


def test_view_step_and_reset_buttons():
    view = TrainingPlayground(dataset="blobs")
    first_image = view.image.value
    view.step_button.click()
    assert view.state.epoch == 1 and "Epoch 1<" in epoch_text(view)
    assert view.image.value != first_image
    view.reset_button.click()
    assert view.state.epoch == 0 and "Epoch 0<" in epoch_text(view) and view.image.value == first_image


def test_view_sends_the_heatmap_as_a_data_url_and_the_points_as_an_svg_over_it():
    view = TrainingPlayground(dataset="blobs")
    assert view.image.format == "url" and view.points_image.format == "svg+xml"
    prefix, heatmap = b"data:image/png;base64,", bytes(view.image.value)
    assert heatmap.startswith(prefix) and base64.b64decode(heatmap[len(prefix) :]) == view.state.frame()
    assert view.points_image.value == view.state.points_svg().encode()
    changes = []
    view.points_image.observe(changes.append, "value")
    view.step_button.click()
    assert changes == [] and bytes(view.image.value) != heatmap  # the same points are not sent again
    # both images sit in the one cell of the same grid, the points on top
    grid = view.points_image.layout.grid_area
    assert grid and view.image.layout.grid_area == grid
    hidden = view.points_image.value
    view.controls["show_test"].value = True
    assert view.points_image.value == view.state.points_svg().encode() != hidden


def test_view_shows_bad_settings_as_a_visible_message():
    view = TrainingPlayground()
    assert view.message_html.layout.display == "none"
    view.controls["learning_rate"].value = -1.0
    assert view.message_html.layout.display != "none" and "uphill" in view.message_html.value
    view.step_button.click()
    assert view.state.epoch == 0
    view.controls["learning_rate"].value = 0.03
    assert view.message_html.layout.display == "none"
    view.controls["hidden"].value = "4, 0"
    assert "0 units" in view.message_html.value
    view.controls["hidden"].value = "4"
    view.step_button.click()
    assert view.state.epoch == 1 and view.message_html.layout.display == "none"


def test_view_changing_the_data_set_resets_and_rescales_noise():
    view = TrainingPlayground(dataset="blobs")
    view.step_button.click()
    view.controls["dataset"].value = "circles"
    assert view.state.epoch == 0 and view.state.dataset == "circles"
    assert view.controls["noise"].value == pytest.approx(0.05)
    view.controls["noise"].value = 0.1
    assert view.state.noise == pytest.approx(0.1)


def test_view_play_animates_and_pause_stops_it():
    async def scenario():
        view = TrainingPlayground(dataset="circles", fps=60)
        view.play()
        assert view.playing and "Pause" in view.play_button.description
        while view.frames_shown < 5:
            await asyncio.sleep(0.01)
        view.pause()
        stopped_at = view.state.epoch
        await asyncio.sleep(0.1)
        return view, stopped_at

    view, stopped_at = in_fresh_thread(asyncio.run, scenario())
    assert stopped_at >= 5 and view.state.epoch == stopped_at  # nothing trained after Pause
    assert not view.playing and "Play" in view.play_button.description
    assert f"Epoch {stopped_at}<" in epoch_text(view)


def test_view_asks_for_an_acknowledgement_every_few_frames_and_stays_at_most_max_in_flight_ahead():
    """Play the browser's part: acknowledge frames by setting frame_seen, as the jsdlink does."""

    async def scenario():
        view = TrainingPlayground(dataset="circles", fps=200)
        view.ack_timeout = 30  # never give up waiting in this test
        asked = []
        view.frame_sent.observe(lambda change: asked.append(change["new"]), "value")
        view.play()
        while view.frame_sent.value < view.ack_every:
            await asyncio.sleep(0.005)
        view.frame_seen.value = view.frame_sent.value  # the browser took the first frames
        limit, give_up = view.ack_every + view.max_in_flight, time.monotonic() + 10
        while view._frames_sent < limit and time.monotonic() < give_up:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.2)  # time for more frames, but nothing more is acknowledged
        held_at = view._frames_sent
        view.frame_seen.value = view.frame_sent.value  # the browser catches up ...
        while view._frames_sent < held_at + view.ack_every:  # ... and frames flow again
            await asyncio.sleep(0.005)
        view.pause()
        return view, held_at, asked

    view, held_at, asked = in_fresh_thread(asyncio.run, scenario())
    assert view.ack_every > 1 and held_at == view.ack_every + view.max_in_flight
    assert asked == list(range(view.ack_every, asked[-1] + 1, view.ack_every))  # only every ack_every-th frame asks


def test_view_actions_from_another_thread_run_on_the_event_loop_thread():
    """JupyterLab may deliver clicks on a kernel subshell thread; they must run on the loop's thread."""
    import threading

    async def scenario():
        view = TrainingPlayground()
        ran_on = []
        original = view.state.step
        view.state.step = lambda epochs=1: (ran_on.append(threading.get_ident()), original(epochs))[1]
        clicker = threading.Thread(target=view.step_button.click)
        clicker.start()
        clicker.join()
        assert ran_on == []  # queued for the loop, not run on the clicking thread
        await asyncio.sleep(0.05)
        return ran_on, threading.get_ident(), view

    ran_on, loop_thread, view = in_fresh_thread(asyncio.run, scenario())
    assert ran_on == [loop_thread] and view.state.epoch == 1


def test_view_frames_carry_a_counter_linked_in_the_browser():
    view = TrainingPlayground()
    link = view._ack_link
    assert (link.source, link.target) == ((view.frame_sent, "value"), (view.frame_seen, "value"))


def test_view_play_stops_by_itself_when_training_diverges():
    async def scenario():
        view = TrainingPlayground(dataset="spirals", activation="relu", learning_rate=1e20, fps=200)
        view.play()
        for _ in range(200):
            if not view.playing:
                break
            await asyncio.sleep(0.01)
        return view

    view = in_fresh_thread(asyncio.run, scenario())
    assert not view.playing and view.state.diverged
    assert "diverged" in view.message_html.value and view.message_html.layout.display != "none"
    view.controls["learning_rate"].value = 0.03
    view.reset_button.click()
    assert view.message_html.layout.display == "none" and view.state.epoch == 0


def test_view_play_outside_an_event_loop_explains_instead_of_failing():
    def click_play():
        view = TrainingPlayground()
        view.play_button.click()
        return view

    view = in_fresh_thread(click_play)
    assert not view.playing and "event loop" in view.message_html.value


def test_view_errors_from_a_learners_graph_become_messages():
    x, c, p, loss, train_op = lesson5_network()
    view = TrainingPlayground.from_graph(x, p, loss, train_op)
    assert view.controls["hidden"].layout.display == "none" and view.controls["learning_rate"].value == 0.05
    assert "AdamOptimizer" in view.network_note.value
    view.state.model.inputs = c  # break it: now the data is fed to the wrong placeholder
    view.step_button.click()
    assert "Error" in view.message_html.value and view.message_html.layout.display != "none"


# --- PNG and threads ------------------------------------------------------------------------


def test_png_round_trip_and_a_real_decoder_agree():
    indices = (np.arange(60 * 80) % (png.SHADES + 6)).astype(np.uint8).reshape(60, 80)
    data = png.encode_png(indices)
    back, palette = png.decode_png(data)
    np.testing.assert_array_equal(back, indices)
    np.testing.assert_array_equal(palette, png.PALETTE)
    Image = pytest.importorskip("PIL.Image")
    rgb = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    np.testing.assert_array_equal(rgb, png.PALETTE[indices])


def test_heatmap_shades_run_from_orange_through_white_to_blue():
    low, middle, high = png.PALETTE[png.shade_indices([0.0, 0.5, 1.0])].astype(int)
    assert low[0] > low[2] and high[2] > high[0]  # orange is red-heavy, blue is blue-heavy
    assert middle.min() > 230  # undecided is nearly white
    assert png.shade_indices([math.nan])[0] == png.SHADES // 2


def test_one_blas_thread_restores_the_previous_setting():
    functions = threads.find_openblas()
    if functions is None:
        pytest.skip("no OpenBLAS loaded in this process")
    get, _ = functions
    before = get()
    with threads.one_blas_thread():
        assert get() == 1
    assert get() == before
    assert threads.method() in ("threadpoolctl", "openblas")


def test_view_refreshes_text_a_few_times_a_second_while_playing_and_fully_on_pause():
    async def scenario():
        view = TrainingPlayground(dataset="circles", fps=100)
        view.text_interval = 10.0  # nothing but the heatmap changes while playing
        epoch_before, image_before = epoch_text(view), view.image.value
        view.play()
        while view.frames_shown < 5:
            await asyncio.sleep(0.005)
        playing = epoch_text(view), view.image.value
        view.pause()
        return view, epoch_before, image_before, playing

    view, epoch_before, image_before, (epoch_playing, image_playing) = in_fresh_thread(asyncio.run, scenario())
    assert image_playing != image_before  # the heatmap kept moving ...
    assert epoch_playing == epoch_before  # ... while the text waited for its interval
    assert f"Epoch {view.state.epoch}<" in epoch_text(view)  # Pause shows the exact final state


def test_view_shows_the_frame_rate_only_while_playing():
    async def scenario():
        view = TrainingPlayground(dataset="xor", fps=60)
        view.text_interval = 0.0
        view.play()
        give_up = time.monotonic() + 10
        while not view.speed_html.value and time.monotonic() < give_up:  # measured over a second
            await asyncio.sleep(0.02)
        playing = view.speed_html.value
        view.pause()
        return view, playing

    view, playing = in_fresh_thread(asyncio.run, scenario())
    assert "frames/s sent" in playing
    assert view.speed_html.value == ""


# --- labels, layout and the advice about deepslow.nodelay --------------------------------------


def test_buttons_say_what_they_do_in_plain_words_with_icon_font_symbols():
    """No symbol character in a label (⏸ is missing from many fonts): words, plus FontAwesome icons,
    which every Jupyter front end ships with ipywidgets."""

    async def scenario():
        view = TrainingPlayground(dataset="xor")
        labels = [(b.description, b.icon) for b in (view.play_button, view.step_button, view.reset_button)]
        view.play()
        playing = (view.play_button.description, view.play_button.icon)
        view.pause()
        return view, labels, playing

    view, labels, playing = in_fresh_thread(asyncio.run, scenario())
    assert labels == [("Play", "play"), ("Step", "step-forward"), ("Reset", "undo")]
    assert playing == ("Pause", "pause")
    assert (view.play_button.description, view.play_button.icon) == ("Play", "play")
    widths = {b.layout.width for b in (view.play_button, view.step_button, view.reset_button)}
    assert widths == {"100px"}  # Play and Pause take the same room: nothing beside them moves


def test_every_text_of_the_view_has_a_fixed_box():
    view = TrainingPlayground()
    assert view.epoch_html.layout.width and view.speed_html.layout.width and view.speed_html.layout.height
    assert view.loss_html.layout.height and view.loss_html.layout.overflow == "hidden"
    body = view.children[1]
    assert body.layout.flex_flow == "row-reverse wrap"  # picture first: on top when the row wraps
    assert body.children[0].children[1].children[0] is view.image


def acknowledge(view, delays):
    """Play the browser's part: acknowledge frames 2, 4, ... each `delay` seconds after it was asked."""
    for k, delay in enumerate(delays, start=1):
        view._asked_at[2 * k] = 100.0
        view._acknowledgement_arrived(2 * k, 100.0 + delay)


@pytest.fixture
def fresh_kernel(monkeypatch):
    """As in a new kernel: nobody has given the advice yet, and no server extension said it is on."""
    monkeypatch.setattr(TrainingPlayground, "_told_about_nodelay", False)
    monkeypatch.delenv("DEEPSLOW_NODELAY", raising=False)


def test_slow_acknowledgements_bring_the_advice_once(fresh_kernel):
    view = TrainingPlayground()
    acknowledge(view, [0.06] * (view.acks_to_judge - 1))
    assert view.notice_html.layout.display == "none"  # not judged on too few
    acknowledge(view, [0.06])
    assert view.notice_html.layout.display is None and "deepslow.nodelay=True" in view.notice_html.value
    assert "about 60 ms" in view.notice_html.value
    view.pause()
    assert view.notice_html.layout.display == "none"  # said while it mattered, then gone
    acknowledge(view, [0.06] * view.acks_to_judge)
    assert view.notice_html.layout.display == "none"  # never again in this kernel ...
    other = TrainingPlayground()
    acknowledge(other, [0.06] * other.acks_to_judge)
    assert other.notice_html.layout.display == "none"  # ... not even by another playground


def test_fast_acknowledgements_bring_no_advice(fresh_kernel):
    view = TrainingPlayground()
    acknowledge(view, [0.02] * 3 * view.acks_to_judge + [0.2] * 5)  # a few slow ones do not count
    assert view.notice_html.layout.display == "none" and not TrainingPlayground._told_about_nodelay
    assert len(view.ack_delays) == view.acks_to_judge and max(view.ack_delays) == pytest.approx(0.2)


def test_a_server_with_the_extension_gets_no_advice_however_slow(fresh_kernel, monkeypatch):
    monkeypatch.setenv("DEEPSLOW_NODELAY", "1")  # what deepslow.nodelay sets for the kernels it starts
    view = TrainingPlayground()
    acknowledge(view, [0.2] * view.acks_to_judge)  # a long network path: no server option helps
    assert view.notice_html.layout.display == "none"


def test_acknowledgements_are_timed_while_playing(fresh_kernel):
    async def scenario():
        view = TrainingPlayground(dataset="circles", fps=100)
        view.play()
        while view.frame_sent.value < 3 * view.ack_every:
            await asyncio.sleep(0.005)
            if view.frame_sent.value and view.frame_seen.value != view.frame_sent.value:
                await asyncio.sleep(0.01)  # the browser takes a moment, then acknowledges
                view.frame_seen.value = view.frame_sent.value
        await asyncio.sleep(0.05)
        view.pause()
        return view

    view = in_fresh_thread(asyncio.run, scenario())
    assert len(view.ack_delays) >= 2 and all(0.005 < d < 1 for d in view.ack_delays)
