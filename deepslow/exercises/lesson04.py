"""Lesson 4 (gradient descent and backpropagation): exercises and the mistakes learners make."""

import numpy as np

import deepslow as tf
from deepslow.registry import OpValues, get_gradient

from .kinds import BackwardPassExercise, FunctionExercise, GradientExercise

_rng = np.random.default_rng(4)

# --- 04-sigmoid-grad ------------------------------------------------------------------------

sigmoid_grad_exercise = GradientExercise(
    "04-sigmoid-grad",
    "The gradient of sigmoid",
    op=tf.sigmoid,
    cases={
        "five values from -2 to 2": (np.linspace(-2.0, 2.0, 5),),
        "a batch 2×3": (_rng.normal(size=(2, 3)),),
    },
    hints=[
        "σ'(a) = σ(a)·(1 − σ(a)). You do not need to compute σ again: it is the op's output, op.output.",
        "Multiply by the incoming gradient `grad` (the chain rule), and return a list: one gradient per input.",
    ],
)


@sigmoid_grad_exercise.reference
def sigmoid_grad(op, grad):
    s = op.output
    return [grad * s * (1 - s)]


@sigmoid_grad_exercise.mistake(
    "σ(1 − a) instead of σ(1 − σ): the derivative is σ(a)·(1 − σ(a)); use op.output in both places, not the input a."
)
def _sigmoid_grad_input_in_second(op, grad):
    (a,) = op.inputs
    return [grad * op.output * (1 - a)]


@sigmoid_grad_exercise.mistake(
    "you used the input a where σ(a) belongs: a·(1 − a) is not the derivative; σ(a) is op.output."
)
def _sigmoid_grad_input(op, grad):
    (a,) = op.inputs
    return [grad * a * (1 - a)]


@sigmoid_grad_exercise.mistake(
    "you forgot to multiply by the incoming gradient `grad` (the chain rule): return [grad * σ'(a)]."
)
def _sigmoid_grad_no_chain(op, grad):
    s = op.output
    return [s * (1 - s)]


# --- 04-matmul-grad -------------------------------------------------------------------------

matmul_grad_exercise = GradientExercise(
    "04-matmul-grad",
    "The gradients of C = A @ B",
    op=tf.matmul,
    cases={
        "A 2×3, B 3×4": (_rng.normal(size=(2, 3)), _rng.normal(size=(3, 4))),
        "square A 3×3, B 3×3": (_rng.normal(size=(3, 3)), _rng.normal(size=(3, 3))),
    },
    hints=[
        "A gradient has the shape of what it is the gradient of: dA is (m, n) like A, dB is (n, k) like B.",
        "grad has the shape of C, (m, k). Which products of grad, A and B (transposed or not) give (m, n) and (n, k)?",
        "dA = grad @ B.T and dB = A.T @ grad.",
    ],
)


@matmul_grad_exercise.reference
def matmul_grad(op, grad):
    a, b = op.inputs
    return [grad @ b.T, a.T @ grad]


@matmul_grad_exercise.mistake(
    "a missing transpose: dA = grad @ B.T and dB = A.T @ grad. Without the .T the shapes only fit when the matrices "
    "are square, and the values are wrong even then."
)
def _matmul_grad_no_transpose(op, grad):
    a, b = op.inputs
    return [grad @ b, a @ grad]


@matmul_grad_exercise.mistake(
    "the factors are in the wrong order: dA = grad @ B.T (grad on the left) and dB = A.T @ grad (grad on the right)."
)
def _matmul_grad_order(op, grad):
    a, b = op.inputs
    return [
        b.T @ grad if b.shape[0] == b.shape[1] else grad @ b.T,
        grad @ a.T if a.shape[0] == a.shape[1] else a.T @ grad,
    ]


# --- 04-backward-pass -------------------------------------------------------------------------


def _shared_graph():
    x = tf.placeholder(tf.float64, shape=(3,), name="x")
    h = tf.sigmoid(x, name="h")
    loss = tf.reduce_sum(h * h + 2.0 * h, name="loss")  # h feeds two ops: its gradient is a sum
    return loss, {x: np.array([-1.0, 0.5, 2.0])}


def _chain_graph():
    x = tf.placeholder(tf.float64, shape=(2, 2), name="x")
    W = tf.placeholder(tf.float64, shape=(2, 1), name="W")
    loss = tf.reduce_sum(tf.sigmoid(tf.matmul(x, W, name="z"), name="p"), name="loss")
    return loss, {x: np.array([[1.0, 2.0], [-1.0, 0.5]]), W: np.array([[0.3], [-0.2]])}


backward_pass_exercise = BackwardPassExercise(
    "04-backward-pass",
    "Backpropagation: gradients of every node",
    cases={"a node used twice": (_shared_graph), "a chain x → matmul → sigmoid → sum": (_chain_graph)},
    hints=[
        "Start with {loss: ones}. Visit the ops in the order given (reverse topological): when you reach a "
        "node, every op that uses it has already passed its gradient back.",
        "For each op: grad_fn = get_gradient(node); input_grads = grad_fn(OpValues(node, input values, output "
        "value), grads[node]).",
        "A node used by two ops receives a gradient from each: add them (+=), do not overwrite (=).",
    ],
)


@backward_pass_exercise.reference
def backward_pass(order, values, loss):
    grads = {loss: np.ones_like(values[loss])}
    for node in order:
        if node not in grads:
            continue
        grad_fn = get_gradient(node)
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=False):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads


@backward_pass_exercise.mistake(
    "at a node used more than once you overwrote its gradient (=) instead of adding to it (+=): the gradient of a "
    "shared node is the sum over every path to the loss."
)
def _backward_pass_overwrite(order, values, loss):
    grads = {loss: np.ones_like(values[loss])}
    for node in order:
        grad_fn = get_gradient(node) if node in grads else None
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=False):
            if g is not None:
                grads[inp] = g
    return grads


@backward_pass_exercise.mistake(
    "the loss's own gradient must start at 1 (dL/dL = 1): starting from 0 makes every gradient 0."
)
def _backward_pass_zero_seed(order, values, loss):
    grads = {loss: np.zeros_like(values[loss])}
    for node in order:
        grad_fn = get_gradient(node) if node in grads else None
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=False):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads


# --- 04-gd-step -------------------------------------------------------------------------------

gd_step_exercise = FunctionExercise(
    "04-gd-step",
    "One step of gradient descent",
    cases={
        "a vector": (np.array([1.0, -2.0, 0.5]), np.array([0.2, -0.4, 1.0]), 0.1),
        "a matrix, lr 0.5": (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, -1.0], [0.5, 0.0]]), 0.5),
    },
    hints=["The gradient points uphill. To go down, step against it, by lr times the gradient."],
)


@gd_step_exercise.reference
def gd_step(w, grad, lr):
    return w - lr * grad


@gd_step_exercise.mistake(
    "wrong sign: w + lr·grad climbs the loss. Gradient descent steps against the gradient: w − lr·grad."
)
def _gd_step_ascent(w, grad, lr):
    return w + lr * grad


@gd_step_exercise.mistake("you forgot the learning rate: the step is lr·grad, not the whole gradient.")
def _gd_step_no_lr(w, grad, lr):
    return w - grad
