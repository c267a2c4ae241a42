"""PerceptronExplorer: move a separating line by hand, before any training.

The model is the smallest classifier there is: a score s = w1·x1 + w2·x2 + b, read as
p(class 1) = sigmoid(s). The line s = 0 separates the plane; (w1, w2) is perpendicular to it
and b shifts it. Moving the sliders shows what a training algorithm will later do by itself:
fewer misclassified points (red rings) and a lower cross-entropy loss. Note that the loss keeps
falling after every point is on the right side, when the line moves away from the points and
the scores grow confident: that is why training optimises the loss, not the error count.

`PerceptronState` is the plain model (tests drive it); `PerceptronExplorer` the sliders.
The picture is drawn like the playground's: a palette PNG for the half-planes and the line, so
dragging a slider is instant, with the points as an SVG laid over it, crisp on a projector.
"""

import math

import ipywidgets as widgets
import numpy as np

from deepslow import datasets

from . import png
from .plane import Plane


class PerceptronState:
    """Weights `w` (2,), bias `b`, the two-blob data (50 + 50 around (-2,-2) and (2,2)), and
    what they imply: scores, misclassified points and the mean cross-entropy loss."""

    def __init__(self, w=(1.0, -0.5), b=1.0, seed=0, n_points=100, learning_rate=0.1, size=400, grid=100):
        self.initial_w, self.initial_b = np.array(w, dtype=float), float(b)
        self.n_points, self.learning_rate, self.size, self.grid = n_points, learning_rate, size, grid
        self.seed = None
        self.reset(seed)

    def reset(self, seed=None):
        """Weights back to their initial values; a new seed draws new blobs."""
        if seed is not None or self.seed is None:
            self.seed = 0 if seed is None else int(seed)
            self.X, self.y = datasets.blobs(n=self.n_points, seed=self.seed)
            self.plane = Plane(self.X, size=self.size, grid=self.grid)
            self._axes = self.plane.axes_layer()
        self.w, self.b = self.initial_w.copy(), self.initial_b
        self.steps = 0

    def set(self, w1=None, w2=None, b=None):
        """Move the line: change any of the weights and the bias."""
        if w1 is not None:
            self.w[0] = w1
        if w2 is not None:
            self.w[1] = w2
        if b is not None:
            self.b = float(b)

    def scores(self, X=None):
        return (self.X if X is None else X) @ self.w + self.b

    def misclassified(self):
        """True for each point on the wrong side of the line (a score of exactly 0 counts as wrong)."""
        s = self.scores()
        return np.where(self.y == 1, s <= 0, s >= 0)

    def loss(self):
        """Mean cross-entropy of sigmoid(score): -log p for class 1, -log(1-p) for class 0.
        Written as log(1 + e^(-s)) with s signed towards the true class, which never overflows."""
        signed = np.where(self.y == 1, 1.0, -1.0) * self.scores()
        return float(np.mean(np.logaddexp(0.0, -signed)))

    def step(self):
        """One gradient-descent step on the loss (what training will do; here for comparison).
        The gradient of the loss with respect to the score is sigmoid(s) - y for each point."""
        error = 0.5 * (1 + np.tanh(0.5 * self.scores())) - self.y
        self.w = self.w - self.learning_rate * (self.X.T @ error) / len(self.X)
        self.b = self.b - self.learning_rate * float(np.mean(error))
        self.steps += 1
        return self.loss()

    @property
    def message(self):
        if not np.any(self.w):
            return "With w1 = w2 = 0 there is no line: every point gets the same score b. Move w1 or w2."
        return None

    def probabilities(self):
        """p(class 1) = sigmoid(score) on the plane's grid, shape (grid, grid)."""
        s = self.scores(self.plane.grid_points.astype(float))
        return (0.5 * (1 + np.tanh(0.5 * s))).reshape(self.grid, self.grid)

    def frame(self, points=True):
        """PNG bytes: the two half-planes, the line and (unless points=False, when points_svg()
        draws them over the picture) the points, misclassified ones ringed in red."""
        if not points:
            return self.plane.render(self.probabilities(), [self._axes])
        wrong, fill = self.misclassified(), self._point_colours()
        points = self.plane.points_layer(self.X, fill, png.WHITE)
        rings = self.plane.points_layer(self.X[wrong], fill[wrong], png.RED, ring_width=3.2)
        return self.plane.render(self.probabilities(), [self._axes, points, rings])

    def points_svg(self):
        """SVG text: the points, misclassified ones ringed in red, to lay over frame(points=False)."""
        wrong, fill = self.misclassified(), self._point_colours()
        return self.plane.points_svg([(self.X, fill, png.WHITE), (self.X[wrong], fill[wrong], png.RED, 3.2)])

    def _point_colours(self):
        return np.where(self.y == 1, png.POINT1, png.POINT0).astype(np.uint8)

    def equation(self):
        w1, w2 = self.w
        return f"{w1:.2f}·x₁ {'+' if w2 >= 0 else '−'} {abs(w2):.2f}·x₂ {'+' if self.b >= 0 else '−'} {abs(self.b):.2f}"


class PerceptronExplorer(widgets.VBox):
    """Sliders for w1, w2 and b over the two blobs; the line, the mistakes and the loss follow.

    `show_step=True` adds a button taking one gradient-descent step, for comparing hand and
    algorithm once training has been introduced.
    """

    def __init__(self, w=(1.0, -0.5), b=1.0, seed=0, show_step=False, **settings):
        super().__init__()
        self.state = PerceptronState(w=w, b=b, seed=seed, **settings)
        slider = dict(min=-5.0, max=5.0, step=0.05, continuous_update=True, style={"description_width": "40px"})
        self.w1 = widgets.FloatSlider(value=w[0], description="w1", **slider)
        self.w2 = widgets.FloatSlider(value=w[1], description="w2", **slider)
        self.b = widgets.FloatSlider(value=b, description="b", **slider)
        for control in (self.w1, self.w2, self.b):
            control.layout.width = "380px"
            control.observe(self._moved, "value")
        self.reset_button = widgets.Button(description="Reset", icon="undo")  # an icon font every front end has
        self.reset_button.on_click(lambda _: self.reset())
        self.step_button = widgets.Button(description="one gradient step", layout={"width": "160px"})
        self.step_button.on_click(lambda _: self.step())
        # The half-planes, and the points over them: both images in the same cell of a one-cell grid.
        size, plane = self.state.size, {"grid_area": "plane"}
        self.image = widgets.Image(format="png", width=size, height=size, layout=plane)
        self.points_image = widgets.Image(format="svg+xml", width=size, height=size, layout=plane)
        picture = widgets.GridBox(
            [self.image, self.points_image],
            layout={"grid_template_areas": '"plane"', "flex": "0 0 auto", "margin": "0 16px 8px 0"},
        )
        # Fixed sizes: the picture never shrinks and the sliders never move while the text below them
        # changes (its box has room for the longest message). Where the notebook is narrower than
        # both, the controls go below the picture instead of squeezing it.
        self.status = widgets.HTML(layout={"height": "190px", "overflow": "hidden"})
        buttons = [self.reset_button] + ([self.step_button] if show_step else [])
        controls = widgets.VBox(
            [self.w1, self.w2, self.b, widgets.HBox(buttons), self.status],
            layout={"width": "400px", "flex": "0 0 auto"},
        )
        self.children = [widgets.HBox([picture, controls], layout={"flex_flow": "row wrap"})]
        self.add_class("ds-perceptron-explorer")
        self.image.add_class("ds-plane")
        self.points_image.add_class("ds-points")
        self.status.add_class("ds-status")
        self._syncing = False
        self._show()

    def _moved(self, _change):
        if not self._syncing:
            self.state.set(self.w1.value, self.w2.value, self.b.value)
            self._show()

    def reset(self):
        self.state.reset()
        self._sync_sliders()

    def step(self):
        self.state.step()
        self._sync_sliders()

    def _sync_sliders(self):
        """Put the state's weights on the sliders without each slider redrawing on its own."""
        self._syncing = True
        try:
            self.w1.value, self.w2.value = (float(v) for v in np.clip(self.state.w, -5, 5))
            self.b.value = float(np.clip(self.state.b, -5, 5))
        finally:
            self._syncing = False
        self._show()

    def _show(self):
        s = self.state
        self.image.value = s.frame(points=False)
        self.points_image.value = s.points_svg().encode()
        wrong = int(s.misclassified().sum())
        loss = s.loss()
        note = s.message or (
            "Every point is on its side. The loss still falls if the line moves away from the points."
            if wrong == 0
            else "Red rings: points on the wrong side of the line."
        )
        self.status.value = (
            "<div style='font-size:17px;line-height:1.6;font-variant-numeric:tabular-nums'>"
            f"score = {s.equation()}<br>"
            "line: score = 0<br>"
            "orange side: class 0, blue side: class 1<br>"
            f"misclassified: <b>{wrong}</b> of {len(s.y)}<br>"
            f"cross-entropy loss: <b>{loss:.3f}</b>{'' if math.isfinite(loss) else ' (overflow)'}</div>"
            f"<div style='color:#555;font-size:15px;line-height:1.4;margin-top:2px'>{note}</div>"
        )
