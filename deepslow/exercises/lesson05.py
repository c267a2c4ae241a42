"""Lesson 5 (multi-layer perceptrons): exercises and the mistakes learners make in them.

05-hidden-layer   a hidden layer as graph nodes: σ(x·W + b)
05-collapse       two linear layers without an activation are one linear layer
05-train-epoch    one epoch of mini-batch training with a Session
05-decision-map   a model's prediction over a grid, in one batched call
"""

import numpy as np

import deepslow as tf

from ..graph import Graph, global_variables_initializer
from ..session import Session
from .core import Exercise
from .kinds import FunctionExercise, GraphExercise

_rng = np.random.default_rng(5)

# --- 05-hidden-layer ----------------------------------------------------------------------------

hidden_layer_exercise = GraphExercise(
    "05-hidden-layer",
    "A hidden layer: σ(x·W + b) as graph nodes",
    inputs=["x", "W", "b"],
    cases={
        "4 points, 2 inputs → 3 hidden units": (
            _rng.normal(size=(4, 2)),
            _rng.normal(size=(2, 3)),
            _rng.normal(size=3),
        ),
        "2 points, 2 → 2 (square W)": (_rng.normal(size=(2, 2)), _rng.normal(size=(2, 2)), _rng.normal(size=2)),
    },
    hints=[
        "Each row of x is one point. matmul(x, W) gives every point's weighted sums, one column per hidden unit.",
        "Add the bias b (it broadcasts over the rows), and only then apply the activation: tf.sigmoid(...).",
    ],
)


@hidden_layer_exercise.reference
def hidden_layer(x, W, b):
    return tf.sigmoid(tf.matmul(x, W) + b)


@hidden_layer_exercise.mistake(
    "you forgot the activation: x·W + b is still a linear map, and a stack of linear maps is one linear map, "
    "so the hidden layer would add nothing. Apply tf.sigmoid to x·W + b."
)
def _hidden_no_activation(x, W, b):
    return tf.matmul(x, W) + b


@hidden_layer_exercise.mistake(
    "you forgot the bias: σ(x·W + b) needs b, or every hidden unit's line passes through the origin."
)
def _hidden_no_bias(x, W, b):
    return tf.sigmoid(tf.matmul(x, W))


@hidden_layer_exercise.mistake(
    "the activation is applied too early: σ(x)·W + b squashes the inputs, not the weighted sums. "
    "Compute x·W + b first, then apply σ."
)
def _hidden_activation_first(x, W, b):
    return tf.matmul(tf.sigmoid(x), W) + b


@hidden_layer_exercise.mistake(
    "the operands of matmul are swapped: points are rows, so it is matmul(x, W), not matmul(W, x)."
)
def _hidden_swapped(x, W, b):
    return tf.sigmoid(tf.matmul(W, x) + b)


# --- 05-collapse --------------------------------------------------------------------------------

collapse_exercise = FunctionExercise(
    "05-collapse",
    "Two linear layers are one linear layer",
    cases={
        "2 → 3 → 2": (_rng.normal(size=(2, 3)), _rng.normal(size=3), _rng.normal(size=(3, 2)), _rng.normal(size=2)),
        "2 → 2 → 2": (_rng.normal(size=(2, 2)), _rng.normal(size=2), _rng.normal(size=(2, 2)), _rng.normal(size=2)),
    },
    hints=[
        "Write it out: (x·W₁ + b₁)·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂).",
        "Return a list [W, b] with W = W1 @ W2 and b = b1 @ W2 + b2.",
    ],
)


@collapse_exercise.reference
def collapse(W1, b1, W2, b2):
    return [W1 @ W2, b1 @ W2 + b2]


@collapse_exercise.mistake(
    "the bias of the first layer goes through the second layer's weights too: (x·W₁ + b₁)·W₂ + b₂ = "
    "x·W₁W₂ + (b₁W₂ + b₂). So b = b1 @ W2 + b2, not b2 alone."
)
def _collapse_forgot_b1(W1, b1, W2, b2):
    return [W1 @ W2, b2]


@collapse_exercise.mistake(
    "b₁ is a vector of the hidden layer; it reaches the output only through W₂: b = b1 @ W2 + b2, not b1 + b2."
)
def _collapse_add_biases(W1, b1, W2, b2):
    return [W1 @ W2, b1 + b2]


@collapse_exercise.mistake(
    "the product is in the wrong order: x is multiplied by W₁ first, so W = W1 @ W2 (for row vectors, the "
    "first layer stands on the left)."
)
def _collapse_order(W1, b1, W2, b2):
    return [W2 @ W1, b1 @ W2 + b2]


# --- 05-train-epoch -----------------------------------------------------------------------------


def _as_numbers(value):
    """A list of loss values as one float array; anything else is left for the comparison to report."""
    if type(value) in (list, tuple):
        try:
            array = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            return value
        return array if array.ndim == 1 else value
    return value


class TrainEpochExercise(Exercise):
    """The answer is `train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order) -> [losses]`.
    Each case builds a small network in a fresh graph and session, runs the answer once, and
    reports the losses it returned and the loss on all the data afterwards (so an epoch that
    returns the right numbers but trains on the wrong rows is caught too)."""

    kind = "training loop"

    def run(self, answer, build):
        graph = Graph()
        with graph.as_default():
            case = build()
            init = global_variables_initializer()
        x, labels, X, Y = case["x"], case["labels"], case["X"], case["Y"]
        with Session(graph) as sess:
            sess.run(init)
            losses = answer(
                sess,
                case["train_op"],
                case["loss"],
                x,
                labels,
                X.copy(),
                Y.copy(),
                case["batch_size"],
                case["order"].copy(),
            )
            after = sess.run(case["loss"], {x: X, labels: Y})
        return {"losses": _as_numbers(losses), "loss afterwards": np.float64(after)}

    def where_text(self, where):
        return {
            "'losses'": "the list of losses returned",
            "'loss afterwards'": "the loss on all the data after your epoch (it shows how the weights were trained)",
        }.get(where, where)


def _two_blobs(n, seed):
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    X = np.where(y[:, None] == 1, 1.0, -1.0) + 0.8 * rng.standard_normal((n, 2))
    return X, np.eye(2)[y], rng.permutation(n)


def _perceptron_case():
    X, Y, order = _two_blobs(10, 50)
    x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
    labels = tf.placeholder(tf.float64, shape=(None, 2), name="labels")
    W = tf.Variable(np.array([[0.3, -0.2], [-0.4, 0.1]]), name="W")
    b = tf.Variable(np.zeros(2), name="b")
    logits = tf.matmul(x, W) + b
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    return {
        "x": x,
        "labels": labels,
        "loss": loss,
        "train_op": train_op,
        "X": X,
        "Y": Y,
        "batch_size": 4,
        "order": order,
    }


def _mlp_case():
    X, Y, order = _two_blobs(9, 51)
    x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
    labels = tf.placeholder(tf.float64, shape=(None, 2), name="labels")
    W1 = tf.Variable(np.array([[0.5, -0.7], [0.8, 0.2]]), name="W1")
    b1 = tf.Variable(np.array([0.1, -0.1]), name="b1")
    W2 = tf.Variable(np.array([[1.0, -1.0], [-0.5, 0.6]]), name="W2")
    b2 = tf.Variable(np.zeros(2), name="b2")
    logits = tf.matmul(tf.sigmoid(tf.matmul(x, W1) + b1), W2) + b2
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    train_op = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
    return {
        "x": x,
        "labels": labels,
        "loss": loss,
        "train_op": train_op,
        "X": X,
        "Y": Y,
        "batch_size": 3,
        "order": order,
    }


train_epoch_exercise = TrainEpochExercise(
    "05-train-epoch",
    "One epoch of mini-batch training",
    cases={"a perceptron, 10 points in batches of 4": _perceptron_case, "a 2-2-2 network, 9 points in 3s": _mlp_case},
    hints=[
        "Walk through the shuffled row numbers batch_size at a time: for start in range(0, len(order), batch_size): "
        "rows = order[start:start + batch_size].",
        "Feed just those rows, and run the train op and the loss together: "
        "_, value = sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]}).",
        "Collect the values in a list and return it; the last batch may be smaller than batch_size.",
    ],
)


@train_epoch_exercise.reference
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        _, value = sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses


@train_epoch_exercise.mistake(
    "you took the rows in the order they are stored (X[start:start + batch_size]) instead of the shuffled order: "
    "rows = order[start:start + batch_size], then feed X[rows] and Y[rows]."
)
def _epoch_ignores_order(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    losses = []
    for start in range(0, len(X), batch_size):
        _, value = sess.run([train_op, loss], {x: X[start : start + batch_size], labels: Y[start : start + batch_size]})
        losses.append(value)
    return losses


@train_epoch_exercise.mistake(
    "the last, smaller batch is missing: when the number of points is not a multiple of batch_size, "
    "range(0, n, batch_size) still visits the rest; every point is used once per epoch."
)
def _epoch_drops_last(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    losses = []
    for start in range(0, len(order) - batch_size + 1, batch_size):
        rows = order[start : start + batch_size]
        _, value = sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses


@train_epoch_exercise.mistake(
    "every run was fed the whole data set, so each step is a full-batch step: feed only the batch's rows, "
    "X[rows] and Y[rows]."
)
def _epoch_full_batch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    losses = []
    for _ in range(0, len(order), batch_size):
        _, value = sess.run([train_op, loss], {x: X, labels: Y})
        losses.append(value)
    return losses


@train_epoch_exercise.mistake(
    "the weights never changed: running the loss alone only evaluates it. Run the train op in the same call, "
    "sess.run([train_op, loss], feed_dict=...), which updates the weights."
)
def _epoch_no_train(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        losses.append(sess.run(loss, {x: X[rows], labels: Y[rows]}))
    return losses


@train_epoch_exercise.mistake(
    "each value is the loss after its step, from a second sess.run: fetch the loss in the same run as the train "
    "op, _, value = sess.run([train_op, loss], ...). That is the loss of the batch before the update, and it "
    "costs no extra forward pass."
)
def _epoch_loss_after(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        sess.run(train_op, {x: X[rows], labels: Y[rows]})
        losses.append(sess.run(loss, {x: X[rows], labels: Y[rows]}))
    return losses


# --- 05-decision-map ----------------------------------------------------------------------------


class DecisionMapExercise(Exercise):
    """The answer is `decision_map(predict, xs, ys) -> array (len(ys), len(xs))`, where entry [i, j] is
    predict's value at the point (xs[j], ys[i]). The answer's `predict` counts its calls: the whole
    grid must go through it in one batched call."""

    kind = "decision map"

    def run(self, answer, case):
        function, xs, ys = case
        calls = []

        def predict(points):
            points = np.asarray(points, dtype=np.float64)
            if points.ndim != 2 or points.shape[1] != 2:
                raise ValueError(f"predict takes points as rows, an array of shape (n, 2); it got shape {points.shape}")
            calls.append(len(points))
            return function(points)

        grid = answer(predict, xs.copy(), ys.copy())
        return {"map": grid, "calls to predict": len(calls)}

    def where_text(self, where):
        return {"'map'": "the map", "'calls to predict'": "the number of calls to predict"}.get(where, where)


def _slanted(points):
    return 0.5 * (1 + np.tanh(1.5 * points[:, 0] - points[:, 1] ** 2 + 0.3))


def _ring(points):
    return np.exp(-(points[:, 0] ** 2) - 2 * (points[:, 1] - 0.5) ** 2)


decision_map_exercise = DecisionMapExercise(
    "05-decision-map",
    "A decision map in one batched run",
    cases={
        "5 x-values, 4 y-values": (_slanted, np.linspace(-2.0, 2.0, 5), np.linspace(-1.0, 1.0, 4)),
        "a square 6 × 6 grid": (_ring, np.linspace(-1.5, 1.5, 6), np.linspace(-1.0, 2.0, 6)),
    },
    hints=[
        "np.meshgrid(xs, ys) gives two arrays of shape (len(ys), len(xs)): gx[i, j] = xs[j] and gy[i, j] = ys[i].",
        "Stack the grid into one batch of points: np.column_stack([gx.ravel(), gy.ravel()]) has shape (n, 2).",
        "Call predict once on that batch, then reshape its values back to gx.shape.",
    ],
)


@decision_map_exercise.reference
def decision_map(predict, xs, ys):
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    return predict(points).reshape(gx.shape)


@decision_map_exercise.mistake(
    "you called predict once per grid point. Each call is a whole run of the graph (the Python overhead of a "
    "session run, thousands of times); stack every grid point into one (n, 2) batch and call predict once."
)
def _map_per_point(predict, xs, ys):
    grid = np.empty((len(ys), len(xs)))
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            grid[i, j] = predict(np.array([[x, y]]))[0]
    return grid


@decision_map_exercise.mistake(
    "the map is transposed: row i must belong to ys[i] and column j to xs[j] (that is how imshow and contourf "
    "read it). np.meshgrid(xs, ys) does this; meshgrid(..., indexing='ij') or swapping xs and ys does not."
)
def _map_transposed(predict, xs, ys):
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    points = np.column_stack([gx.ravel(), gy.ravel()])
    return predict(points).reshape(gx.shape)


@decision_map_exercise.mistake(
    "the values are right but they are still one long vector: reshape them to the grid's shape, (len(ys), len(xs))."
)
def _map_flat(predict, xs, ys):
    gx, gy = np.meshgrid(xs, ys)
    return predict(np.column_stack([gx.ravel(), gy.ravel()]))
