"""TrainingPlayground: the ipywidgets view over PlaygroundState (see playground.py).

How the animation stays smooth and stoppable:

* Play starts an asyncio task on the kernel's own event loop, so the cell returns at once and
  the kernel keeps handling button clicks between frames (a `while` loop in a cell would
  block them: Pause could never arrive).
* Each frame: a few training updates, one batched run of the model over the 100x100 grid, a
  palette PNG (no matplotlib), then the task sleeps until the next frame is due. A frame is
  sent only after the previous one was handed to the kernel's output channel, so at most one
  frame is on its way; frames are never queued up, and after Pause nothing is left to arrive.
* Pause cancels the task at its sleep: it takes effect before the next frame (< 1/fps s).
"""

import asyncio
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
_WIDE = widgets.Layout(width="290px")


class TrainingPlayground(widgets.VBox):
    """Train a deepslow network on 2-D data and watch its decision boundary form.

        TrainingPlayground(dataset="circles", hidden=(4, 4), learning_rate=0.03)
        TrainingPlayground.from_graph(x, prediction, loss, train_op, data=(X, y))   # your own graph

    Settings are those of PlaygroundState; `fps` caps the frame rate. `.state` is the
    PlaygroundState behind the view, for reading losses or stepping from code.
    """

    def __init__(self, state=None, fps=30, **settings):
        super().__init__()
        self.state = state if state is not None else PlaygroundState(**settings)
        self.fps = fps
        self.frames_shown, self.observed_fps = 0, 0.0
        self._task, self._quiet = None, False
        self._build_controls()
        self._show()

    @classmethod
    def from_graph(cls, inputs, prediction, loss, train_op, labels=None, session=None, data=None, fps=30, **settings):
        """Animate the learner's own graph (lesson 5): see PlaygroundState.from_graph."""
        optimizer = getattr(train_op, "optimizer", None)
        if "learning_rate" not in settings and optimizer is not None:
            settings["learning_rate"] = optimizer.learning_rate
        state = PlaygroundState.from_graph(inputs, prediction, loss, train_op, labels, session, data, **settings)
        return cls(state=state, fps=fps)

    # --- building the controls -----------------------------------------------------------------
    def _build_controls(self):
        s, mine = self.state, self.state.learner_model is None
        self.play_button = widgets.Button(description="▶ Play", button_style="success", layout={"width": "110px"})
        self.step_button = widgets.Button(description="Step", layout={"width": "80px"})
        self.reset_button = widgets.Button(description="↺ Reset", layout={"width": "90px"})
        self.play_button.on_click(lambda _: self._safely(self.toggle))
        self.step_button.on_click(lambda _: self._safely(self.step))
        self.reset_button.on_click(lambda _: self._safely(self.reset))
        self.epoch_html = widgets.HTML()
        self.speed_html = widgets.HTML()

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
        if not mine:  # the learner's graph fixes its own architecture and optimizer
            for name in ("hidden", "activation", "optimizer"):
                self.controls[name].disabled = True
            self.controls["hidden"].value = "your graph"
        if s.data is not None:
            self.controls["dataset"].disabled = self.controls["noise"].disabled = True
        for name, control in self.controls.items():
            control.style, control.layout = _STYLE, _WIDE
            control.observe(lambda change, name=name: self._safely(self._changed, name, change["new"]), "value")

        self.image = widgets.Image(format="png", width=s.size, height=s.size)
        self.loss_html = widgets.HTML()
        self.message_html = widgets.HTML(layout={"display": "none", "width": f"{s.size + 300}px"})
        c = self.controls
        section = lambda text: widgets.HTML(f"<b style='font-size:15px'>{text}</b>")  # noqa: E731
        left = widgets.VBox(
            [section("Data"), c["dataset"], c["noise"], c["test_fraction"], c["seed"], c["show_test"]]
            + [section("Network"), c["hidden"], c["activation"]]
            + [section("Training"), c["learning_rate"], c["optimizer"], c["batch_size"]],
            layout={"width": "300px"},
        )
        right = widgets.VBox([self.loss_html, self.image])
        header = widgets.HBox(
            [self.play_button, self.step_button, self.reset_button, self.epoch_html, self.speed_html],
            layout={"align_items": "center"},
        )
        self.children = [header, widgets.HBox([left, right]), self.message_html]

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
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._set_message("Play needs a running asyncio event loop (a Jupyter kernel has one). Use Step here.")
            return
        self._task = loop.create_task(self._animate())
        self.play_button.description, self.play_button.button_style = "⏸ Pause", "warning"

    def pause(self):
        """Stop the animation; no frame is drawn after this returns."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
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
        super().close()

    async def _animate(self):
        interval = 1 / self.fps
        window_start, window_frames = time.perf_counter(), 0
        try:
            while self.state.can_train:
                started = time.perf_counter()
                self.state.step(self.state.epochs_per_frame())
                self._show()
                self.frames_shown += 1
                window_frames += 1
                if started - window_start >= 1.0:
                    self.observed_fps = window_frames / (started - window_start)
                    window_start, window_frames = started, 0
                await asyncio.sleep(max(interval - (time.perf_counter() - started), 0.001))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a learner's graph can fail in many ways: say so, never a traceback
            self._set_message(f"Training stopped: {type(exc).__name__}: {exc}")
        finally:
            self._paused_look()

    def _paused_look(self):
        self.play_button.description, self.play_button.button_style = "▶ Play", "success"

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
        s = self.state
        self.image.value = s.frame()
        self.epoch_html.value = (
            f"<span style='font-size:26px;font-weight:600;margin-left:18px'>Epoch {s.epoch:,}</span>"
            f"<span style='color:#666;margin-left:12px'>{s.describe_network()}</span>"
        )
        if self.playing and self.observed_fps:
            self.speed_html.value = f"<span style='color:#888;margin-left:12px'>{self.observed_fps:.0f} frames/s</span>"
        train = s.train_losses[-1] if s.train_losses else float("nan")
        test = s.test_losses[-1] if s.test_losses else float("nan")
        self.loss_html.value = (
            f"<div style='font-size:16px;line-height:1.5'>Test loss <b>{test:.3f}</b>"
            f"&nbsp;&nbsp;&nbsp;Training loss <b>{train:.3f}</b>"
            f"<span style='color:#888;font-size:13px'>&nbsp;&nbsp;(dashed: test, solid: training)</span></div>"
            f"{s.loss_svg(width=s.size, height=80)}"
        )
        self._set_message(s.message)

    def _set_message(self, text):
        if text:
            self.message_html.value = (
                "<div style='background:#fff4d6;border-left:5px solid #e0a800;padding:8px 12px;"
                f"font-size:15px'>⚠ {_escape(text)}</div>"
            )
            self.message_html.layout.display = None
        else:
            self.message_html.value = ""
            self.message_html.layout.display = "none"

    def _safely(self, action, *args):
        """Run a button or control action; any error becomes a message in the widget."""
        try:
            action(*args)
        except Exception as exc:
            self._set_message(f"{type(exc).__name__}: {exc}")


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
