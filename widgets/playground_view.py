"""TrainingPlayground: the ipywidgets view over PlaygroundState (see playground.py).

How the animation stays smooth and stoppable:

* Play starts an asyncio task on the kernel's own event loop, so the cell returns at once and
  the kernel keeps handling button clicks between frames (a `while` loop in a cell would
  block them: Pause could never arrive).
* Each frame: a few training updates, one batched run of the model over the 100x100 grid, a
  palette PNG (no matplotlib), then the task sleeps until the next frame is due. The points
  are a second image, an SVG laid over the heatmap: crisp at any zoom, and sent only when the
  data changes.
* Frames go to the browser as `data:` URLs in an Image widget (format "url"). The usual
  format="png" makes the browser wrap each frame in a Blob, register an object URL and fetch
  it back through the browser process; a data URL is decoded right in the page.
* Flow control: every `ack_every`-th frame also sets a hidden counter, and a `jsdlink` (a
  standard ipywidgets link that runs in the browser) copies it into a second counter, which
  the browser syncs back: the kernel learns which frames the browser has taken, and never has
  more than `max_in_flight` (two) frames on their way. So a slow browser or network gets fewer
  frames instead of a growing queue, and after Pause nothing is left to arrive. (Without a
  browser, e.g. in tests, no acknowledgement ever comes and frames are simply paced by the
  clock.)
* Each acknowledgement is a message to the kernel, which answers with "busy" and "idle"
  status messages. jupyter_server sends those with Nagle's algorithm on, so they held back the
  next frames for up to 40 ms (until the browser's delayed ACK): frames arrived in clumps and
  only one per clump was painted, about 18 painted frames/s. The servers deepslow starts
  (`deepslow lessons`, Binder) load a one-line server extension, deepslow.nodelay,
  that turns Nagle off for kernel websockets: about 40 painted frames/s in headless chromium
  on 2 cores. Asking for an acknowledgement every second frame halves the status traffic.
* A server without that extension is recognised by its slow acknowledgements (the median
  of the last 20 takes over 45 ms, against 10-30 ms with it): the playground then says once,
  over the top of its picture, how to turn the extension on. A server that loaded the extension
  marks its kernels (DEEPSLOW_NODELAY=1, see deepslow/nodelay.py) and never gets that advice:
  there, slow acknowledgements come from the network, which no server option cures.
* Every text has a fixed box and the picture comes first in a wrapping row, so nothing moves
  while it plays and, in a narrow notebook, the picture stays on top, next to Play.
* Pause cancels the task where it waits: it takes effect before the next frame.
* Every button and control action runs on the kernel's main event loop, the one the task
  runs on. JupyterLab 4.5+ may deliver widget messages on a kernel "subshell", a separate
  thread; run there, Reset could interleave with a half-drawn frame. `_dispatch` hands such
  actions to the main loop, so actions and frames never overlap.
"""

import asyncio
import base64
import collections
import os
import statistics
import threading
import time

import ipywidgets as widgets

from .playground import ACTIVATIONS, OPTIMIZERS, PlaygroundState, default_noise

DATASET_LABELS = [
    ("Two blobs", "blobs"),
    ("XOR clusters", "xor"),
    ("Moons", "moons"),
    ("Circles", "circles"),
    ("Spirals", "spirals"),
]
_STYLE = {"description_width": "105px"}


class TrainingPlayground(widgets.VBox):
    """Train a deepslow network on 2-D data and watch its decision boundary form.

    The playground's own network, built from the controls' settings:

        TrainingPlayground(dataset="circles", hidden=(4, 4), activation="tanh", learning_rate=0.03)

    Or the learner's graph (lesson 5): the inputs placeholder, the prediction and loss nodes
    and the train op. The labels placeholder is found from the loss (or pass labels=...):

        x = tf.placeholder(tf.float32, (None, 2)); c = tf.placeholder(tf.float32, (None, 2))
        ...  # hidden layer, logits, p = tf.nn.softmax(logits), loss
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        TrainingPlayground.from_graph(x, p, loss, train_op, data=(X, y))

    Settings are those of PlaygroundState (see playground.py); `fps` caps the frame rate (45: on
    2 cores, a faster stream makes the browser drop more frames, not paint more).
    `.state` is the PlaygroundState behind the view, for reading losses or stepping from code.
    """

    ack_every = 2  # frames per acknowledgement (each one costs the browser a kernel busy/idle round)
    max_in_flight = 2  # frames sent but not yet acknowledged by the browser
    text_interval = 0.2  # seconds between refreshes of the epoch, losses and curves while playing:
    # re-laying out that text and SVG each frame cost the browser more than the heatmap itself
    _text_shown_at = 0.0
    ack_timeout = 0.5  # seconds to wait for the browser before sending the next frame anyway
    slow_ack = 0.045  # seconds: a median acknowledgement slower than this means frames are held back
    acks_to_judge = 20  # acknowledgements timed before judging (about a second of Play)
    _told_about_nodelay = False  # the advice is given once per kernel, by whichever playground notices first

    def __init__(self, state=None, fps=45, **settings):
        super().__init__()
        self.state = state if state is not None else PlaygroundState(**settings)
        self.fps = fps
        self.frames_shown, self.observed_fps, self.last_frame_at = 0, 0.0, None
        self._task, self._quiet = None, False
        self._remember_loop()
        self._build_controls()
        self._build_flow_control()
        self._show()

    @classmethod
    def from_graph(cls, inputs, prediction, loss, train_op, labels=None, session=None, data=None, fps=45, **settings):
        """Animate the learner's own graph (lesson 5): see PlaygroundState.from_graph."""
        optimizer = getattr(train_op, "optimizer", None)
        if "learning_rate" not in settings and optimizer is not None:
            settings["learning_rate"] = optimizer.learning_rate
        state = PlaygroundState.from_graph(inputs, prediction, loss, train_op, labels, session, data, **settings)
        return cls(state=state, fps=fps)

    # --- building the controls -----------------------------------------------------------------
    def _build_controls(self):
        s, mine = self.state, self.state.learner_model is None
        # Symbols come from the icon font ipywidgets ships (FontAwesome), never from a character
        # such as ⏸ that many system fonts lack. Fixed widths: Play and Pause take the same room.
        self.play_button = widgets.Button(description="Play", icon="play", button_style="success")
        self.step_button = widgets.Button(description="Step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        for button in (self.play_button, self.step_button, self.reset_button):
            button.layout = widgets.Layout(width="100px", flex="0 0 auto")
        self.play_button.on_click(lambda _: self._dispatch(self.toggle))
        self.step_button.on_click(lambda _: self._dispatch(self.step))
        self.reset_button.on_click(lambda _: self._dispatch(self.reset))
        # Fixed widths: a growing epoch count or the frame rate coming and going moves nothing.
        self.epoch_html = widgets.HTML(layout={"width": "360px", "overflow": "hidden"})
        self.speed_html = widgets.HTML(layout={"width": "150px", "height": "28px"})

        noise = s.noise if s.noise is not None else default_noise(s.dataset)
        self.controls = {
            "dataset": widgets.Dropdown(options=DATASET_LABELS, value=s.dataset, description="data set"),
            "noise": widgets.FloatSlider(
                value=noise, description="noise", continuous_update=False, readout_format=".3f"
            ),
            "test_fraction": widgets.FloatSlider(
                value=s.test_fraction, min=0, max=0.9, step=0.05, description="test fraction", continuous_update=False
            ),
            "seed": widgets.BoundedIntText(value=s.seed, min=0, max=2**31 - 1, description="seed"),
            "show_test": widgets.Checkbox(value=s.show_test, description="show test data", indent=True),
            "hidden": widgets.Text(value=", ".join(map(str, s.hidden)), description="hidden layers"),
            "activation": widgets.Dropdown(options=list(ACTIVATIONS), value=s.activation, description="activation"),
            "learning_rate": widgets.FloatText(value=s.learning_rate, description="learning rate"),
            "optimizer": widgets.Dropdown(options=list(OPTIMIZERS), value=s.optimizer, description="optimizer"),
            "batch_size": widgets.IntSlider(
                value=s.batch_size, min=1, max=len(s.X_train), description="batch size", continuous_update=False
            ),
        }
        self._set_noise_range(s.dataset, noise)
        self.controls["hidden"].continuous_update = False  # apply on Enter, not on every keystroke
        for name, control in self.controls.items():
            control.style, control.layout = _STYLE, widgets.Layout(width="290px")
            control.observe(lambda change, name=name: self._dispatch(self._changed, name, change["new"]), "value")
        # Controls that do not apply are hidden, and a note says what is used instead.
        self.data_note, self.network_note = widgets.HTML(), widgets.HTML()
        if s.data is not None:
            self._hide("dataset", "noise")
            self.data_note.value = _note(f"your data: {len(s.data[0])} points")
        if not mine:  # the learner's graph fixes its own architecture and optimizer
            self._hide("hidden", "activation", "optimizer")
            optimizer = type(getattr(s.model.train_op, "optimizer", None)).__name__
            self.network_note.value = _note(f"your graph, trained by its train op ({optimizer})")

        # The heatmap, the points over it, and (rarely) a notice over its top edge: all three in the
        # same cell of a one-cell grid, so the notice covers part of the picture but moves nothing.
        plane = {"grid_area": "plane"}
        self.image = widgets.Image(format="url", width=s.size, height=s.size, layout=plane)  # value: a data URL
        self.points_image = widgets.Image(format="svg+xml", width=s.size, height=s.size, layout=plane)
        self.notice_html = widgets.HTML(
            layout={**plane, "display": "none", "align_self": "flex-start", "margin": "var(--jp-widgets-margin)"}
        )  # the same margin as the images under it
        # Every piece of text has a fixed box, so no number or message can move the picture.
        self.loss_html = widgets.HTML(layout={"height": "118px", "overflow": "hidden", "margin": "0"})
        self.message_html = widgets.HTML(layout={"display": "none", "max_width": "700px"})
        c = self.controls
        left = widgets.VBox(
            [_section("Data"), self.data_note, c["dataset"], c["noise"], c["test_fraction"], c["seed"], c["show_test"]]
            + [_section("Network"), self.network_note, c["hidden"], c["activation"]]
            + [_section("Training"), c["learning_rate"], c["optimizer"], c["batch_size"]],
            layout={"width": "300px", "flex": "0 0 auto", "margin": "0 12px 0 0"},
        )
        heatmap_with_points = widgets.GridBox(
            [self.image, self.points_image, self.notice_html], layout={"grid_template_areas": '"plane"'}
        )
        right = widgets.VBox([self.loss_html, heatmap_with_points], layout={"width": f"{s.size}px", "flex": "0 0 auto"})
        # The picture comes first, in a reversed row packed to the left: side by side, the controls
        # are on the left; where the notebook is too narrow for both (JupyterLab at 1024 px with its
        # file browser open) the row wraps, and the picture stays on top, next to Play, with the
        # controls below it. Nothing overlaps, nothing is cut off.
        body = widgets.HBox([right, left], layout={"flex_flow": "row-reverse wrap", "justify_content": "flex-end"})
        header = widgets.HBox(
            [self.play_button, self.step_button, self.reset_button, self.epoch_html, self.speed_html],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )
        self.children = [header, body, self.message_html]
        # CSS classes: stable handles for browser tests and for styling
        self.add_class("ds-training-playground")
        named = {
            "heatmap": self.image,
            "points": self.points_image,
            "epoch": self.epoch_html,
            "message": self.message_html,
            "losses": self.loss_html,
            "speed": self.speed_html,
            "notice": self.notice_html,
        }
        for name, widget in named.items():
            widget.add_class(f"ds-{name}")

    def _build_flow_control(self):
        """Two hidden counters: the kernel sets `frame_sent`; the browser copies it to `frame_seen`."""
        self._frames_sent = 0
        self.frame_sent = widgets.IntText(value=0, layout={"display": "none"})
        self.frame_seen = widgets.IntText(value=0, layout={"display": "none"})
        self._ack_link = widgets.jsdlink((self.frame_sent, "value"), (self.frame_seen, "value"))
        self._acknowledged = None  # an asyncio.Event, made in play() on the running loop
        self._browser_acknowledges = False
        self._asked_at = {}  # frame number -> when its acknowledgement was asked for (perf_counter)
        self.ack_delays = collections.deque(maxlen=self.acks_to_judge)  # seconds, the latest ones
        self.frame_seen.observe(self._on_acknowledgement, "value")

    def _on_acknowledgement(self, change):
        self._browser_acknowledges = True
        self._dispatch(self._acknowledgement_arrived, change["new"], time.perf_counter())

    def _acknowledgement_arrived(self, frame, arrived):
        asked = self._asked_at.pop(frame, None)
        for older in [k for k in self._asked_at if k < frame]:
            del self._asked_at[older]
        if asked is not None:
            self.ack_delays.append(arrived - asked)
            self._judge_server()
        if self._acknowledged is not None:
            self._acknowledged.set()

    def _judge_server(self):
        """Say once how to fix a server that holds frames back (see the module docstring).

        A server that loaded deepslow.nodelay says so in the kernel's environment
        (DEEPSLOW_NODELAY=1); its acknowledgements may still be slow over a long network path,
        which no server option cures, so it gets no advice. Any other server whose
        acknowledgements take longer than `slow_ack` (median of the last `acks_to_judge`)
        probably delays them by Nagle's algorithm.
        """
        if TrainingPlayground._told_about_nodelay or len(self.ack_delays) < self.acks_to_judge:
            return
        if os.environ.get("DEEPSLOW_NODELAY") == "1":
            return
        delay = statistics.median(self.ack_delays)
        if delay > self.slow_ack:
            TrainingPlayground._told_about_nodelay = True
            self.notice_html.value = nodelay_notice(delay)
            self.notice_html.layout.display = None

    async def _wait_for_browser(self, deadline):
        """Wait until at most max_in_flight - 1 sent frames are unacknowledged (or the deadline)."""
        if not self._browser_acknowledges:
            return
        while self.frame_seen.value < self._frames_sent + 1 - self.max_in_flight:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return
            self._acknowledged.clear()
            try:
                await asyncio.wait_for(self._acknowledged.wait(), remaining)
            except asyncio.TimeoutError:
                return

    def _hide(self, *names):
        for name in names:
            self.controls[name].layout.display = "none"

    def _set_noise_range(self, dataset, value):
        """Each data set has its own noise scale: the slider spans 0 to 3x its default."""
        slider, default = self.controls["noise"], default_noise(dataset)
        self._quiet = True
        try:
            slider.max = max(3 * default, value)
            slider.step = default / 20
            slider.value = value
        finally:
            self._quiet = False

    # --- actions -------------------------------------------------------------------------------
    def toggle(self):
        """Play if paused, pause if playing (the Play/Pause button)."""
        self.pause() if self.playing else self.play()

    @property
    def playing(self):
        return self._task is not None and not self._task.done()

    def play(self):
        """Start the animation task on the running event loop (the kernel's, in Jupyter)."""
        if self.playing:
            return
        if not self.state.can_train:
            self._show()
            return
        if not self._remember_loop():
            self._set_message("Play needs a running asyncio event loop (a Jupyter kernel has one). Use Step here.")
            return
        self._acknowledged = asyncio.Event()
        self._asked_at.clear()
        self.ack_delays.clear()
        self._task = self._loop.create_task(self._animate())
        self.play_button.description, self.play_button.icon, self.play_button.button_style = "Pause", "pause", "warning"

    def pause(self):
        """Stop the animation: no frame is sent after this one last redraw, which shows the state
        exactly as it stopped (the task may have trained a frame that it had not sent yet)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self._show()
        self._paused_look()

    def step(self):
        """One epoch, then redraw (the Step button)."""
        self.state.step()
        self._show()

    def reset(self):
        """Back to epoch 0 with the current seed: the same run replays exactly."""
        self.pause()
        self.state.reset()
        self._show()

    def close(self):
        self.pause()
        for widget in (self._ack_link, self.frame_sent, self.frame_seen):
            widget.close()
        super().close()

    async def _animate(self):
        interval = 1 / self.fps
        window_start, window_frames = time.perf_counter(), 0
        try:
            while self.state.can_train:
                started = time.perf_counter()
                self.state.step(self.state.epochs_per_frame())
                frame = self._render()  # computed while earlier frames travel
                await self._wait_for_browser(deadline=started + self.ack_timeout)
                self._push(frame)
                self._frames_sent += 1
                if self._frames_sent % self.ack_every == 0:  # ask the browser to acknowledge this frame
                    self._asked_at[self._frames_sent] = time.perf_counter()
                    self.frame_sent.value = self._frames_sent
                self.frames_shown += 1
                window_frames += 1
                if started - window_start >= 1.0:
                    self.observed_fps = window_frames / (started - window_start)
                    window_start, window_frames = started, 0
                await asyncio.sleep(max(interval - (time.perf_counter() - started), 0))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a learner's graph can fail in many ways: say so, never a traceback
            self._set_message(f"Training stopped: {type(exc).__name__}: {exc}")
        finally:
            self._paused_look()

    def _paused_look(self):
        self.play_button.description, self.play_button.icon, self.play_button.button_style = "Play", "play", "success"
        self.notice_html.layout.display = "none"  # said once, while it mattered
        self.speed_html.value = ""  # a frame rate means something only while playing
        self.observed_fps = 0.0  # (and the next Play measures its own)

    def _changed(self, name, value):
        if self._quiet:
            return
        if name == "dataset":
            self.state.configure(dataset=value, noise=None)
            self._set_noise_range(value, default_noise(value))
        else:
            self.state.configure(**{name: value})
        self.controls["batch_size"].max = max(1, len(self.state.X_train))
        self._show()

    # --- drawing -------------------------------------------------------------------------------
    def _show(self):
        """Draw the state as it is now."""
        self._push(self._render())

    def _render(self):
        """Everything a frame shows, computed but not yet sent: {widget: new value}."""
        s = self.state
        train = s.train_losses[-1] if s.train_losses else float("nan")
        test = s.test_losses[-1] if s.test_losses else float("nan")
        frame = {self.image: png_data_url(s.frame()), self.points_image: s.points_svg().encode()}
        now = time.perf_counter()
        if self.playing and now - self._text_shown_at < self.text_interval:
            return frame, s.message  # while playing, text and curves refresh a few times a second
        self._text_shown_at = now
        frame |= {
            self.epoch_html: (
                "<div style='white-space:nowrap;overflow:hidden;text-overflow:ellipsis'>"
                "<span style='font-size:26px;font-weight:600;margin-left:12px;font-variant-numeric:tabular-nums'>"
                f"Epoch {s.epoch:,}</span> "
                f"<span style='color:#555;margin-left:12px'>{s.describe_network()}</span></div>"
            ),
            self.loss_html: (
                "<div style='font-size:16px;line-height:24px;white-space:nowrap'>"
                f"Test loss <b>{test:.3f}</b>&nbsp;&nbsp;&nbsp;Training loss <b>{train:.3f}</b></div>"
                "<div style='color:#555;font-size:13px;line-height:18px'>solid: training, dashed: test</div>"
                f"{s.loss_svg(width=s.size, height=72)}"
            ),
        }
        if self.playing and self.observed_fps:
            speed = f"{self.observed_fps:.0f} frames/s sent"
            frame[self.speed_html] = f"<span style='color:#555;margin-left:12px;white-space:nowrap'>{speed}</span>"
        return frame, s.message

    def _push(self, rendered):
        """Send a rendered frame: each changed value goes to the browser as one small message."""
        values, message = rendered
        for widget, value in values.items():
            widget.value = value
        self._set_message(message)
        self.last_frame_at = time.time()  # wall clock, comparable with the browser's Date.now()

    def _set_message(self, text):
        if text:
            self.message_html.value = (
                "<div style='background:#fff4d6;border-left:5px solid #e0a800;padding:8px 12px;"
                f"font-size:15px'>{_escape(text)}</div>"
            )
            self.message_html.layout.display = None
        else:
            self.message_html.value = ""
            self.message_html.layout.display = "none"

    def _remember_loop(self):
        """Note the running event loop and its thread (the kernel's main loop, in a notebook cell)."""
        try:
            self._loop, self._loop_thread = asyncio.get_running_loop(), threading.get_ident()
        except RuntimeError:
            self._loop, self._loop_thread = getattr(self, "_loop", None), getattr(self, "_loop_thread", None)
            return False
        return True

    def _dispatch(self, action, *args):
        """Run an action on the widget's event loop thread: now if we are on it (or there is no
        loop), else queued there with call_soon_threadsafe (see the module docstring)."""
        loop = self._loop
        if loop is None or loop.is_closed() or threading.get_ident() == self._loop_thread:
            self._safely(action, *args)
        else:
            loop.call_soon_threadsafe(self._safely, action, *args)

    def _safely(self, action, *args):
        """Run a button or control action; any error becomes a message in the widget."""
        try:
            action(*args)
        except Exception as exc:
            self._set_message(f"{type(exc).__name__}: {exc}")


def png_data_url(data):
    """PNG bytes -> the bytes of a data: URL, the value of an Image widget with format "url"."""
    return b"data:image/png;base64," + base64.b64encode(data)


def nodelay_notice(delay):
    """The one-time advice for a server that holds frames back (shown over the picture's top)."""
    return (
        "<div style='background:rgba(255,244,214,0.94);border:1px solid #e0a800;padding:6px 10px;"
        "font-size:14px;line-height:1.35'><b>Frames reach this page late</b> "
        f"(about {1000 * delay:.0f} ms), so the animation stutters. Restart Jupyter with "
        "<code style='font-size:12px'><span style='white-space:nowrap'>--ServerApp.jpserver_extensions=</span>"
        "<wbr><span style='white-space:nowrap'>deepslow.nodelay=True</span></code> "
        "(<code style='font-size:12px'>make lessons</code> does).</div>"
    )


def _section(title):
    return widgets.HTML(f"<b style='font-size:15px'>{title}</b>")


def _note(text):
    return f"<div style='color:#555;font-size:14px;margin:2px 0 4px 8px'>{_escape(text)}</div>"


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
