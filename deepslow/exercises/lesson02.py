"""Lesson 2 (perceptrons): exercises and the mistakes learners make in them."""

import numpy as np

import deepslow as tf

from .kinds import FunctionExercise, GraphExercise

_rng = np.random.default_rng(2)

# --- 02-softmax: softmax of a batch of logits, in NumPy ----------------------------------------

softmax_exercise = FunctionExercise(
    "02-softmax",
    "Softmax of a batch of logits (NumPy)",
    cases={
        "a batch of 3 rows, 4 classes": (_rng.normal(size=(3, 4)),),
        "a square batch 3×3": (_rng.normal(size=(3, 3)),),
        "large logits (1000 and more)": (np.array([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]]),),
    },
    hints=[
        "softmax(z)[i, k] = exp(z[i, k]) / Σ_j exp(z[i, j]): each row is normalised on its own.",
        "Sum over the classes, axis=1 (or -1), with keepdims=True so the division broadcasts row by row.",
        "exp(1000) overflows to inf. Subtracting each row's maximum first changes nothing mathematically.",
    ],
)


@softmax_exercise.reference
def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@softmax_exercise.mistake(
    "you normalised over the wrong axis: axis=0 sums down the columns (over the examples); softmax sums each row, "
    "over the classes (axis=1)."
)
def _softmax_axis0(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@softmax_exercise.mistake(
    "the row sums lost their axis: without keepdims=True, e.sum(axis=1) has shape (n,) and divides the columns "
    "instead of the rows."
)
def _softmax_no_keepdims(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1)


@softmax_exercise.mistake(
    "exp overflows for large logits (exp(1000) is inf, and inf/inf is NaN): subtract each row's max before exp."
)
def _softmax_unstable(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# --- 02-affine: the perceptron's affine map as a graph -----------------------------------------

affine_exercise = GraphExercise(
    "02-affine",
    "The affine map x·W + b as graph nodes",
    inputs=["x", "W", "b"],
    cases={
        "2 points, 2 → 3": (_rng.normal(size=(2, 2)), _rng.normal(size=(2, 3)), _rng.normal(size=3)),
        "4 points, 2 → 2": (_rng.normal(size=(4, 2)), _rng.normal(size=(2, 2)), _rng.normal(size=2)),
    },
    hints=[
        "Each row of x is one point; x has shape (n, 2) and W has shape (2, k).",
        "deepslow.matmul(x, W) has shape (n, k); then add b, which broadcasts over the rows.",
    ],
)


@affine_exercise.reference
def affine(x, W, b):
    return tf.matmul(x, W) + b


@affine_exercise.mistake(
    "you forgot the bias: the affine map is x·W + b, and without b every boundary passes through the origin."
)
def _affine_no_bias(x, W, b):
    return tf.matmul(x, W)


@affine_exercise.mistake(
    "the operands are in the wrong order: points are rows, so it is matmul(x, W), not matmul(W, x)."
)
def _affine_swapped(x, W, b):
    return tf.matmul(W, x) + b


@affine_exercise.mistake(
    "x * W multiplies element by element; the affine map needs the matrix product tf.matmul(x, W) (or x @ W)."
)
def _affine_elementwise(x, W, b):
    return x * W + b


# --- 02-sigmoid: the logistic function, in NumPy -------------------------------------------------

_rng_sigmoid = np.random.default_rng(21)

sigmoid_exercise = FunctionExercise(
    "02-sigmoid",
    "The sigmoid σ(s) = 1 / (1 + e^(−s)) (NumPy)",
    cases={
        "five scores from -4 to 4": (np.linspace(-4.0, 4.0, 5),),
        "a batch 2×3": (_rng_sigmoid.normal(size=(2, 3)),),
        "very large scores (±1000)": (np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0]),),
    },
    hints=[
        "np.exp works element by element on a whole array, so no loop is needed.",
        "σ(0) must be 0.5, and σ(s) must be close to 1 for a large positive score s.",
        "Write the denominator in parentheses: 1 / (1 + np.exp(-s)).",
    ],
)


@sigmoid_exercise.reference
def sigmoid(s):
    return 1 / (1 + np.exp(-s))


@sigmoid_exercise.mistake(
    "the exponent has the wrong sign: 1 / (1 + e^s) is σ(−s), which gives a large score a probability near 0. "
    "Use e^(−s): 1 / (1 + np.exp(-s))."
)
def _sigmoid_sign(s):
    return 1 / (1 + np.exp(s))


@sigmoid_exercise.mistake(
    "operator precedence: 1 / 1 + np.exp(-s) means (1 / 1) + e^(−s). Put the denominator in parentheses: "
    "1 / (1 + np.exp(-s))."
)
def _sigmoid_precedence(s):
    return 1 / 1 + np.exp(-s)


@sigmoid_exercise.mistake(
    "e^s / (1 + e^s) equals σ(s) on paper, but for s = 1000, e^s overflows to inf and inf / inf is NaN. "
    "The form 1 / (1 + e^(−s)) never divides inf by inf."
)
def _sigmoid_overflow(s):
    return np.exp(s) / (1 + np.exp(s))


# --- 02-probabilities: a batch of class probabilities as a graph --------------------------------

_rng_probabilities = np.random.default_rng(22)

probabilities_exercise = GraphExercise(
    "02-probabilities",
    "Class probabilities softmax(x·W + b) for a batch, as graph nodes",
    inputs=["x", "W", "b"],
    cases={
        "5 points, 2 classes": (
            _rng_probabilities.normal(size=(5, 2)),
            _rng_probabilities.normal(size=(2, 2)),
            _rng_probabilities.normal(size=2),
        ),
        "4 points, 3 classes": (
            _rng_probabilities.normal(size=(4, 2)),
            _rng_probabilities.normal(size=(2, 3)),
            _rng_probabilities.normal(size=3),
        ),
    },
    hints=[
        "First the scores, one row per point and one column per class: tf.matmul(x, W) + b.",
        "Then tf.nn.softmax of the scores. Each row of the result must sum to 1.",
    ],
)


@probabilities_exercise.reference
def probabilities(x, W, b):
    return tf.nn.softmax(tf.matmul(x, W) + b)


@probabilities_exercise.mistake(
    "softmax along axis 0 normalises each column, over the points: each point's probabilities must sum to 1, "
    "so normalise each row, over the classes (the default axis=-1)."
)
def _probabilities_axis0(x, W, b):
    return tf.nn.softmax(tf.matmul(x, W) + b, axis=0)


@probabilities_exercise.mistake(
    "sigmoid squashes each score on its own, so a row does not sum to 1. With one score per class, softmax "
    "turns the whole row into probabilities."
)
def _probabilities_sigmoid(x, W, b):
    return tf.sigmoid(tf.matmul(x, W) + b)


@probabilities_exercise.mistake("you forgot the bias: the scores are x·W + b, then softmax.")
def _probabilities_no_bias(x, W, b):
    return tf.nn.softmax(tf.matmul(x, W))


@probabilities_exercise.mistake(
    "the bias is added after the softmax: b belongs to the scores, softmax(x·W + b); added afterwards, the rows "
    "no longer sum to 1."
)
def _probabilities_bias_after(x, W, b):
    return tf.nn.softmax(tf.matmul(x, W)) + b
