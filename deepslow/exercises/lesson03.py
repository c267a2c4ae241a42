"""Lesson 3 (training criterion): exercises and the mistakes learners make in them."""

import numpy as np

from .kinds import FunctionExercise

_rng = np.random.default_rng(3)


def _probabilities(n, k):
    p = _rng.uniform(0.05, 1.0, size=(n, k))
    return p / p.sum(axis=1, keepdims=True)


def _one_hot(n, k):
    return np.eye(k)[_rng.integers(0, k, size=n)]


cross_entropy_exercise = FunctionExercise(
    "03-cross-entropy",
    "Mean cross-entropy of predicted probabilities (NumPy)",
    cases={
        "4 examples, 3 classes": (_probabilities(4, 3), _one_hot(4, 3)),
        "5 examples, 2 classes": (_probabilities(5, 2), _one_hot(5, 2)),
    },
    hints=[
        "For one example, the loss is −Σ_k y[k]·log p[k]: minus the log of the probability of the true class.",
        "Sum over the classes (axis=1), then average over the examples.",
    ],
)


@cross_entropy_exercise.reference
def cross_entropy(p, y):
    return -np.mean(np.sum(y * np.log(p), axis=1))


@cross_entropy_exercise.mistake(
    "the sign is wrong: log p ≤ 0, so the loss needs a minus to be positive (it is a negative log-likelihood)."
)
def _cross_entropy_sign(p, y):
    return np.mean(np.sum(y * np.log(p), axis=1))


@cross_entropy_exercise.mistake(
    "np.mean over every entry also divides by the number of classes: sum over the classes (axis=1) first, then "
    "average over the examples."
)
def _cross_entropy_mean_all(p, y):
    return -np.mean(y * np.log(p))


@cross_entropy_exercise.mistake(
    "you summed over the examples (axis=0) and then averaged over the classes: swap the axes."
)
def _cross_entropy_axis0(p, y):
    return -np.mean(np.sum(y * np.log(p), axis=0))


# --- 03-error-rate: the fraction of misclassified examples ---------------------------------------

import deepslow as tf  # noqa: E402 - the graph exercises below build nodes

from .kinds import GraphExercise  # noqa: E402

_rng_more = np.random.default_rng(31)


def _probabilities_of(labels, k, right):
    """Probabilities for `labels` whose argmax is the true class exactly where `right` is True."""
    n = len(labels)
    p = _rng_more.uniform(0.05, 1.0, size=(n, k))
    for i in range(n):
        winner = labels[i] if right[i] else (labels[i] + 1 + _rng_more.integers(0, k - 1)) % k
        p[i, winner] = p[i].max() + 0.5
    return p / p.sum(axis=1, keepdims=True)


_labels_a = np.array([0, 2, 1, 1, 0, 2])
_labels_b = np.array([1, 0, 0, 1, 1])

error_rate_exercise = FunctionExercise(
    "03-error-rate",
    "The error rate: the fraction of misclassified examples (NumPy)",
    cases={
        "6 examples, 3 classes, 2 wrong": (
            _probabilities_of(_labels_a, 3, [True, False, True, True, False, True]),
            _labels_a,
        ),
        "5 examples, 2 classes, 1 wrong": (_probabilities_of(_labels_b, 2, [True, True, False, True, True]), _labels_b),
    },
    hints=[
        "The predicted class of example i is the column with the largest probability in row i: np.argmax(p, axis=1).",
        "Compare the predictions with y (an array of True/False), then take the mean: True counts as 1.",
    ],
)


@error_rate_exercise.reference
def error_rate(p, y):
    return np.mean(np.argmax(p, axis=1) != y)


@error_rate_exercise.mistake(
    "that is the accuracy, the fraction of examples classified right; the error rate is the fraction classified "
    "wrong (1 − accuracy): compare with != instead of ==."
)
def _error_rate_accuracy(p, y):
    return np.mean(np.argmax(p, axis=1) == y)


@error_rate_exercise.mistake(
    "you counted the mistakes; the rate divides the count by the number of examples (np.mean does both)."
)
def _error_rate_count(p, y):
    return np.sum(np.argmax(p, axis=1) != y)


@error_rate_exercise.mistake(
    "np.argmax(p, axis=0) looks down each column (over the examples); the predicted class of an example is the "
    "largest entry of its row: np.argmax(p, axis=1)."
)
def _error_rate_axis0(p, y):
    return np.mean(np.argmax(p, axis=0) != y)


# --- 03-nll-graph: the negative log-likelihood from log, multiply, reduce_sum, negative -----------

nll_graph_exercise = GraphExercise(
    "03-nll-graph",
    "The negative log-likelihood J = −Σᵢ Σₖ cᵢₖ log pᵢₖ as graph nodes",
    inputs=["p", "c"],
    cases={
        "4 examples, 3 classes": (_probabilities(4, 3), _one_hot(4, 3)),
        "5 examples, 2 classes": (_probabilities(5, 2), _one_hot(5, 2)),
    },
    hints=[
        "Read the formula from the inside out: tf.log(p), then tf.multiply(c, ...), then tf.reduce_sum(...), "
        "then tf.negative(...).",
        "J is one number: tf.reduce_sum with no axis adds up every entry, over the examples and the classes.",
    ],
)


@nll_graph_exercise.reference
def negative_log_likelihood(p, c):
    return tf.negative(tf.reduce_sum(tf.multiply(c, tf.log(p))))


@nll_graph_exercise.mistake(
    "the minus is missing: log p ≤ 0, so Σ c·log p is the log-likelihood (≤ 0, to be maximised). Its negative "
    "is the loss to minimise: wrap the sum in tf.negative."
)
def _nll_no_negative(p, c):
    return tf.reduce_sum(tf.multiply(c, tf.log(p)))


@nll_graph_exercise.mistake(
    "you summed over the classes only (axis=1), which leaves one number per example. J adds those up too: "
    "tf.reduce_sum with no axis sums everything."
)
def _nll_rows_only(p, c):
    return tf.negative(tf.reduce_sum(tf.multiply(c, tf.log(p)), axis=1))


@nll_graph_exercise.mistake(
    "the log is on the labels: log c is −inf wherever c is 0. The log belongs on the predicted probabilities: "
    "c · log p."
)
def _nll_log_of_labels(p, c):
    return tf.negative(tf.reduce_sum(tf.multiply(p, tf.log(c))))


@nll_graph_exercise.mistake(
    "tf.reduce_mean divides by the number of entries, n·k (examples times classes). This J is the sum, as the "
    "likelihood gives it: tf.reduce_sum."
)
def _nll_mean(p, c):
    return tf.negative(tf.reduce_mean(tf.multiply(c, tf.log(p))))


# --- 03-log-softmax: log(softmax(z)) without overflow or log(0) --------------------------------------

log_softmax_exercise = FunctionExercise(
    "03-log-softmax",
    "A stable log-softmax for a batch of scores (NumPy)",
    cases={
        "3 rows, 4 classes": (_rng_more.normal(size=(3, 4)),),
        "large scores (1000 and more)": (np.array([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]]),),
        "a gap of 800 between two scores": (np.array([[0.0, 800.0], [-400.0, 400.0]]),),
    },
    hints=[
        "log softmax(z)ₖ = zₖ − log Σⱼ e^(zⱼ). The danger is in e^(zⱼ): it overflows for zⱼ around 710.",
        "Let m be the largest score of the row: log Σⱼ e^(zⱼ) = m + log Σⱼ e^(zⱼ − m). Every exponent is then ≤ 0, "
        "and the sum is at least 1 (the term for the max is e⁰), so its log is finite.",
        "Row by row: m = z.max(axis=1, keepdims=True), and sum with axis=1, keepdims=True, so shapes broadcast.",
    ],
)


@log_softmax_exercise.reference
def log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


@log_softmax_exercise.mistake(
    "log(softmax(z)) computes the probability first: e^(−800) underflows to 0, and log 0 is −inf. Stay in logs: "
    "z − m − log Σ e^(z − m), where m is the row's maximum."
)
def _log_softmax_naive(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.log(e / e.sum(axis=1, keepdims=True))


@log_softmax_exercise.mistake(
    "without subtracting the row's maximum, e^1000 overflows to inf and the log-sum is inf: subtract "
    "m = z.max(axis=1, keepdims=True) inside the exponent."
)
def _log_softmax_no_shift(z):
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


@log_softmax_exercise.mistake(
    "the shift is only half done: if the exponent uses z − m, then log Σ e^z = m + log Σ e^(z − m). "
    "Subtract m from z as well: (z − m) − log Σ e^(z − m)."
)
def _log_softmax_half_shift(z):
    m = z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


@log_softmax_exercise.mistake(
    "the row sums lost their axis: without keepdims=True the sum has shape (n,), which does not line up with the "
    "rows of z. Use keepdims=True in max and sum."
)
def _log_softmax_no_keepdims(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1))


# --- 03-fused-loss: the mean cross-entropy with the fused, stable op ----------------------------------

fused_loss_exercise = GraphExercise(
    "03-fused-loss",
    "The mean cross-entropy from scores with tf.nn.softmax_cross_entropy_with_logits_v2",
    inputs=["scores", "c"],
    cases={
        "4 examples, 3 classes": (_rng_more.normal(size=(4, 3)), _one_hot(4, 3)),
        "confident scores (gaps of 1000)": (
            np.array([[1000.0, 0.0], [0.0, 1000.0], [-500.0, 500.0]]),
            np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]),
        ),
    },
    hints=[
        "The fused op takes the raw scores (the logits), not probabilities, and the one-hot labels, by keyword: "
        "tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores).",
        "It returns one loss per example; tf.reduce_mean averages them into one number.",
    ],
)


@fused_loss_exercise.reference
def mean_cross_entropy(scores, c):
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores))


@fused_loss_exercise.mistake(
    "you passed probabilities as logits: the fused op applies softmax itself, so softmax is applied twice. "
    "Give it the raw scores: logits=scores."
)
def _fused_double_softmax(scores, c):
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=tf.nn.softmax(scores)))


@fused_loss_exercise.mistake(
    "labels and logits are swapped: labels are the one-hot rows c, logits the scores. Pass both by keyword, "
    "labels=c, logits=scores, and the order cannot go wrong."
)
def _fused_swapped(scores, c):
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=scores, logits=c))


@fused_loss_exercise.mistake(
    "tf.reduce_sum adds the per-example losses; the mean divides by the number of examples: tf.reduce_mean."
)
def _fused_sum(scores, c):
    return tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores))


@fused_loss_exercise.mistake(
    "this is the naive formula, −Σ c·log(softmax(scores)): with confident scores a probability underflows to 0 "
    "and log 0 = −inf gives inf or NaN. The fused op computes the same loss without ever taking log 0."
)
def _fused_naive(scores, c):
    return tf.reduce_mean(tf.negative(tf.reduce_sum(c * tf.log(tf.nn.softmax(scores)), axis=1)))
