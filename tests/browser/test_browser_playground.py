"""In a real JupyterLab: the TrainingPlayground animates, pauses and resets; the explorers draw.

The frame rate and the pause delay are measured inside the page (a MutationObserver on the
heatmap <img>: ipywidgets gives it a new blob URL for each frame) and printed, so the test
output records what a viewer would see.
"""

import re

PLAYGROUND = "from deepslow.widgets import TrainingPlayground\npg = TrainingPlayground(dataset='{dataset}', seed=1)\npg"

# Watch the heatmap for `ms` milliseconds after optionally clicking a button (in the same
# JavaScript turn, so the clock starts at the click): returns the times of its frame changes.
# The wall-clock time of the click is kept in window.__dsClickedAt (the kernel shares the clock).
WATCH = """async ([root, button, ms]) => {
    const img = root.querySelector('img.ds-heatmap');
    const times = [];
    const observer = new MutationObserver(() => times.push(performance.now()));
    observer.observe(img, {attributes: true, attributeFilter: ['src']});
    const start = performance.now();
    window.__dsClickedAt = Date.now() / 1000;
    if (button) [...root.querySelectorAll('button')].find(b => b.textContent.includes(button)).click();
    await new Promise(resolve => setTimeout(resolve, ms));
    observer.disconnect();
    return times.map(t => t - start);
}"""


# Run code in the notebook's kernel without adding a cell; returns what it printed.
KERNEL_PRINT = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    let text = '';
    const future = kernel.requestExecute({code});
    future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
    await future.done;
    return text;
}"""


def epoch(widget):
    text = widget.locator(".ds-epoch").inner_text()
    return int(re.search(r"Epoch ([\d,]+)", text).group(1).replace(",", ""))


def test_playground_plays_pauses_and_resets(lab):
    nb = lab.open_notebook([PLAYGROUND.format(dataset="circles")])
    nb.run_all()
    assert nb.errors() == []
    widget = nb.output(0).locator(".ds-training-playground")
    widget.wait_for()
    root = widget.element_handle()
    heatmap = widget.locator("img.ds-heatmap")
    assert heatmap.bounding_box()["width"] >= 400  # projector size, not a thumbnail
    assert epoch(widget) == 0
    first_src = heatmap.get_attribute("src")
    nb.screenshot("browser-playground-start", widget)

    changes = nb.page.evaluate(WATCH, [root, "Play", 3000])  # press Play, watch for 3 s
    playing_epoch = epoch(widget)
    fps = (len(changes) - 1) / ((changes[-1] - changes[0]) / 1000) if len(changes) > 1 else 0.0
    print(f"\nbrowser: {len(changes)} heatmap frames in 3 s after Play, {fps:.1f} frames/s; epoch {playing_epoch}")
    assert len(changes) >= 10, f"the heatmap changed only {len(changes)} times in 3 s of Play"
    assert playing_epoch > 10 and heatmap.get_attribute("src") != first_src
    assert widget.get_by_role("button", name="Pause").count() == 1

    changes = nb.page.evaluate(WATCH, [root, "Pause", 1500])  # press Pause, watch for 1.5 s
    last_change = max(changes, default=0.0)
    clicked_at = nb.page.evaluate("() => window.__dsClickedAt")
    kernel_stop = 1000 * (float(nb.page.evaluate(KERNEL_PRINT, "print(pg.last_frame_at)")) - clicked_at)
    print(
        f"browser: the kernel sent its last frame {kernel_stop:.0f} ms after the Pause click; "
        f"the last frame arrived {last_change:.0f} ms after it ({len(changes)} frames arrived after the click)"
    )
    assert kernel_stop < 300, f"the kernel was still sending frames {kernel_stop:.0f} ms after Pause"
    assert last_change < 1000, f"a frame arrived {last_change:.0f} ms after Pause: frames are queueing up"
    paused_epoch = epoch(widget)
    assert nb.page.evaluate(WATCH, [root, None, 1000]) == []  # nothing moves while paused
    sent, seen = map(int, nb.page.evaluate(KERNEL_PRINT, "print(pg.frame_sent.value, pg.frame_seen.value)").split())
    print(f"browser: {sent} frames sent, the browser acknowledged {seen}")
    assert seen == sent > 0  # the jsdlink acknowledged every frame: flow control was active
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
    changes = nb.page.evaluate(WATCH, [widget.element_handle(), "Play", 2500])
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
    assert "misclassified: 24 of 100" in perceptron.locator(".ds-status").inner_text()
    nb.screenshot("browser-perceptron", perceptron)

    descent = nb.output(1).locator(".ds-descent-explorer")
    descent.wait_for()
    assert "Oscillating" in descent.locator(".ds-verdict").inner_text()
    assert descent.locator("img.ds-figure").bounding_box()["width"] >= 700
    nb.screenshot("browser-descent", descent)
