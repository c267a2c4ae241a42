"""DescentExplorer: gradient descent on a curve or a surface you can see.

w ← w − η·∇f(w), drawn step by step on the curve f(x) or on the contour lines of f(x, y).
One learning-rate slider shows the three regimes of gradient descent:

* too small: slow convergence (many tiny steps);
* close to 2/λ, where λ is the largest curvature: oscillation across the valley;
* above 2/λ: divergence, each step overshooting further than the last.

The gradient is not written by hand: each surface is a deepslow graph, f(w) for a batch of
points w, and `deepslow.gradients` gives ∇f, the same backpropagation that trains networks.
`DescentState` is the plain model (tests drive it); `DescentExplorer` the controls. The
picture is a matplotlib figure, drawn only when a control changes (there is no animation).
It is sized for a projector: shown FIGURE_WIDTH pixels wide at most, no text under
SMALLEST_FONT_PT points (about 14 px at full size, still 12 px in a notebook 600 px wide),
and rendered at twice the pixels it is shown with, so it stays sharp when zoomed.
"""

import base64
import io
import math
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

import deepslow as ds


@dataclass(frozen=True)
class Surface:
    """f(w) = Σᵢ aᵢ·wᵢ⁴ + bᵢ·wᵢ² + cᵢ·wᵢ: enough for bowls, valleys and two minima."""

    formula: str
    a: tuple
    b: tuple
    c: tuple
    start: tuple
    extent: tuple  # (low, high), the same for every axis

    @property
    def dims(self):
        return len(self.b)

    @property
    def max_curvature(self):
        """λ_max of a quadratic surface (None for quartic ones): steps converge iff η < 2/λ_max."""
        return None if any(self.a) else 2 * max(self.b)


# The figure: inches as matplotlib counts them, shown at PX_PER_INCH CSS pixels per inch.
FIGURE_INCHES = (8.4, 3.6)
PX_PER_INCH = 80
FIGURE_WIDTH = round(FIGURE_INCHES[0] * PX_PER_INCH)  # CSS pixels
RENDER_SCALE = 2  # image pixels per CSS pixel
SMALLEST_FONT_PT = 13  # tick labels; axis labels and titles are larger
FONTS = {"ticks": SMALLEST_FONT_PT, "labels": 14, "title": 15, "suptitle": 16}

SURFACES = {
    "1-D bowl": Surface("f(x) = x²", (0.0,), (1.0,), (0.0,), (2.5,), (-3.0, 3.0)),
    "1-D two minima": Surface("f(x) = x⁴ − 2x² + 0.3x", (1.0,), (-2.0,), (0.3,), (1.6,), (-2.0, 2.0)),
    "bowl": Surface("f(x, y) = x² + y²", (0.0, 0.0), (1.0, 1.0), (0.0, 0.0), (-2.5, 2.0), (-3.0, 3.0)),
    "valley": Surface("f(x, y) = 0.1·x² + 2·y²", (0.0, 0.0), (0.1, 2.0), (0.0, 0.0), (-2.8, 1.5), (-3.0, 3.0)),
    "two minima": Surface(
        "f(x, y) = x⁴ − 2x² + 0.3x + y²", (1.0, 0.0), (-2.0, 1.0), (0.3, 0.0), (0.1, 1.8), (-2.0, 2.0)
    ),
}


class SurfaceGraph:
    """f and ∇f of a Surface as a deepslow graph, evaluated for many points in one run."""

    def __init__(self, surface):
        a, b, c = (np.array(v, dtype=np.float64) for v in (surface.a, surface.b, surface.c))
        self.graph = ds.Graph()
        with self.graph.as_default():
            self.w = ds.placeholder(ds.float64, shape=(None, surface.dims), name="w")
            w2 = ds.square(self.w)
            self.f = ds.reduce_sum(a * ds.square(w2) + b * w2 + c * self.w, axis=1, name="f")
            # Rows are independent, so the gradient of the sum is each row's own gradient.
            (self.grad,) = ds.gradients(ds.reduce_sum(self.f), [self.w])
        self.session = ds.Session(self.graph)

    def __call__(self, W):
        """(f, ∇f) at the rows of W."""
        return self.session.run([self.f, self.grad], {self.w: np.atleast_2d(W)})


class DescentState:
    """The iterates w₀ (start), w₁, ... of gradient descent on one surface.

    `steps` iterates are computed from `start` whenever a setting changes; `step()` adds one.
    Iteration stops early when the iterates run away (divergence), so nothing overflows.
    """

    def __init__(self, surface="valley", start=None, learning_rate=0.1, steps=30):
        if surface not in SURFACES:
            raise ValueError(f"unknown surface {surface!r}; choose one of {', '.join(SURFACES)}")
        self.surface_name, self.learning_rate, self.steps = surface, learning_rate, int(steps)
        self.start = None if start is None else np.array(start, dtype=float)
        self._initial = {"surface": surface, "start": self.start, "learning_rate": learning_rate, "steps": self.steps}
        self._graphs = {}
        self.run()

    @property
    def surface(self):
        return SURFACES[self.surface_name]

    def configure(self, **changes):
        """Change surface, start, learning_rate or steps, and recompute the path."""
        if "surface" in changes:
            if changes["surface"] not in SURFACES:
                raise ValueError(f"unknown surface {changes['surface']!r}; choose one of {', '.join(SURFACES)}")
            self.surface_name = changes.pop("surface")
            self.start = None
        if "start" in changes:
            start = changes.pop("start")
            self.start = None if start is None else np.array(start, dtype=float)
        if "learning_rate" in changes:
            self.learning_rate = changes.pop("learning_rate")
        if "steps" in changes:
            self.steps = int(changes.pop("steps"))
        if changes:
            raise TypeError(f"unknown descent setting(s): {', '.join(sorted(changes))}")
        self.run()

    def reset(self, seed=None):
        """Back to the learning rate and number of steps it was created with, and to its start
        point: the one it was created with (when still on that surface), else the surface's own;
        with a seed, a random start inside the view. The surface stays as chosen."""
        self.learning_rate, self.steps = self._initial["learning_rate"], self._initial["steps"]
        if seed is not None:
            low, high = self.surface.extent
            self.start = np.random.default_rng(seed).uniform(low, high, self.surface.dims) * 0.9
        else:
            self.start = self._initial["start"] if self.surface_name == self._initial["surface"] else None
        self.run()

    # --- gradient descent ----------------------------------------------------------------------
    def _evaluate(self, W):
        graph = self._graphs.get(self.surface_name)
        if graph is None:
            graph = self._graphs[self.surface_name] = SurfaceGraph(self.surface)
        return graph(W)

    @property
    def message(self):
        rate = self.learning_rate
        if not (isinstance(rate, (int, float)) and math.isfinite(rate) and rate > 0):
            return (
                f"The learning rate is {rate}: it must be greater than 0. With 0 nothing moves; "
                "a negative rate walks uphill."
            )
        return None

    def run(self):
        """Recompute the path from the start point for `steps` steps."""
        w0 = np.array(self.surface.start if self.start is None else self.start, dtype=float).reshape(-1)
        f, g = self._evaluate(w0)
        self.path, self.losses, self.gradients = [w0], [float(f[0])], [g[0]]
        self.diverged = False
        if self.message is None:
            for _ in range(self.steps):
                if not self._advance():
                    break
        return self.path

    def step(self):
        """One more gradient-descent step: w ← w − η·∇f(w). Returns f at the new point (None if stuck)."""
        if self.message is not None or self.diverged:
            return None
        self.steps += 1
        return self.losses[-1] if self._advance() else None

    def _advance(self):
        w = self.path[-1] - self.learning_rate * self.gradients[-1]
        low, high = self.surface.extent
        if not np.all(np.isfinite(w)) or np.abs(w).max() > 1e3 * (high - low):
            self.diverged = True  # stop before the numbers overflow
            return False
        f, g = self._evaluate(w)
        self.path.append(w)
        self.losses.append(float(f[0]))
        self.gradients.append(g[0])
        return True

    def verdict(self):
        """(kind, explanation): 'invalid', 'diverged', 'converged', 'oscillating' or 'slow'."""
        if self.message:
            return "invalid", self.message
        path, rate, curvature = np.array(self.path), self.learning_rate, self.surface.max_curvature
        limit = f" For this surface, steps shrink only when η < 2/λ = {2 / curvature:.3g}." if curvature else ""
        moves = np.diff(path, axis=0)
        flips = (moves[1:] * moves[:-1] < 0).mean(axis=0).max() if len(moves) > 2 else 0.0
        low, high = self.surface.extent
        grows = len(self.losses) > 3 and self.losses[-1] > self.losses[-2] > self.losses[-3]
        if self.diverged or (grows and np.abs(path[-1]).max() > 2 * (high - low)):
            return "diverged", (
                f"Diverging: with η = {rate:.3g} each step overshoots the minimum by more than the last, "
                f"so the iterates fly off.{limit} Lower the learning rate."
            )
        g = float(np.linalg.norm(self.gradients[-1]))
        zigzag = flips > 0.5
        if g < 1e-3:
            done = next(k for k, grad in enumerate(self.gradients) if np.linalg.norm(grad) < 1e-3)
            text = f"Converged in {done} steps to {_point(path[done])}, f = {self.losses[done]:.4g}."
            if zigzag:
                text += " On the way it zig-zagged across the valley: η is close to the largest stable rate."
            return "converged", text + self._local_minimum_note(path[done])
        if zigzag:
            return "oscillating", (
                f"Oscillating: each step jumps across the valley and back (η = {rate:.3g}).{limit} "
                "A somewhat smaller rate goes straight down."
            )
        return "slow", (
            f"Slow: after {len(path) - 1} steps the gradient is still {g:.2g}. The steps are small where the "
            "surface is flat; raise the learning rate or take more steps."
        )

    def _local_minimum_note(self, w):
        f_here = float(self._evaluate(w)[0][0])
        f_best = float(self.surface_grid()[2].min())
        if f_here > f_best + 0.05:
            return (
                f" This is only a local minimum: elsewhere f goes down to {f_best:.3g}. "
                "Gradient descent only ever walks downhill from where it starts."
            )
        return ""

    def surface_grid(self, n=161):
        """(xs, ys, F): f on an n x n grid over the view (ys and F's rows are None/1 row in 1-D)."""
        low, high = self.surface.extent
        xs = np.linspace(low, high, n)
        if self.surface.dims == 1:
            return xs, None, self._evaluate(xs[:, None])[0]
        gx, gy = np.meshgrid(xs, xs)
        F = self._evaluate(np.column_stack([gx.ravel(), gy.ravel()]))[0].reshape(n, n)
        return xs, xs, F

    # --- the picture ---------------------------------------------------------------------------
    @property
    def title(self):
        return f"{self.surface.formula}     η = {self.learning_rate:.3g}"

    def figure(self):
        """The matplotlib Figure: the path on the surface (left) and f per step (right)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # only when a picture is wanted
        from matplotlib.figure import Figure

        figure = Figure(figsize=FIGURE_INCHES, dpi=PX_PER_INCH * RENDER_SCALE)
        FigureCanvasAgg(figure)
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
        self._draw_surface(left)
        self._draw_losses(right)
        for ax in (left, right):
            ax.tick_params(labelsize=FONTS["ticks"])
        figure.suptitle(self.title, fontsize=FONTS["suptitle"])
        # fixed margins, wide enough for the labels (tight_layout would be 4x slower)
        figure.subplots_adjust(left=0.075, right=0.985, bottom=0.17, top=0.84, wspace=0.28)
        return figure

    def frame(self, dpi=None):
        """PNG bytes of the figure, at RENDER_SCALE times the pixels it is shown with (or at `dpi`)."""
        buffer = io.BytesIO()
        self.figure().savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        """In a notebook, `display(state)` shows the figure at its projector size."""
        data = base64.b64encode(self.frame()).decode("ascii")
        return {"image/png": data}, {"image/png": {"width": FIGURE_WIDTH}}

    def _draw_surface(self, ax):
        xs, ys, F = self.surface_grid()
        path = np.array(self.path)
        low, high = self.surface.extent
        colours = np.linspace(0, 1, len(path))
        if self.surface.dims == 1:
            ax.plot(xs, F, color="#333", lw=2)
            ax.plot(path[:, 0], self.losses, color="#e0711c", lw=1, alpha=0.7)
            ax.scatter(path[:, 0], self.losses, c=colours, cmap="plasma", s=40, zorder=3, edgecolors="k")
            ax.set_xlabel("x", fontsize=FONTS["labels"])
            ax.set_ylabel("f(x)", fontsize=FONTS["labels"])
            top = float(F.max())
            ax.set_ylim(float(F.min()) - 0.05 * (top - float(F.min())), top)
        else:
            levels = np.quantile(F, np.linspace(0, 1, 22) ** 2)
            ax.contourf(xs, ys, F, levels=levels, cmap="Blues_r", alpha=0.55)
            ax.contour(xs, ys, F, levels=levels, colors="#555", linewidths=0.6)
            ax.plot(path[:, 0], path[:, 1], color="#e0711c", lw=1.5)
            ax.scatter(path[:, 0], path[:, 1], c=colours, cmap="plasma", s=36, zorder=3, edgecolors="k")
            ax.set_ylim(low, high)
            ax.set_aspect("equal")
            ax.set_xlabel("x", fontsize=FONTS["labels"])
            ax.set_ylabel("y", fontsize=FONTS["labels"], labelpad=0)
        ax.plot(
            *([path[0, 0], self.losses[0]] if self.surface.dims == 1 else path[0, :2]), "o", ms=13, mfc="none", mec="k"
        )
        ax.set_xlim(low, high)
        if np.abs(path[-1]).max() > high:
            ax.set_title("the path leaves the picture", fontsize=FONTS["ticks"], color="#c00")

    def _draw_losses(self, ax):
        from matplotlib.ticker import FuncFormatter, NullFormatter

        kind, _ = self.verdict()
        losses = np.array(self.losses)
        ax.plot(np.arange(len(losses)), losses, "o-", color="#0877bd", ms=4)
        if np.all(losses > 0):
            ax.set_yscale("log")
            # Plain numbers (0.01, 1, 100): the usual 10⁻² sets its exponent in a smaller font.
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
            ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("step", fontsize=FONTS["labels"])
        ax.set_ylabel("f", fontsize=FONTS["labels"], labelpad=0)
        ax.set_title(kind, fontsize=FONTS["title"], color={"diverged": "#c00", "converged": "#080"}.get(kind, "#a60"))
        ax.grid(alpha=0.3)


def _point(w):
    return "(" + ", ".join(f"{v:.3g}" for v in w) + ")"


class DescentExplorer(widgets.VBox):
    """Surface, start point, learning rate and number of steps; the path and a verdict follow."""

    def __init__(self, surface="valley", start=None, learning_rate=0.1, steps=30):
        super().__init__()
        self.state = DescentState(surface, start, learning_rate, steps)
        style, wide = {"description_width": "95px"}, {"width": "360px"}
        low, high = self.state.surface.extent
        w0 = self.state.path[0]
        self.surface = widgets.Dropdown(options=list(SURFACES), value=surface, description="surface")
        self.x0 = widgets.FloatSlider(value=w0[0], min=low, max=high, step=0.05, description="start x")
        self.y0 = widgets.FloatSlider(value=w0[-1], min=low, max=high, step=0.05, description="start y")
        rate = learning_rate if isinstance(learning_rate, (int, float)) and learning_rate > 0 else 0.1
        # The browser snaps the exponent to `step`: 0.001 keeps 0.3 reading "0.3" (0.01 made it 0.302).
        self.learning_rate = widgets.FloatLogSlider(
            value=rate, base=10, min=-3, max=0.5, step=0.001, description="learning rate", readout_format=".3g"
        )
        self.steps = widgets.IntSlider(value=steps, min=0, max=100, description="steps")
        self.step_button = widgets.Button(description="+1 step", icon="step-forward")
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", tooltip="the rate, steps and start it opened with"
        )
        self.step_button.on_click(lambda _: self._safely(self.step))
        self.reset_button.on_click(lambda _: self._safely(self.reset))
        for control in (self.surface, self.x0, self.y0, self.learning_rate, self.steps):
            control.style, control.layout = style, wide
            control.observe(lambda change: self._safely(self._changed, change), "value")
        # Shown at most FIGURE_WIDTH pixels wide (the image has twice the pixels), narrower in a narrow notebook.
        self.image = widgets.Image(
            format="png", layout={"width": "100%", "max_width": f"{FIGURE_WIDTH}px", "height": "auto", "margin": "0"}
        )
        self.verdict = widgets.HTML(layout={"max_width": f"{FIGURE_WIDTH}px"})
        controls = widgets.HBox(  # two columns side by side, one under the other where that is too wide
            [
                widgets.VBox([self.surface, self.x0, self.y0]),
                widgets.VBox([self.learning_rate, self.steps, widgets.HBox([self.step_button, self.reset_button])]),
            ],
            layout={"flex_flow": "row wrap"},
        )
        self.children = [controls, self.image, self.verdict]
        self.add_class("ds-descent-explorer")
        self.image.add_class("ds-figure")
        self.verdict.add_class("ds-verdict")
        self._syncing = False
        self._show()

    def _changed(self, change):
        if self._syncing:
            return
        if change["owner"] is self.surface:
            self.state.configure(surface=change["new"])
            self._sync()
        else:
            start = (self.x0.value,) if self.state.surface.dims == 1 else (self.x0.value, self.y0.value)
            self.state.configure(start=start, learning_rate=self.learning_rate.value, steps=self.steps.value)
        self._show()

    def step(self):
        self.state.step()
        self._sync()
        self._show()

    def reset(self):
        """Back to the learning rate, steps and start point it opened with (the surface stays)."""
        self.state.reset()
        self._sync()
        self._show()

    def _sync(self):
        """Show the state's start point, range and step count on the sliders."""
        self._syncing = True
        try:
            low, high = self.state.surface.extent
            w0 = self.state.path[0]
            for slider, value in ((self.x0, w0[0]), (self.y0, w0[-1])):
                slider.min, slider.max = min(low, slider.min), max(high, slider.max)
                slider.value = float(value)
                slider.min, slider.max = low, high
            self.y0.disabled = self.state.surface.dims == 1
            self.steps.value = min(self.state.steps, self.steps.max)
            rate = self.state.learning_rate
            if isinstance(rate, (int, float)) and rate > 0:
                self.learning_rate.value = rate
        finally:
            self._syncing = False

    def _show(self):
        self.y0.disabled = self.state.surface.dims == 1
        self.image.value = self.state.frame()
        kind, text = self.state.verdict()
        colour = {"diverged": "#c00", "converged": "#080", "invalid": "#c00"}.get(kind, "#a60")  # as the plot title
        self.verdict.value = f"<div style='font-size:16px;border-left:5px solid {colour};padding:6px 12px'>{text}</div>"

    def _safely(self, action, *args):
        try:
            action(*args)
        except Exception as exc:  # never a traceback in the widget
            self.verdict.value = f"<div style='color:#c00;font-size:16px'>⚠ {type(exc).__name__}: {exc}</div>"
