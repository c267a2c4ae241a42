"""TrainingPlayground: watch a deepslow network's decision boundary bend into place.

Two layers, as for every widget here:

* `PlaygroundState` — plain Python and NumPy. It owns the data, a real deepslow graph and its
  Session, and offers `step()` (train one epoch), `reset(seed)`, `frame()` (PNG bytes of the
  heatmap) and `points_svg()` (the data points, laid over the heatmap). Tests and benchmarks
  drive it without a browser.
* `TrainingPlayground` — the ipywidgets view (see playground_view.py): standard controls, an
  Image for the frames with a second one for the points over it, and an asyncio task that
  plays the animation.

The network is built with the same deepslow calls a learner writes in lesson 5 (placeholders,
Variables, matmul, an activation, softmax cross-entropy, an optimizer's `minimize`), or it is
the learner's own graph, handed in with `PlaygroundState.from_graph(...)`.
"""

import inspect
import math
from dataclasses import dataclass

import numpy as np

import deepslow as ds
from deepslow import datasets
from deepslow.memory import keep_freed_memory

from . import png
from .plane import Plane
from .threads import one_blas_thread

ACTIVATIONS = {"tanh": ds.tanh, "sigmoid": ds.sigmoid, "relu": ds.nn.relu}
OPTIMIZERS = {
    "gradient descent": lambda rate: ds.train.GradientDescentOptimizer(rate),
    "momentum": lambda rate: ds.train.MomentumOptimizer(rate, momentum=0.9),
    "adam": lambda rate: ds.train.AdamOptimizer(rate),
}
DATASETS = tuple(datasets.MAKERS)
SETTINGS = (
    *("dataset", "noise", "n_points", "test_fraction", "seed"),
    *("hidden", "activation", "learning_rate", "optimizer", "batch_size", "show_test"),
)
LIVE_SETTINGS = ("learning_rate", "batch_size", "show_test")  # change without a reset
MIN_UPDATES_PER_FRAME = 8  # when an epoch is only a few updates (large batches), train several per frame


@dataclass
class Model:
    """What the playground needs to know about a graph: what to feed, fetch and run.

    `prediction` may be softmax rows (n, 2), a sigmoid column (n, 1), or logits of either kind.
    `labels` is the placeholder the loss compares with: one-hot (None, 2), a column (None, 1)
    or a vector (None,) of 0/1; the playground feeds the labels in that format.
    """

    inputs: ds.Node
    labels: ds.Node
    prediction: ds.Node
    loss: ds.Node
    train_op: ds.Node
    session: ds.Session | None = None


def default_noise(dataset):
    """The noise a data set is made with when none is given (its function's default)."""
    return inspect.signature(datasets.MAKERS[dataset]).parameters["noise"].default


def parse_hidden(text):
    """'4, 4' -> (4, 4); '' -> () (no hidden layer: a linear classifier)."""
    if not isinstance(text, str):
        return tuple(int(units) for units in text)
    parts = text.replace(",", " ").split()
    try:
        return tuple(int(part) for part in parts)
    except ValueError:
        raise ValueError(
            f"hidden layers {text!r}: write the number of units of each layer, separated by commas, e.g. 4, 4"
        ) from None


def build_network(hidden=(4, 4), activation="tanh", optimizer="gradient descent", learning_rate=0.03, seed=0):
    """The playground's own network: 2 inputs -> hidden layers -> 2 softmax outputs, in a new Graph,
    with its variables initialised in a new Session."""
    rng = np.random.default_rng([seed, 1])
    graph = ds.Graph()
    with graph.as_default():
        x = ds.placeholder(ds.float32, shape=(None, 2), name="x")
        labels = ds.placeholder(ds.float32, shape=(None, 2), name="labels")
        h, width = x, 2
        for i, units in enumerate(hidden, start=1):
            W = ds.Variable(_initial_weights(rng, width, units), name=f"W{i}")
            b = ds.Variable(np.zeros(units, np.float32), name=f"b{i}")
            h, width = ACTIVATIONS[activation](ds.matmul(h, W) + b), units
        W = ds.Variable(_initial_weights(rng, width, 2), name="W_out")
        b = ds.Variable(np.zeros(2, np.float32), name="b_out")
        logits = ds.matmul(h, W) + b
        prediction = ds.nn.softmax(logits, name="prediction")
        loss = ds.reduce_mean(ds.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits), name="loss")
        train_op = OPTIMIZERS[optimizer](learning_rate).minimize(loss)
        init = ds.global_variables_initializer()
    session = ds.Session(graph)
    session.run(init)
    return Model(x, labels, prediction, loss, train_op, session)


def _initial_weights(rng, fan_in, fan_out):
    """Glorot-uniform: keeps the signal's size roughly constant from layer to layer."""
    limit = math.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


class PlaygroundState:
    """Data, model and training history of the playground; no widgets.

    One `step()` is one epoch, as in TensorFlow Playground: every training point once, in
    shuffled mini-batches of `batch_size`, each batch one run of the train op. Everything
    random (data, split, initial weights, batch order) comes from `seed`, so `reset(seed)`
    replays a run exactly.

    Settings that cannot work (a learning rate <= 0, a layer with 0 units, ...) do not raise:
    they set `message`, and `step()` trains nothing until they are fixed. A loss that becomes
    NaN or infinite sets `diverged` and a message; `reset()` recovers.
    """

    def __init__(
        self,
        dataset="xor",
        noise=None,
        n_points=200,
        test_fraction=0.3,
        seed=0,
        hidden=(4, 4),
        activation="tanh",
        learning_rate=0.03,
        optimizer="gradient descent",
        batch_size=10,
        show_test=False,
        size=400,
        grid=100,
        data=None,
        model=None,
    ):
        _check_choices(dataset=dataset, activation=activation, optimizer=optimizer)
        # Every frame runs the model on the whole grid: large arrays freed and asked for again at
        # 30 frames/s. Keeping freed blocks in the process saves a page fault per 4 kB each time.
        keep_freed_memory()
        self.dataset, self.noise, self.n_points, self.test_fraction = dataset, noise, n_points, test_fraction
        self.seed, self.activation, self.optimizer = int(seed), activation, optimizer
        self.learning_rate, self.batch_size, self.show_test = learning_rate, batch_size, show_test
        self.size, self.grid = size, grid
        self.hidden, self._hidden_error = (), None
        self._set_hidden(hidden)
        self.data = None if data is None else (np.asarray(data[0], dtype=float), np.asarray(data[1]).astype(int))
        self.learner_model = _as_model(model) if model is not None else None
        self._initializer = _initializer_for(self.learner_model) if self.learner_model else None
        self.reset()

    @classmethod
    def from_graph(cls, inputs, prediction, loss, train_op, labels=None, session=None, data=None, **settings):
        """Train the learner's own graph: `inputs` placeholder, `prediction` and `loss` nodes, the
        `train_op` from `optimizer.minimize(loss)`. `labels` defaults to the loss's other placeholder;
        `data=(X, y)` defaults to the chosen data set. Reset restores the graph's initial values."""
        labels = labels if labels is not None else _find_labels(inputs, loss)
        model = Model(inputs, labels, prediction, loss, train_op, session)
        return cls(model=model, data=data, **settings)

    # --- settings ------------------------------------------------------------------------------
    def configure(self, **changes):
        """Change settings. The learning rate, batch size and test-point display apply at once;
        anything else (data, network, optimizer, seed) resets training, as it must."""
        unknown = set(changes) - set(SETTINGS)
        if unknown:
            raise TypeError(f"unknown playground setting(s): {', '.join(sorted(unknown))}; the settings are {SETTINGS}")
        _check_choices(**{name: value for name, value in changes.items() if name in _CHOICES})
        for name, value in changes.items():
            if name == "hidden":
                self._set_hidden(value)
            else:
                setattr(self, name, value)
        if set(changes) - set(LIVE_SETTINGS):
            self.reset()
        else:
            if self.model is not None and hasattr(self.model.train_op, "optimizer") and _positive(self.learning_rate):
                self.model.train_op.optimizer.learning_rate = float(self.learning_rate)
            self.message = self._problem()

    def _set_hidden(self, value):
        try:
            self.hidden, self._hidden_error = parse_hidden(value), None
        except (ValueError, TypeError) as exc:
            self._hidden_error = str(exc)

    def _problem(self):
        """A message for settings that cannot train, or None."""
        if self.diverged:
            return (
                f"Training diverged at epoch {self.epoch}: the loss became {self.train_losses[-1]}. "
                "The steps were too large for this loss surface. Lower the learning rate, then press Reset."
            )
        if not _positive(self.learning_rate):
            return (
                f"The learning rate is {self.learning_rate}: it must be greater than 0. With 0 the weights "
                "never move; a negative rate climbs uphill. Try 0.03."
            )
        if not isinstance(self.batch_size, (int, np.integer)) or self.batch_size < 1:
            return f"The batch size is {self.batch_size}: it must be a whole number of at least 1."
        if self.learner_model is None:
            if self._hidden_error:
                return self._hidden_error
            empty = [i for i, units in enumerate(self.hidden, start=1) if units < 1]
            if empty:
                return (
                    f"Hidden layer {empty[0]} has {self.hidden[empty[0] - 1]} units: a layer needs at least 1 unit, "
                    "or nothing can flow from the inputs to the output. Give it units, or remove the layer."
                )
        return self._data_problem

    # --- reset and training --------------------------------------------------------------------
    def reset(self, seed=None):
        """Back to epoch 0: same seed (or the new one) -> same data, weights and batch order."""
        if seed is not None:
            self.seed = int(seed)
        self.epoch, self.updates, self.diverged = 0, 0, False
        self.train_losses, self.test_losses = [], []
        self._make_data()
        self.model = None
        if self._buildable():
            self._make_model()
        self._batches = np.random.default_rng([self.seed, 2])
        if self.model is not None:
            self._record_losses()
        self.message = self._problem()

    def _buildable(self):
        """True unless the network's shape is wrong (other bad settings can be fixed without a reset)."""
        return self.learner_model is not None or (not self._hidden_error and all(u >= 1 for u in self.hidden))

    def _make_data(self):
        self._data_problem = None
        if self.data is not None:
            X, y = self.data
        else:
            noise = default_noise(self.dataset) if self.noise is None else self.noise
            if not (_finite(noise) and noise >= 0):
                self._data_problem = f"The noise is {noise}: it must be 0 or more."
                noise = 0.0
            X, y = datasets.make(self.dataset, n=self.n_points, noise=noise, seed=self.seed)
        fraction = self.test_fraction if _finite(self.test_fraction) and 0 <= self.test_fraction <= 0.9 else 0.3
        if fraction != self.test_fraction:
            self._data_problem = f"The test fraction is {self.test_fraction}: choose a value from 0 to 0.9."
        self.X_train, self.y_train, self.X_test, self.y_test = datasets.train_test_split(X, y, fraction, seed=self.seed)
        self.plane = Plane(X, size=self.size, grid=self.grid)
        train = (self.X_train, _point_colours(self.y_train), png.WHITE)  # white rings
        test = (self.X_test, _point_colours(self.y_test), png.DARK)  # dark rings
        self._points_svg = {False: self.plane.points_svg([train]), True: self.plane.points_svg([train, test])}

    def _make_model(self):
        if self.learner_model is None:
            rate = self.learning_rate if _positive(self.learning_rate) else 0.03
            self.model = build_network(self.hidden, self.activation, self.optimizer, rate, self.seed)
        else:
            self.model = self.learner_model
            if self.model.session is None:
                self.model.session = ds.Session(self.model.loss.graph)
            self.model.session.run(self._initializer)
            if _positive(self.learning_rate) and hasattr(self.model.train_op, "optimizer"):
                self.model.train_op.optimizer.learning_rate = float(self.learning_rate)
        dtype = self.model.inputs.dtype or np.float32
        self._feeds = {
            "train": (self.X_train.astype(dtype), _encode_labels(self.model, self.y_train)),
            "test": (self.X_test.astype(dtype), _encode_labels(self.model, self.y_test)),
        }

    @property
    def can_train(self):
        return self.model is not None and self.message is None

    def batches_per_epoch(self):
        return math.ceil(len(self.X_train) / max(1, min(int(self.batch_size), len(self.X_train))))

    def epochs_per_frame(self):
        """Epochs to train between two frames: 1, or more when an epoch is only a few updates."""
        return max(1, math.ceil(MIN_UPDATES_PER_FRAME / self.batches_per_epoch()))

    def step(self, epochs=1):
        """Train `epochs` epochs. Returns the training loss, or None when nothing could be trained
        (then `message` says why)."""
        if not self.can_train:
            return None
        model, (X, T) = self.model, self._feeds["train"]
        batch = max(1, min(int(self.batch_size), len(X)))
        with one_blas_thread():
            for _ in range(epochs):
                order = self._batches.permutation(len(X))
                for start in range(0, len(X), batch):
                    rows = order[start : start + batch]
                    model.session.run(model.train_op, {model.inputs: X[rows], model.labels: T[rows]})
                    self.updates += 1
                self.epoch += 1
                self._record_losses()
                if self.diverged:
                    break
        return self.train_losses[-1]

    def _record_losses(self):
        model = self.model
        for split, history in (("train", self.train_losses), ("test", self.test_losses)):
            X, T = self._feeds[split]
            value = float(model.session.run(model.loss, {model.inputs: X, model.labels: T})) if len(X) else math.nan
            history.append(value)
        if not math.isfinite(self.train_losses[-1]):
            self.diverged = True
            self.message = self._problem()

    # --- what is shown -------------------------------------------------------------------------
    def probabilities(self):
        """p(class 1) at each point of the plane's grid, shape (grid, grid), from one batched run
        of the prediction node; None when there is no model."""
        if self.model is None:
            return None
        with one_blas_thread():
            X = self.plane.grid_points.astype(self.model.inputs.dtype or np.float32)
            output = self.model.session.run(self.model.prediction, {self.model.inputs: X})
        return class1_probability(output).reshape(self.grid, self.grid)

    def frame(self):
        """PNG bytes: the heatmap of the model's prediction and its decision boundary. The points
        are not in it: they change only with the data, and points_svg() draws them."""
        return self.plane.render(self.probabilities())

    def points_svg(self):
        """SVG text: the training points (and the test points with show_test), to lay over frame()."""
        return self._points_svg[bool(self.show_test)]

    def accuracy(self, split="test"):
        """Fraction of the split's points on the right side of the boundary (nan if none)."""
        X, y = (self.X_test, self.y_test) if split == "test" else (self.X_train, self.y_train)
        if self.model is None or not len(X):
            return math.nan
        output = self.model.session.run(self.model.prediction, {self.model.inputs: X.astype(np.float32)})
        return float(np.mean((class1_probability(output) >= 0.5) == (y == 1)))

    def describe_network(self):
        """'2 → 4 → 4 → 2, tanh' for the built-in network; 'your graph' otherwise."""
        if self.learner_model is not None:
            return "your graph"
        return " → ".join(str(n) for n in (2, *self.hidden, 2)) + f", {self.activation}"

    def loss_svg(self, width=400, height=90):
        """The train (solid) and test (dashed) loss curves as a small inline SVG."""
        return loss_curve_svg(self.train_losses, self.test_losses, width, height)


def class1_probability(output):
    """Whatever the prediction node gives -> p(class 1) per row.

    Softmax rows (n, 2) give column 1; a sigmoid column (n, 1) is p itself. Values outside
    [0, 1] are logits, and are squashed the way the loss would (softmax or sigmoid).
    """
    output = np.asarray(output, dtype=np.float64)
    output = output.reshape(len(output), -1)
    finite = output[np.isfinite(output)]
    is_probability = finite.size == 0 or (finite.min() >= 0 and finite.max() <= 1)
    if output.shape[1] == 1:
        z = output[:, 0]
        return z if is_probability else 0.5 * (1 + np.tanh(0.5 * z))
    if is_probability:
        return output[:, 1]
    return 0.5 * (1 + np.tanh(0.5 * (output[:, 1] - output[:, 0])))  # softmax of two logits


def loss_curve_svg(train, test, width=400, height=90):
    """Two polylines on a shared scale from 0 to the largest finite loss; NaN points are skipped."""
    values = [v for v in list(train) + list(test) if math.isfinite(v)]
    top = max(values) if values else 1.0
    top = top if top > 0 else 1.0
    lines = []
    for history, style in ((train, 'stroke="#444" stroke-width="2"'), (test, 'stroke="#111" stroke-dasharray="5 3"')):
        points = _polyline_points(history, width, height, top)
        if points:
            lines.append(f'<polyline fill="none" {style} points="{points}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" style="background:#fafafa;border:1px solid #ddd">{"".join(lines)}</svg>'
    )


def _polyline_points(history, width, height, top, max_points=300):
    n = len(history)
    if n == 0:
        return ""
    keep = np.unique(np.linspace(0, n - 1, min(n, max_points)).round().astype(int))
    span = max(n - 1, 1)
    coords = []
    for i in keep:
        value = history[i]
        if math.isfinite(value):
            x = 2 + (width - 4) * i / span
            y = height - 3 - (height - 6) * min(value, top) / top
            coords.append(f"{x:.1f},{y:.1f}")
    return " ".join(coords)


# --- the learner's own graph ------------------------------------------------------------------


def _as_model(model):
    if isinstance(model, Model):
        return model
    if isinstance(model, dict):
        return Model(**model)
    raise TypeError("model must be a deepslow.widgets.playground.Model or a dict with inputs, labels, prediction, ...")


def _find_labels(inputs, loss):
    """The placeholder the loss depends on besides the inputs (the labels), if there is exactly one."""
    from deepslow.graph import ancestors

    found = [n for n in ancestors([loss]) if isinstance(n, ds.Placeholder) and n is not inputs]
    if len(found) != 1:
        names = ", ".join(n.name for n in found) or "none"
        raise ValueError(
            f"cannot tell which placeholder holds the labels (the loss depends on: {names}); pass labels=..."
        )
    return found[0]


def _variables(model):
    return [n for n in model.loss.graph.nodes if isinstance(n, ds.Variable)]


def _initializer_for(model):
    """An initializer for the learner's variables, made once, inside the learner's graph."""
    with model.loss.graph.as_default():
        return ds.variables_initializer(_variables(model), name="playground_init")


def _encode_labels(model, y):
    """Class labels 0/1 in the format the labels placeholder wants (see Model)."""
    shape = model.labels.shape
    dtype = model.labels.dtype or np.float32
    if shape is not None and len(shape) == 1:
        return y.astype(dtype)
    if shape is not None and shape[-1] == 1:
        return y.reshape(-1, 1).astype(dtype)
    return datasets.one_hot(y, 2).astype(dtype)


def _point_colours(y):
    return np.where(np.asarray(y) == 1, png.POINT1, png.POINT0).astype(np.uint8)


_CHOICES = {"dataset": DATASETS, "activation": tuple(ACTIVATIONS), "optimizer": tuple(OPTIMIZERS)}


def _check_choices(**named):
    """A name that is not on a menu is a programming error, not a setting to explain."""
    for name, value in named.items():
        if value not in _CHOICES[name]:
            raise ValueError(f"unknown {name} {value!r}; choose one of {', '.join(_CHOICES[name])}")


def _finite(value):
    return isinstance(value, (int, float, np.number)) and math.isfinite(value)


def _positive(value):
    return _finite(value) and value > 0
