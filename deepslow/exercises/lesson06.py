"""Lesson 6 (real frameworks): exercises and the mistakes learners make in them.

None of them needs TensorFlow or PyTorch: they are the pieces a learner must understand to make
two frameworks agree.

06-tape-gradients   autodiff by tracing: walk a recorded tape backwards (as tf.GradientTape does)
06-torch-layout     the same Dense layer in PyTorch's weight layout
06-adam-torch       Adam as PyTorch writes it (it differs from TensorFlow 1 in where ε goes)
"""

import numpy as np

from .core import Exercise
from .kinds import FunctionExercise

_rng = np.random.default_rng(6)

# --- 06-tape-gradients --------------------------------------------------------------------------
#
# A tape is a list of records (output, inputs, vjp), one per op, in the order the ops ran.
# `vjp(g)` takes the gradient of the final result with respect to `output` and returns one
# gradient per input. The small tracer below makes tapes for the cases; the notebook builds
# its own tracer with the same record format.


class _Tensor:
    def __init__(self, data, name):
        self.data = np.asarray(data, dtype=np.float64)
        self.name = name

    def __repr__(self):
        return f"<tensor {self.name}>"


def _record(tape, name, data, inputs, vjp):
    out = _Tensor(data, name)
    tape.append((out, list(inputs), vjp))
    return out


def _mul(tape, a, b, name):
    return _record(tape, name, a.data * b.data, [a, b], lambda g: [g * b.data, g * a.data])


def _add(tape, a, b, name):
    return _record(tape, name, a.data + b.data, [a, b], lambda g: [g, g])


def _sigmoid(tape, a, name):
    s = 0.5 * (1 + np.tanh(0.5 * a.data))
    return _record(tape, name, s, [a], lambda g: [g * s * (1 - s)])


def _sum(tape, a, name):
    return _record(tape, name, a.data.sum(), [a], lambda g: [g * np.ones_like(a.data)])


def _chain_tape():
    tape = []
    x, w = _Tensor([0.5, -1.0, 2.0], "x"), _Tensor([1.5, 0.3, -0.4], "w")
    z = _mul(tape, x, w, "z")
    p = _sigmoid(tape, z, "p")
    loss = _sum(tape, p, "loss")
    return tape, loss, [loss, p, z, x, w]


def _shared_tape():
    tape = []
    x = _Tensor([-1.0, 0.5, 2.0], "x")
    h = _sigmoid(tape, x, "h")
    s = _mul(tape, h, h, "s")
    t = _add(tape, h, s, "t")  # add hands the very same gradient array to h and to s
    loss = _sum(tape, t, "loss")
    return tape, loss, [loss, t, s, h, x]


def _loop_tape():
    tape = []
    x, w = _Tensor([0.2, -0.6], "x"), _Tensor([0.9, 1.1], "w")
    y = x
    for k in range(3):  # Python control flow: the tape simply holds three rounds of ops
        y = _add(tape, _mul(tape, y, w, f"yw{k}"), x, f"y{k}")
    unused = _sigmoid(tape, w, "unused")  # recorded, but the result does not depend on it
    loss = _sum(tape, y, "loss")
    del unused
    return tape, loss, [loss, y, x, w]


class TapeExercise(Exercise):
    """The answer is `tape_gradients(tape, output) -> {tensor: gradient}`. Each case records a small
    computation on a fresh tape; the answer's gradients are reported by tensor name, from the output
    backwards, so the report names the first tensor whose gradient is wrong."""

    kind = "tape"

    def run(self, answer, build):
        tape, output, named = build()
        grads = answer(list(tape), output)
        if type(grads) is not dict:
            return grads
        return {tensor.name: grads.get(tensor) for tensor in named}

    def where_text(self, where):
        if where.startswith("'"):
            return f"the gradient of {where} (the first wrong one, walking back from the output)"
        return where

    def judge(self, got, expected=None):
        """As for any exercise; only a missing entry is worded as such (not as a forgotten `return`)."""
        outcome = super().judge(got, expected)
        diff = outcome.difference
        if diff is not None and diff.where and diff.got and diff.got.startswith("None"):
            diff.reason = diff.reason.replace("got None (did you forget `return`?)", "your dict has no entry for it")
            diff.got = "no entry"
        return outcome


tape_exercise = TapeExercise(
    "06-tape-gradients",
    "Autodiff by tracing: walk the tape backwards",
    cases={
        "a chain x·w → sigmoid → sum": _chain_tape,
        "a tensor used three times": _shared_tape,
        "a Python loop, and an op the output does not need": _loop_tape,
    },
    hints=[
        "The tape lists the ops in the order they ran, which is already a topological order. So no sorting: "
        "walk it from the end, for out, inputs, vjp in reversed(tape).",
        "Start with {output: 1.0}. Skip a record whose output has no gradient yet (the result does not depend "
        "on it); otherwise call vjp(grads[out]) and hand each input its share.",
        "A tensor used twice gets two shares: add them. Write grads[x] = grads[x] + g, not grads[x] += g: the "
        "+= changes the array in place, and add's vjp hands the same array to both of its inputs.",
    ],
)


@tape_exercise.reference
def tape_gradients(tape, output):
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads


@tape_exercise.mistake(
    "you walked the tape from its start. When an op is visited, the ops that used its result later have not "
    "passed their gradient back yet. Walk it backwards: for out, inputs, vjp in reversed(tape)."
)
def _tape_forward(tape, output):
    grads = {output: 1.0}
    for out, inputs, vjp in tape:
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads


@tape_exercise.mistake(
    "a tensor used twice keeps only its last share: you replaced its gradient (=) instead of adding to it. "
    "Its gradient is the sum of the shares from every op that used it."
)
def _tape_overwrite(tape, output):
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = g
    return grads


@tape_exercise.mistake(
    "`+=` on a NumPy array changes that array in place. add's vjp hands the same array to both inputs, so "
    "adding to one tensor's gradient silently changed another's too. Write grads[x] = grads[x] + g, which "
    "makes a new array."
)
def _tape_in_place(tape, output):
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            if tensor in grads:
                grads[tensor] += g
            else:
                grads[tensor] = g
    return grads


@tape_exercise.mistake(
    "the tape also holds ops the output does not depend on (here: 'unused'); they never receive a gradient, "
    "so grads[out] fails for them. Skip a record whose output is not in grads yet."
)
def _tape_no_skip(tape, output):
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads


# --- 06-torch-layout ----------------------------------------------------------------------------

layout_exercise = FunctionExercise(
    "06-torch-layout",
    "A dense layer's weights in PyTorch's layout",
    cases={
        "2 inputs → 3 outputs": (_rng.normal(size=(2, 3)), _rng.normal(size=3)),
        "3 inputs → 3 outputs (square)": (_rng.normal(size=(3, 3)), _rng.normal(size=3)),
    },
    hints=[
        "deepslow (and TF, Keras) compute x @ W + b with W of shape (inputs, outputs). torch.nn.Linear computes "
        "x @ weight.T + bias, with weight of shape (outputs, inputs).",
        "So weight is W transposed; the bias is the same vector.",
    ],
)


@layout_exercise.reference
def torch_linear_params(W, b):
    return [W.T, b]


@layout_exercise.mistake(
    "you kept W as it is: torch.nn.Linear stores weight with one row per output, shape (outputs, inputs), "
    "and computes x @ weight.T. So weight = W.T."
)
def _layout_no_transpose(W, b):
    return [W, b]


@layout_exercise.mistake(
    "reshape is not a transpose: W.reshape(out, in) has the right shape but keeps the numbers in their old "
    "order, so they land in the wrong places. Use W.T, which swaps rows and columns."
)
def _layout_reshape(W, b):
    return [W.reshape(W.shape[1], W.shape[0]), b]


# --- 06-adam-torch ------------------------------------------------------------------------------

adam_exercise = FunctionExercise(
    "06-adam-torch",
    "One Adam step, written as PyTorch does",
    cases={
        "the first step (t = 1)": (
            _rng.normal(size=3),
            _rng.normal(size=3),
            np.zeros(3),
            np.zeros(3),
            1,
            0.01,
            0.9,
            0.999,
            1e-8,
        ),
        "step 5 with a large ε": (
            _rng.normal(size=(2, 2)),
            _rng.normal(size=(2, 2)),
            0.1 * _rng.normal(size=(2, 2)),
            0.05 * _rng.uniform(size=(2, 2)),
            5,
            0.1,
            0.9,
            0.999,
            0.1,
        ),
    },
    rtol=1e-7,
    atol=1e-10,
    hints=[
        "First the two running averages: m = β₁·m + (1 − β₁)·g and v = β₂·v + (1 − β₂)·g².",
        "Then PyTorch corrects each one for starting at zero: m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ).",
        "The step is w − lr · m̂ / (√v̂ + ε). Return [w, m, v] with the new m and v (not m̂, v̂).",
    ],
)


@adam_exercise.reference
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return [w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v]


@adam_exercise.mistake(
    "this is TensorFlow 1's form, lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε). It equals PyTorch's except for ε, "
    "which TF adds to √v and PyTorch to √v̂ = √v / √(1 − β₂ᵗ). Divide m and v by their corrections first, "
    "then add ε."
)
def _adam_tf_form(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    step = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return [w - step * m / (np.sqrt(v) + eps), m, v]


@adam_exercise.mistake(
    "you left out the bias correction: m and v start at zero, so early on they are too small. Divide by "
    "(1 − β₁ᵗ) and (1 − β₂ᵗ): m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)."
)
def _adam_no_correction(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return [w - lr * m / (np.sqrt(v) + eps), m, v]


@adam_exercise.mistake("ε belongs outside the square root: the step divides by √v̂ + ε, not by √(v̂ + ε).")
def _adam_eps_inside(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return [w - lr * m_hat / np.sqrt(v_hat + eps), m, v]


@adam_exercise.mistake(
    "return the running averages m and v themselves, not the corrected m̂ and v̂: the next step updates m and "
    "v, and corrects them again with its own t."
)
def _adam_returns_hats(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return [w - lr * m_hat / (np.sqrt(v_hat) + eps), m_hat, v_hat]
