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
