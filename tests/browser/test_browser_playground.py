"""In a real JupyterLab: the TrainingPlayground animates, pauses and resets; the explorers draw.

The frame rate and the pause delay are measured inside the page and printed, so the test output
records what a viewer would see. Two counts: changes of the heatmap <img>'s src (a
MutationObserver; each frame is a new data URL), and frames painted: just before each repaint
(requestAnimationFrame) the image is checked, and a new, fully loaded one counts. Frames that
arrive in a clump replace each other before a repaint: all count as changes, one as painted.
"""

import re

from deepslow.widgets.descent import FIGURE_WIDTH
from page_checks import RUN_IN_KERNEL

PLAYGROUND = "from deepslow.widgets import TrainingPlayground\npg = TrainingPlayground(dataset='{dataset}', seed=1)\npg"

# Watch the heatmap for `ms` milliseconds after optionally clicking a button (in the same
# JavaScript turn, so the clock starts at the click): returns the times (ms after the click) of
# its src changes and of the frames painted. The wall-clock time of the click is kept in
# window.__dsClickedAt (the kernel shares the clock).
WATCH = """async ([root, button, ms]) => {
    const img = root.querySelector('img.ds-heatmap');
    const changes = [], painted = [];
    const observer = new MutationObserver(() => changes.push(performance.now()));
    observer.observe(img, {attributes: true, attributeFilter: ['src']});
    let shown = img.src, watching = true;
    const beforeRepaint = () => {
        if (!watching) return;
        if (img.complete && img.src !== shown) { shown = img.src; painted.push(performance.now()); }
        requestAnimationFrame(beforeRepaint);
    };
    requestAnimationFrame(beforeRepaint);
    const start = performance.now();
    window.__dsClickedAt = Date.now() / 1000;
    if (button) [...root.querySelectorAll('button')].find(b => b.textContent.includes(button)).click();
    await new Promise(resolve => setTimeout(resolve, ms));
    observer.disconnect();
    watching = false;
    return {changes: changes.map(t => t - start), painted: painted.map(t => t - start)};
}"""


def rate(times):
    """Events per second between the first and the last of `times` (ms)."""
    return (len(times) - 1) / ((times[-1] - times[0]) / 1000) if len(times) > 1 else 0.0


def epoch(widget):
    text = widget.locator(".ds-epoch").inner_text()
    return int(re.search(r"Epoch ([\d,]+)", text).group(1).replace(",", ""))


TARGET_FPS = 30  # issue 3: 30+ frames per second on a 2-core machine, training included


def test_playground_plays_pauses_and_resets(lab):
    nb = lab.open_notebook([PLAYGROUND.format(dataset="circles")])
    nb.run_all()
    assert nb.errors() == []
    widget = nb.output(0).locator(".ds-training-playground")
    widget.wait_for()
    root = widget.element_handle()
    heatmap = widget.locator("img.ds-heatmap")
    assert heatmap.bounding_box()["width"] >= 400  # projector size, not a thumbnail
    assert widget.locator("img.ds-points").bounding_box() == heatmap.bounding_box()  # the points lie over it
    assert epoch(widget) == 0
    first_src = heatmap.get_attribute("src")
    nb.screenshot("browser-playground-start", widget)

    # Press Play and watch for 3 s. This VM's two cores are shared with other work, so a window
    # that misses the target gets one more try: the next 3 s, still playing (best of two).
    rates = []
    for button in ("Play", None):
        seen = nb.page.evaluate(WATCH, [root, button, 3000])
        changed, painted = rate(seen["changes"]), rate(seen["painted"])
        rates.append(painted)
        print(
            f"\nbrowser: in 3 s{' after Play' if button else ''}, the heatmap changed {len(seen['changes'])} times "
            f"({changed:.1f}/s) and {len(seen['painted'])} new frames were painted ({painted:.1f} frames/s); "
            f"epoch {epoch(widget)}"
        )
        assert len(seen["changes"]) >= 10, f"the heatmap changed only {len(seen['changes'])} times in 3 s of Play"
        if painted >= TARGET_FPS:
            break
    assert max(rates) >= TARGET_FPS, f"only {max(rates):.1f} frames/s painted while playing"
    playing_epoch = epoch(widget)
    assert playing_epoch > 10 and heatmap.get_attribute("src") != first_src
    assert widget.get_by_role("button", name="Pause").count() == 1

    changes = nb.page.evaluate(WATCH, [root, "Pause", 1500])["changes"]  # press Pause, watch for 1.5 s
    last_change = max(changes, default=0.0)
    clicked_at = nb.page.evaluate("() => window.__dsClickedAt")
    kernel_stop = 1000 * (float(nb.page.evaluate(RUN_IN_KERNEL, "print(pg.last_frame_at)")) - clicked_at)
    print(
        f"browser: the kernel sent its last frame {kernel_stop:.0f} ms after the Pause click; "
        f"the last frame arrived {last_change:.0f} ms after it ({len(changes)} frames arrived after the click)"
    )
    assert kernel_stop < 300, f"the kernel was still sending frames {kernel_stop:.0f} ms after Pause"
    assert last_change < 1000, f"a frame arrived {last_change:.0f} ms after Pause: frames are queueing up"
    paused_epoch = epoch(widget)
    assert nb.page.evaluate(WATCH, [root, None, 1000]) == {"changes": [], "painted": []}  # nothing moves
    report = "print(pg.frame_sent.value, pg.frame_seen.value, pg._frames_sent, pg.ack_every, pg.max_in_flight)"
    asked, acknowledged, sent, ack_every, max_in_flight = map(int, nb.page.evaluate(RUN_IN_KERNEL, report).split())
    print(f"browser: {sent} frames sent; acknowledgements asked up to frame {asked}, received up to {acknowledged}")
    # Flow control was active: the browser answered every request for an acknowledgement, the
    # last one included.
    assert acknowledged == asked >= ack_every
    assert len(changes) <= max_in_flight + 1  # at most the frames in flight, and Pause's own redraw
    assert epoch(widget) == paused_epoch
    assert widget.get_by_role("button", name="Play").count() == 1
    nb.screenshot("browser-playground-trained", widget)
    nb.screenshot("browser-playground-page")

    widget.get_by_role("button", name="Reset").click()
    nb.page.wait_for_function(
        "el => /Epoch 0\\b/.test(el.querySelector('.ds-epoch').textContent)", arg=root, timeout=10000
    )
    assert epoch(widget) == 0
    assert nb.errors() == []


def test_the_server_sends_kernel_messages_without_nagles_delay(lab):
    """The harness starts JupyterLab as `deepslow lessons` does, with deepslow.nodelay loaded
    (without it, acknowledgements clump the frames: about 18 painted frames/s instead of 35+)."""
    assert "kernel websockets send without Nagle's delay" in lab.server.log_path.read_text(errors="replace")


def test_playground_shows_bad_settings_as_a_message(lab):
    nb = lab.open_notebook([PLAYGROUND.format(dataset="xor")])
    nb.run_all()
    widget = nb.output(0).locator(".ds-training-playground")
    widget.wait_for()
    rate = widget.locator(".widget-text", has_text="learning rate").locator("input")
    rate.fill("-0.5")
    rate.press("Enter")
    message = widget.locator(".ds-message")
    message.wait_for(state="visible")
    assert "uphill" in message.inner_text()
    nb.screenshot("browser-playground-message", widget)
    rate.fill("0.03")
    rate.press("Enter")
    message.wait_for(state="hidden")
    assert nb.errors() == []


LESSON5 = """
import numpy as np
import deepslow as tf
from deepslow import datasets
from deepslow.widgets import TrainingPlayground

X, y = datasets.xor(n=200, seed=0)
rng = np.random.default_rng(0)
x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
c = tf.placeholder(tf.float32, shape=(None, 2), name="c")
W1 = tf.Variable(rng.normal(size=(2, 2)), name="W1")
b1 = tf.Variable(np.zeros(2), name="b1")
h = tf.sigmoid(tf.matmul(x, W1) + b1)
W2 = tf.Variable(rng.normal(size=(2, 2)), name="W2")
b2 = tf.Variable(np.zeros(2), name="b2")
logits = tf.matmul(h, W2) + b2
p = tf.nn.softmax(logits)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=logits))
train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
pg = TrainingPlayground.from_graph(x, p, loss, train_op, data=(X, y))
pg
"""


def test_a_learners_graph_animates(lab):
    nb = lab.open_notebook([LESSON5])
    nb.run_all()
    assert nb.errors() == []
    widget = nb.output(0).locator(".ds-training-playground")
    widget.wait_for()
    assert "your graph" in widget.locator(".ds-epoch").inner_text()
    changes = nb.page.evaluate(WATCH, [widget.element_handle(), "Play", 2500])["changes"]
    nb.page.evaluate(WATCH, [widget.element_handle(), "Pause", 300])
    assert len(changes) >= 5 and epoch(widget) >= 5
    assert nb.errors() == []
    nb.screenshot("browser-playground-lesson5", widget)


def test_explorers_draw_and_follow_their_sliders(lab):
    nb = lab.open_notebook(
        [
            "from deepslow.widgets import PerceptronExplorer, DescentExplorer\nPerceptronExplorer()",
            "DescentExplorer('valley', learning_rate=0.45)",
        ]
    )
    nb.run_all()
    assert nb.errors() == []
    perceptron = nb.output(0).locator(".ds-perceptron-explorer")
    perceptron.wait_for()
    assert perceptron.locator("img.ds-plane").bounding_box()["width"] >= 400
    assert perceptron.locator("img.ds-points").bounding_box() == perceptron.locator("img.ds-plane").bounding_box()
    assert "misclassified: 24 of 100" in perceptron.locator(".ds-status").inner_text()
    nb.screenshot("browser-perceptron", perceptron)

    descent = nb.output(1).locator(".ds-descent-explorer")
    descent.wait_for()
    assert "Oscillating" in descent.locator(".ds-verdict").inner_text()
    assert descent.locator("img.ds-figure").bounding_box()["width"] == FIGURE_WIDTH  # its full size, fitting here
    nb.screenshot("browser-descent", descent)
